"""File names for exported articles: readable, unique, and safe on any file system.

Titles are untrusted and may be anything (``../../x``, ``CON``, 500 characters
of emoji), so a name is built only from ASCII letters, digits and hyphens, cut
short, and ends with part of the article id; the result is checked to sit
directly inside the output directory.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

SLUG_MAX = 60
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_HEX = re.compile(r"[^0-9a-f]")


def slug(title: str) -> str:
    """``"Beijing: ‘Stay tuned’"`` -> ``"beijing-stay-tuned"`` (or ``"article"``)."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = _NOT_SLUG.sub("-", ascii_title.lower()).strip("-")
    if len(words) > SLUG_MAX:
        words = words[:SLUG_MAX].rsplit("-", 1)[0] or words[:SLUG_MAX]
    return words.strip("-") or "article"


class FileNamer:
    """Hands out one name per article; a short-id clash falls back to the whole id."""

    def __init__(self, directory: Path, suffix: str = ".md") -> None:
        self.directory = directory.resolve()
        self.suffix = suffix
        self._used: set[str] = set()

    def name_for(self, title: str, article_id: str) -> Path:
        key = _HEX.sub("", article_id.lower()) or "0"
        base = slug(title)
        name = f"{base}-{key[:8]}{self.suffix}"
        if name.casefold() in self._used:
            name = f"{base}-{key}{self.suffix}"
        counter = 2
        while name.casefold() in self._used:  # Only for ids that differ in non-hex characters.
            name = f"{base}-{key}-{counter}{self.suffix}"
            counter += 1
        self._used.add(name.casefold())
        path = self.directory / name
        if path.parent != self.directory:  # Cannot happen with a slug; never write elsewhere.
            raise ValueError(f"unsafe export file name: {name!r}")
        return path
