"""Entities, quotations and related articles: text in, spans out. No Textual."""

from tui.nlp.analyzer import analyze
from tui.nlp.known_names import KnownNames

__all__ = ["KnownNames", "analyze"]
