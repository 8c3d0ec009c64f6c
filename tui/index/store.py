"""Derived indexes on disk: library name statistics and the related-articles index.

Both live under ``<library>/index/`` and are rebuildable from the article bodies,
so they are written atomically but without fsync, loaded on first use, and
rebuilt when unreadable or from another version; an unreadable file is moved
aside first (``tui/store/aside.py``) and listed as damage.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.store.aside import Damage, derived_set_aside
from tui.store.atomic import atomic_write_bytes
from tui.store.json_storage import CorruptFileError, dumps_compact, read_json_file

# The indexes load on first use (an article opened, an import), not at start.
if TYPE_CHECKING:
    from tui.index.related import RelatedIndex
    from tui.nlp.known_names import KnownNames

INDEX_DIR = "index"
NAMES_FILE = "names.json"
RELATED_FILE = "related.json"


def related_problem(data: dict[str, Any]) -> str | None:
    """What is wrong with a related index of this version (None: another version, or
    sound): feature keys and labels are text, each article's features index them."""
    from tui.index.related import INDEX_SCHEMA

    if data.get("schema") != INDEX_SCHEMA:
        return None
    keys, labels, docs = data.get("keys"), data.get("labels"), data.get("docs")
    if not isinstance(keys, list) or not all(type(k) is str and k for k in keys):
        return "its feature keys are malformed"
    if not isinstance(labels, list) or len(labels) != len(keys):
        return "its feature labels are malformed"
    if not all(type(label) is str for label in labels):
        return "its feature labels are malformed"
    if not isinstance(docs, dict) or not all(isinstance(f, list) for f in docs.values()):
        return "its articles are malformed"
    fids = [fid for features in docs.values() for fid in features]
    if fids and (set(map(type, fids)) != {int} or min(fids) < 0 or max(fids) >= len(keys)):
        return "its articles name features it does not have"
    return None


class DerivedIndexes:
    """Lazily loaded KnownNames and RelatedIndex of one library."""

    def __init__(
        self, root: Path, *, read_only: bool = False, damage: list[Damage] | None = None
    ) -> None:
        """``damage``: where to list a damaged index file (the store's list)."""
        self.dir = root / INDEX_DIR
        self.read_only = read_only
        self.damage = damage if damage is not None else []
        #: A file was there but unusable (damaged, another version): rebuild from bodies.
        self.needs_rebuild = False
        #: Rebuilt from the bodies in this session: current, saved or not (a read-only
        #: library cannot save it, and must not rebuild it at every lookup).
        self.rebuilt = False
        self._names: KnownNames | None = None
        self._related: RelatedIndex | None = None

    def _load(self, path: Path) -> dict[str, Any] | None:
        try:
            data = read_json_file(path)
        except CorruptFileError as exc:
            self._damaged(path, exc.reason)
            return None
        if data is not None and not isinstance(data, dict):
            self._damaged(path, "top level is not a JSON object")
            return None
        return data

    def _damaged(self, path: Path, problem: str) -> None:
        self.needs_rebuild = True
        self.damage.append(
            derived_set_aside(path, problem, "the bodies", writable=not self.read_only)
        )

    @property
    def names(self) -> KnownNames:
        if self._names is None:
            from tui.nlp.known_names import KnownNames

            path = self.dir / NAMES_FILE
            data = self._load(path)
            try:
                self._names = KnownNames.from_dict(data) if data else KnownNames()
            except (AttributeError, KeyError, TypeError, ValueError, IndexError):
                self._damaged(path, "not an index of names")
                self._names = KnownNames()
        return self._names

    @property
    def related(self) -> RelatedIndex:
        if self._related is None:
            from tui.index.related import RelatedIndex

            path = self.dir / RELATED_FILE
            data = self._load(path)
            problem = related_problem(data) if data else None
            try:
                if problem is not None:
                    raise ValueError(problem)
                self._related = RelatedIndex.from_dict(data) if data else RelatedIndex()
            except (AttributeError, KeyError, TypeError, ValueError, IndexError):
                self._damaged(path, problem or "not a related-articles index")
                self._related = RelatedIndex()
            if data and not self._related and data.get("schema") is not None:
                self.needs_rebuild = True  # Another version's index reads as empty.
        return self._related

    @property
    def related_loaded(self) -> bool:
        """The related index is in memory and current: lookups are quick."""
        return self._related is not None and not self.needs_rebuild

    @property
    def related_on_disk(self) -> bool:
        return (self.dir / RELATED_FILE).is_file()

    @property
    def related_current(self) -> bool:
        """The related index covers the library: read from disk, or rebuilt here."""
        return self.rebuilt or self.related_on_disk

    def reset(self) -> None:
        """Start both indexes empty (before a rebuild)."""
        from tui.index.related import RelatedIndex
        from tui.nlp.known_names import KnownNames

        self._names = KnownNames()
        self._related = RelatedIndex()
        self.needs_rebuild = False
        self.rebuilt = False

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
