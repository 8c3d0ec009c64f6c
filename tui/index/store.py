"""Derived indexes on disk: library name statistics and the related-articles index.

Both live under ``<library>/index/`` and are rebuildable from the article bodies,
so they are written atomically but without fsync, loaded on first use, and
thrown away (and rebuilt) when unreadable or from another version.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tui.index.related import RelatedIndex
from tui.nlp.known_names import KnownNames
from tui.store.atomic import atomic_write_bytes
from tui.store.json_storage import CorruptFileError, dumps_compact, read_json_file

INDEX_DIR = "index"
NAMES_FILE = "names.json"
RELATED_FILE = "related.json"


def _load(path: Path) -> Any:
    try:
        data = read_json_file(path)
    except CorruptFileError:
        return None
    return data if isinstance(data, dict) else None


class DerivedIndexes:
    """Lazily loaded KnownNames and RelatedIndex of one library."""

    def __init__(self, root: Path) -> None:
        self.dir = root / INDEX_DIR
        self._names: KnownNames | None = None
        self._related: RelatedIndex | None = None

    @property
    def names(self) -> KnownNames:
        if self._names is None:
            data = _load(self.dir / NAMES_FILE)
            self._names = KnownNames.from_dict(data) if data else KnownNames()
        return self._names

    @property
    def related(self) -> RelatedIndex:
        if self._related is None:
            data = _load(self.dir / RELATED_FILE)
            self._related = RelatedIndex.from_dict(data) if data else RelatedIndex()
        return self._related

    @property
    def related_on_disk(self) -> bool:
        return (self.dir / RELATED_FILE).is_file()

    def reset(self) -> None:
        """Start both indexes empty (before a rebuild)."""
        self._names = KnownNames()
        self._related = RelatedIndex()

    def save(self) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        if self._names is not None:
            atomic_write_bytes(
                self.dir / NAMES_FILE, dumps_compact(self._names.to_dict()), durable=False
            )
        if self._related is not None:
            atomic_write_bytes(
                self.dir / RELATED_FILE, dumps_compact(self._related.to_dict()), durable=False
            )
