"""The article list in a compact, columnar file that loads fast at start.

``catalog.json`` is the record, but at 100k articles it is ~50 MB of JSON
objects and takes seconds to parse. The list needs five short columns, so
``listing.json`` keeps just those, as parallel arrays (about a quarter of the
size, and several times faster to parse). It is derived: rewritten after each
catalog commit, and rebuilt from the catalog when missing, unreadable or
stale (the catalog file's size and mtime no longer match the stamp it holds).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.model import ArticleMeta

from .atomic import atomic_write_bytes
from .json_storage import CorruptFileError, dumps_compact, read_json_file

LISTING_FILE = "listing.json"
LISTING_SCHEMA = 1
COLUMNS = ("id", "title", "source", "published", "words")


@dataclass(slots=True)
class Listing:
    """Parallel columns, one entry per article, in catalog order."""

    stamp: list[int] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    published: list[str] = field(default_factory=list)
    words: list[int] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def from_metas(cls, metas: list[ArticleMeta], stamp: list[int]) -> Listing:
        return cls(
            stamp=stamp,
            ids=[m.id for m in metas],
            titles=[m.title for m in metas],
            sources=[m.source or "" for m in metas],
            published=[m.published or "" for m in metas],
            words=[m.word_count for m in metas],
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": LISTING_SCHEMA,
            "stamp": self.stamp,
            "id": self.ids,
            "title": self.titles,
            "source": self.sources,
            "published": self.published,
            "words": self.words,
        }


def write_listing(root: Path, listing: Listing) -> None:
    # Derived data: no fsync needed, a lost write is rebuilt from the catalog.
    atomic_write_bytes(root / LISTING_FILE, dumps_compact(listing.to_dict()), durable=False)


def read_listing(root: Path) -> Listing | None:
    """The listing on disk, or None when it is missing, damaged or from another schema."""
    try:
        data = read_json_file(root / LISTING_FILE)
    except CorruptFileError:
        return None
    if not isinstance(data, dict) or data.get("schema") != LISTING_SCHEMA:
        return None
    try:
        columns = [data[name] for name in COLUMNS]
    except KeyError:
        return None
    if not all(isinstance(c, list) and len(c) == len(columns[0]) for c in columns):
        return None
    stamp = data.get("stamp")
    return Listing(stamp if isinstance(stamp, list) else [], *columns)


def file_stamp(path: Path) -> list[int]:
    """Size and modification time: changes whenever the catalog is replaced."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return [0, 0]
    return [info.st_size, info.st_mtime_ns]
