"""The all-notes view and the bookmarks view: the user's own collections, newest first.

Each is a list; Enter opens the article at the note's or bookmark's place, e
edits a note, d deletes (z brings it back). What to open is returned to the
main screen as an ``OpenAt``; edits and deletes go through the app's Keeper.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.app.keeper import Keeper
from tui.app.screens.note_editor import NoteEditor
from tui.app.widgets.key_bar import KeyBar
from tui.app.widgets.option_lists import VimOptionList
from tui.app.widgets.sidebar import clip
from tui.notes import Note, excerpt
from tui.store.userdata import Bookmark

#: The newest this many notes are listed (a longer OptionList is slow to build).
NOTES_SHOWN = 1000
KIND_LABEL = {
    "article": "on the article",
    "paragraph": "on a paragraph",
    "entity": "on a name",
    "quote": "on a quotation",
    "passage": "on a passage",
}


@dataclass(frozen=True, slots=True)
class OpenAt:
    """Open ``article_id``; at a note's anchor (``note_id``) or a body ``offset``."""

    article_id: str
    note_id: str = ""
    offset: int | None = None


def note_prompt(note: Note, title: str) -> Text:
    """A note as a list shows it: what it is on, its words, then its article and date."""
    prompt = Text()
    if note.is_highlight:
        prompt.append("▍ Highlight ", style="bold")
    else:
        prompt.append("✎ ", style="bold")
        prompt.append(excerpt(note.text, 120) or "(empty note)")
    prompt.append("\n")
    if note.kind != "article" and note.label:
        prompt.append(f"{KIND_LABEL[note.kind]}: “{excerpt(note.label, 70)}”\n", style="italic")
    prompt.append(f"{clip(title, 70)} · {note.updated[:10]}", style="dim")
    return prompt


class CollectionScreen(ModalScreen[OpenAt | None]):
    """Shared frame: a heading, a count, one list, the footer."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="collection-close"),
        Binding("d,delete", "delete", "Delete", id="collection-delete"),
        Binding("z", "undo", "Undo delete", id="collection-undo"),
    ]
    TITLE_TEXT = ""
    EMPTY = ""

    def __init__(self, keeper: Keeper, title_of: Callable[[str], str]) -> None:
        super().__init__()
        self.keeper = keeper
        self.title_of = title_of

    def compose(self) -> ComposeResult:
        with Vertical(id="collection-view"):
            yield Static(self.TITLE_TEXT, id="collection-heading", markup=False)
            yield Static("", id="collection-summary", markup=False)
            yield VimOptionList(id="collection-list", markup=False)
        yield KeyBar()

    @property
    def option_list(self) -> OptionList:
        return self.query_one("#collection-list", OptionList)

    def on_mount(self) -> None:
        self.fill()
        self.option_list.focus()

    def fill(self, keep: int | None = None) -> None:
        options = self.options()
        listing = self.option_list
        listing.clear_options()
        listing.add_options(options)
        summary = f"{len(options)} · newest first" if options else self.EMPTY
        self.query_one("#collection-summary", Static).update(summary)
        if options:
            listing.highlighted = min(keep or 0, len(options) - 1)

    def options(self) -> list[Option]:
        raise NotImplementedError

    def action_close(self) -> None:
        self.dismiss(None)

    def _selected_id(self) -> str | None:
        index = self.option_list.highlighted
        if index is None:
            return None
        return self.option_list.get_option_at_index(index).id

    def action_undo(self) -> None:
        result = self.keeper.undo()
        if isinstance(result, str):
            self.notify(f"Could not undo: {result}", severity="error")
        elif result is None:
            self.notify("Nothing to undo.")
        else:
            self.notify("Restored.")
            self.fill(self.option_list.highlighted)


class NotesScreen(CollectionScreen):
    """Every note and highlight in the library."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit", "Edit", id="notes-edit"),
    ]
    TITLE_TEXT = "Notes and highlights"
    EMPTY = "No notes yet. In the reader, a writes a note, v selects a passage."

    def options(self) -> list[Option]:
        user = self.keeper.user
        notes = user.all_notes(limit=NOTES_SHOWN)
        total = user.note_count()
        if total > len(notes):
            self.notify(f"Showing the newest {len(notes)} of {total}; / finds older ones.")
        return [
            Option(note_prompt(note, self.title_of(note.article_id)), id=note.id) for note in notes
        ]

    @on(OptionList.OptionSelected)
    def _open(self, event: OptionList.OptionSelected) -> None:
        note = self.keeper.user.note(event.option.id or "")
        if note is not None:
            self.dismiss(OpenAt(note.article_id, note_id=note.id))

    def action_edit(self) -> None:
        note = self.keeper.user.note(self._selected_id() or "")
        if note is None:
            return

        def save(text: str) -> str | None:
            return self.keeper.save_note(note.edited(text))

        def done(saved: bool | None) -> None:
            if saved:
                self.fill(self.option_list.highlighted)

        heading = f"Edit note {KIND_LABEL[note.kind]}"
        self.app.push_screen(NoteEditor(heading, note.text, save), done)

    def action_delete(self) -> None:
        note_id = self._selected_id()
        if note_id is None:
            return
        result = self.keeper.delete_note(note_id)
        if isinstance(result, str):
            self.notify(f"Not deleted: {result}", severity="error")
            return
        self.notify("Note deleted. z brings it back.")
        self.fill(self.option_list.highlighted)


class BookmarksScreen(CollectionScreen):
    """Every bookmark: whole articles and places in them."""

    TITLE_TEXT = "Bookmarks"
    EMPTY = "No bookmarks yet. b bookmarks an article, m the place you are reading."

    def options(self) -> list[Option]:
        options = []
        for mark in self.keeper.user.bookmarks():
            prompt = Text("★ ", style="bold")
            prompt.append(clip(self.title_of(mark.article_id), 90))
            prompt.append("\n")
            if mark.offset is not None:
                prompt.append(f"at “{excerpt(mark.label, 70)}” · ", style="italic")
            prompt.append(mark.created[:10], style="dim")
            options.append(Option(prompt, id=mark.key))
        return options

    def _bookmark(self, key: str) -> Bookmark | None:
        return next((b for b in self.keeper.user.bookmarks() if b.key == key), None)

    @on(OptionList.OptionSelected)
    def _open(self, event: OptionList.OptionSelected) -> None:
        mark = self._bookmark(event.option.id or "")
        if mark is not None:
            self.dismiss(OpenAt(mark.article_id, offset=mark.offset))

    def action_delete(self) -> None:
        mark = self._bookmark(self._selected_id() or "")
        if mark is None:
            return
        problem = self.keeper.remove_bookmark(mark)
        if problem:
            self.notify(f"Not removed: {problem}", severity="error")
            return
        self.notify("Bookmark removed. z brings it back.")
        self.fill(self.option_list.highlighted)
