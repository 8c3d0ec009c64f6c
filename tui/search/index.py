"""The search index: SQLite FTS5 over title, body, speakers, entities and notes.

Why FTS5: it gives ranked (bm25), snippeted, prefix search from an on-disk
index, in the standard library, so a one-word query over 100,000 articles
answers in milliseconds without loading anything into memory first.

The file is derived data (rebuildable from the article bodies): it is written
without fsync, and a missing, unreadable or corrupt file, or one from another
schema version, is treated as empty and recreated; the library then rebuilds it.

Layout of ``<library>/index/search.sqlite``::

    meta(key, value)              schema version, the catalog stamp it agrees with
    articles(id, article_id)      article id <-> the FTS rowid
    docs                          FTS5(title, body, speakers, entities, notes),
                                  unicode61 tokenizer with diacritics removed,
                                  prefix indexes for 2- and 3-character prefixes

Queries are user text and never reach MATCH raw: :func:`fts_query` keeps only
words and quotes each one as an FTS5 string, so quotes, ``AND``, ``NEAR``,
``*``, ``:`` and brackets are plain text. The last word is matched as a prefix
(results as you type) unless the query ends with a space.

Snippets: FTS5 ``snippet()`` marks matches with two private-use characters
(U+E000, U+E001, removed from indexed text so an article cannot forge them);
:func:`clean_snippet` turns that into one line of plain text plus
``snippet_spans``, (start, end) offsets of the matched words into it, so no
caller ever parses markers or markup.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

INDEX_DIR = "index"
SEARCH_FILE = "search.sqlite"
#: Bump when the tables or the tokenizer change: an index of another version is rebuilt.
SCHEMA = "1"

COLUMNS = ("title", "body", "speakers", "entities", "notes")
#: bm25 weight per column, in COLUMNS order: a word in the title, or a name among
#: the speakers or entities, says more about the article than one in the body.
WEIGHTS = (10.0, 1.0, 5.0, 5.0, 4.0)
#: Snippet length in tokens (about one line of a result list).
SNIPPET_TOKENS = 12
#: Snippet columns in order of preference: the body shows the match in context;
#: notes, then names, when only they matched; the title is displayed anyway.
SNIPPET_ORDER = (1, 4, 2, 3)
#: A query matching more articles than this is ranked among the newest this many of
#: its matches: bm25 costs ~3 us per matching article (at 100k, 0.3 s for a word in
#: every article), while finding the cut-off costs ~0.1 us per article; a word in
#: that many articles ("the", "China") hardly tells them apart anyway.
RANK_CAP = 10_000
#: Words of a query beyond this many are ignored (bounds the work per keystroke).
MAX_WORDS = 16
#: A last word shorter than this is matched whole, not as a prefix: "t*" would
#: match almost every article and rank them by noise.
MIN_PREFIX = 2

OPEN, CLOSE = "\ue000", "\ue001"
_UNMARK = str.maketrans({OPEN: " ", CLOSE: " "})
#: Words as unicode61 sees them (letters and digits; underscore separates).
_WORD = re.compile(r"[^\W_]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
#: SQLITE_CORRUPT and SQLITE_NOTADB: the file is damaged, not merely busy.
_DAMAGED = {11, 26}


@dataclass(slots=True)
class SearchDoc:
    """What the index keeps of one article (notes are set separately)."""

    article_id: str
    title: str
    body: str
    speakers: list[str] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)


@dataclass(slots=True)
class SearchHit:
    """One result: the article, a one-line snippet with the matched words' offsets.

    ``score`` is the negated bm25 rank, so higher is better; ``fields`` names the
    columns that matched (e.g. ``("title", "body")``); ``snippet_spans`` are
    (start, end) character offsets into ``snippet``, for highlighting without markup.
    """

    article_id: str
    title: str
    snippet: str
    score: float
    fields: tuple[str, ...]
    snippet_spans: list[tuple[int, int]] = field(default_factory=list)


def fts_query(query: str) -> str:
    """An FTS5 MATCH expression for untrusted user text; "" when it has no words.

    Every word becomes a quoted FTS5 string (implicitly ANDed), so no operator or
    syntax in the user's text is ever interpreted; the last word is a prefix
    unless the text ends with whitespace (the user finished the word).
    """
    words = _WORD.findall(query)[:MAX_WORDS]
    if not words:
        return ""
    parts = [f'"{word}"' for word in words]
    if len(words[-1]) >= MIN_PREFIX and not query[-1:].isspace():
        parts[-1] += " *"
    return " ".join(parts)


def clean_snippet(raw: str) -> tuple[str, list[tuple[int, int]]]:
    """Snippet text on one line (whitespace runs -> one space, controls dropped) and
    the offsets of the marked words in it."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    start: int | None = None
    opening = False
    space = False
    size = 0
    for ch in raw:
        if ch == OPEN:
            opening = True
        elif ch == CLOSE:
            if start is not None:
                spans.append((start, size))
            start, opening = None, False
        elif ch.isspace():
            space = size > 0
        elif not _CONTROL.match(ch):
            if space:
                out.append(" ")
                size += 1
                space = False
            if opening:
                start, opening = size, False
            out.append(ch)
            size += 1
    if start is not None:
        spans.append((start, size))
    return "".join(out), spans


