"""Properties every importer, the analyser and the reader must keep, for any input.

Shared by the atheris harnesses (``fuzz/fuzz_*.py``) and the hypothesis tests
(``tests/properties``), so a fuzz crash and a failing property mean the same
thing. A broken property raises :class:`PropertyFailure` (an AssertionError),
which libFuzzer reports as a crash and pytest as a failure.

No atheris import here: the normal test suite imports this module.
"""

from __future__ import annotations

import os
import time
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from types import SimpleNamespace
from typing import Any, TypeVar

from tui.ingest.errors import IngestError
from tui.model import BLOCK_KINDS, Analysis, Article, ArticleMeta, Block, ParsedArticle
from tui.textsafe import strip_controls

T = TypeVar("T")

#: The issue's bound: no input may take more than this per megabyte.
SECONDS_PER_MB = 1.0
#: Fixed allowance per call (imports warmed up, tiny inputs): the bound is about
#: how time grows with size, and a 200-byte input may not be held to 0.2 ms.
#: Raise it (LEDE_FUZZ_FLOOR) on a loaded machine.
FLOOR = float(os.environ.get("LEDE_FUZZ_FLOOR", "0.25"))
#: Multiplier for instrumented code (atheris slows Python several times over);
#: the harnesses set LEDE_FUZZ_SLACK, plain runs keep 1.
SLACK = float(os.environ.get("LEDE_FUZZ_SLACK", "1"))

#: What the terminal must never receive from article text: C0 controls
#: (newline and tab included, a rendered line has neither), DEL and C1.
_FORBIDDEN = frozenset([*map(chr, range(0x20)), *map(chr, range(0x7F, 0xA0))])
#: Where the reader may break or drop spaces (tabs are drawn as spaces first).
_BREAKS = str.maketrans("", "", " \u3000\n")


class PropertyFailure(AssertionError):
    """A documented property did not hold: a bug, never bad input."""


def check(condition: object, message: str) -> None:
    """Raise PropertyFailure with ``message`` unless ``condition`` holds."""
    if not condition:
        raise PropertyFailure(message)


def time_budget(size: int) -> float:
    """Seconds an input of ``size`` characters or bytes may take (1 s per MB + floor)."""
    return FLOOR + SECONDS_PER_MB * SLACK * size / 1_000_000


@contextmanager
def timed(size: int, what: str) -> Iterator[None]:
    """Fail when the block takes longer than :func:`time_budget` of ``size``.

    CPU time of this process, not wall time, so other work on the machine does
    not count against the code under test.
    """
    began = time.process_time()
    yield
    spent = time.process_time() - began
    budget = time_budget(size)
    check(spent <= budget, f"{what}: {spent:.3f} s for {size} bytes (budget {budget:.3f} s)")


def guarded(call: Callable[[], T]) -> T | None:
    """``call()``, or None for the one documented import error; anything else escapes."""
    try:
        return call()
    except IngestError as error:
        check(str(error).strip(), "IngestError without a reason")
        return None


