"""The reader pane on its own, in a tiny host app: stepping, finding, keeping the place.

The article is the seed from ``sample_articles/``, imported and analysed for
real, so the highlights are what the analyser gives; the hostile article is
built here, because the point is what reaches the screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pytest
from textual.app import App, ComposeResult
from textual.message import Message
from textual.strip import Strip

import tui.app.widgets.reader as reader_module
from tests.conftest import SEED
from tui.app.paths import stylesheet
from tui.app.widgets.reader import GUTTER, Reader
from tui.library import Library
from tui.model import Analysis, Article, ArticleMeta, Block, EntityMention, Quotation

SIZE = (100, 30)


class Host(App[None]):
    """Just a reader, recording the messages it posts."""

    CSS_PATH: ClassVar[list[str | Path]] = [stylesheet("reader.tcss")]

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[Message] = []

    def compose(self) -> ComposeResult:
        yield Reader(id="reader")

    def on_mount(self) -> None:
        self.query_one(Reader).focus()

    def on_reader_highlight_focused(self, message: Reader.HighlightFocused) -> None:
        self.messages.append(message)

    def on_reader_highlight_activated(self, message: Reader.HighlightActivated) -> None:
        self.messages.append(message)

    def on_reader_position_changed(self, message: Reader.PositionChanged) -> None:
        self.messages.append(message)

    def of(self, kind: type[Message]) -> list[Message]:
        return [m for m in self.messages if isinstance(m, kind)]


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Article:
    root = tmp_path_factory.mktemp("reader") / "library"
    with Library.open(root) as library:
        report = library.import_paths([SEED])
        assert report.ok, report.failures
        article = library.article(report.imported[0][1].id)
    assert article is not None and article.analysis is not None
    return article


def strip_text(strip: Strip) -> str:
    return "".join(segment.text for segment in strip)


def screen_lines(reader: Reader) -> list[Strip]:
    return [reader.render_line(y) for y in range(reader.scrollable_content_region.height)]


def segment_of(reader: Reader, word: str) -> list:
    """The styles of every drawn segment that is exactly ``word``, on screen now."""
    return [seg.style for strip in screen_lines(reader) for seg in strip if seg.text == word]


async def test_empty_reader_invites_you_to_select_an_article() -> None:
    app = Host()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        reader = app.query_one(Reader)
        assert any("Select an article…" in strip_text(s) for s in screen_lines(reader))
        assert reader.position == 0 and reader.highlights == []
        await pilot.press("n", "enter", "j", "G")  # Nothing to step to, nothing breaks.
        assert app.is_running


async def test_n_steps_to_a_quotation_by_geng_shuang(seed: Article) -> None:
    app = Host()
    async with app.run_test(size=SIZE) as pilot:
        reader = app.query_one(Reader)
        reader.show_article(seed)
        await pilot.pause()
        for _ in range(len(reader.highlights)):
            await pilot.press("n")
            if reader.focused is not None and reader.highlights[reader.focused].kind == "QUOTE":
                break
        await pilot.pause()
        focused = app.of(Reader.HighlightFocused)
        assert focused, "no HighlightFocused posted"
        last = focused[-1].highlight  # type: ignore[attr-defined]
        assert last.kind == "QUOTE"
        assert last.speaker == "Geng Shuang"
        assert last.key == "S:Geng Shuang"
        assert seed.text[last.start : last.end] == last.text == "stay tuned"
        # The focused quotation is drawn reversed, on screen.
        styles = segment_of(reader, "stay tuned")
        assert styles and all(style.reverse for style in styles)


async def test_quote_and_entity_keys_step_by_kind_and_wrap_around(seed: Article) -> None:
    app = Host()
    async with app.run_test(size=SIZE) as pilot:
        reader = app.query_one(Reader)
        reader.show_article(seed)
        await pilot.pause()
        await pilot.press("right_square_bracket")
        assert reader.highlights[reader.focused or 0].kind == "QUOTE"
        await pilot.press("right_curly_bracket")
        assert reader.highlights[reader.focused or 0].kind in {"PERSON", "ORG", "PLACE"}
        quotes = [h.index for h in reader.highlights if h.kind == "QUOTE"]
        reader.focus_highlight(quotes[-1])
        await pilot.press("right_square_bracket")  # past the last: back to the first
        assert reader.focused == quotes[0]
        assert reader.scroll_offset.y == 0 or reader.position <= reader.highlights[quotes[0]].start
        await pilot.press("left_square_bracket")  # before the first: round to the last
        assert reader.focused == quotes[-1]
        first, last = reader._layout.highlight_lines[quotes[-1]]  # type: ignore[union-attr]
        top = reader.scroll_offset.y
        assert top <= first and last < top + reader.scrollable_content_region.height
        await pilot.press("N")
        assert reader.focused == quotes[-1] - 1


async def test_hikvision_is_drawn_as_an_organisation_and_h_turns_colouring_off(
    seed: Article,
) -> None:
    app = Host()
    async with app.run_test(size=SIZE) as pilot:
        reader = app.query_one(Reader)
        reader.show_article(seed)
        hikvision = next(h for h in reader.highlights if h.text == "Hikvision")
        assert hikvision.kind == "ORG" and hikvision.key == "O:Hikvision"
        reader.go_to_offset(hikvision.start)
        await pilot.pause()
        styles = segment_of(reader, "Hikvision")
        assert styles and all(style.bold and style.underline for style in styles)

        await pilot.press("H")
        assert reader.highlights_on is False
        assert all(not style.underline for style in segment_of(reader, "Hikvision"))
        await pilot.press("H")
        assert all(style.underline for style in segment_of(reader, "Hikvision"))


async def test_find_counts_matches_and_steps_through_them(seed: Article) -> None:
    app = Host()
    async with app.run_test(size=SIZE) as pilot:
        reader = app.query_one(Reader)
        reader.show_article(seed)
        await pilot.pause()
        expected = seed.text.lower().count("hikvision")
        assert expected >= 3
        assert reader.find("hikVISION") == expected
        assert reader.match_count == expected and reader.current_match == 0
        await pilot.pause()
        styles = segment_of(reader, "Hikvision")
        assert any(style.reverse for style in styles)  # the current match, on screen
        reader.action_find_next()
        assert reader.current_match == 1
        reader.action_find_previous()
        reader.action_find_previous()  # wraps to the last
        assert reader.current_match == expected - 1
        reader.clear_find()
        assert reader.match_count == 0 and reader.current_match is None
        assert reader.find("no such words anywhere") == 0


async def test_find_starts_at_the_top_of_the_view(seed: Article) -> None:
    app = Host()
    async with app.run_test(size=SIZE) as pilot:
        reader = app.query_one(Reader)
        reader.show_article(seed)
        await pilot.pause()
        matches = [i for i in range(len(seed.text)) if seed.text.startswith("Hikvision", i)]
        reader.go_to_offset(matches[2])
        await pilot.pause()
        reader.find("Hikvision")
        assert reader.current_match is not None and matches[reader.current_match] >= matches[2]


async def test_scrolling_posts_position_and_progress_only_when_the_top_line_changes(
    seed: Article,
) -> None:
    app = Host()
    async with app.run_test(size=SIZE) as pilot:
        reader = app.query_one(Reader)
        reader.show_article(seed)
        await pilot.pause()
        app.messages.clear()
        await pilot.press("pagedown")
        await pilot.pause()
        moved = app.of(Reader.PositionChanged)
        assert len(moved) == 1
        assert moved[0].offset == reader.position > 0  # type: ignore[attr-defined]
        assert 0 < moved[0].progress < 1  # type: ignore[attr-defined]
        assert reader.border_subtitle == f"{round(reader.progress * 100)}%"
        app.messages.clear()
        reader.refresh()
        await pilot.press("n")  # the next name is on screen: no scroll, no position
        await pilot.pause()
        assert app.of(Reader.PositionChanged) == []
        await pilot.press("G")
        assert reader.progress == 1.0 and reader.border_subtitle == "100%"
        await pilot.press("g")
        assert reader.position == 0 and reader.border_subtitle == "0%"


async def test_position_survives_resizes_and_reopening(seed: Article) -> None:
    app = Host()
    async with app.run_test(size=SIZE) as pilot:
        reader = app.query_one(Reader)
        reader.show_article(seed)
        await pilot.pause()
        for _ in range(2):
            await pilot.press("pagedown")
        await pilot.press("j")
        place = reader.position
        assert place > 0
        top_text = reader.line_text(reader.scroll_offset.y)
        assert top_text[reader._layout.lines[reader.scroll_offset.y].body :]  # type: ignore[union-attr]

        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert reader.position == place
        line = reader._layout.lines[reader.scroll_offset.y]  # type: ignore[union-attr]
        assert line.start <= place <= line.end
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        assert reader.position == place
        assert reader.line_text(reader.scroll_offset.y) == top_text

        reader.show_article(None)
        reader.show_article(seed, offset=place)
        await pilot.pause()
        assert reader.position == place


async def test_scrolling_and_stepping_never_lay_the_article_out_again(
    seed: Article, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    real = reader_module.layout

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(reader_module, "layout", counting)
    app = Host()
    async with app.run_test(size=SIZE) as pilot:
        reader = app.query_one(Reader)
        reader.show_article(seed)
        await pilot.pause()
        assert len(calls) == 1
        await pilot.press("n", "n", "right_square_bracket", "pagedown", "j", "k", "G", "g", "H")
        reader.find("China")
        reader.action_find_next()
        await pilot.pause()
        assert len(calls) == 1


async def test_enter_and_click_activate_the_highlight(seed: Article) -> None:
    app = Host()
    async with app.run_test(size=SIZE) as pilot:
        reader = app.query_one(Reader)
        reader.show_article(seed)
        await pilot.pause()
        await pilot.press("enter")  # nothing focused yet: nothing to activate
        assert app.of(Reader.HighlightActivated) == []
        await pilot.press("n", "enter")
        await pilot.pause()
        (activated,) = app.of(Reader.HighlightActivated)
        assert activated.highlight.index == reader.focused  # type: ignore[attr-defined]

        layout = reader._layout
        assert layout is not None
        target = next(h for h in reader.highlights if h.text == "Geng Shuang")
        y = layout.highlight_lines[target.index][0] - reader.scroll_offset.y
        line = layout.lines[y + reader.scroll_offset.y]
        first = next(a for a, _b, i in line.highlights if i == target.index)
        x = GUTTER + layout.pad + first  # The note gutter is the reader's left margin.
        gutter = reader.gutter.top_left if hasattr(reader, "gutter") else (0, 0)
        await pilot.click(Reader, offset=(x + gutter[0], y + gutter[1]))
        await pilot.pause()
        assert reader.focused == target.index
        assert app.of(Reader.HighlightActivated)[-1].highlight == target  # type: ignore[attr-defined]


def hostile_article() -> Article:
    blocks = [
        Block("paragraph", "Markup: [bold red]x[/] and [link=file:///etc]y[/link] and "
                           "[@click=app.quit]z[/] here."),
        Block("paragraph", "Escapes: clipboard\x1b]52;c;SGVsbG8=\x07 clear\x1b[2J done."),
        Block("quote", "Quoted [@click=app.quit]z[/] bell\x07 text."),
    ]  # fmt: skip
    made = Article(
        meta=ArticleMeta(id="hostile", title="Hostile [bold red]x[/] title\x1b[2J"),
        standfirst="",
        blocks=blocks,
    )
    body = made.text
    click = body.index("[@click=app.quit]z[/]")
    quoted = body.index("[@click=app.quit]z[/]", click + 1)
    made.analysis = Analysis(
        entities=[EntityMention("[bold red]x[/]", "ORG", "[bold red]x[/]",
                                body.index("[bold red]x[/]"), body.index("[bold red]x[/]") + 14)],
        quotes=[Quotation("[@click=app.quit]z[/]", "[b]Nobody[/b]", "said", quoted,
                          quoted + len("[@click=app.quit]z[/]"))],
    )  # fmt: skip
    return made


async def test_untrusted_article_is_drawn_literally_and_never_drives_the_terminal() -> None:
    app = Host()
    async with app.run_test(size=(120, 40)) as pilot:
        reader = app.query_one(Reader)
        reader.show_article(hostile_article())
        await pilot.pause()
        drawn = "\n".join(strip_text(strip) for strip in screen_lines(reader))
        for literal in ("[bold red]x[/]", "[link=file:///etc]y[/link]", "[@click=app.quit]z[/]"):
            assert literal in drawn
        assert "Hostile [bold red]x[/] title[2J" in drawn
        for control in ("\x1b", "\x07", "\x9b"):
            assert control not in drawn
        for strip in screen_lines(reader):
            for segment in strip:
                assert segment.style is None or not segment.style.link
                assert segment.style is None or not segment.style.meta
        for _ in range(len(reader.highlights)):
            await pilot.press("n", "enter")
        await pilot.pause()
        assert app.is_running
        assert len(app.of(Reader.HighlightActivated)) == len(reader.highlights) == 2
        shown = app.export_screenshot()
        for control in ("\x1b", "\x07"):
            assert control not in shown
        assert "[@click=app.quit]z[/]" in shown.replace("&#160;", " ")


async def test_go_to_offset_posts_the_exact_offset_and_a_theme_change_recolours(
    seed: Article,
) -> None:
    app = Host()
    async with app.run_test(size=SIZE) as pilot:
        reader = app.query_one(Reader)
        reader.show_article(seed)
        await pilot.pause()
        middle = seed.text.index("Hikvision") + 3  # mid-line, mid-word
        reader.go_to_offset(middle)
        await pilot.pause()
        assert reader.position == middle
        assert app.of(Reader.PositionChanged)[-1].offset == middle  # type: ignore[attr-defined]

        app.theme = "textual-dark"
        await pilot.pause()
        dark = segment_of(reader, "Hikvision")[0]
        app.theme = "textual-light"
        await pilot.pause()
        light = segment_of(reader, "Hikvision")[0]
        assert dark.color != light.color and dark.bgcolor != light.bgcolor
