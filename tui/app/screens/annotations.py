"""The main screen's notes and bookmarks actions, kept apart from its navigation.

A mixin of ``MainScreen``: a (add a note to the most specific thing in focus),
A (note on the whole article), m (bookmark this place), ' (bookmarks view),
M (all notes), z (undo a delete), and e/d on a note in the sidebar.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

from tui.annotate import (
    NoteTarget,
    article_target,
    marks_of,
    paragraph_target,
    span_target,
)
from tui.app.keeper import Keeper
from tui.app.widgets.sidebar import NotesSection
from tui.notes import Note, excerpt, locate, place_notes
from tui.store import UserDataWriteError

if TYPE_CHECKING:
    from tui.app.screens.collections import OpenAt
    from tui.app.widgets.article_list import ArticleList
    from tui.app.widgets.reader import Reader
    from tui.app.widgets.sidebar import Sidebar
    from tui.browse import Browse
    from tui.library import Library
    from tui.model import Article

PASSAGE_HINT = "save it empty to just highlight the passage"


class AnnotationActions(Screen[None]):
    """Notes and bookmarks on the open article; needs the main screen's panes."""

    if TYPE_CHECKING:
        library: Library
        browse: Browse
        article: Article | None
        keeper: Keeper

        @property
        def reader(self) -> Reader: ...
        @property
        def sidebar(self) -> Sidebar: ...
        @property
        def article_list(self) -> ArticleList: ...
        def open_article(self, article_id: str, *, offset: int | None = None) -> bool: ...
        def _title_of(self, article_id: str) -> str: ...

    # Showing ---------------------------------------------------------------------------
    def show_notes(self) -> None:
        """Draw the open article's notes: margin marks, tinted passages, the sidebar."""
        if self.article is None:
            return
        notes = self.library.store.user.notes_for(self.article.id)
        placed = place_notes(notes, self.article.text)
        self.reader.set_marks(marks_of(placed))
        self.sidebar.show_notes(placed)

    def _refresh_marks(self) -> None:
        """After the user data changed: list marks, and the open article's notes."""
        user = self.library.store.user
        self.browse.read_ids = user.read_ids()
        self.browse.bookmarked_ids = set(user.bookmarked_ids())
        self.article_list.redraw()
        self.show_notes()

    # Adding ----------------------------------------------------------------------------
    def _note_target(self) -> NoteTarget | None:
        article = self.article
        if article is None:
            self.notify("Open an article first.")
            return None
        reader = self.reader
        if self.article_list.has_focus:
            return article_target(article)
        if reader.selection is not None:
            start, end = reader.selection
            return span_target(article, "passage", start, end, article.text[start:end])
        if reader.focused is not None:
            h = reader.highlights[reader.focused]
            return span_target(article, "quote" if h.kind == "QUOTE" else "entity", h.start,
                               h.end, h.text)  # fmt: skip
        target = paragraph_target(article, reader.position)
        return target or article_target(article)

    def action_annotate(self) -> None:
        target = self._note_target()
        if target is not None:
            self._write_note(target)

    def action_note_article(self) -> None:
        if self.article is None:
            self.notify("Open an article first.")
            return
        self._write_note(article_target(self.article))

    def _write_note(self, target: NoteTarget) -> None:
        article = self.article
        assert article is not None

        def save(text: str) -> str | None:
            if not text.strip() and target.kind != "passage":
                return "the note is empty (Esc cancels)"
            return self.keeper.save_note(target.new_note(article, text))

        def done(saved: bool | None) -> None:
            if not saved:
                return
            if target.kind == "passage":
                self.reader.action_cancel_selection()
            self.browse_noted_changed()
            self.show_notes()
            self.notify("Saved.")

        hint = PASSAGE_HINT if target.kind == "passage" else ""
        from tui.app.screens.note_editor import NoteEditor  # Deferred: not needed to start.

        self.app.push_screen(NoteEditor(target.heading, "", save, hint=hint), done)

    def browse_noted_changed(self) -> None:
        """Hook for the list's "with notes" filter (the main screen re-applies it)."""

    # Editing and deleting from the sidebar ---------------------------------------------
    def _sidebar_note(self) -> Note | None:
        note_id = self.query_one("#notes", NotesSection).note_id
        return self.library.store.user.note(note_id) if note_id else None

    def action_edit_note(self) -> None:
        note = self._sidebar_note()
        if note is None:
            return

        def save(text: str) -> str | None:
            return self.keeper.save_note(note.edited(text))

        def done(saved: bool | None) -> None:
            if saved:
                self.show_notes()

        heading = "Edit note" + (f" on “{excerpt(note.label, 60)}”" if note.label else "")
        from tui.app.screens.note_editor import NoteEditor  # Deferred: not needed to start.

        self.app.push_screen(NoteEditor(heading, note.text, save), done)

    def action_delete_note(self) -> None:
        note = self._sidebar_note()
        if note is None:
            return
        result = self.keeper.delete_note(note.id)
        if isinstance(result, str):
            self.notify(f"Not deleted: {result}", severity="error")
            return
        self.show_notes()
        self.browse_noted_changed()
        self.notify("Note deleted. z brings it back.")

    def action_undo(self) -> None:
        result = self.keeper.undo()
        if isinstance(result, str):
            self.notify(f"Could not undo: {result}", severity="error")
        elif result is None:
            self.notify("Nothing to undo.")
        else:
            self._refresh_marks()
            self.browse_noted_changed()
            self.notify("Restored.")

    # Bookmarks -------------------------------------------------------------------------
    def action_mark_place(self) -> None:
        if self.article is None:
            self.notify("Open an article first.")
            return
        offset = self.reader.position
        label = self.article.text[offset : offset + 80] or self.article.title
        try:
            self.library.store.user.add_position_bookmark(self.article.id, offset, label)
        except UserDataWriteError as exc:
            self.notify(f"Not bookmarked: {exc}", severity="error")
            return
        self.browse.mark_bookmarked(self.article.id, True)
        self.article_list.refresh_row(self.article.id)
        self.notify("Place bookmarked. ' lists bookmarks.")

    def action_bookmarks(self) -> None:
        from tui.app.screens.collections import BookmarksScreen  # Deferred: not needed to start.

        self.app.push_screen(BookmarksScreen(self.keeper, self._title_of), self._open_at)

    def action_all_notes(self) -> None:
        from tui.app.screens.collections import NotesScreen  # Deferred: not needed to start.

        self.app.push_screen(NotesScreen(self.keeper, self._title_of), self._open_at)

    def _open_at(self, where: OpenAt | None) -> None:
        self._refresh_marks()  # The view may have edited or deleted some.
        self.browse_noted_changed()
        if where is None:
            return
        offset = where.offset
        note = self.library.store.user.note(where.note_id) if where.note_id else None
        article = self.library.article(where.article_id)
        if note is not None and note.anchor is not None and article is not None:
            span = locate(note.anchor, article.text)
            if span is not None:
                offset = span[0]
        self.open_article(where.article_id, offset=offset)
