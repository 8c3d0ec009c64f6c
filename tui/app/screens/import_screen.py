"""Importing from inside the app: a path, a progress bar, a cancel key, a report.

The import runs in a thread worker, so the app keeps answering keys however
slow or hostile the files are; Esc (or c) cancels between files, and between
chunks of 500 items inside a big feed (parsing one file is not interrupted:
at most a few seconds, see docs/ROBUSTNESS.md), and whatever was imported
before that is kept. Each failure is one line naming the file
and the reason.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, ProgressBar, Static
from textual.worker import get_current_worker

from tui.app.widgets.sidebar import clip
from tui.library import ImportCancelled, ImportReport, Library
from tui.textsafe import path_text


def clip_path(path: Path | str, most: int = 60) -> str:
    """A path cut from the left, so the file name always shows; printable whatever
    bytes the name has (a non-UTF-8 name would not even encode for the terminal)."""
    text = path_text(path)
    return text if len(text) <= most else "…" + text[-(most - 1) :]


def summary(report: ImportReport) -> Text:
    """What an import did, for people: counts, then one line per failure."""
    text = Text()
    verb = "Cancelled after importing" if report.cancelled else "Imported"
    text.append(f"{verb} {len(report.imported)} article(s)", style="bold")
    if report.duplicates:
        text.append(f", {len(report.duplicates)} already in the library")
    if report.failures:
        text.append(f", {len(report.failures)} file(s) not imported:")
        for path, reason in report.failures[:50]:
            text.append(f"\n  {clip_path(path)}: {clip(reason, 80)}", style="dim")
        if len(report.failures) > 50:
            text.append(f"\n  … and {len(report.failures) - 50} more", style="dim")
    text.append(".")
    return text


class ImportScreen(ModalScreen[int]):
    """Ask for a file or folder, import it in a worker; dismisses with the count imported."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel / close", id="import-cancel"),
        Binding("c", "cancel", "Cancel", id="import-cancel-c", show=False),
    ]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self._stop = threading.Event()
        self._importing = False
        self.imported = 0
        self.report: ImportReport | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="import-view"):
            yield Static("Import saved pages, feeds, Markdown or text", id="import-heading")
            yield Input(placeholder="File or folder (~ works), then Enter", id="import-path")
            yield ProgressBar(id="import-progress", show_eta=False)
            yield Static("", id="import-status", markup=False)

    def on_mount(self) -> None:
        self.query_one(ProgressBar).display = False
        self.query_one(Input).focus()

    @property
    def importing(self) -> bool:
        return self._importing

    @property
    def status(self) -> str:
        return str(self.query_one("#import-status", Static).render())

    @on(Input.Submitted, "#import-path")
    def _submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.start(Path(event.value.strip()).expanduser())

    def start(self, path: Path) -> None:
        """Import ``path`` in a worker (the path box's Enter calls this)."""
        if self._importing:
            return
        if not path.exists():
            self._say(f"{clip_path(path)}: no such file or folder")
            return
        self._importing = True
        self._stop.clear()
        self.query_one(Input).disabled = True
        self.query_one(ProgressBar).display = True
        self._say("Reading…")
        self._import(path)

    def _say(self, message: str | Text) -> None:
        self.query_one("#import-status", Static).update(message)

    @work(thread=True, exclusive=True, group="import")
    def _import(self, path: Path) -> None:
        worker = get_current_worker()

        def progress(done: int, total: int, current: Path) -> None:
            if self._stop.is_set() or worker.is_cancelled:
                raise ImportCancelled
            self.app.call_from_thread(self._progress, done, total, current)

        try:
            report = self.library.import_paths([path], progress=progress)
        except OSError as exc:  # The library itself could not be written (disk full...).
            self.app.call_from_thread(self._failed, f"{exc}")
            return
        self.app.call_from_thread(self._finished, report)

    def _progress(self, done: int, total: int, current: Path) -> None:
        bar = self.query_one(ProgressBar)
        bar.update(total=total, progress=done)
        self._say(f"{done} of {total}: {clip_path(current.name)} · Esc cancels")

    def _finished(self, report: ImportReport) -> None:
        self._importing = False
        self.report = report
        self.imported = len(report.imported)
        self._say(Text.assemble(summary(report), ("\nEsc closes.", "dim")))

    def _failed(self, reason: str) -> None:
        self._importing = False
        self._say(f"The import stopped: {reason}. What was imported before is kept.")

    def action_cancel(self) -> None:
        if self._importing:
            self._stop.set()
            self._say("Cancelling after the current file or 500 feed items…")
            return
        self.dismiss(self.imported)
