"""The app opens on a library and shows what it holds (Pilot, real library on disk)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from tests.conftest import SAMPLES
from tui.app.factory import make_app
from tui.cli import first_run_import
from tui.library import Library


async def test_app_lists_the_library_and_quits_on_q(library_dir: Path) -> None:
    with Library.open(library_dir) as library:
        library.import_paths([SAMPLES], analyze=False)
        count = len(library)
    app = make_app(library_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        summary = app.query_one("#summary", Static)
        assert str(summary.render()).startswith(f"{count} articles in ")
        titles = str(app.query_one("#titles", Static).render())
        assert "China tells US to reverse decision" in titles
        await pilot.press("q")
    assert app.return_code == 0


def test_first_run_imports_the_samples_once(library_dir: Path) -> None:
    first_run_import(library_dir)
    with Library.open(library_dir, read_only=True) as library:
        count = len(library.articles())
    assert count >= 21
    first_run_import(library_dir)  # An existing library is left as it is.
    with Library.open(library_dir, read_only=True) as library:
        assert len(library.articles()) == count
