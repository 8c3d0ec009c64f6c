"""An article laid out in lines for the reader, once per width, with exact offsets.

The reader draws with Textual's Line API: it asks for one line at a time while
scrolling, so everything costly (wrapping, finding which line each highlight
falls on) happens here, once per (article, width). Every line remembers which
body offsets it shows, so a saved position, a highlight or a find match (all
offsets into ``Article.text``, the analyser's offsets) maps to a line and
columns without re-wrapping.

Article text is untrusted: it is never parsed as markup (lines are plain strings
with style *names* over character ranges; the widget turns names into styles)
and control characters are removed from everything drawn, with a map back to
the original offsets where any were removed. Pure: Rich for cell widths only.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from rich.cells import cell_len, get_character_cell_size

from tui.index.features import entity_key, speaker_key
from tui.model import BLOCK_SEPARATOR, Article
from tui.textsafe import one_line, strip_controls, strip_controls_mapped

#: Widest text column: longer lines are hard to read, so wide panes get margins.
MEASURE = 76
WORDS_PER_MINUTE = 230
ENTITY_KINDS = ("PERSON", "ORG", "PLACE")

# Style names: the reader widget's component classes.
TITLE = "reader--title"
STANDFIRST = "reader--standfirst"
META = "reader--meta"
HEADING = "reader--heading"
MARK = "reader--quote-bar"  # the bar of a block quote and the bullet of a list item

#: Where a line may break. Tabs become spaces before wrapping; a no-break space
#: (U+00A0) is deliberately not here.
_SPACES = " \u3000"
_TOKEN = re.compile(r"\n|[ \u3000]+|[^ \u3000\n]+")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(slots=True)
class Highlight:
    """A name or quotation in the body, by offsets into ``Article.text``.

    ``key`` is the related-index feature key (``P:``/``O:``/``L:`` + canonical,
    ``S:`` + speaker, "" for a quotation without one), built from the analysis
    as stored so it matches the index; ``text``, ``canonical`` and ``speaker``
    are for display and have control characters removed.
    """

    index: int
    kind: str  # PERSON | ORG | PLACE | QUOTE
    start: int
    end: int
    text: str
    key: str
    canonical: str
    speaker: str | None


def highlights_of(article: Article) -> list[Highlight]:
    """Quotations and entity mentions in body order (an entity inside a quotation
    is a highlight of its own, after the quotation). Spans outside the body
    (a stale analysis) are dropped rather than drawn in the wrong place."""
    analysis = article.analysis
    if analysis is None:
        return []
    body = article.text
    size = len(body)
    found: list[tuple[int, int, int, str, str, str, str | None]] = []
    for quote in analysis.quotes:
        if 0 <= quote.start < quote.end <= size:
            speaker = one_line(quote.speaker) if quote.speaker else None
            key = speaker_key(quote.speaker) if quote.speaker else ""
            found.append((quote.start, quote.end, 0, "QUOTE", key, speaker or "", speaker))
    for mention in analysis.entities:
        if mention.type in ENTITY_KINDS and 0 <= mention.start < mention.end <= size:
            key = entity_key(mention.type, mention.canonical)
            name = one_line(mention.canonical)
            found.append((mention.start, mention.end, 1, mention.type, key, name, None))
    # Outer spans first at the same start, so a quotation precedes the name it opens with.
    found.sort(key=lambda item: (item[0], -item[1], item[2]))
    return [
        Highlight(index, kind, start, end, strip_controls(body[start:end]), key, name, speaker)
        for index, (start, end, _rank, kind, key, name, speaker) in enumerate(found)
    ]


@dataclass(slots=True)
class Line:
    """One screen line: plain text plus styles by character range.

    ``start``/``end`` are the body offsets the line shows (header lines: 0, 0; a
    blank line: the next block's start). ``body`` is the column (character
    index in ``text``) where body text starts, after any bar or bullet, or -1
    when the line shows no body text. ``offsets`` is the body offset of each
    body character, kept only when control characters were removed (otherwise
    offsets run on from ``start``).
    """

    text: str
    styles: tuple[tuple[int, int, str], ...] = ()
    start: int = 0
    end: int = 0
    body: int = -1
    offsets: list[int] | None = None
    #: (first char, end char, highlight index) of each highlight on this line.
    highlights: list[tuple[int, int, int]] = field(default_factory=list)
    cells: int = 0


@dataclass(slots=True)
class Layout:
    """The lines of one article at one width, and the maps between lines and offsets."""

    lines: list[Line]
    highlights: list[Highlight]
    #: Highlight index -> (first line, last line).
    highlight_lines: list[tuple[int, int]]
    #: Line -> body offset of its start (the top line's entry is the reading position).
    line_starts: list[int]
    #: Blank cells left of every line (centres the column in a wide pane).
    pad: int
    #: Cells of the widest line, pad included.
    width: int
    _body_lines: list[int] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)
    _ends: list[int] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.lines)

    def line_of(self, offset: int) -> int:
        """The line showing body ``offset`` (the line before, in a gap between
        lines); offsets up to the body's first line mean the very top."""
        starts = self._starts
        if not starts or offset <= starts[0]:
            return 0
        return self._body_lines[bisect_right(starts, offset) - 1]

    def offset_of(self, y: int) -> int:
        """The body offset of line ``y``'s start."""
        if not self.line_starts:
            return 0
        return self.line_starts[max(0, min(y, len(self.line_starts) - 1))]

    def columns(self, y: int, start: int, end: int) -> tuple[int, int] | None:
        """Character range in line ``y``'s text that shows body ``[start, end)``."""
        line = self.lines[y]
        if line.body < 0 or start >= line.end or end <= line.start:
            return None
        if line.offsets is None:
            first = max(start, line.start) - line.start
            last = min(end, line.end) - line.start
        else:
            first = bisect_left(line.offsets, start)
            last = bisect_left(line.offsets, end)
        if first >= last:
            return None
        return line.body + first, line.body + last

    def spans(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """(line, first char, end char) of every line showing body ``[start, end)``."""
        found: list[tuple[int, int, int]] = []
        k = bisect_right(self._ends, start)
        while k < len(self._body_lines) and self._starts[k] < end:
            y = self._body_lines[k]
            cols = self.columns(y, start, end)
            if cols is not None:
                found.append((y, *cols))
            k += 1
        return found


def wrap(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap: ``[start, end)`` of each line of ``text`` within ``width`` cells.

    Breaks at spaces (dropped at the break) and at newlines; a word wider than
    the line is broken between characters, filling the current line first,
    which is also how CJK text without spaces wraps. Widths are terminal cells
    (wide characters count 2). ``text`` must be free of control characters
    other than newline.
    """
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    start = -1  # the open line's start, -1 when no line is open
    end = used = gap = 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        a, b = match.span()
        if token == "\n":
            lines.append((start, end) if start >= 0 else (a, a))
            start, gap = -1, 0
            continue
        # ASCII is one cell a character; only other text needs Rich's width table.
        w = b - a if token.isascii() else cell_len(token)
        if token[0] in _SPACES:
            if start >= 0:
                gap = w
            continue
        if start >= 0 and used + gap + w <= width:
            end, used, gap = b, used + gap + w, 0
            continue
        if w <= width:
            if start >= 0:
                lines.append((start, end))
            start, end, used, gap = a, b, w, 0
            continue
        # A word wider than a line: fill the open line, then break between characters.
        used += gap
        gap = 0
        for i in range(a, b):
            cw = get_character_cell_size(text[i])
            if start >= 0 and used + cw > width:
                lines.append((start, end))
                start = -1
            if start < 0:
                start, used = i, 0
            end, used = i + 1, used + cw
    if start >= 0:
        lines.append((start, end))
    return lines


def reading_minutes(words: int) -> int:
    return max(1, round(words / WORDS_PER_MINUTE))


def meta_line(article: Article) -> str:
    """ "By X · Source · 2020-01-02 · 4 min read", from what the article has."""
    meta = article.meta
    parts: list[str] = []
    bylines = [one_line(name) for name in meta.bylines if one_line(name)]
    if bylines:
        names = bylines[-1]
        if len(bylines) > 1:
            names = ", ".join(bylines[:-1]) + " and " + names
        parts.append(f"By {names}")
    if meta.source and one_line(meta.source):
        parts.append(one_line(meta.source))
    if meta.published:
        published = one_line(meta.published)
        date = _ISO_DATE.match(published)
        parts.append(date.group() if date else published)
    words = meta.word_count or sum(len(block.text.split()) for block in article.blocks)
    parts.append(f"{reading_minutes(words)} min read")
    return " · ".join(parts)


class _Builder:
    """Appends lines and keeps the body-line index as it goes."""

    def __init__(self, column: int) -> None:
        self.column = column
        self.lines: list[Line] = []
        self.body_lines: list[int] = []
        self.starts: list[int] = []

    def blank(self, offset: int = 0) -> None:
        self.lines.append(Line("", start=offset, end=offset))

    def header(self, text: str, style: str) -> None:
        """A header field (title, standfirst, meta): one string, wrapped, one style."""
        for a, b in wrap(text, self.column):
            shown = text[a:b]
            styles = ((0, len(shown), style),) if shown else ()
            self.lines.append(Line(shown, styles, cells=cell_len(shown)))

    def block(self, kind: str, raw: str, base: int) -> int:
        """Lines of one body block starting at body offset ``base``; returns how many."""
        clean, kept = strip_controls_mapped(raw)
        clean = clean.replace("\t", " ")
        style = HEADING if kind == "heading" else None
        if kind == "quote":
            first_prefix = rest_prefix = "  │ "
        elif kind == "list_item":
            first_prefix, rest_prefix = "  • ", "    "
        else:
            first_prefix = rest_prefix = ""
        inner = max(1, self.column - len(first_prefix))
        ranges = wrap(clean, inner)
        size = len(raw)

        def original(i: int) -> int:
            if kept is None:
                return i
            return kept[i] if i < len(kept) else size

        for number, (a, b) in enumerate(ranges):
            prefix = first_prefix if number == 0 else rest_prefix
            shown = clean[a:b]
            body = len(prefix)
            start = base + original(a)
            end = base + original(b - 1) + 1 if b > a else start
            styles: list[tuple[int, int, str]] = []
            if prefix.strip():
                mark = len(prefix) - len(prefix.lstrip())
                styles.append((mark, mark + 1, MARK))
            if style and shown:
                styles.append((body, body + len(shown), style))
            offsets = [base + kept[i] for i in range(a, b)] if kept is not None else None
            self.body_lines.append(len(self.lines))
            self.starts.append(start)
            self.lines.append(
                Line(
                    prefix + shown,
                    tuple(styles),
                    start,
                    end,
                    body,
                    offsets,
                    [],
                    len(prefix) + (len(shown) if shown.isascii() else cell_len(shown)),
                )
            )
        return len(ranges)


def layout(
    article: Article,
    width: int,
    measure: int = MEASURE,
    *,
    highlights: list[Highlight] | None = None,
) -> Layout:
    """``article`` laid out for a pane ``width`` cells wide, text at most ``measure`` wide.

    Header (title, standfirst, by-line with reading time), a rule, then the
    blocks: a blank line before each block except after a heading and between
    consecutive list items. Pass ``highlights`` (from ``highlights_of``) to
    reuse them across widths.
    """
    width = max(1, width)
    column = max(1, min(width, measure))
    build = _Builder(column)
    build.header(one_line(article.title) or "Untitled", TITLE)
    standfirst = one_line(article.standfirst)
    if standfirst:
        build.blank()
        build.header(standfirst, STANDFIRST)
    build.blank()
    build.header(meta_line(article), META)
    rule = "─" * column
    build.lines.append(Line(rule, ((0, len(rule), META),), cells=column))

    base = 0
    previous = "heading"  # no blank line between the rule and the first block
    build.blank()
    for block in article.blocks:
        kind = block.kind
        tight = previous == "heading" or (previous == "list_item" and kind == "list_item")
        if not tight:
            build.blank(base)
        if build.block(kind, block.text, base):
            previous = kind
        elif not tight:
            build.lines.pop()  # an empty block: no gap for it
        base += len(block.text) + len(BLOCK_SEPARATOR)
    if not article.blocks:
        build.header("This article has no text.", META)

    if highlights is None:
        highlights = highlights_of(article)
    return _finish(build, highlights, width, column)


def empty_layout(width: int, message: str = "Select an article…") -> Layout:
    """What the reader shows with no article: one quiet line."""
    width = max(1, width)
    build = _Builder(max(1, min(width, MEASURE)))
    build.blank()
    build.header(message, META)
    return _finish(build, [], width, build.column)


def _finish(build: _Builder, highlights: list[Highlight], width: int, column: int) -> Layout:
    lines = build.lines
    pad = (width - column) // 2 if width > column else 0
    result = Layout(
        lines=lines,
        highlights=highlights,
        highlight_lines=[],
        line_starts=[line.start for line in lines],
        pad=pad,
        width=pad + max((line.cells for line in lines), default=0),
        _body_lines=build.body_lines,
        _starts=build.starts,
        _ends=[lines[y].end for y in build.body_lines],
    )
    body_lines = build.body_lines
    starts = build.starts
    ends = result._ends
    last_body = body_lines[-1] if body_lines else 0
    for highlight in highlights:
        first = last = -1
        k = bisect_right(ends, highlight.start)
        while k < len(body_lines) and starts[k] < highlight.end:
            y = body_lines[k]
            cols = result.columns(y, highlight.start, highlight.end)
            if cols is not None:
                lines[y].highlights.append((cols[0], cols[1], highlight.index))
                if first < 0:
                    first = y
                last = y
            k += 1
        if first < 0:  # Only blank space (never in practice): point at the nearest line.
            first = last = body_lines[k] if k < len(body_lines) else last_body
        result.highlight_lines.append((first, last))
    return result
