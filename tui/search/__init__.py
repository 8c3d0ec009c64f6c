"""Library-wide full-text search: a derived SQLite FTS5 index in ``index/search.sqlite``.

Pure Python (stdlib ``sqlite3``), no Textual: the CLI, the library facade and
the app all search through :class:`SearchIndex`.
"""

from __future__ import annotations

from .index import SEARCH_FILE, SearchDoc, SearchHit, SearchIndex, fts_query

__all__ = ["SEARCH_FILE", "SearchDoc", "SearchHit", "SearchIndex", "fts_query"]
