"""Saving, deleting and undoing notes and bookmarks for every screen of the app.

One place turns a failed durable write into a message (so the editor can keep
the text) and keeps what was deleted for undo; the search index is updated in a
thread afterwards, because it is derived and may take a moment.
"""

from __future__ import annotations

import threading

from tui.library import Library
from tui.notes import Note
from tui.store import UserDataWriteError
from tui.store.userdata import Bookmark, UserData


class Keeper:
    """The user's notes and bookmarks as the app changes them."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self._deleted: list[Note | Bookmark] = []

    @property
    def user(self) -> UserData:
        return self.library.store.user

    def save_note(self, note: Note) -> str | None:
        """Save durably; returns None on success, else the reason (nothing changed)."""
        try:
            self.library.save_note(note)
        except UserDataWriteError as exc:
            return str(exc)
        self._reindex(note.article_id)
        return None

    def delete_note(self, note_id: str) -> Note | str | None:
        """Delete; returns the note (kept for undo), the failure reason, or None."""
        try:
            note = self.library.delete_note(note_id)
        except UserDataWriteError as exc:
            return str(exc)
        if note is not None:
            self._deleted.append(note)
            self._reindex(note.article_id)
        return note

    def remove_bookmark(self, bookmark: Bookmark) -> str | None:
        try:
            self.user.remove_bookmark(bookmark.key)
        except UserDataWriteError as exc:
            return str(exc)
        self._deleted.append(bookmark)
        return None

    @property
    def can_undo(self) -> bool:
        return bool(self._deleted)

    def undo(self) -> Note | Bookmark | str | None:
        """Bring back the last thing deleted; returns it, the failure reason, or None."""
        if not self._deleted:
            return None
        item = self._deleted[-1]
        try:
            if isinstance(item, Note):
                self.library.save_note(item)
            else:
                self.user.restore_bookmark(item)
        except UserDataWriteError as exc:
            return str(exc)
        self._deleted.pop()
        if isinstance(item, Note):
            self._reindex(item.article_id)
        return item

    def _reindex(self, article_id: str) -> None:
        threading.Thread(
            target=self.library.index_notes, args=(article_id,), daemon=True, name="index-notes"
        ).start()