def amplified(data: bytes, target: int = 256_000) -> bytes | None:
    """``data`` repeated to about ``target`` bytes, for one input in 64 (by its CRC, so
    a crash replays).

    Fuzz inputs are small, so a quadratic path hides inside the fixed floor;
    repeating an input is the cheapest way to ask how the same shape scales.
    """
    if len(data) < 8 or zlib.crc32(data) % 64:
        return None
    return data * (target // len(data) + 1)


# Importers ---------------------------------------------------------------------------
def check_articles(articles: Sequence[ParsedArticle] | None) -> None:
    """What ``parse_bytes`` promises: articles with a title and non-blank blocks."""
    if articles is None:  # IngestError: allowed
        return
    for article in articles:
        check(isinstance(article, ParsedArticle), f"not a ParsedArticle: {type(article)}")
        check(article.title.strip(), f"article without a title: {article!r:.200}")
        check(article.blocks, f"article without blocks: {article.title!r:.80}")
        for block in article.blocks:
            check(block.kind in BLOCK_KINDS, f"unknown block kind {block.kind!r}")
            check(isinstance(block.text, str), "block text is not a str")
            check(block.text.strip(), f"blank block in {article.title!r:.80}")


def import_bytes(data: bytes, name: str) -> list[ParsedArticle] | None:
    """``parse_bytes`` under the properties: only IngestError, valid articles, in time."""
    from tui.ingest.dispatch import parse_bytes

    with timed(len(data), f"parse_bytes({name!r})"):
        articles = guarded(lambda: parse_bytes(data, name))
    check_articles(articles)
    return articles


# Analyser ----------------------------------------------------------------------------
def check_spans(text: str, spans: Sequence[Any], what: str) -> None:
    """Spans inside ``text``, non-empty, ``text[start:end] == span.text``, in order."""
    previous_end = 0
    for span in spans:
        start, end = span.start, span.end
        check(isinstance(start, int) and isinstance(end, int), f"{what}: offsets are not ints")
        check(0 <= start < end <= len(text), f"{what}: ({start}, {end}) outside 0..{len(text)}")
        check(text[start:end] == span.text, f"{what}: text differs from text[{start}:{end}]")
        check(start >= previous_end, f"{what}: ({start}, {end}) overlaps or is out of order")
        previous_end = end


def check_analysis(text: str, analysis: Analysis, *, library: bool = False) -> None:
    """The analyser's contract (docs/NLP_GUIDELINES.md) for one text.

    Entities and quotations each sorted and non-overlapping; a speaker is the
    canonical of an entity of the text unless ``library`` names lent others.
    A PLACE may speak ("Beijing said": quotes.py means it, though the guidelines
    and ``Quotation`` say PERSON or ORG).
    """
    check(isinstance(analysis, Analysis), "analyze did not return an Analysis")
    check_spans(text, analysis.entities, "entity")
    check_spans(text, analysis.quotes, "quotation")
    canonicals = {mention.canonical for mention in analysis.entities}
    for mention in analysis.entities:
        check(mention.type in ("PERSON", "ORG", "PLACE"), f"entity type {mention.type!r}")
        check(mention.canonical.strip(), f"entity {mention.text!r} without a canonical")
    for quote in analysis.quotes:
        check(
            quote.speaker_type in (None, "PERSON", "ORG", "PLACE"),
            f"speaker type {quote.speaker_type!r}",
        )
        if quote.speaker is not None and not library:
            check(quote.speaker in canonicals, f"speaker {quote.speaker!r} is no entity")
        if quote.cue is not None:
            check(quote.cue.strip(), "blank cue")


def sample_library() -> Any:
    """Names a library would know (from three sample articles), so lookups run too."""
    from pathlib import Path

    from tui.nlp.analyzer import analyze
    from tui.nlp.known_names import KnownNames

    names = KnownNames()
    samples = Path(__file__).resolve().parents[1] / "sample_articles"
    for path in sorted(samples.glob("*.txt"))[:3]:
        names.add(analyze(path.read_text(encoding="utf-8")))
    return names


def analyze_text(text: str, names: Any = None) -> Analysis:
    """``analyze`` under the properties: no exception, contract kept, in time."""
    from tui.nlp.analyzer import analyze

    with timed(len(text.encode("utf-8", "surrogatepass")), "analyze"):
        analysis = analyze(text, names)
    check_analysis(text, analysis, library=names is not None)
    return analysis


# Reader ------------------------------------------------------------------------------
def make_article(
    blocks: Sequence[tuple[str, str]],
    *,
    title: str = "",
    standfirst: str = "",
    meta: dict[str, Any] | None = None,
    analysis: Analysis | None = None,
) -> Article:
    """An Article as the store hands it to the reader, from plain parts."""
    return Article(
        meta=ArticleMeta(id="fuzz", title=title, **(meta or {})),
        standfirst=standfirst,
        blocks=[Block(kind, text) for kind, text in blocks],
        analysis=analysis,
    )


def _fake_reader(lay: Any, highlights: list[Any], width: int) -> Any:
    """Just the state ``Reader.render_line`` reads, so the real method runs without an app.

    Every highlight, the focus, a find match and a selection are switched on so
    that each span-splitting branch of the renderer runs.
    """
    from rich.style import Style
    from textual.geometry import Offset

    from tui.app.widgets.reader import GUTTER, Reader

    styles = {name: Style(bold=True, color="red") for name in Reader.COMPONENT_CLASSES}
    fake = SimpleNamespace(
        _layout=lay,
        highlights=highlights,
        highlights_on=True,
        focused=0 if highlights else None,
        _match_lines={},
        _current_match=0,
        _tints={},
        _selection_lines={},
        _gutter={},
        _style=styles.__getitem__,
        scroll_offset=Offset(0, 0),
        _read_ahead_shift=0,
        _layout_width=width + GUTTER,
        _base_style=Style(),
        _strips={},
    )
    for y, line in enumerate(lay.lines):
        if line.body >= 0 and line.text:
            length = len(line.text)
            fake._match_lines[y] = [(line.body, length, 0)]
            fake._tints[y] = [(line.body, (line.body + length) // 2 + 1)]
            fake._selection_lines[y] = (0, length)
    fake._render_full_line = lambda y, base: Reader._render_full_line(fake, y, base)
    return fake


def check_layout(article: Article, lay: Any) -> None:
    """Every body line shows exactly the body characters its offsets name."""
    body = article.text
    starts: list[int] = []
    for y, line in enumerate(lay.lines):
        if not _FORBIDDEN.isdisjoint(line.text):
            raise PropertyFailure(f"line {y} holds a control: {line.text!r:.120}")
        for first, last, index in line.highlights:
            if not 0 <= first < last <= len(line.text):
                raise PropertyFailure(f"line {y}: highlight {index} off the line")
        if line.body < 0:
            continue
        if not 0 <= line.start <= line.end <= len(body):
            raise PropertyFailure(f"line {y}: ({line.start}, {line.end}) outside the body")
        shown = line.text[line.body :]
        if line.offsets is None:
            expected = body[line.start : line.end].replace("\t", " ")
        else:
            offsets = line.offsets
            if offsets != sorted(set(offsets)) or not (
                not offsets or (line.start <= offsets[0] and offsets[-1] < line.end)
            ):
                raise PropertyFailure(
                    f"line {y}: offsets unordered or off ({line.start}, {line.end})"
                )
            expected = "".join(body[o] for o in offsets).replace("\t", " ")
        if shown != expected:
            raise PropertyFailure(f"line {y}: shows {shown!r:.80}, body has {expected!r:.80}")
        starts.append(line.start)
    check(starts == sorted(starts), "body lines out of order")
    # All of the body is drawn, literally, except spaces at breaks and controls.
    drawn = "".join(lay.lines[y].text[lay.lines[y].body :] for y in lay._body_lines)
    cleaned = strip_controls(body).replace("\t", " ")
    check(
        drawn.translate(_BREAKS) == cleaned.translate(_BREAKS),
        "the lines drawn are not the body text",
    )
    for index, (first, last) in enumerate(lay.highlight_lines):
        check(0 <= first <= last < len(lay.lines), f"highlight {index}: lines ({first}, {last})")


def check_strip(strip: Any, expected: str | None, y: int) -> None:
    """One rendered strip: plain segments, no control, no link or action, the text as laid."""
    text = ""
    for segment in strip:
        # Plain ifs, not check(): the messages would be formatted for every segment.
        if segment.control is not None:
            raise PropertyFailure(f"line {y}: control segment {segment!r}")
        if not _FORBIDDEN.isdisjoint(segment.text):
            raise PropertyFailure(f"line {y}: control in {segment.text!r:.80}")
        style = segment.style
        if style is not None and (style.link or style.meta):
            raise PropertyFailure(f"line {y}: link or action in {style}")
        text += segment.text
    if expected is not None and text != expected:
        raise PropertyFailure(f"line {y}: drew {text!r:.80}, laid out {expected!r:.80}")


def render_article(article: Article, widths: Sequence[int] = (1, 7, 40, 120)) -> None:
    """Lay ``article`` out at each width and draw every line through the Reader's code.

    Only the layout is timed: the reader draws the visible lines alone, so
    drawing all of them (thousands at width 1) says nothing about the app.
    """
    from tui.app.widgets.reader import GUTTER, Reader
    from tui.reading.layout import highlights_of, layout

    size = sum(len(b.text) for b in article.blocks) + len(article.title) + len(article.standfirst)
    with timed(size, "highlights_of"):
        highlights = highlights_of(article)
    for width in widths:
        with timed(size, f"layout at width {width}"):
            lay = layout(article, width, highlights=highlights)
        check_layout(article, lay)
        fake = _fake_reader(lay, highlights, width)
        for y, line in enumerate(lay.lines):
            full = fake._render_full_line(y, fake._base_style)
            check_strip(full, " " * (GUTTER + lay.pad) + line.text, y)
            check_strip(Reader.render_line(fake, y), None, y)


def check_parsed(result: ParsedArticle | Sequence[ParsedArticle] | None) -> None:
    """An importer called directly (before dispatch's checks): well-typed articles."""
    if result is None:
        return
    articles = [result] if isinstance(result, ParsedArticle) else list(result)
    for article in articles:
        check(isinstance(article, ParsedArticle), f"not a ParsedArticle: {type(article)}")
        check(isinstance(article.title, str), "title is not a str")
        for block in article.blocks:
            check(block.kind in BLOCK_KINDS, f"unknown block kind {block.kind!r}")
            check(isinstance(block.text, str), "block text is not a str")


def run_importer(call: Callable[[], Any], size: int, what: str) -> Any:
    """One importer called directly: only IngestError, typed result, within time."""
    with timed(size, what):
        result = guarded(call)
    check_parsed(result)
    return result
