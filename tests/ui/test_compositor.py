"""What the terminal shows, update by update, is what a full drawing shows.

The main screen's compositor renders for a partial update only the pieces the
update writes (``tui/app/compositor.py``). These tests keep a cell grid of the
terminal, apply to it every update the app sends (full and partial, exactly the
segments that would be written), and after each thing a user does compare it
with a full drawing of the screen by Textual's own compositor.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import RenderableType
from rich.segment import ControlType
from rich.style import Style
from textual._compositor import ChopsUpdate
from textual.app import App
from textual.geometry import Region
from textual.pilot import Pilot
from textual.screen import Screen
from textual.scrollbar import ScrollBar
from textual.strip import Strip
from textual.widget import Widget

from tui.app.compositor import PartialCompositor, PiecesUpdate
from tui.app.factory import make_app
from tui.app.screens.main import MainScreen
from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.reader import Reader
from tui.app.widgets.scrollbars import QuickScrollBar
from tui.app.widgets.sidebar import Section, Sidebar

Cell = tuple[str, Style | None]


class Terminal:
    """A grid of cells written by Textual's updates, as a terminal would be."""

    def __init__(self, app: App[None]) -> None:
        self.app = app
        self.cells: dict[tuple[int, int], Cell] = {}
        self.updates = 0

    def apply(self, renderable: RenderableType) -> None:
        console = self.app.console
        x = y = 0
        for segment in console.render(renderable, console.options):
            if segment.control:
                for code in segment.control:
                    if code[0] == ControlType.CURSOR_MOVE_TO:
                        x, y = int(code[1]), int(code[2])
                continue
            if segment.text == "\n":
                continue
            for char in segment.text:
                self.cells[x, y] = (char, segment.style)
                x += cell_len(char)
        self.updates += 1

    def lines(self, width: int, height: int) -> list[list[Cell]]:
        blank: Cell = ("?", None)
        return [[self.cells.get((x, y), blank) for x in range(width)] for y in range(height)]


def drawn_afresh(screen: Screen[object]) -> list[list[Cell]]:
    """The whole screen through Textual's own compositor (every widget, every line)."""
    compositor = screen._compositor
    width, height = compositor.size
    chops = super(PartialCompositor, compositor)._render_chops(
        compositor.size.region, lambda y: True
    )
    grid: list[list[Cell]] = []
    for line in chops:
        cells: list[Cell] = []
        for strip in line.values():
            for segment in strip:
                if not segment.control:
                    for char in segment.text:
                        cells.append((char, segment.style))
                        cells.extend([("", segment.style)] * (cell_len(char) - 1))
        grid.append(cells[:width])
    return grid[:height]


def shown(terminal: Terminal, screen: Screen[object]) -> list[list[Cell]]:
    width, height = screen._compositor.size
    grid = terminal.lines(width, height)
    # A wide character's second cell is never written on its own.
    for row in grid:
        for x in range(1, len(row)):
            if cell_len(row[x - 1][0]) == 2:
                row[x] = ("", row[x - 1][1])
    return grid


def watch(app: App[None]) -> Terminal:
    terminal = Terminal(app)
    display = app._display

    def display_and_record(screen: Screen[object], renderable: RenderableType | None) -> None:
        if renderable is not None and not app._batch_count and screen is app.screen:
            terminal.apply(renderable)
        display(screen, renderable)

    app._display = display_and_record  # type: ignore[method-assign]
    return terminal


def differing(a: list[list[Cell]], b: list[list[Cell]]) -> list[str]:
    """The lines that differ, as text, for a readable failure."""
    return [
        f"line {y}: shown {text(left)!r} != drawn {text(right)!r}"
        for y, (left, right) in enumerate(zip(a, b, strict=True))
        if left != right
    ]


def text(cells: list[Cell]) -> str:
    return "".join(char for char, _style in cells)


