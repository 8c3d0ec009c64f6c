"""The Textual application (a plain placeholder until the reader lands)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

from tui.app.paths import stylesheet


class LedeApp(App[None]):
    """Lede's app shell."""

    CSS_PATH: ClassVar[list[str | Path]] = [stylesheet("app.tcss")]
    TITLE = "Lede"
    BINDINGS: ClassVar = [("q", "quit", "Quit")]

    def __init__(self, library_dir: Path) -> None:
        super().__init__()
        self.library_dir = library_dir

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"Library: {self.library_dir}", id="placeholder", markup=False)
        yield Footer()
