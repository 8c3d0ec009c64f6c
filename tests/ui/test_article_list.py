"""The article list as a user drives it: keys move the cursor, Enter opens, text stays literal.

A tiny host app mounts the real widget with the real stylesheet, on listings
built in the test or imported from ``sample_articles/``.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.message import Message
from textual.scroll_view import ScrollView

from tests.conftest import SAMPLES
from tui.app.paths import stylesheet
from tui.app.widgets.article_list import NO_MATCH, ArticleList
from tui.browse import Browse
from tui.library import Library
from tui.store.listing import Listing

HOSTILE_TITLE = "Hostile [bold red]x[/] title\x1b[2J and more"


def make_listing(count: int, title: str = "Article {i}") -> Listing:
    return Listing(
        stamp=[0, 0],
        ids=[f"{i:016x}" for i in range(count)],
        titles=[title.format(i=i) for i in range(count)],
        sources=[f"Source {i % 3}" for i in range(count)],
        # Catalog order oldest first, so the list (newest first) shows it reversed.
        published=[f"{2000 + i // 365:04d}-01-{i % 28 + 1:02d}" for i in range(count)],
        words=[100] * count,
    )


class ListApp(App[None]):
    """Just the list, on the app's list stylesheet; records the messages it posts."""

    CSS_PATH: ClassVar[list[str | Path]] = [stylesheet("list.tcss")]

    def __init__(self, browse: Browse) -> None:
        super().__init__()
        self.browse = browse
        self.messages: list[Message] = []

    def compose(self) -> ComposeResult:
        yield ArticleList(id="list")

    def on_mount(self) -> None:
        article_list = self.query_one(ArticleList)
        article_list.set_browse(self.browse)
        article_list.focus()

    def on_article_list_selected(self, message: ArticleList.Selected) -> None:
        self.messages.append(message)

    def on_article_list_highlighted(self, message: ArticleList.Highlighted) -> None:
        self.messages.append(message)


def lines(article_list: ArticleList) -> list[str]:
    return [article_list.render_line(y).text for y in range(article_list.size.height)]


def selected(app: ListApp) -> list[str]:
    return [m.article_id for m in app.messages if isinstance(m, ArticleList.Selected)]


async def test_keys_move_the_cursor_and_enter_selects_the_row_under_it() -> None:
    browse = Browse(make_listing(100), set(), set())
    app = ListApp(browse)
    async with app.run_test(size=(100, 20)) as pilot:
        article_list = app.query_one(ArticleList)
        assert article_list.cursor == 0
        await pilot.press("j", "j", "down")
        assert article_list.cursor == 3
        await pilot.press("k", "up")
        assert article_list.cursor == 1
        await pilot.press("enter")
        await pilot.pause()
        assert selected(app) == [browse.row(1).article_id]
        highlighted = [m for m in app.messages if isinstance(m, ArticleList.Highlighted)]
        assert highlighted[-1].article_id == browse.row(1).article_id
        assert highlighted[-1].control is article_list

        await pilot.press("G")
        assert article_list.cursor == 99
        assert article_list.current_id == browse.row(99).article_id
        assert browse.row(99).title in "\n".join(lines(article_list))  # scrolled into view
        await pilot.press("j")
        assert article_list.cursor == 99  # stays on the last row
        await pilot.press("g")
        assert article_list.cursor == 0 and article_list.scroll_offset.y == 0
        await pilot.press("k")
        assert article_list.cursor == 0


async def test_page_keys_move_by_the_visible_height() -> None:
    app = ListApp(Browse(make_listing(100), set(), set()))
    async with app.run_test(size=(100, 20)) as pilot:
        article_list = app.query_one(ArticleList)
        height = article_list.scrollable_content_region.height
        await pilot.press("pagedown")
        assert article_list.cursor == height
        shown = "\n".join(lines(article_list))
        assert app.browse.row(height).title in shown
        await pilot.press("ctrl+d", "ctrl+u")
        assert article_list.cursor == height
        await pilot.press("pageup")
        assert article_list.cursor == 0 and article_list.scroll_offset.y == 0


