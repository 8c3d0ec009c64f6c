"""The note editor: a Markdown TextArea in a modal, or the user's own $EDITOR.

Saving goes through a callback that returns an error message or None, so a
failed save (disk full, read-only library) is shown here and the text stays in
the editor until it is saved or deliberately discarded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static, TextArea

from tui.external_editor import EditorError, edit_externally

#: Saves the text; returns None when it is durable, else what went wrong.
SaveNote = Callable[[str], str | None]


class NoteEditor(ModalScreen[bool]):
    """Write or edit one note; dismisses with True once it is saved."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Not a priority binding: those run before keys still queued on the TextArea,
        # so Ctrl+S straight after fast typing (or a paste) would save without its end.
        Binding("ctrl+s", "save", "Save", id="note-save"),
        Binding("escape", "cancel", "Cancel", id="note-cancel"),
        Binding("ctrl+o", "external", "$EDITOR", id="note-external",
                tooltip="Edit the note in your own editor ($VISUAL or $EDITOR)"),
    ]  # fmt: skip

    def __init__(self, heading: str, text: str, save: SaveNote, *, hint: str = "") -> None:
        super().__init__()
        self.heading = heading
        self.initial = text
        self._save = save
        self.hint = hint
        self._discard_armed = False

    def compose(self) -> ComposeResult:
        with Vertical(id="note-editor"):
            yield Label(self.heading, id="note-heading", markup=False)
            yield TextArea(self.initial, id="note-text", soft_wrap=True, tab_behavior="indent")
            yield Static("", id="note-error", markup=False)
            keys = "Ctrl+S save · Esc cancel · Ctrl+O your $EDITOR · Markdown"
            yield Static(f"{keys}{' · ' + self.hint if self.hint else ''}", id="note-keys")

    def on_mount(self) -> None:
        area = self.text_area
        area.focus()
        area.move_cursor(area.document.end)

    @property
    def text_area(self) -> TextArea:
        return self.query_one("#note-text", TextArea)

    @property
    def error(self) -> str:
        return str(self.query_one("#note-error", Static).render())

    def _show_error(self, message: str) -> None:
        error = self.query_one("#note-error", Static)
        error.update(message)
        error.display = bool(message)

    def action_save(self) -> None:
        problem = self._save(self.text_area.text)
        if problem:
            self._show_error(f"Not saved: {problem}. Your note is still here; Ctrl+S to retry.")
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        if self.text_area.text != self.initial and not self._discard_armed:
            self._discard_armed = True
            self._show_error("Unsaved changes: Esc again to discard them, Ctrl+S to save.")
            return
        self.dismiss(False)

    def on_text_area_changed(self) -> None:
        self._discard_armed = False

    def action_external(self) -> None:
        text = self.text_area.text
        try:
            with self.app.suspend():
                edited = edit_externally(text)
        except SuspendNotSupported:
            self._show_error("Your $EDITOR cannot be opened here (no terminal to hand over).")
            return
        except EditorError as exc:
            self._show_error(f"Your editor did not run: {exc}.")
            return
        self.text_area.load_text(edited.rstrip("\n"))
        self.text_area.move_cursor(self.text_area.document.end)
        self._show_error("")
