"""The user's own data: read state, positions, bookmarks, notes, settings, entity fixes.

Kept apart from article data and stored as a snapshot plus an append-only
journal (``journal.py``), so a save is one appended line and one ``fsync``
however large the library or the notes collection. Every setter returns only
once its write is durable; a failed write raises ``UserDataWriteError`` and
changes nothing. Two processes may write at once (the journal locks each
append and reads the other's first); ``refresh`` picks up the other's saves.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.notes import Note, now_iso

from .aside import Damage
from .journal import Journal, UserDataWriteError
from .shapes import user_record_problem

STATE = "state"
BOOKMARKS = "bookmarks"
SETTINGS = "settings"
ALIASES = "aliases"
NOTES = "notes"

__all__ = ["Bookmark", "UserData", "UserDataWriteError", "migrate_v1"]


@dataclass(frozen=True, slots=True)
class Bookmark:
    """A bookmark on a whole article (``offset`` None) or on a place in it."""

    key: str
    article_id: str
    offset: int | None
    label: str
    created: str


def migrate_v1(raw: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Schema 1 (TinyDB tables of documents) to the journal's collections."""

    def rows(table: str) -> list[dict[str, Any]]:
        docs = raw.get(table)
        if not isinstance(docs, dict):
            return []
        return [doc for doc in docs.values() if isinstance(doc, dict)]

    data: dict[str, dict[str, Any]] = {STATE: {}, BOOKMARKS: {}, SETTINGS: {}, ALIASES: {}}
    for row in rows("state"):
        if "article" in row:
            data[STATE][str(row["article"])] = {k: v for k, v in row.items() if k != "article"}
    for row in rows("bookmarks"):
        if "article" in row:
            article = str(row["article"])
            data[BOOKMARKS][article] = {
                "article": article,
                "offset": None,
                "label": "",
                "created": row.get("created") or now_iso(),
            }
    for row in rows("settings"):
        if "key" in row:
            data[SETTINGS][str(row["key"])] = row.get("value")
    for row in rows("aliases"):
        if row.get("kind") == "merge":
            data[ALIASES][_merge_key(row["name"])] = row
        elif row.get("kind") == "split":
            data[ALIASES][_split_key(row["surface"], row["canonical"])] = row
    return data


def _merge_key(name: str) -> str:
    return f"merge\x1f{name}"


def _split_key(surface: str, canonical: str) -> str:
    return f"split\x1f{surface}\x1f{canonical}"


def _position_key(article_id: str, offset: int) -> str:
    return f"{article_id}@{offset}"