async def test_select_id_moves_the_cursor_and_scrolls_there() -> None:
    browse = Browse(make_listing(500), set(), set())
    app = ListApp(browse)
    async with app.run_test(size=(100, 20)) as pilot:
        article_list = app.query_one(ArticleList)
        target = browse.row(321)
        assert article_list.select_id(target.article_id)
        await pilot.pause()
        assert article_list.cursor == 321
        assert any(target.title in line for line in lines(article_list))
        assert not article_list.select_id("no-such-article")
        assert article_list.cursor == 321


async def test_click_selects_the_row() -> None:
    browse = Browse(make_listing(50), set(), set())
    app = ListApp(browse)
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.click(ArticleList, offset=(10, 4))
        await pilot.pause()
        assert app.query_one(ArticleList).cursor == 4
        assert selected(app) == [browse.row(4).article_id]


async def test_marks_show_unread_and_bookmarked_and_follow_changes() -> None:
    listing = make_listing(3)
    browse = Browse(listing, read_ids={listing.ids[1]}, bookmarked_ids={listing.ids[0]})
    app = ListApp(browse)
    async with app.run_test(size=(100, 20)) as pilot:
        article_list = app.query_one(ArticleList)
        marks = {browse.row(y).article_id: lines(article_list)[y][:3] for y in range(3)}
        assert marks == {listing.ids[2]: "●  ", listing.ids[1]: "   ", listing.ids[0]: "● ★"}
        browse.mark_read(listing.ids[2], True)
        article_list.refresh_row(listing.ids[2])
        await pilot.pause()
        assert lines(article_list)[0].startswith("   ")


async def test_hostile_title_shows_brackets_literally_and_no_escape_reaches_the_screen() -> None:
    app = ListApp(Browse(make_listing(3, HOSTILE_TITLE), set(), set()))
    async with app.run_test(size=(100, 20)):
        shown = lines(app.query_one(ArticleList))
        assert "Hostile [bold red]x[/] title[2J and more" in shown[0]
        assert not any("\x1b" in line for line in shown)
        screenshot = app.export_screenshot()
        assert "\x1b" not in screenshot
        assert "[bold red]x[/]" in screenshot.replace("&#160;", " ")


async def test_narrow_terminal_still_shows_titles_and_drops_source_before_date() -> None:
    browse = Browse(make_listing(30, "A rather long title for article number {i}"), set(), set())
    app = ListApp(browse)
    async with app.run_test(size=(80, 24)) as pilot:
        article_list = app.query_one(ArticleList)
        first = lines(article_list)[0]
        assert first.startswith("●   A rather long title")
        assert "2000-01-" in first
        article_list.styles.width = 40
        await pilot.pause()
        first = lines(article_list)[0]
        assert "A rather long title" in first and "…" in first
        assert "Source" not in first and "2000-01-" in first
        article_list.styles.width = 25
        await pilot.pause()
        first = lines(article_list)[0]
        assert "A rather long" in first and "2000" not in first


async def test_empty_library_and_empty_filter_say_what_to_do() -> None:
    app = ListApp(Browse(make_listing(0), set(), set()))
    async with app.run_test(size=(100, 20)) as pilot:
        article_list = app.query_one(ArticleList)
        assert "Library is empty" in lines(article_list)[0]
        assert article_list.current_id is None
        await pilot.press("j", "enter")
        assert selected(app) == []

        browse = Browse(make_listing(5), set(), set())
        browse.set_filter(source="Nobody")
        article_list.set_browse(browse)
        await pilot.pause()
        assert NO_MATCH in lines(article_list)[0]


async def test_ten_thousand_rows_mount_and_draw_only_the_screen() -> None:
    browse = Browse(make_listing(10_000), set(), set())
    app = ListApp(browse)
    async with app.run_test(size=(100, 20)) as pilot:
        article_list = app.query_one(ArticleList)
        await pilot.pause()
        assert article_list.first_paint_at is not None
        assert article_list.virtual_size.height == 10_000
        await pilot.press("G")
        assert article_list.current_id == browse.row(9_999).article_id


