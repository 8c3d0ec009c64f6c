"""Importers: bytes in, :class:`~tui.model.ParsedArticle` out. No Textual, no disk writes.

:func:`parse_bytes` is the entry point; :func:`tui.ingest.sniff.sniff` tells which
importer a file needs (and recognises Lede backups, which the library restores
itself). The importers load on first use of ``parse_bytes``, so importing
``tui.ingest.errors`` stays cheap for callers that only catch :class:`IngestError`
(the app at start).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tui.ingest.errors import IngestError

if TYPE_CHECKING:
    from tui.ingest.dispatch import parse_bytes

__all__ = ["IngestError", "parse_bytes"]


def __getattr__(name: str) -> Any:
    if name == "parse_bytes":
        from tui.ingest.dispatch import parse_bytes

        return parse_bytes
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
