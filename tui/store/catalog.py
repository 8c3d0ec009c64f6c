"""The catalog: TinyDB record of every stored article's list metadata.

Kept apart from bodies (one file each) and user data (its own small DB), so it
stays compact enough to load at start and is rewritten only by imports.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.model import ArticleMeta

from .atomic import atomic_write_bytes
from .json_storage import CorruptFileError, dumps_compact
from .shapes import meta_problem

# TinyDB loads when a catalog is opened: the app starts from the listing instead.
if TYPE_CHECKING:
    from tinydb import TinyDB

CATALOG_FILE = "catalog.json"
CATALOG_SCHEMA = 1
ARTICLES = "articles"
META = "meta"


class SchemaTooNewError(Exception):
    """A store file written by a newer Lede: opened by nobody rather than damaged."""

    def __init__(self, path: Path, found: int, supported: int) -> None:
        super().__init__(
            f"{path}: written by a newer Lede (schema {found}, this version reads up to "
            f"{supported}); upgrade Lede to open this library"
        )
        self.path = path
        self.found = found
        self.supported = supported


def check_schema(db: TinyDB, path: Path, supported: int, *, writable: bool) -> None:
    """Store the schema version in a new file; refuse a file from a newer version."""
    meta = db.table(META)
    row = meta.get(doc_id=1)
    if row is None:
        if writable:
            meta.insert({"schema": supported})
        return
    found = int(row.get("schema", 0))  # type: ignore[union-attr]
    if found > supported:
        raise SchemaTooNewError(path, found, supported)


class Catalog:
    """Article metadata by id, with the keys used to recognise duplicates."""

    def __init__(self, root: Path, *, read_only: bool = False, db: TinyDB | None = None) -> None:
        """``db``: an already filled database instead of the file (see :meth:`in_memory`)."""
        self.path = root / CATALOG_FILE
        if db is None:
            from tinydb import TinyDB

            from .tinydb_storage import AtomicJSONStorage

            db = TinyDB(self.path, storage=AtomicJSONStorage, read_only=read_only)
        self.db = db
        self._check_layout()
        check_schema(self.db, self.path, CATALOG_SCHEMA, writable=not read_only)
        self.table = self.db.table(ARTICLES, cache_size=0)
        self._by_id: dict[str, ArticleMeta] = {}
        self._by_url: dict[str, str] = {}
        self._by_text: dict[str, str] = {}
        for row in self._raw_rows():
            self._remember(ArticleMeta.from_dict(row))

    def _check_layout(self) -> None:
        """Both tables are objects of objects and the schema version a number: what
        TinyDB and ``check_schema`` assume (a hand edit may break it)."""
        data = self.db.storage.read() or {}
        for name in (META, ARTICLES):
            if not isinstance(data.get(name, {}), dict):
                raise CorruptFileError(self.path, f"the {name} table is not an object")
        rows = data.get(META, {})
        first = rows.get("1", {})
        schema = first.get("schema", 0) if isinstance(first, dict) else None
        if not all(isinstance(row, dict) for row in rows.values()) or type(schema) is not int:
            raise CorruptFileError(self.path, "its schema version is malformed")

    def _raw_rows(self) -> Iterator[dict[str, Any]]:
        # Straight from the storage's parsed dict: skipping TinyDB's Document
        # wrapping makes loading 100k rows several times faster.
        data = self.db.storage.read() or {}
        table = data.get(ARTICLES, {})
        if not isinstance(table, dict):
            raise CorruptFileError(self.path, "articles table is not an object")
        for doc_id, row in table.items():
            problem = meta_problem(row)
            if problem is not None:
                raise CorruptFileError(self.path, f"article {doc_id}: {problem}")
            yield row

    @classmethod
    def in_memory(cls, root: Path, metas: list[ArticleMeta]) -> Catalog:
        """A catalog of ``metas`` that never touches the file (a read-only repair)."""
        from tinydb import TinyDB
        from tinydb.storages import MemoryStorage

        db = TinyDB(storage=MemoryStorage)
        db.storage.write(catalog_document(metas))
        return cls(root, read_only=True, db=db)

    def _remember(self, meta: ArticleMeta) -> None:
        self._by_id[meta.id] = meta
        if meta.url:
            self._by_url[normalise_url(meta.url)] = meta.id
        if meta.text_hash:
            self._by_text[meta.text_hash] = meta.id

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._by_id

    def get(self, article_id: str) -> ArticleMeta | None:
        return self._by_id.get(article_id)

    def all(self) -> list[ArticleMeta]:
        return list(self._by_id.values())

    def find_duplicate(self, url: str | None, text_hash: str) -> str | None:
        """The id of a stored article with the same canonical URL or the same text."""
        if url:
            found = self._by_url.get(normalise_url(url))
            if found:
                return found
        return self._by_text.get(text_hash)

    def add_many(self, metas: Iterable[ArticleMeta]) -> None:
        """Insert a batch in one atomic write (one file rewrite per batch, not per article)."""
        batch = [meta for meta in metas if meta.id not in self._by_id]
        if not batch:
            return
        self.table.insert_multiple(meta.to_dict() for meta in batch)
        for meta in batch:
            self._remember(meta)

    def close(self) -> None:
        self.db.close()


def catalog_document(metas: list[ArticleMeta]) -> dict[str, Any]:
    """The whole catalog file's content for ``metas``, in TinyDB's layout."""
    articles = {str(n): meta.to_dict() for n, meta in enumerate(metas, 1)}
    return {META: {"1": {"schema": CATALOG_SCHEMA}}, ARTICLES: articles}


def write_catalog(root: Path, metas: list[ArticleMeta]) -> None:
    """Replace ``catalog.json`` with one naming ``metas`` (atomic, durable)."""
    atomic_write_bytes(root / CATALOG_FILE, dumps_compact(catalog_document(metas)))


def normalise_url(url: str) -> str:
    """Compare URLs without scheme, ``www.``, fragment, or a trailing slash."""
    url = url.strip()
    url = url.split("#", 1)[0]
    for prefix in ("https://", "http://"):
        if url.lower().startswith(prefix):
            url = url[len(prefix) :]
            break
    if url.lower().startswith("www."):
        url = url[4:]
    host, sep, rest = url.partition("/")
    return (host.lower() + sep + rest).rstrip("/")
