"""Markdown notes and exports (front matter plus CommonMark-ish body) to articles.

Only what an article needs is read: front matter for the metadata, then
headings, paragraphs, block quotes and list items. Inline markup is removed
rather than rendered, because the reader shows text; the front matter parser is
a small YAML subset (``key: value``, ``key: [a, b]``, ``- item`` lists) so Lede
needs no YAML dependency and never executes YAML tags.
"""

from __future__ import annotations

import re

from tui.ingest.dates import parse_date
from tui.ingest.errors import IngestError
from tui.ingest.textclean import first_sentence, fold, not_prose, strip_controls, too_short
from tui.model import Block, ParsedArticle

__all__ = ["parse_front_matter", "parse_markdown", "strip_inline"]

FrontValue = str | list[str]

_FRONT_OPEN = re.compile(r"\A\ufeff?---[ \t]*\n")
_FRONT_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)
_KEY_VALUE = re.compile(r"^([A-Za-z_][\w.-]*)[ \t]*:(?:[ \t]+(.*)|[ \t]*)$")
_LIST_ENTRY = re.compile(r"^[ \t]*-[ \t]+(.*)$")

_ATX = re.compile(r"^[ ]{0,3}(#{1,6})(?:[ \t]+|$)")
_SETEXT = re.compile(r"^[ ]{0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r"^[ ]{0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")
_QUOTE = re.compile(r"^[ ]{0,3}>[ ]?")
_BULLET = re.compile(r"^[ ]{0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+(.*)$")
_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]]+\]:\s*\S+")
#: The characters a block pattern above can start with (after up to three spaces):
#: a line starting otherwise is paragraph text, without trying seven patterns.
_BLOCK_START = frozenset("`~=-*_[#>+0123456789")

# Inline patterns are written so that no input makes them backtrack badly: link
# text and destinations stop at brackets and spaces, and emphasis is not matched
# in pairs at all (see _strip_emphasis).
_BACKTICKS = re.compile(r"`+")
# A destination: no spaces or brackets, one level of balanced parentheses, a title.
_TARGET = (
    r"""(?:\(\s*<?(?:[^()\s\[\]<>]|\([^()\s\[\]]*\))*>?(?:\s+"[^"\n]*")?\s*\)|\[[^\[\]]*\])"""
)
_IMAGE = re.compile(r"!\[[^\[\]]*\]" + _TARGET)
_LINK = re.compile(r"\[([^\[\]]+)\]" + _TARGET)
_AUTOLINK = re.compile(r"<((?:https?|mailto|ftp):[^<>\s]+)>")
_EMPHASIS_RUN = re.compile(r"\*+|_+|~~")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<\"'])")
# Escaped characters are parked in the Private Use Area while markup is stripped.
_PARK = 0xE000
_PARKED = re.compile("[\ue000-\ue07f]")
# What any inline pattern above needs to see; a block without it is plain text.
_INLINE_MARKUP = re.compile(r"[\\`<\[*_~\ue000-\ue07f]")

_TITLE_KEYS = ("title", "headline", "name")
_SOURCE_KEYS = ("source", "site", "publication", "publisher", "site_name")
_URL_KEYS = ("url", "link", "canonical", "canonical_url", "permalink", "source_url")
_DATE_KEYS = ("published", "date", "pubdate", "published_at", "publish_date", "created")
_AUTHOR_KEYS = ("authors", "author", "byline", "bylines", "by", "creator")
_LANGUAGE_KEYS = ("language", "lang", "locale")
_TAG_KEYS = ("tags", "categories", "category", "keywords", "topics")
_SUMMARY_KEYS = ("standfirst", "summary", "description", "subtitle", "dek", "excerpt", "lede")


def _scalar(raw: str) -> FrontValue:
    raw = raw.strip()
    if raw.startswith("[") and raw.endswith("]"):
        return [v for item in raw[1:-1].split(",") if (v := _unquote(item))]
    return _unquote(raw)


def _unquote(raw: str) -> str:
    raw = raw.strip()
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "\"'":
        return raw[1:-1]
    if " #" in raw:
        raw = raw.split(" #", 1)[0].rstrip()  # a YAML comment after the value
    return raw


def parse_front_matter(text: str) -> tuple[dict[str, FrontValue], str]:
    """The front matter (keys lower-cased) and the rest of the text after it."""
    opening = _FRONT_OPEN.match(text)
    if opening is None:
        return {}, text
    closing = _FRONT_CLOSE.search(text, opening.end())
    if closing is None:
        return {}, text
    values: dict[str, FrontValue] = {}
    current: str | None = None
    for line in text[opening.end() : closing.start()].split("\n"):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        entry = _LIST_ENTRY.match(line)
        if entry is not None and current is not None:
            existing = values.get(current)
            items = existing if isinstance(existing, list) else []
            if item := _unquote(entry.group(1)):
                items.append(item)
            values[current] = items
            continue
        match = _KEY_VALUE.match(line)
        if match is None:
            continue  # nested mappings and other YAML we do not need
        current = match.group(1).lower()
        raw = match.group(2)
        values[current] = _scalar(raw) if raw and raw.strip() else []
    return values, text[closing.end() :].lstrip("\n")


