"""The Textual application (a plain placeholder screen until the reader lands)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.widgets import Footer, Header, Static

from tui.app.paths import stylesheet


class LedeApp(App[None]):
    """Lede's app shell: shows what the library holds."""

    CSS_PATH: ClassVar[list[str | Path]] = [stylesheet("app.tcss")]
    TITLE = "Lede"
    BINDINGS: ClassVar[list[BindingType]] = [("q", "quit", "Quit")]

    def __init__(self, library_dir: Path, article_titles: list[str] | None = None) -> None:
        super().__init__()
        self.library_dir = library_dir
        self.article_titles = article_titles or []

    def compose(self) -> ComposeResult:
        yield Header()
        count = len(self.article_titles)
        summary = f"{count} article{'s' if count != 1 else ''} in {self.library_dir}"
        yield Static(summary, id="summary", markup=False)
        yield Static("\n".join(self.article_titles[:200]), id="titles", markup=False)
        yield Static(
            "The reader is on its way. Meanwhile: lede list, lede show ID, lede related ID.",
            id="hint",
            markup=False,
        )
        yield Footer()