class UserData:
    """Typed access to the user's collections in one library's journal."""

    def __init__(self, root: Path, *, read_only: bool = False) -> None:
        self.journal = Journal(
            root, read_only=read_only, migrate=migrate_v1, validate=user_record_problem
        )
        self.path = self.journal.log_path
        self._notes_version = -1
        self._notes_by_article: dict[str, list[str]] = {}

    @property
    def read_only(self) -> bool:
        return self.journal.read_only

    @property
    def damage(self) -> list[Damage]:
        """Damaged or refused user data files found on opening, and what was done."""
        return self.journal.damage

    def refuse_writes(self, reason: str) -> None:
        """Read-only from now on; every save raises ``UserDataWriteError`` with ``reason``."""
        self.journal.read_only = True
        self.journal.read_only_reason = reason

    def refresh(self) -> bool:
        """Take in what another Lede process saved; True when anything changed."""
        return self.journal.refresh()

    # Read state and position -------------------------------------------------
    def _state(self, article_id: str) -> dict[str, Any]:
        return dict(self.journal.get(STATE, article_id) or {})

    def _state_record(self, article_id: str, **changes: Any) -> dict[str, Any]:
        row = self._state(article_id)
        row.update(changes, updated=now_iso())
        return {"c": STATE, "k": article_id, "v": row}

    def set_read(self, article_id: str, read: bool = True) -> None:
        self.journal.write([self._state_record(article_id, read=read)])

    def is_read(self, article_id: str) -> bool:
        return bool(self._state(article_id).get("read", False))

    def read_ids(self) -> set[str]:
        return {key for key, row in self.journal.collection(STATE).items() if row.get("read")}

    def set_position(self, article_id: str, position: int) -> None:
        self.journal.write([self._state_record(article_id, position=int(position))])

    def position(self, article_id: str) -> int:
        return int(self._state(article_id).get("position", 0))

    def opened(self, article_id: str, *, mark_read: bool) -> None:
        """Opening an article: the last-article setting and (maybe) its read mark, one write."""
        records = [{"c": SETTINGS, "k": "last_article", "v": article_id}]
        if mark_read and not self.is_read(article_id):
            records.append(self._state_record(article_id, read=True))
        self.journal.write(records)

    # Bookmarks -----------------------------------------------------------------
    def is_bookmarked(self, article_id: str) -> bool:
        """Whether the article is bookmarked as a whole."""
        return article_id in self.journal.collection(BOOKMARKS)

    def set_bookmark(self, article_id: str, on: bool, position: int | None = None) -> None:
        if not on:
            self.journal.delete(BOOKMARKS, article_id)
            return
        row = {"article": article_id, "offset": position, "label": "", "created": now_iso()}
        self.journal.put(BOOKMARKS, article_id, row)

    def toggle_bookmark(self, article_id: str) -> bool:
        """Flip the article's bookmark; returns whether it is bookmarked now."""
        on = not self.is_bookmarked(article_id)
        self.set_bookmark(article_id, on)
        return on

    def add_position_bookmark(self, article_id: str, offset: int, label: str) -> Bookmark:
        """Bookmark a place in an article (one per offset; the label says where)."""
        key = _position_key(article_id, offset)
        row = {"article": article_id, "offset": int(offset), "label": label, "created": now_iso()}
        self.journal.put(BOOKMARKS, key, row)
        return self._bookmark(key, row)

    def remove_bookmark(self, key: str) -> None:
        self.journal.delete(BOOKMARKS, key)

    def restore_bookmark(self, bookmark: Bookmark) -> None:
        row = {
            "article": bookmark.article_id,
            "offset": bookmark.offset,
            "label": bookmark.label,
            "created": bookmark.created,
        }
        self.journal.put(BOOKMARKS, bookmark.key, row)

    @staticmethod
    def _bookmark(key: str, row: dict[str, Any]) -> Bookmark:
        offset = row.get("offset")
        return Bookmark(
            key=key,
            article_id=str(row.get("article", key)),
            offset=int(offset) if isinstance(offset, int) and "@" in key else None,
            label=str(row.get("label") or ""),
            created=str(row.get("created") or ""),
        )

    def bookmarks(self) -> list[Bookmark]:
        """Every bookmark, newest first."""
        items = [self._bookmark(k, r) for k, r in self.journal.collection(BOOKMARKS).items()]
        return sorted(items, key=lambda b: (b.created, b.key), reverse=True)

    def bookmarked_ids(self) -> list[str]:
        """Articles with any bookmark (whole or a place in them)."""
        rows = self.journal.collection(BOOKMARKS).values()
        return list(dict.fromkeys(str(row.get("article")) for row in rows))

    # Notes -----------------------------------------------------------------------
    def save_note(self, note: Note) -> None:
        """Add or replace a note (durable when this returns)."""
        before = self.journal.version
        self.journal.put(NOTES, note.id, note.to_dict())
        if self._notes_version == before and self.journal.version == before + 1:
            # Nobody else wrote in between: keep the article index instead of rebuilding it.
            ids = self._notes_by_article.setdefault(note.article_id, [])
            if note.id not in ids:
                ids.append(note.id)
            self._notes_version = self.journal.version

    def delete_note(self, note_id: str) -> Note | None:
        """Delete a note; returns it (for undo), or None when there was none."""
        note = self.note(note_id)
        if note is not None:
            self.journal.delete(NOTES, note_id)
        return note

    def note(self, note_id: str) -> Note | None:
        row = self.journal.get(NOTES, note_id)
        return Note.from_dict(row) if isinstance(row, dict) else None

    def _index_notes(self) -> dict[str, list[str]]:
        if self._notes_version != self.journal.version:
            index: dict[str, list[str]] = {}
            for note_id, row in self.journal.collection(NOTES).items():
                index.setdefault(str(row.get("article")), []).append(note_id)
            self._notes_by_article = index
            self._notes_version = self.journal.version
        return self._notes_by_article

    def notes_for(self, article_id: str) -> list[Note]:
        """One article's notes, oldest first."""
        notes = self.journal.collection(NOTES)
        ids = self._index_notes().get(article_id, [])
        return sorted((Note.from_dict(notes[i]) for i in ids), key=lambda n: n.id)

    def all_notes(self, limit: int | None = None) -> list[Note]:
        """Every note in the library (or the newest ``limit``), newest first.

        Note ids start with their creation time, so sorting ids sorts by age
        without building every note."""
        rows = self.journal.collection(NOTES)
        newest = sorted(rows, reverse=True)[:limit]
        return [Note.from_dict(rows[note_id]) for note_id in newest]

    def note_count(self) -> int:
        return len(self.journal.collection(NOTES))

    def noted_ids(self) -> set[str]:
        """Articles with at least one note or highlight."""
        return set(self._index_notes())

    # Entity corrections (merges and splits) -----------------------------------
    def merges(self) -> dict[str, str]:
        rows = self.journal.collection(ALIASES).values()
        return {row["name"]: row["into"] for row in rows if row.get("kind") == "merge"}

    def splits(self) -> list[tuple[str, str]]:
        rows = self.journal.collection(ALIASES).values()
        return [(row["surface"], row["canonical"]) for row in rows if row.get("kind") == "split"]

    def set_merge(self, name: str, into: str | None) -> None:
        """Merge entity ``name`` into ``into``; ``None`` takes the merge back."""
        if into is None:
            self.journal.delete(ALIASES, _merge_key(name))
        else:
            row = {"kind": "merge", "name": name, "into": into}
            self.journal.put(ALIASES, _merge_key(name), row)

    def set_split(self, surface: str, canonical: str, on: bool = True) -> None:
        """Keep mentions written ``surface`` apart from ``canonical`` (or stop doing so)."""
        key = _split_key(surface, canonical)
        if on:
            row = {"kind": "split", "surface": surface, "canonical": canonical}
            self.journal.put(ALIASES, key, row)
        else:
            self.journal.delete(ALIASES, key)

    # Settings ------------------------------------------------------------------
    def get_setting(self, key: str, default: Any = None) -> Any:
        return self.journal.collection(SETTINGS).get(key, default)

    def set_setting(self, key: str, value: Any) -> None:
        self.journal.put(SETTINGS, key, value)

    # Backup ---------------------------------------------------------------------
    def export_data(self) -> dict[str, dict[str, Any]]:
        """Every collection, as stored (a deep copy is the caller's business)."""
        return self.journal.data

    def import_data(self, data: dict[str, dict[str, Any]]) -> int:
        """Add every record of ``data`` in one durable write; returns how many."""
        records = [
            {"c": name, "k": key, "v": value}
            for name, rows in data.items()
            if isinstance(rows, dict)
            for key, value in rows.items()
        ]
        if records:
            self.journal.write(records)
        return len(records)

    def close(self) -> None:
        self.journal.close()