def _clean(text: str) -> str:
    """Indexed text without the snippet marker characters."""
    return text.translate(_UNMARK)


def _damaged(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in _DAMAGED
    message = str(exc).lower()
    return "malformed" in message or "not a database" in message


class SearchIndex:
    """One library's search index; safe to call from several threads (one lock)."""

    def __init__(self, path: Path | None, *, read_only: bool) -> None:
        self.path = path
        self.read_only = read_only
        self._lock = threading.RLock()
        self._conn = self._connect()
        self._stamp: str | None = None

    # Opening -----------------------------------------------------------------------
    @classmethod
    def open(cls, root: Path, *, read_only: bool = False) -> SearchIndex:
        """The index of library ``root``. Missing, corrupt or outdated: empty (and, when
        writable, recreated on disk) so the caller rebuilds it; it is derived data.
        Read-only and missing: an empty in-memory index, so search returns nothing."""
        path = Path(root) / INDEX_DIR / SEARCH_FILE
        if read_only and not path.is_file():
            return cls(None, read_only=True)
        existed = path.is_file() and path.stat().st_size > 0
        index = cls(path, read_only=read_only)
        if index._usable():
            return index
        damaged = existed and not index._other_version()
        index._conn.close()
        if read_only:
            return cls(None, read_only=True)
        index._recreate(keep_damaged=damaged)
        return index

    def _other_version(self) -> bool:
        """A sound index of another schema version (rebuilt without keeping it)."""
        try:
            row = self._conn.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        except sqlite3.Error:
            return False
        return bool(row) and row[0] != SCHEMA

    def _connect(self) -> sqlite3.Connection:
        if self.path is None:
            conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
            self._create(conn)
            return conn
        if self.read_only:
            conn = sqlite3.connect(
                f"{self.path.as_uri()}?mode=ro",
                uri=True,
                timeout=5.0,
                check_same_thread=False,
                isolation_level=None,
            )
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(
                self.path, timeout=5.0, check_same_thread=False, isolation_level=None
            )
        # A damaged file fails here or in _usable, which then starts a new one.
        with contextlib.suppress(sqlite3.Error):
            # Derived data: a killed process cannot corrupt it (the OS has the writes);
            # an OS crash might, and a corrupt file is rebuilt.
            if not self.read_only:
                conn.execute("PRAGMA synchronous=OFF")
            conn.execute("PRAGMA cache_size=-32000")
        return conn

    def _usable(self) -> bool:
        """Readable, of this schema version, and the tables answer."""
        try:
            row = self._conn.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
            if not row or row[0] != SCHEMA:
                return False
            self._conn.execute("SELECT count(*) FROM articles").fetchone()
            self._conn.execute("SELECT rowid FROM docs LIMIT 1").fetchall()
            stamp = self._conn.execute("SELECT value FROM meta WHERE key='stamp'").fetchone()
        except sqlite3.Error:
            return False
        self._stamp = stamp[0] if stamp else None
        return True

    @staticmethod
    def _create(conn: sqlite3.Connection) -> None:
        weights = ", ".join(str(w) for w in WEIGHTS)
        conn.executescript(
            f"""
            BEGIN;
            CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE articles(id INTEGER PRIMARY KEY, article_id TEXT NOT NULL UNIQUE);
            CREATE VIRTUAL TABLE docs USING fts5(
                {", ".join(COLUMNS)},
                tokenize = 'unicode61 remove_diacritics 2',
                prefix = '2 3'
            );
            INSERT INTO docs(docs, rank) VALUES('rank', 'bm25({weights})');
            INSERT INTO meta VALUES('schema', '{SCHEMA}');
            COMMIT;
            """
        )

    def _recreate(self, *, keep_damaged: bool = False) -> None:
        """Throw the file away and start an empty one (writable) or an in-memory one.

        ``keep_damaged``: the file is moved aside (``search.sqlite.damaged-<time>``)
        rather than deleted, as every damaged library file is."""
        with contextlib.suppress(sqlite3.Error):
            self._conn.close()
        self._stamp = None
        if self.read_only or self.path is None:
            self.path = None
            self._conn = self._connect()
            return
        if keep_damaged and self.path.exists():
            from tui.store.aside import move_aside

            move_aside(self.path)
        for suffix in ("", "-journal", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                self.path.with_name(self.path.name + suffix).unlink()
        self._conn = self._connect()
        self._create(self._conn)

    def close(self) -> None:
        """Close the database (further calls fail)."""
        with self._lock:
            self._conn.close()

    def reset(self) -> None:
        """Empty the index (before a rebuild): a new file is faster than deleting rows."""
        with self._lock:
            self._recreate()

    # The stamp: which state of the catalog this index agrees with ------------------
    @property
    def stamp(self) -> str | None:
        """The catalog stamp recorded by the last :meth:`set_stamp`; None when rebuilt
        or never set, which tells the library to catch up from the bodies."""
        return self._stamp

    def set_stamp(self, stamp: str) -> None:
        with self._lock:
            self._conn.execute("INSERT OR REPLACE INTO meta VALUES('stamp', ?)", (stamp,))
            self._stamp = stamp

    # Writing -------------------------------------------------------------------------
    def add_many(self, docs: Iterable[SearchDoc], *, stamp: str | None = None) -> int:
        """Add (or replace) articles in one transaction; an article's notes are kept.
        ``stamp``, if given, is recorded in the same transaction (see :attr:`stamp`)."""
        count = 0
        with self._lock:
            conn = self._conn
            conn.execute("BEGIN")
            try:
                for doc in docs:
                    rowid = self._rowid(doc.article_id)
                    notes = conn.execute(
                        "SELECT notes FROM docs WHERE rowid=?", (rowid,)
                    ).fetchone()
                    if notes is not None:
                        conn.execute("DELETE FROM docs WHERE rowid=?", (rowid,))
                    conn.execute(
                        "INSERT INTO docs(rowid, title, body, speakers, entities, notes)"
                        " VALUES (?, ?, ?, ?, ?, ?)",
                        (
                            rowid,
                            _clean(doc.title),
                            _clean(doc.body),
                            _clean("; ".join(doc.speakers)),
                            _clean("; ".join(doc.entities)),
                            notes[0] if notes else "",
                        ),
                    )
                    count += 1
                if stamp is not None:
                    conn.execute("INSERT OR REPLACE INTO meta VALUES('stamp', ?)", (stamp,))
                conn.execute("COMMIT")
                if stamp is not None:
                    self._stamp = stamp
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        return count

    def _rowid(self, article_id: str) -> int:
        row = self._conn.execute(
            "INSERT INTO articles(article_id) VALUES (?) ON CONFLICT(article_id)"
            " DO UPDATE SET article_id=excluded.article_id RETURNING id",
            (article_id,),
        ).fetchone()
        return int(row[0])

    def set_notes(self, article_id: str, text: str) -> None:
        """Make the user's notes on an article searchable. An article not indexed yet
        gets a row holding only the notes; adding the article later keeps them."""
        with self._lock:
            conn = self._conn
            conn.execute("BEGIN")
            try:
                rowid = self._rowid(article_id)
                if conn.execute("SELECT 1 FROM docs WHERE rowid=?", (rowid,)).fetchone():
                    conn.execute("UPDATE docs SET notes=? WHERE rowid=?", (_clean(text), rowid))
                else:
                    conn.execute(
                        "INSERT INTO docs(rowid, title, body, speakers, entities, notes)"
                        " VALUES (?, '', '', '', '', ?)",
                        (rowid, _clean(text)),
                    )
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise

    def remove(self, article_id: str) -> None:
        """Forget an article (its notes too)."""
        with self._lock:
            conn = self._conn
            row = conn.execute(
                "SELECT id FROM articles WHERE article_id=?", (article_id,)
            ).fetchone()
            if row is None:
                return
            conn.execute("BEGIN")
            try:
                conn.execute("DELETE FROM docs WHERE rowid=?", (row[0],))
                conn.execute("DELETE FROM articles WHERE id=?", (row[0],))
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise

    def optimize(self) -> None:
        """Merge the index's segments into one after a bulk build (faster queries)."""
        with self._lock:
            self._conn.execute("INSERT INTO docs(docs) VALUES('optimize')")

    # Reading -------------------------------------------------------------------------
    def __len__(self) -> int:
        with self._lock:
            return int(self._conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def ids(self) -> set[str]:
        """Every indexed article id (to catch up with the catalog)."""
        with self._lock:
            return {row[0] for row in self._conn.execute("SELECT article_id FROM articles")}

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """The best ``limit`` articles for ``query``, best first; [] for a blank query.

        Never raises on user text. FTS5 ranks inside the engine (``ORDER BY rank
        LIMIT``), so snippets are made only for the rows returned; a query with
        more than RANK_CAP matches is ranked among the newest RANK_CAP of them.
        """
        match = fts_query(query)
        if not match or limit <= 0:
            return []
        snippets = ", ".join(
            f"snippet(docs, {column}, '{OPEN}', '{CLOSE}', '…', {SNIPPET_TOKENS})"
            for column in range(len(COLUMNS))
        )
        with self._lock:
            try:
                cut = self._conn.execute(
                    "SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY rowid DESC"
                    " LIMIT 1 OFFSET ?",
                    (match, RANK_CAP),
                ).fetchone()
                window = " AND rowid > ?" if cut else ""
                sql = (
                    f"SELECT rowid, title, rank, {snippets} FROM docs"
                    f" WHERE docs MATCH ?{window} ORDER BY rank LIMIT ?"
                )
                params = (match, cut[0], limit) if cut else (match, limit)
                rows = self._conn.execute(sql, params).fetchall()
                ids = self._article_ids([row[0] for row in rows])
            except sqlite3.Error as exc:
                if _damaged(exc) and not self.read_only:
                    self._recreate(keep_damaged=True)  # Derived: the library rebuilds it.
                return []
        return [hit for row in rows if (hit := _hit(row, ids)) is not None]

    def _article_ids(self, rowids: list[int]) -> dict[int, str]:
        if not rowids:
            return {}
        marks = ", ".join("?" * len(rowids))
        rows = self._conn.execute(
            f"SELECT id, article_id FROM articles WHERE id IN ({marks})", rowids
        )
        return dict(rows.fetchall())


def _hit(row: tuple[object, ...], ids: dict[int, str]) -> SearchHit | None:
    rowid, title, rank, *raw = row
    article_id = ids.get(int(rowid))  # type: ignore[call-overload]
    if article_id is None:
        return None
    cols = [str(text or "") for text in raw]
    fields = tuple(name for name, text in zip(COLUMNS, cols, strict=True) if OPEN in text)
    chosen = next((cols[c] for c in SNIPPET_ORDER if OPEN in cols[c]), cols[1])
    snippet, spans = clean_snippet(chosen)
    return SearchHit(
        article_id=article_id,
        title=str(title or ""),
        snippet=snippet,
        score=-float(rank),  # type: ignore[arg-type]
        fields=fields,
        snippet_spans=spans,
    )
