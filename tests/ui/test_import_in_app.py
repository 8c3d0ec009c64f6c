"""Importing from the app: a worker with progress, one line per bad file, a cancel key."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from tests.ui.test_reading_flows import main
from tui.app.factory import make_app
from tui.app.screens.import_screen import ImportScreen
from tui.library import Library


async def open_import_screen(pilot: Pilot[None]) -> ImportScreen:
    """The import dialog, opened the way a user does (I on the main screen)."""
    await pilot.press("I")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ImportScreen)
    return screen


def _pages(folder: Path, count: int) -> Path:
    folder.mkdir()
    for n in range(count):
        (folder / f"page-{n:04d}.md").write_text(
            f"# Imported page {n}\n\nBody of page {n}, a sentence long enough to keep.\n"
        )
    return folder


async def test_import_a_folder_with_a_bad_file_and_see_it_in_the_list(
    sample_library: Path, tmp_path: Path
) -> None:
    folder = _pages(tmp_path / "in", 3)
    (folder / "broken.xml").write_bytes(b"<rss><channel><item><title>x")
    app = make_app(sample_library)
    async with app.run_test(size=(140, 45)) as pilot:
        before = len(main(app).browse)
        screen = await open_import_screen(pilot)
        screen.query_one(Input).value = str(folder)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.report is not None and len(screen.report.imported) == 3, screen.status
        assert "Imported 3 article(s)" in screen.status
        assert "broken.xml:" in screen.status  # One line naming the file and the reason.
        await pilot.press("escape")
        await pilot.pause()
        assert len(main(app).browse) == before + 3
        titles = {main(app).browse.row(i).title for i in range(len(main(app).browse))}
        assert "Imported page 2" in titles


async def test_cancel_stops_between_files_and_keeps_what_was_imported(
    sample_library: Path, tmp_path: Path
) -> None:
    folder = _pages(tmp_path / "many", 300)
    app = make_app(sample_library)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_import_screen(pilot)
        screen.start(folder)  # What Enter in the path box does: the worker starts...
        assert screen.importing
        await pilot.press("escape")  # ...and Esc, answered at once, cancels between files.
        await app.workers.wait_for_complete()
        await pilot.pause()
        report = screen.report
        assert report is not None and report.cancelled
        assert len(report.imported) < 300
        assert "Cancelled after importing" in screen.status
        kept = len(report.imported)
    with Library.open(sample_library, read_only=True) as library:
        titles = {meta.title for meta in library.articles()}
        assert sum(title.startswith("Imported page") for title in titles) == kept