async def test_a_library_imported_from_the_samples_lists_every_article(tmp_path: Path) -> None:
    root = tmp_path / "library"
    with Library.open(root) as library:
        library.import_paths([SAMPLES])
        listing = library.store.listing()
        read = library.store.user.read_ids()
    browse = Browse(listing, read, set())
    app = ListApp(browse)
    async with app.run_test(size=(120, 40)):
        shown = "\n".join(lines(app.query_one(ArticleList)))
        for i in range(len(browse)):
            assert browse.row(i).title[:20] in shown


def thumb_cells(article_list: ArticleList, position: float | None = None) -> list[tuple[int, str]]:
    """The scrollbar cells that draw the thumb (and their glyphs), as the bar renders
    them, or as Textual's stock bar would at ``position``."""
    from textual.scrollbar import ScrollBarRender

    bar = article_list.vertical_scrollbar
    drawn = bar.render()
    assert isinstance(drawn, ScrollBarRender)
    segments = ScrollBarRender.render_bar(
        size=bar.size.height,
        virtual_size=drawn.virtual_size,
        window_size=drawn.window_size,
        position=drawn.position if position is None else position,
    ).segments
    return [
        (y, segment.text)
        for y, segment in enumerate(segments)
        if segment.style and (segment.style.meta or {}).get("@mouse.down") == "grab"
    ]


async def test_the_scrollbar_thumb_follows_the_view_at_any_size() -> None:
    for count in (60, 10_000, 100_000):
        browse = Browse(make_listing(count), set(), set())
        app = ListApp(browse)
        async with app.run_test(size=(100, 20)) as pilot:
            article_list = app.query_one(ArticleList)
            await pilot.pause()
            height = article_list.vertical_scrollbar.size.height
            assert thumb_cells(article_list)[0][0] == 0
            for keys in (["G"], ["g"], ["pagedown"] * 3, ["j"] * 40, ["end", "pageup"]):
                await pilot.press(*keys)
                await pilot.pause()
                stock = thumb_cells(article_list, article_list.scroll_offset.y)
                assert thumb_cells(article_list) == stock, (count, keys)
            await pilot.press("G")
            await pilot.pause()
            assert thumb_cells(article_list)[-1][0] == height - 1


def screen_lines(app: App[None]) -> list[list[tuple[str, object]]]:
    """The screen as the terminal gets it: each line's (text, style) pieces."""
    strips = app.screen._compositor.render_strips()
    return [[(seg.text, seg.style) for seg in strip] for strip in strips]


async def test_the_list_drawn_from_its_line_cache_is_what_a_fresh_drawing_shows(
    sample_library: Path,
) -> None:
    # The list keeps finished lines per row (scrolling restyles one row, not all).
    # After each thing a user does, the screen must match a drawing made from scratch.
    from tui.app.factory import make_app

    app = make_app(sample_library)
    async with app.run_test(size=(120, 16)) as pilot:
        await pilot.pause()
        article_list = app.screen.query_one(ArticleList)
        article_list.focus()
        steps = [
            ["j"] * 20,  # scrolls
            ["k"] * 3,
            ["b"],  # bookmark mark on the cursor row
            ["u"],  # read mark
            ["u"],
            ["tab"],  # focus leaves the list: border and cursor colours change
            ["shift+tab"],
            ["T"],  # another theme
            ["G"],
            ["g", "j", "j"],
            ["U"],  # unread only: other rows
            ["x"],
        ]
        for keys in steps:
            await pilot.press(*keys)
            await pilot.pause()
            shown = screen_lines(app)
            # Textual's own drawing of the widget, every line styled afresh.
            article_list._styles_cache.clear()
            article_list.render_lines = partial(ScrollView.render_lines, article_list)
            try:
                assert shown == screen_lines(app), keys
            finally:
                del article_list.render_lines
