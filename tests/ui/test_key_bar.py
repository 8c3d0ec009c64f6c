"""The footer shows the keys of the focused pane, whole, and a click runs one."""

from __future__ import annotations

from pathlib import Path

from rich.segment import Segment
from textual.geometry import Region

from tui.app.factory import make_app
from tui.app.screens.help import HelpScreen
from tui.app.screens.main import MainScreen
from tui.app.widgets.key_bar import KeyBar


def bar_text(bar: KeyBar) -> str:
    return bar.render_line(0).text


async def test_the_bar_follows_the_focused_pane(sample_library: Path) -> None:
    app = make_app(sample_library)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        bar = screen.query_one(KeyBar)
        screen.article_list.focus()
        await pilot.pause()
        in_list = bar_text(bar)
        assert "⏎ Open" in in_list
        assert "Next highlight" not in in_list
        assert in_list.rstrip().endswith("^p palette")
        await pilot.press("enter")  # opens the article and focuses the reader
        await pilot.pause()
        in_reader = bar_text(bar)
        assert "n Next highlight" in in_reader
        assert "⏎ Open" not in in_reader
        assert "/ Search" in in_list and "/ Search" in in_reader  # screen-wide keys stay


async def test_a_narrow_bar_tightens_and_shows_each_key_whole(sample_library: Path) -> None:
    app = make_app(sample_library)
    async with app.run_test(size=(80, 24)) as pilot:
        bar = app.screen.query_one(KeyBar)
        await pilot.pause()
        text = bar_text(bar)
        assert len(text) <= 80
        shown = [hint for hint in bar.hints if f"{hint.display} {hint.description}" in text]
        assert len(shown) >= 6, text
        assert bar.hints[: len(shown)] == tuple(shown)  # the first ones, none skipped
        for hint in bar.hints[len(shown) :]:  # the rest left out whole, not cut
            assert hint.description not in text
        assert f" {bar.hints[0].display} " not in text[:4]  # tight: no roomy padding


async def test_clicking_a_key_in_the_bar_runs_it(sample_library: Path) -> None:
    app = make_app(sample_library)
    async with app.run_test(size=(160, 40)) as pilot:
        bar = app.screen.query_one(KeyBar)
        await pilot.pause()
        place = next(p for p in bar._placed if p.hint.description == "Help")
        await pilot.click(KeyBar, offset=(place.start + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_a_narrow_reader_shows_the_way_back_to_the_list_first(
    sample_library: Path,
) -> None:
    app = make_app(sample_library)
    async with app.run_test(size=(80, 24)) as pilot:
        bar = app.screen.query_one(KeyBar)
        await pilot.pause()
        assert "List" not in bar_text(bar)  # the list shows: nothing to go back to
        await pilot.press("enter")  # the reader takes the screen
        await pilot.pause()
        assert bar_text(bar).startswith("esc List ")
        await pilot.press("escape")
        await pilot.pause()
        assert "List" not in bar_text(bar)


async def test_the_bar_as_drawn_takes_a_new_theme_s_colours(sample_library: Path) -> None:
    """The bar keeps its drawings per set of keys; a theme change draws it afresh."""
    app = make_app(sample_library)
    async with app.run_test(size=(160, 40)) as pilot:
        bar = app.screen.query_one(KeyBar)
        await pilot.pause()
        whole = Region(0, 0, bar.size.width, 1)

        def drawn() -> list[Segment]:
            return list(bar.render_lines(whole)[0])

        before = drawn()
        assert before == drawn()  # kept
        await pilot.press("T")  # the next theme
        await pilot.pause()
        after = drawn()
        assert after != before
        bar._drawn.clear()
        assert after == drawn()  # what a fresh drawing gives
