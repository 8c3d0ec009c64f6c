"""Import one saved HTML page as a :class:`ParsedArticle`.

Bytes are decoded with :mod:`tui.ingest.encoding` (BOM, declared charset, then
detection), parsed once with lexbor via selectolax, and handed to
:mod:`html_meta` for metadata and :mod:`html_body` for the article text. Bad
input of any kind ends in :class:`IngestError`, never in another exception.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborDocumentOptions, LexborHTMLParser

from tui.ingest import html_body, html_meta
from tui.ingest.encoding import decode_bytes
from tui.ingest.errors import IngestError
from tui.model import Block, ParsedArticle

_STANDFIRST_MAX = 400
_UTF8_BOM = b"\xef\xbb\xbf"

# HTML tree building is quadratic in nesting depth (each block start tag scans
# the open-element stack), so 100k nested <div>s would take minutes. A few
# sampled windows tell cheaply whether a page opens far more tags than it
# closes; only then is the real depth measured, and only a real bomb is flattened.
_WINDOW = 2048
_WINDOWS = 4
_SUSPECT_DEPTH = 3000
_MAX_DEPTH = 2000
# A tag as the HTML tokenizer reads one: the name runs to a space, "/" or ">", and
# "</" before anything but a letter opens a bogus comment (no tag) up to ">".
_TAG = re.compile(rb"<(/?)([A-Za-z][^\s/>]*)[^>]*>|</[^A-Za-z>][^>]*>")
_VOID = frozenset(b"area base br col embed hr img input link meta param source track wbr".split())
_CONTAINER_TAG = re.compile(
    rb"</?(?!(?:p|br|h[1-6]|li|blockquote|title|meta|link)\b)[A-Za-z][^>]*>"
)
# Formatting elements are the other way to depth: the tree builder keeps each one
# open until its own end tag and reopens it inside every later block, so a page
# that leaves thousands open (<p><b class=n>text</p> ...) builds a tree that deep
# whatever its other end tags do: 2,000 of them took 7 s for 60 KB. They only
# style text, so when a page leaves hundreds open they are dropped, text kept.
_FORMATTING = frozenset(b"b big code em font i s small strike strong tt u".split())
_SUSPECT_FORMATTING = 300
_MAX_FORMATTING = 250


#: Bytes that never appear in text: C0 controls other than tab, newlines, form feed.
_CONTROL = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20)])
_TEXT_BYTES = bytes(b for b in range(256) if b not in _CONTROL)


def looks_binary(data: bytes) -> bool:
    """Whether the first 4 KiB have the control bytes of a binary file, not a page."""
    if data.startswith((_UTF8_BOM, b"\xff\xfe", b"\xfe\xff")):
        return False
    sample = data[:4096]
    return len(sample.translate(None, _TEXT_BYTES)) * 20 > len(sample)


def _suspect_nesting(data: bytes) -> bool:
    """Whether sampled windows, scaled up, open thousands of tags before closing them,
    or hundreds of formatting elements."""
    size = len(data)
    step = max(size // _WINDOWS, _WINDOW)
    scale = step / _WINDOW
    running = formatting = 0.0
    for start in range(0, size, step):
        end = start + _WINDOW
        running += (data.count(b"<", start, end) - 2 * data.count(b"</", start, end)) * scale
        # Up to the window's last ">", so an unclosed "<b" cannot make this quadratic.
        for slash, name in _TAG.findall(data, start, data.rfind(b">", start, end) + 1):
            if name.lower() in _FORMATTING:
                formatting += -scale if slash else scale
        if running > _SUSPECT_DEPTH or formatting > _SUSPECT_FORMATTING:
            return True
    return False


def _tags_end(data: bytes) -> int:
    """Just past the last ``>``: where the tag patterns can stop looking.

    After it, each ``<`` would make ``[^>]*>`` scan to the end of the page and
    fail (quadratic on a page of ``<b`` with no ``>``); before it, every scan
    ends at a ``>`` and the match consumes it, so one pass is linear.
    """
    return data.rfind(b">") + 1


def _max_depth(data: bytes) -> tuple[int, int]:
    """Deepest nesting of elements, and most formatting elements open at once.

    Void elements are ignored; a formatting element closes only with its own end
    tag. A linear scan.
    """
    depth = worst = formatting = worst_formatting = 0
    open_formatting: dict[bytes, int] = {}
    for match in _TAG.finditer(data, 0, _tags_end(data)):
        if match.group(2) is None:
            continue  # a bogus comment
        name = match.group(2).lower()
        if match.group(1):
            depth -= 1
            if open_formatting.get(name):
                open_formatting[name] -= 1
                formatting -= 1
        elif name not in _VOID and not match.group(0).endswith(b"/>"):
            depth += 1
            worst = max(worst, depth)
            if name in _FORMATTING:
                open_formatting[name] = open_formatting.get(name, 0) + 1
                formatting += 1
                worst_formatting = max(worst_formatting, formatting)
    return worst, worst_formatting


def _drop_formatting(match: re.Match[bytes]) -> bytes:
    name = match.group(2)
    return b"" if name is not None and name.lower() in _FORMATTING else match.group(0)


def defuse_nesting(data: bytes) -> bytes:
    """The page, with container tags dropped if it nests deeper than any real page,
    or formatting tags dropped if it leaves more of them open than any real page."""
    if not _suspect_nesting(data):
        return data
    depth, formatting = _max_depth(data)
    end = _tags_end(data)
    if depth > _MAX_DEPTH:
        return _CONTAINER_TAG.sub(b"\n", data[:end]) + data[end:]
    if formatting > _MAX_FORMATTING:
        # Tokenised as _max_depth reads tags: "</ba</b>" stays one unknown end tag.
        return _TAG.sub(_drop_formatting, data[:end]) + data[end:]
    return data


def _parse(data: bytes) -> LexborHTMLParser:
    """Parse with lexbor; valid UTF-8 goes in as bytes, which skips a re-encode.

    No DOM mutation events: nothing here needs them. Scripting stays off (the
    default), as in the browser that saved the page: ``<noscript>`` is markup.
    """
    text, encoding = decode_bytes(data)
    if encoding == "utf-8" and "\ufffd" not in text:
        source = data[3:] if data.startswith(_UTF8_BOM) else data
    else:
        source = text.encode("utf-8")
    if b"\x00" in source:
        # HTML turns a NUL into U+FFFD in titles and attributes; a stray NUL is
        # damage, not text, so it goes (never inside a UTF-8 sequence).
        source = source.replace(b"\x00", b"")
    return LexborHTMLParser(defuse_nesting(source), options=LexborDocumentOptions.WO_EVENTS)


def _drop_title_block(blocks: list[Block], title: str) -> list[Block]:
    """The headline is metadata: drop it when the body starts by repeating it."""
    key = html_meta.clean_text(title).casefold()
    while blocks and key and blocks[0].text.casefold() == key:
        blocks = blocks[1:]
    return blocks


def _standfirst(description: str, blocks: list[Block]) -> str:
    """The description, unless it is only the opening of the body; kept short."""
    text = html_meta.clean_text(description)
    if not text:
        return ""
    probe = text.rstrip(".… ").casefold()[:120]
    opening = " ".join(block.text for block in blocks[:3]).casefold()
    if probe and probe in opening:
        return ""
    if len(text) > _STANDFIRST_MAX:
        cut = text.rfind(" ", 0, _STANDFIRST_MAX)
        text = text[: cut if cut > 0 else _STANDFIRST_MAX].rstrip(",;: ") + "…"
    return text


def parse_html(data: bytes, *, path: str | None = None) -> ParsedArticle:
    """Extract the article of an HTML page; raises IngestError if there is none."""
    if looks_binary(data):
        raise IngestError("binary data, not an HTML page", path)
    try:
        tree = _parse(data)
        nodes = tree.css(f"{html_meta.HEAD_SELECTOR}, {html_body.PARAGRAPH_SELECTOR}")
        page = html_meta.collect(tree, nodes)
        source = html_meta.find_source(page)
        title = html_meta.find_title(page, tree, source)
        bylines = html_meta.find_bylines(page, tree, source)
        published = html_meta.find_published(page, tree)
        paragraphs = [node for node in nodes if node.tag in html_body.PARAGRAPH_TAGS]
        root = tree.body or tree.root
        blocks = (
            _drop_title_block(html_body.extract_blocks(root, paragraphs), title) if root else []
        )
    except (ValueError, TypeError, AttributeError, RecursionError, MemoryError) as exc:
        raise IngestError(f"unreadable HTML ({exc.__class__.__name__})", path) from exc
    if not blocks:
        raise IngestError("no article text found", path)
    return ParsedArticle(
        title=title,
        blocks=blocks,
        format="html",
        bylines=bylines,
        published=published,
        source=source,
        url=html_meta.find_url(page),
        language=html_meta.find_language(page),
        standfirst=_standfirst(html_meta.find_description(page), blocks),
    )
