"""The reader's layout: wrapping keeps every offset exact, highlights land on the
right lines, and untrusted text is drawn as plain characters."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

from tui.model import Analysis, Article, ArticleMeta, Block, EntityMention, Quotation
from tui.reading.layout import Layout, highlights_of, layout, meta_line, wrap
from tui.textsafe import strip_controls, strip_controls_mapped

ROOT = Path(__file__).resolve().parents[2]
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def article(
    blocks: list[tuple[str, str]],
    entities: list[tuple[str, str, str]] = (),  # type: ignore[assignment]
    quotes: list[tuple[str, str | None]] = (),  # type: ignore[assignment]
    **meta: object,
) -> Article:
    """An article whose analysis finds each (text, type, canonical) and each
    (quotation, speaker) at its first occurrence in the body."""
    made = Article(
        meta=ArticleMeta(id="a1", title=str(meta.pop("title", "Title")), **meta),  # type: ignore[arg-type]
        standfirst="",
        blocks=[Block(kind, text) for kind, text in blocks],
    )
    body = made.text
    mentions = []
    for text, kind, canonical in entities:
        start = body.index(text)
        mentions.append(EntityMention(text, kind, canonical, start, start + len(text)))
    said = []
    for text, speaker in quotes:
        start = body.index(text)
        said.append(
            Quotation(text, speaker, "said" if speaker else None, start, start + len(text))
        )
    made.analysis = Analysis(entities=mentions, quotes=said)
    return made


def body_lines(result: Layout) -> list[int]:
    return [y for y, line in enumerate(result.lines) if line.body >= 0]


def assert_offsets_exact(result: Layout, body: str) -> None:
    """Every body character drawn is the body character at the offset the line claims."""
    for y in body_lines(result):
        line = result.lines[y]
        shown = line.text[line.body :]
        if line.offsets is None:
            assert shown == body[line.start : line.end].replace("\t", " ")
        else:
            assert len(line.offsets) == len(shown)
            assert [body[o].replace("\t", " ") for o in line.offsets] == list(shown)


# Wrapping ------------------------------------------------------------------------------
WRAP_CASES = [
    ("The quick brown fox jumps over the lazy dog", 10),
    ("supercalifragilisticexpialidocious is long", 8),
    ("a " + "x" * 25 + " b", 10),
    ("中文文本没有空格也要按字符换行，并且每个字占两格。", 9),
    ("mixed 中文 and English 字符 text", 7),
    ("two\nlines\n\nand a blank one", 20),
    ("   leading and trailing spaces   ", 9),
    ("x", 1),
    ("中", 1),  # A wide character in a one-cell column: alone on its line, never lost.
]


@pytest.mark.parametrize(("text", "width"), WRAP_CASES)
def test_wrap_fits_the_width_and_keeps_every_character_in_order(text: str, width: int) -> None:
    ranges = wrap(text, width)
    for a, b in ranges:
        line = text[a:b]
        assert cell_len(line) <= width or len(line) == 1
        assert "\n" not in line
        assert line == line.strip(" ") or not line
    shown = "".join(text[a:b] for a, b in ranges)
    assert shown.replace(" ", "") == text.replace(" ", "").replace("\n", "")
    starts = [a for a, _ in ranges]
    assert starts == sorted(starts)


def test_a_word_longer_than_the_line_is_broken_and_fills_the_open_line_first() -> None:
    assert wrap("ab " + "c" * 12, 6) == [(0, 6), (6, 12), (12, 15)]


def test_wide_characters_count_two_cells() -> None:
    ranges = wrap("中文中文中文", 5)
    assert [b - a for a, b in ranges] == [2, 2, 2]


# Layout offsets ------------------------------------------------------------------------
LONG = " ".join(f"word{n}" for n in range(120))
BLOCKS = [
    ("heading", "A heading that is long enough to wrap at narrow widths"),
    ("paragraph", LONG),
    ("paragraph", "Pneumonoultramicroscopicsilicovolcanoconiosis " * 3),
    ("quote", "A block quote, indented with a bar, wraps inside its indent too."),
    ("list_item", "First item of a list with a hanging indent when it wraps"),
    ("list_item", "Second item"),
    ("paragraph", "北京表示，中国将继续采取坚定有力的措施，维护国家主权、安全和发展利益。" * 2),
    ("paragraph", "Tabs\tbecome\tspaces and  double  spaces stay."),
]


@pytest.mark.parametrize("width", [1, 5, 12, 30, 47, 76, 200])
def test_every_body_line_shows_exactly_the_offsets_it_claims(width: int) -> None:
    made = article(BLOCKS)
    result = layout(made, width)
    assert_offsets_exact(result, made.text)
    column = max(1, min(width, 76))
    for line in result.lines:
        # Bars and bullets may overflow a column narrower than themselves; text never.
        assert cell_len(line.text) <= max(column, 5)


@pytest.mark.parametrize("width", [12, 47, 120])
def test_line_of_and_offset_of_agree(width: int) -> None:
    made = article(BLOCKS)
    result = layout(made, width)
    ys = body_lines(result)
    for y in ys[1:]:  # The first body line's offset means "the top".
        line = result.lines[y]
        if line.end > line.start:
            assert result.line_of(line.start) == y
            assert result.line_of(line.end - 1) == y
            assert result.offset_of(y) == line.start
    assert result.line_of(0) == 0


def test_header_has_title_meta_line_and_rule_before_the_body() -> None:
    made = article(
        [("paragraph", "word " * 920)],
        source="The Source",
        published="2020-01-02T08:00:00Z",
        bylines=["Ann Writer", "Bo Reporter"],
        title="The title",
    )
    made.standfirst = "What it is about."
    result = layout(made, 80)
    texts = [line.text for line in result.lines]
    assert texts[0] == "The title"
    assert "What it is about." in texts
    assert "By Ann Writer and Bo Reporter · The Source · 2020-01-02 · 4 min read" in texts
    assert any(set(t) == {"─"} for t in texts)
    assert meta_line(article([("paragraph", "one two")])) == "1 min read"
    styles = {name for line in result.lines for _a, _b, name in line.styles}
    assert {"reader--title", "reader--standfirst", "reader--meta"} <= styles


def test_blocks_are_separated_by_one_blank_line_headings_lead_their_paragraph() -> None:
    made = article([("paragraph", "One."), ("heading", "Head"), ("paragraph", "Two.")])
    texts = [line.text for line in layout(made, 40).lines]
    body = texts[texts.index("One.") :]
    assert body == ["One.", "", "Head", "Two."]


def test_quote_blocks_get_a_bar_and_list_items_a_bullet_with_hanging_indent() -> None:
    made = article([("quote", "quoted words " * 6), ("list_item", "listed words " * 6)])
    lines = layout(made, 30).lines
    quoted = [line for line in lines if "quoted" in line.text]
    listed = [line for line in lines if "listed" in line.text]
    assert len(quoted) > 1 and all(line.text.startswith("  │ ") for line in quoted)
    assert listed[0].text.startswith("  • ")
    assert all(line.text.startswith("    listed") for line in listed[1:])
    assert "reader--quote-bar" in {n for _a, _b, n in quoted[0].styles}


# Highlights ----------------------------------------------------------------------------
def test_highlights_come_in_body_order_with_related_index_keys() -> None:
    made = article(
        [("paragraph", "Geng Shuang said “China will act” in Beijing, and “stay tuned”.")],
        entities=[
            ("Beijing", "PLACE", "Beijing"),
            ("Geng Shuang", "PERSON", "Geng Shuang"),
            ("China", "PLACE", "China"),
        ],
        quotes=[("China will act", "Geng Shuang"), ("stay tuned", None)],
    )
    highlights = highlights_of(made)
    assert [(h.kind, h.text) for h in highlights] == [
        ("PERSON", "Geng Shuang"),
        ("QUOTE", "China will act"),
        ("PLACE", "China"),  # inside the quotation: a highlight of its own, after it
        ("PLACE", "Beijing"),
        ("QUOTE", "stay tuned"),
    ]
    assert [h.index for h in highlights] == list(range(5))
    assert [h.key for h in highlights] == ["P:Geng Shuang", "S:Geng Shuang", "L:China",
                                           "L:Beijing", ""]  # fmt: skip
    assert highlights[1].speaker == "Geng Shuang" and highlights[1].canonical == "Geng Shuang"
    assert highlights[4].speaker is None


def test_spans_outside_the_body_are_dropped() -> None:
    made = article([("paragraph", "Short.")])
    made.analysis = Analysis(entities=[EntityMention("Far", "ORG", "Far", 50, 53)])
    assert highlights_of(made) == []


@pytest.mark.parametrize("width", [8, 20, 47, 90])
def test_each_highlight_maps_to_the_lines_and_columns_that_show_it(width: int) -> None:
    text = (
        "Spokesman Geng Shuang told reporters to “stay tuned, because the long quotation "
        "runs across several lines” when asked about Hikvision and 中华人民共和国外交部."
    )
    made = article(
        [("paragraph", "Opening paragraph."), ("paragraph", text)],
        entities=[
            ("Geng Shuang", "PERSON", "Geng Shuang"),
            ("Hikvision", "ORG", "Hikvision"),
            ("中华人民共和国外交部", "ORG", "Foreign Ministry"),
        ],
        quotes=[("stay tuned, because the long quotation runs across several lines", "Geng")],
    )
    result = layout(made, width)
    body = made.text
    for highlight in result.highlights:
        first, last = result.highlight_lines[highlight.index]
        drawn = []
        for y in range(first, last + 1):
            for a, b, index in result.lines[y].highlights:
                if index == highlight.index:
                    drawn.append(result.lines[y].text[a:b])
        assert drawn, highlight
        # Only the spaces at line breaks are not drawn.
        assert "".join(drawn).replace(" ", "") == body[highlight.start : highlight.end].replace(
            " ", ""
        )
        assert result.lines[first].highlights and result.lines[last].highlights
        assert result.line_of(highlight.start) == first or first == result.line_of(0)


def test_find_spans_cover_a_match_across_a_line_break() -> None:
    made = article([("paragraph", "aaaa bbbb cccc dddd")])
    result = layout(made, 9)
    spans = result.spans(5, 14)  # "bbbb cccc" wraps after bbbb
    assert [result.lines[y].text[a:b] for y, a, b in spans] == ["bbbb", "cccc"]


# Untrusted text ------------------------------------------------------------------------
HOSTILE = "[bold red]x[/] [link=file:///etc]y[/link] [@click=app.quit]z[/]"
ESCAPES = "clip\x1b]52;c;SGVsbG8=\x07 clear\x1b[2J csi\x9b31m del\x7f nul\x00 bell\x07 end"


def test_control_characters_never_reach_a_line_and_offsets_still_map() -> None:
    made = article(
        [("paragraph", HOSTILE), ("paragraph", ESCAPES + " Hikvision said so."),
         ("quote", "tab\there\x1b[31m red")],
        entities=[("Hikvision", "ORG", "Hikvision")],
        title="Title\x1b]0;owned\x07 here",
        source="Src\x1b[2J",
    )  # fmt: skip
    made.standfirst = "Stand\x1b[5mfirst"
    result = layout(made, 30)
    for line in result.lines:
        assert not CONTROL.search(line.text), repr(line.text)
        assert "\t" not in line.text
    assert_offsets_exact(result, made.text)
    assert result.lines[0].text.startswith("Title]0;owned here")
    assert len(result.highlights) == 1
    first, _last = result.highlight_lines[0]
    ((a, b, _index),) = result.lines[first].highlights
    assert result.lines[first].text[a:b] == "Hikvision"


def test_markup_in_article_text_is_plain_characters() -> None:
    made = article([("paragraph", HOSTILE)], title="[b]Bold?[/b]")
    result = layout(made, 120)
    texts = [line.text for line in result.lines]
    assert "[b]Bold?[/b]" in texts
    assert HOSTILE in texts


def test_highlight_display_fields_are_control_free_but_keys_match_the_index() -> None:
    made = article(
        [("paragraph", "Mr X\x1b[2Jy said “hi”.")],
        entities=[("X\x1b[2Jy", "PERSON", "X\x1b[2Jy")],
        quotes=[("hi", "X\x1b[2Jy")],
    )
    person, quote = highlights_of(made)
    assert person.text == person.canonical == "X[2Jy"
    assert person.key == "P:X\x1b[2Jy"
    assert quote.speaker == "X[2Jy" and quote.key == "S:X\x1b[2Jy"


def test_layout_module_does_not_import_textual() -> None:
    code = (
        "import sys; import tui.reading.layout; "
        "bad = [m for m in sys.modules if m == 'textual' or m.startswith('textual.')]; "
        "sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=False)
    assert result.returncode == 0


@pytest.mark.parametrize("text", ["plain", "a\x1bb\x07c", "\x1b[2J", "\x9bx\x7f\ty\n", ""])
def test_strip_controls_mapped_agrees_with_strip_controls_and_maps_back(text: str) -> None:
    clean, kept = strip_controls_mapped(text)
    assert clean == strip_controls(text)
    if kept is None:
        assert clean == text
    else:
        assert [text[i] for i in kept] == list(clean)
