"""Importers: bytes in, :class:`~tui.model.ParsedArticle` out. No Textual, no disk writes.

:func:`parse_bytes` is the entry point; :func:`sniff` tells which importer a file
needs (and recognises Lede backups, which the library restores itself). Both load
on first use, so importing ``tui.ingest.errors`` stays cheap for callers that only
catch :class:`IngestError` (the app at start).
"""

from __future__ import annotations

import sys
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING, Any

from tui.ingest.errors import IngestError

if TYPE_CHECKING:
    from tui.ingest.dispatch import parse_bytes
    from tui.ingest.sniff import sniff

__all__ = ["IngestError", "parse_bytes", "sniff"]


class _Package(ModuleType):
    """``tui.ingest.sniff`` is the function, never the module of the same name.

    Loading a submodule binds it on its package (``setattr(tui.ingest, "sniff",
    module)``) wherever it is imported from (``dispatch``, a test), which would
    shadow the function for every later ``from tui.ingest import sniff``: the
    function is bound in its place.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "sniff" and isinstance(value, ModuleType):
            value = value.sniff
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def __getattr__(name: str) -> Any:
    if name == "parse_bytes":
        from tui.ingest.dispatch import parse_bytes

        return parse_bytes
    if name == "sniff":
        # Loading the module binds the function here (see _Package).
        return import_module("tui.ingest.sniff").sniff
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
