"""Article text is untrusted: markup shows literally and no control sequence is drawn.

The hostile page goes through the whole path a user's page would: imported from
a file, listed, opened in the reader, searched; what reaches the screen is
checked in the list, the reader, the sidebar and the exported screenshot.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import OptionList

from tests.conftest import screen_text
from tui.app.factory import make_app
from tui.app.screens.main import MainScreen
from tui.app.widgets.sidebar import Section
from tui.library import Library

HOSTILE = [
    "[bold red]x[/]",
    "[link=file:///etc]passwd[/link]",
    "[@click=app.quit]click me[/]",
]
ESCAPES = ["\x1b]52;c;SGVsbG8=\x07", "\x1b[2J", "\x9b31m", "\x07"]


def hostile_page(path: Path) -> Path:
    body = (
        f"Markup in a paragraph: {HOSTILE[0]} and {HOSTILE[1]} and {HOSTILE[2]}.\n\n"
        f"Escapes: clipboard{ESCAPES[0]} clear{ESCAPES[1]} csi{ESCAPES[2]} bell{ESCAPES[3]}.\n\n"
        f'Marco Rubio said "{HOSTILE[0]} is not a policy" in Washington on Tuesday.\n'
    )
    page = f"---\ntitle: 'Hostile {HOSTILE[0]} title\x1b[2J'\nsource: '[b]Evil[/b]'\n---\n\n{body}"
    path.write_text(page, encoding="utf-8")
    return path


async def test_hostile_article_is_shown_literally_and_never_drives_the_terminal(
    library_dir: Path, tmp_path: Path
) -> None:
    with Library.open(library_dir) as library:
        report = library.import_paths([hostile_page(tmp_path / "hostile.md")])
        assert report.ok, report.failures
        article_id = report.imported[0][1].id
    app = make_app(library_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.article_list.select_id(article_id)
        await pilot.press("enter")
        await pilot.pause()
        reader = screen.reader
        text = "\n".join(reader.line_text(y) for y in range(reader.line_count))
        for literal in HOSTILE:
            assert literal in text
        for control in ("\x1b", "\x07", "\x9b"):
            assert control not in text
        # Step onto every highlight and press Enter: nothing the text says runs.
        await pilot.press("n", "enter", "escape", "n", "enter", "escape")
        assert app.is_running
        shown = app.export_screenshot()
        for control in ("\x1b", "\x07", "\x9b"):
            assert control not in shown
        assert "[bold red]x[/]" in shown.replace("&#160;", " ")
        quotes = app.query_one("#quotations", OptionList)
        prompts = [str(quotes.get_option_at_index(i).prompt) for i in range(quotes.option_count)]
        assert any("[bold red]x[/] is not a policy" in p for p in prompts)
        # The list row shows the title's brackets, not bold red text.
        row = screen.browse.row(screen.browse.index_of(article_id) or 0)
        assert "[bold red]x[/]" in row.title and "\x1b" not in row.title


#: A source or name Textual would read as markup: a link that quits, a stray close
#: tag (MarkupError, which ended the app), bold.
MARKUP_NAME = "[@click=app.quit]Wire[/] [/] [b]bold[/b]"


async def test_a_hostile_source_shows_literally_in_the_list_title(
    library_dir: Path, tmp_path: Path
) -> None:
    """Filtering by a source puts its name in the list's title: shown as it is."""
    page = tmp_path / "wire.md"
    page.write_text(
        f"---\ntitle: A wire story\nsource: '{MARKUP_NAME}'\n---\n\nMarco Rubio spoke.\n",
        encoding="utf-8",
    )
    with Library.open(library_dir) as library:
        assert library.import_paths([page]).ok
    app = make_app(library_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("f")
        options = app.screen.query_one("#filter-options", OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        options.highlighted = ids.index(f"source:{MARKUP_NAME}")
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert app.is_running and app.screen is screen
        title = next(line for line in screen_text(app).splitlines() if "Articles (1)" in line)
        assert "· source: [@click=ap" in title  # (then cut to the pane's width)


async def test_a_find_term_with_brackets_shows_literally_in_its_notification(
    library_dir: Path, tmp_path: Path
) -> None:
    """What the user types comes back in a notification: shown as typed."""
    with Library.open(library_dir) as library:
        assert library.import_paths([hostile_page(tmp_path / "hostile.md")]).ok
    app = make_app(library_dir)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("enter", "ctrl+f", *"[b]x[/b] [/]", "enter")
        await pilot.pause(0.2)  # the toast is mounted
        assert app.is_running
        assert "0 matches for “[b]x[/b] [/]”" in screen_text(app)


async def test_a_section_titled_with_markup_shows_it_literally() -> None:
    """The entity view titles a section with the entity's name."""

    class Titled(App[None]):
        def compose(self) -> ComposeResult:
            yield Section(f"Quotations by {MARKUP_NAME}", id="by")

    app = Titled()
    async with app.run_test(size=(80, 10)) as pilot:
        section = app.query_one("#by", Section)
        section.fill([], "None found.", 3)
        await pilot.pause()
        assert app.is_running
        assert f"Quotations by {MARKUP_NAME} (3)" in screen_text(app)