def stale_scrollbars(screen: Screen[object]) -> list[str]:
    """Scrollbars whose kept drawing differs from Textual's drawing of them now."""
    stale = []
    for widget in screen.walk_children(with_self=False):
        bar = widget._vertical_scrollbar
        if not isinstance(bar, QuickScrollBar) or not bar.display or not bar.size.area:
            continue
        kept = bar.render_lines(bar.size.region)
        bar._styles_cache.clear()
        if kept != ScrollBar.render_lines(bar, bar.size.region):
            stale.append(f"{type(widget).__name__}#{widget.id}")
    return stale


def stale_lines(screen: Screen[object]) -> list[str]:
    """Panes whose kept finished lines differ from Textual's drawing of them now."""
    stale = []
    panes = [
        screen.query_one(ArticleList),
        screen.query_one(Reader),
        screen.query_one(Sidebar),
        *screen.query(Section),
    ]
    for pane in panes:
        if not pane.display or not pane.size.area:
            continue
        region = Region(0, 0, *pane.outer_size)
        kept = pane.render_lines(region)
        pane._styles_cache.clear()
        if cells(kept) != cells(Widget.render_lines(pane, region)):
            stale.append(f"{type(pane).__name__}#{pane.id}")
    return stale


def cells(strips: list[Strip]) -> list[list[Cell]]:
    """Each line as cells: a line given new edges may be cut into other segments."""
    return [
        [(char, segment.style) for segment in strip for char in segment.text] for strip in strips
    ]


STEPS: list[tuple[str, list[str]]] = [
    ("scroll the list", ["j"] * 30),
    ("back up", ["k"] * 5),
    ("open an article", ["enter"]),
    ("step through quotations", ["right_square_bracket"] * 3),
    ("step through names", ["right_curly_bracket"] * 4),
    ("scroll the reader", ["space", "j", "j"]),
    ("into the sidebar", ["tab", "j", "j", "j", "shift+tab"]),
    ("select a passage", ["v", "l", "l", "escape"]),
    ("highlights off", ["H"]),
    ("highlights on", ["H"]),
    ("sidebar hidden", ["i"]),
    ("sidebar shown", ["i"]),
    ("focus moves", ["tab", "tab", "shift+tab"]),
    ("focus round every pane", ["tab"] * 8),
    ("another theme", ["T"]),
    ("back to the list", ["escape", "G", "g"]),
    ("bookmark", ["b"]),
    ("search opened and closed", ["slash", "h", "i", "escape"]),
]


async def test_every_update_leaves_the_terminal_as_a_full_drawing_would(
    sample_library: Path,
) -> None:
    app = make_app(sample_library)
    terminal = watch(app)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert isinstance(app.screen._compositor, PartialCompositor)
        app.screen.query_one("#list").focus()
        for what, keys in STEPS:
            before = terminal.updates
            for key in keys:
                await pilot.press(key)
                await pilot.pause()
            assert isinstance(app.screen, MainScreen), what
            assert terminal.updates > before, f"{what}: nothing was drawn"
            assert shown(terminal, app.screen) == drawn_afresh(app.screen), (
                what,
                differing(shown(terminal, app.screen), drawn_afresh(app.screen)),
            )
            assert not stale_scrollbars(app.screen), what
            assert not stale_lines(app.screen), what


