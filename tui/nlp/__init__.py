"""Entities, quotations and related articles: text in, spans out. No Textual.

The analyser and its gazetteers load on first use (``analyze``/``KnownNames``),
not when a light submodule such as ``tui.nlp.aliases`` is imported: the app
imports that at start and must not pay ~40 ms for an analyser it rarely needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui.nlp.analyzer import analyze
    from tui.nlp.known_names import KnownNames

__all__ = ["KnownNames", "analyze"]


def __getattr__(name: str) -> Any:
    if name == "analyze":
        from tui.nlp.analyzer import analyze

        return analyze
    if name == "KnownNames":
        from tui.nlp.known_names import KnownNames

        return KnownNames
    raise AttributeError(name)
