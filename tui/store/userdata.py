"""User data (read state, reading positions, bookmarks, settings) in its own small DB.

Kept apart from the catalog and bodies so that saving any of it rewrites only
this small file, atomically, and never touches article data.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB

from .catalog import check_schema
from .json_storage import AtomicJSONStorage

USER_FILE = "user.json"
USER_SCHEMA = 1

_Q = Query()


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class UserData:
    """Per-article state and bookmarks; every setter returns only once the write is durable."""

    def __init__(self, root: Path, *, read_only: bool = False) -> None:
        self.path = root / USER_FILE
        self.db = TinyDB(self.path, storage=AtomicJSONStorage, read_only=read_only)
        check_schema(self.db, self.path, USER_SCHEMA, writable=not read_only)
        self.state = self.db.table("state", cache_size=0)
        self.bookmarks_table = self.db.table("bookmarks", cache_size=0)
        self.settings = self.db.table("settings", cache_size=0)
        self.aliases = self.db.table("aliases", cache_size=0)

    # Read state and position -------------------------------------------------
    def _state(self, article_id: str) -> dict[str, Any]:
        row = self.state.get(_Q.article == article_id)
        return dict(row) if row else {"article": article_id}  # type: ignore[arg-type]

    def _save_state(self, article_id: str, **changes: Any) -> None:
        row = self._state(article_id)
        row.update(changes, updated=now_iso())
        self.state.upsert(row, _Q.article == article_id)

    def set_read(self, article_id: str, read: bool = True) -> None:
        self._save_state(article_id, read=read)

    def is_read(self, article_id: str) -> bool:
        return bool(self._state(article_id).get("read", False))

    def read_ids(self) -> set[str]:
        return {row["article"] for row in self.state.all() if row.get("read")}

    def set_position(self, article_id: str, position: int) -> None:
        self._save_state(article_id, position=int(position))

    def position(self, article_id: str) -> int:
        return int(self._state(article_id).get("position", 0))

    # Bookmarks -----------------------------------------------------------------
    def is_bookmarked(self, article_id: str) -> bool:
        return self.bookmarks_table.contains(_Q.article == article_id)

    def set_bookmark(self, article_id: str, on: bool, position: int | None = None) -> None:
        if on:
            row = {"article": article_id, "position": position, "created": now_iso()}
            self.bookmarks_table.upsert(row, _Q.article == article_id)
        else:
            self.bookmarks_table.remove(_Q.article == article_id)

    def toggle_bookmark(self, article_id: str) -> bool:
        """Flip the bookmark; returns whether the article is bookmarked now."""
        on = not self.is_bookmarked(article_id)
        self.set_bookmark(article_id, on)
        return on

    def bookmarked_ids(self) -> list[str]:
        return [row["article"] for row in self.bookmarks_table.all()]

    # Entity corrections (merges and splits) -----------------------------------
    def merges(self) -> dict[str, str]:
        return {row["name"]: row["into"] for row in self.aliases.search(_Q.kind == "merge")}

    def splits(self) -> list[tuple[str, str]]:
        rows = self.aliases.search(_Q.kind == "split")
        return [(row["surface"], row["canonical"]) for row in rows]

    def set_merge(self, name: str, into: str | None) -> None:
        """Merge entity ``name`` into ``into``; ``None`` takes the merge back."""
        where = (_Q.kind == "merge") & (_Q.name == name)
        if into is None:
            self.aliases.remove(where)
        else:
            self.aliases.upsert({"kind": "merge", "name": name, "into": into}, where)

    def set_split(self, surface: str, canonical: str, on: bool = True) -> None:
        """Keep mentions written ``surface`` apart from ``canonical`` (or stop doing so)."""
        where = (_Q.kind == "split") & (_Q.surface == surface) & (_Q.canonical == canonical)
        if on:
            self.aliases.upsert(
                {"kind": "split", "surface": surface, "canonical": canonical}, where
            )
        else:
            self.aliases.remove(where)

    # Settings ------------------------------------------------------------------
    def get_setting(self, key: str, default: Any = None) -> Any:
        row = self.settings.get(_Q.key == key)
        return row["value"] if row else default  # type: ignore[index]

    def set_setting(self, key: str, value: Any) -> None:
        self.settings.upsert({"key": key, "value": value}, _Q.key == key)

    def close(self) -> None:
        self.db.close()