async def test_a_narrow_terminal_gets_the_same_updates(sample_library: Path) -> None:
    app = make_app(sample_library)
    terminal = watch(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for what, keys in [
            ("scroll the list", ["j"] * 25),
            ("open", ["enter"]),
            ("read", ["space", "right_square_bracket", "right_square_bracket"]),
            ("sidebar", ["i"]),
            ("back to the list", ["escape", "escape", "k"]),
        ]:
            for key in keys:
                await pilot.press(key)
                await pilot.pause()
            assert shown(terminal, app.screen) == drawn_afresh(app.screen), what


async def test_pages_drawn_ahead_show_as_a_full_drawing_would(
    sample_library: Path, seed_id: str
) -> None:
    """Once a frame is painted the pages around the view are drawn ahead: a page down
    then styles no text line, and shows exactly what a full drawing shows."""
    app = make_app(sample_library)
    terminal = watch(app)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.open_article(seed_id, offset=0)
        reader = screen.reader
        reader.focus()
        styled: list[int] = []
        render_widget = reader._styles_cache.render_widget

        def counting(widget: Widget, crop: Region) -> list[Strip]:
            if not reader._read_ahead_shift:  # the view's own lines, not those ahead
                styled.extend(crop.line_range)
            return render_widget(widget, crop)

        reader._styles_cache.render_widget = counting  # type: ignore[method-assign]
        pages = 0
        while reader.scroll_offset.y < reader.max_scroll_y:
            await pilot.pause()  # the frame: then the pages around are drawn
            while reader.reading_ahead:
                await pilot.pause(0.01)
            styled.clear()
            await pilot.press("space")
            await pilot.pause()
            pages += 1
            bottom = reader.outer_size.height - 1
            assert set(styled) <= {0, bottom}, (pages, styled)  # the border's progress only
            assert shown(terminal, screen) == drawn_afresh(screen), pages
            assert not stale_lines(screen), pages
        assert pages >= 2
        await pilot.press("shift+space")  # the page above was drawn ahead too
        await pilot.pause()
        assert shown(terminal, screen) == drawn_afresh(screen)


async def seed_from_the_top(app: App[None], pilot: Pilot[None], seed_id: str) -> MainScreen:
    """The main screen with the seed open at its top, drawn."""
    screen = app.screen
    assert isinstance(screen, MainScreen)
    screen.open_article(seed_id, offset=0)
    await pilot.pause()
    return screen


def drawings_of(monkeypatch: pytest.MonkeyPatch, cls: type[Widget], method: str) -> list[str]:
    """The ids of the widgets (a bar's: its owner's) that ``cls.method`` draws for,
    noted as it is called from now on."""
    drawn: list[str] = []
    draw = getattr(cls, method)

    def noting(widget: Widget, *args: object) -> list[Strip]:
        owner = widget.parent if isinstance(widget, ScrollBar) else widget
        drawn.append(str(getattr(owner, "id", "")))
        return draw(widget, *args)  # type: ignore[no-any-return]

    monkeypatch.setattr(cls, method, noting)
    return drawn


async def test_a_scrollbar_back_where_it_was_is_not_drawn_again(
    sample_library: Path, seed_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Focus on the sidebar's last section and back on its first scrolls the sidebar
    down and up: its bar's two drawings are kept, and still right."""
    drawn = drawings_of(monkeypatch, QuickScrollBar, "_draw")
    app = make_app(sample_library)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await seed_from_the_top(app, pilot, seed_id)
        sidebar = screen.query_one(Sidebar)
        for round in ("first", "again"):
            drawn.clear()
            screen.query_one("#quotations").focus()
            await pilot.pause()
            assert sidebar.scroll_y > 0  # scrolled down to the last section
            screen.query_one("#notes").focus()
            await pilot.pause()
            assert sidebar.scroll_y == 0  # and back to the top
            assert ("sidebar" in drawn) == (round == "first")  # drawn once each way
        assert not stale_scrollbars(screen)


async def test_sections_only_moved_by_a_sidebar_scroll_are_not_drawn_again(
    sample_library: Path, seed_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Scrolling the sidebar moves its sections without changing them: the second
    time round, a section shows the lines it gave before, and the screen is still
    what a full drawing gives."""
    drawn = drawings_of(monkeypatch, Section, "_render_lines")
    app = make_app(sample_library)
    terminal = watch(app)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await seed_from_the_top(app, pilot, seed_id)
        sidebar = screen.query_one(Sidebar)
        for round in ("first", "again"):
            drawn.clear()
            for y in (sidebar.max_scroll_y, 0):
                sidebar.scroll_to(y=y, animate=False, immediate=True)
                await pilot.pause()
            assert (not drawn) == (round == "again"), drawn
            assert shown(terminal, screen) == drawn_afresh(screen), round
        screen.query_one("#related", Section).focus()  # a change: drawn again
        await pilot.pause()
        assert "related" in drawn
        assert shown(terminal, screen) == drawn_afresh(screen)


async def test_a_tab_that_scrolls_the_sidebar_is_one_update(
    sample_library: Path, seed_id: str
) -> None:
    """Tab from the reader to the first section (the focused quotation's leads, a
    list longer than its section) scrolls the sidebar up from its last section:
    the sections it shows and the sidebar's bar are drawn in that one update, and no
    second update follows to draw the bar again."""
    app = make_app(sample_library)
    terminal = watch(app)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await seed_from_the_top(app, pilot, seed_id)
        screen.reader.focus()
        await pilot.press("right_square_bracket")
        await pilot.pause(0.3)  # the leads follow the quotation once it rests
        leads = screen.query_one("#focus-leads", Section)
        assert leads.display and leads.max_scroll_y > 0  # longer than its section
        sidebar = screen.query_one(Sidebar)
        for round in range(2):
            while app.focused is not screen.query_one("#quotations"):
                await pilot.press("tab")
                await pilot.pause()
            assert sidebar.scroll_y > 0  # scrolled down to the last section
            await pilot.press("tab", "tab")  # the list, the reader
            await pilot.pause()
            assert app.focused is screen.reader
            before = terminal.updates
            await pilot.press("tab")
            await pilot.pause()
            await pilot.pause(0.05)  # room for an update that follows
            assert isinstance(app.focused, Section), round
            assert sidebar.scroll_y == 0, round
            assert terminal.updates - before == 1, round
            assert shown(terminal, screen) == drawn_afresh(screen), round
            assert not stale_scrollbars(screen), round


#: What a terminal acts on in an update's escape sequences: a cursor move, a
#: change of style (SGR), or a character.
MOVES = re.compile(r"\x1b\[\d+;\d+H")
ESCAPES = re.compile(r"\x1b\[(\d+);(\d+)H|\x1b\[([0-9;]*)m|(.)", re.DOTALL)


class SequenceTerminal:
    """A grid of (character, style codes) cells written by escape sequences."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], tuple[str, str]] = {}

    def apply(self, sequences: str) -> None:
        x = y = 0
        style = ""
        for move_y, move_x, sgr, char in ESCAPES.findall(sequences):
            if move_y:
                x, y = int(move_x) - 1, int(move_y) - 1
            elif char:
                if char == "\n":
                    continue  # (Textual writes one between lines; every line moves)
                self.cells[x, y] = (char, style)
                x += cell_len(char)
            else:
                style = "" if sgr in ("", "0") else style + ";" + sgr


async def test_the_terminal_is_sent_what_textual_would_send_with_fewer_moves(
    sample_library: Path,
) -> None:
    app = make_app(sample_library)
    ours, textuals = SequenceTerminal(), SequenceTerminal()
    moves = {"ours": 0, "textual's": 0}
    display = app._display

    def display_both(screen: Screen[object], renderable: RenderableType | None) -> None:
        if isinstance(renderable, PiecesUpdate):
            mine = renderable.render_segments(app.console)
            theirs = ChopsUpdate.render_segments(renderable, app.console)
            ours.apply(mine)
            textuals.apply(theirs)
            moves["ours"] += len(MOVES.findall(mine))
            moves["textual's"] += len(MOVES.findall(theirs))
        display(screen, renderable)

    app._display = display_both  # type: ignore[method-assign]
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        app.screen.query_one("#list").focus()
        for what, keys in STEPS:
            for key in keys:
                await pilot.press(key)
                await pilot.pause()
            assert ours.cells == textuals.cells, what
    assert 0 < moves["ours"] < 0.67 * moves["textual's"]  # 2,482 against 5,475