def _first(values: dict[str, FrontValue], keys: tuple[str, ...]) -> str:
    for key in keys:
        value = values.get(key)
        if isinstance(value, list):
            value = value[0] if value else ""
        if value:
            return fold(value)
    return ""


def _many(values: dict[str, FrontValue], keys: tuple[str, ...], split: str) -> list[str]:
    for key in keys:
        value = values.get(key)
        if not value:
            continue
        items = value if isinstance(value, list) else re.split(split, value)
        return [item for raw in items if (item := fold(raw))]
    return []


def _code_spans(text: str) -> list[tuple[int, int, int]]:
    """(start, end, fence length) of each code span: a backtick run closed by an equal one.

    Linear: each run is paired with the next run of the same length in one backward
    pass. Plain (start, end) tuples, not match objects: a file dense in backticks
    has a run every few characters.
    """
    if "``" not in text and "\\`" not in text:
        # Single backticks only (the usual case): each pairs with the next one.
        ticks: list[int] = []
        at = text.find("`")
        while at != -1:
            ticks.append(at)
            at = text.find("`", at + 1)
        return [(ticks[k], ticks[k + 1] + 1, 1) for k in range(0, len(ticks) - 1, 2)]
    runs = [m.span() for m in _BACKTICKS.finditer(text)]
    if "\\`" in text:
        runs = [(start, end) for start, end in runs if not (start and text[start - 1] == "\\")]
    following: dict[int, int] = {}
    next_of: list[int | None] = [None] * len(runs)
    for i in range(len(runs) - 1, -1, -1):
        start, end = runs[i]
        next_of[i] = following.get(end - start)
        following[end - start] = i
    spans: list[tuple[int, int, int]] = []
    i = 0
    count = len(runs)
    while i < count:
        j = next_of[i]
        if j is None:
            i += 1
            continue
        start, end = runs[i]
        spans.append((start, runs[j][1], end - start))
        i = j + 1
    return spans


def strip_inline(text: str) -> str:
    """Text of one Markdown block: inline markup removed, code spans kept literally."""
    # Each pass runs only when its marker is there: per block they cost more than
    # the text of a file of tiny blocks ("*a*" paragraphs) is worth.
    if not _INLINE_MARKUP.search(text):
        return fold(text)
    if _PARKED.search(text):
        text = _PARKED.sub("", text)  # never confuse real input with parked escapes
    out: list[str] = []
    last = 0
    for start, end, fence in _code_spans(text) if text.count("`") > 1 else ():
        out.append(_strip_outside_code(text[last:start]))
        out.append(text[start + fence : end - fence].strip())
        last = end
    out.append(_strip_outside_code(text[last:]))
    joined = "".join(out)
    if "\\" in text:
        joined = _PARKED.sub(lambda m: chr(ord(m.group(0)) - _PARK), joined)
    return fold(joined)


def _strip_comments(text: str) -> str:
    """HTML comments out, by plain search so an unclosed one costs one scan."""
    parts: list[str] = []
    position = 0
    while (start := text.find("<!--", position)) != -1:
        end = text.find("-->", start + 4)
        if end == -1:
            break
        parts.append(text[position:start])
        position = end + 3
    parts.append(text[position:])
    return "".join(parts)


def _strip_emphasis(text: str) -> str:
    """Drop runs of ``*``, ``_`` and ``~~`` that open or close emphasis.

    A run touching a word on one side only is a delimiter; one between two words
    (snake_case, 5*3) or between two spaces (a * b) is text. One linear pass,
    instead of pair-matching regexes that backtrack on long runs of stars.
    """

    def replace(match: re.Match[str]) -> str:
        before = text[match.start() - 1] if match.start() else " "
        after = text[match.end()] if match.end() < len(text) else " "
        before_word = before.isalnum()
        after_word = after.isalnum()
        if before_word and after_word:
            return match.group(0)
        if before.isspace() and after.isspace():
            return match.group(0)
        return ""

    return _EMPHASIS_RUN.sub(replace, text)


def _strip_outside_code(text: str) -> str:
    if "\\" in text:
        text = _ESCAPE.sub(lambda m: chr(_PARK + ord(m.group(1))), text)
    if "<" in text:
        text = _strip_comments(text)
    if "[" in text:
        text = _IMAGE.sub("", text)
        text = _LINK.sub(lambda m: m.group(1), text)
    if "<" in text:
        text = _AUTOLINK.sub(r"\1", text)
    if "*" in text or "_" in text or "~" in text:
        text = _strip_emphasis(text)
    return text


def _atx_text(rest: str) -> str:
    """An ATX heading's text without its optional closing run of ``#``."""
    rest = rest.strip()
    bare = rest.rstrip("#")
    if bare != rest and (not bare or bare[-1] in " \t"):
        return bare.rstrip()
    return rest


