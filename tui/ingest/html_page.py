"""Import one saved HTML page as a :class:`ParsedArticle`.

Bytes are decoded with :mod:`tui.ingest.encoding` (BOM, declared charset, then
detection), parsed once with lexbor via selectolax, and handed to
:mod:`html_meta` for metadata and :mod:`html_body` for the article text. Bad
input of any kind ends in :class:`IngestError`, never in another exception.
"""

from __future__ import annotations

from selectolax.lexbor import LexborDocumentOptions, LexborHTMLParser

from tui.ingest import html_body, html_meta
from tui.ingest.encoding import decode_bytes
from tui.ingest.errors import IngestError
from tui.model import Block, ParsedArticle

_STANDFIRST_MAX = 400
_UTF8_BOM = b"\xef\xbb\xbf"


def _parse(data: bytes) -> LexborHTMLParser:
    """Parse with lexbor; valid UTF-8 goes in as bytes, which skips a re-encode.

    No DOM mutation events: nothing here needs them. Scripting stays off (the
    default), as in the browser that saved the page: ``<noscript>`` is markup.
    """
    text, encoding = decode_bytes(data)
    source: str | bytes = text
    if "\x00" in text:
        source = text.replace("\x00", "\ufffd")
    elif encoding == "utf-8" and "\ufffd" not in text:
        source = data[3:] if data.startswith(_UTF8_BOM) else data
    return LexborHTMLParser(source, options=LexborDocumentOptions.WO_EVENTS)


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