def _blocks(body: str) -> tuple[list[Block], list[int]]:
    """Block structure of a Markdown body, line by line, and each heading's level."""
    blocks: list[Block] = []
    levels: list[int] = []  # heading level per block, 0 for other blocks
    lines = body.split("\n")
    pending: list[str] = []  # lines of the current paragraph, quote or list item
    pending_kind = "paragraph"

    def flush() -> None:
        nonlocal pending_kind
        if pending:
            text = strip_inline(" ".join(pending))
            if text:
                blocks.append(Block(pending_kind, text))
                levels.append(2 if pending_kind == "heading" else 0)
            pending.clear()
        pending_kind = "paragraph"

    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line.strip():
            flush()
            continue
        lead = line.lstrip(" ")
        if lead[:1] not in _BLOCK_START or len(line) - len(lead) > 3:
            pending.append(line.strip())  # a paragraph line, or a lazy continuation
            continue
        fence = _FENCE.match(line)
        if fence is not None:
            flush()
            code: list[str] = []
            while i < len(lines) and not lines[i].lstrip().startswith(fence.group(1)):
                code.append(lines[i])
                i += 1
            i += 1  # the closing fence
            if text := fold("\n".join(code)):
                blocks.append(Block("paragraph", text))
                levels.append(0)
            continue
        setext = _SETEXT.match(line) if pending_kind == "paragraph" and pending else None
        if setext is not None:
            pending_kind = "heading"
            flush()
            if setext.group(1).startswith("=") and levels:
                levels[-1] = 1
            continue
        if _RULE.match(line) or _REFERENCE.match(line):
            flush()
            continue
        heading = _ATX.match(line)
        if heading is not None:
            flush()
            if text := strip_inline(_atx_text(line[heading.end() :])):
                blocks.append(Block("heading", text))
                levels.append(len(heading.group(1)))
            continue
        quote = _QUOTE.match(line)
        if quote is not None:
            inner = line[quote.end() :]
            while (nested := _QUOTE.match(inner)) is not None:
                inner = inner[nested.end() :]
            if pending_kind != "quote" or not inner.strip():
                flush()
            if inner.strip():
                pending_kind = "quote"
                pending.append(inner)
            continue
        bullet = _BULLET.match(line)
        if bullet is not None:
            flush()
            pending_kind = "list_item"
            pending.append(bullet.group(1))
            continue
        pending.append(line.strip())  # a paragraph line, or a lazy continuation
    flush()
    return blocks, levels


#: What is no article's text in Markdown: as for text pages, 1,000+ lines
#: averaging under 6 characters (``textclean.not_prose``), and also 1,000+
#: blank-line-separated blocks averaging under MIN_MEAN_BLOCK. Each block costs
#: ~10 us to read, so files of such tiny blocks took 1.2-1.3 s per MB.
MIN_MEAN_BLOCK = 12
MIN_BLOCKS_JUDGED = 1_000
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _tiny_blocks(body: str) -> str | None:
    """Why ``body`` is no article because its blocks are too short, or None."""
    if body.count("\n") < 2 * MIN_BLOCKS_JUDGED or len(body) > 64 * body.count("\n"):
        return None
    return too_short(_BLANK_LINE.split(body), "blocks", MIN_MEAN_BLOCK, MIN_BLOCKS_JUDGED)


def parse_markdown(text: str, *, path: str | None = None) -> ParsedArticle:
    """One article from a Markdown file; front matter supplies what the body does not."""
    meta, body = parse_front_matter(strip_controls(text))
    reason = not_prose(body) or _tiny_blocks(body)
    if reason is not None:
        raise IngestError(reason, path)
    blocks, levels = _blocks(body)
    title = strip_inline(_first(meta, _TITLE_KEYS))
    leading_heading = bool(blocks) and levels[0] > 0
    if title:
        # A body that repeats the title as its first heading would show it twice.
        if leading_heading and blocks[0].text.casefold() == title.casefold():
            blocks.pop(0)
    elif leading_heading and (levels[0] == 1 or 1 not in levels):
        title = blocks.pop(0).text
    elif 1 in levels:
        title = blocks[levels.index(1)].text
    elif blocks:
        title = first_sentence(blocks[0].text)
    if not blocks or not title:
        raise IngestError("no article text found", path)
    return ParsedArticle(
        title=title,
        blocks=blocks,
        format="markdown",
        bylines=_many(meta, _AUTHOR_KEYS, r"\s*(?:;|\band\b|&)\s*"),
        published=parse_date(_first(meta, _DATE_KEYS)),
        source=_first(meta, _SOURCE_KEYS) or None,
        url=_first(meta, _URL_KEYS) or None,
        language=_first(meta, _LANGUAGE_KEYS) or None,
        standfirst=strip_inline(_first(meta, _SUMMARY_KEYS)),
        tags=_many(meta, _TAG_KEYS, r"\s*,\s*"),
    )
