"""Small text hygiene shared by the importers: what a block's text may contain.

Article text is kept as written (never read as markup), but C0 control
characters other than newline and tab are dropped because terminals act on them,
and whitespace inside a block is folded to single spaces because line breaks in
a source file are layout, not content.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tui.textsafe import strip_controls as terminal_safe

_CONTROL_KEEP_CR = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACE = re.compile(r"\s+")
_SENTENCE = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")


def strip_controls(text: str) -> str:
    """Unify line ends and drop control characters except newline and tab."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return terminal_safe(text)


def fold(text: str) -> str:
    """One line of text: controls removed, whitespace runs made a single space."""
    return _SPACE.sub(" ", _CONTROL_KEEP_CR.sub("", text)).strip()


def first_sentence(text: str, limit: int = 120) -> str:
    """A title-sized lead of ``text`` for records that have no title of their own."""
    text = fold(text)
    parts = _SENTENCE.split(text, maxsplit=1)
    lead = parts[0] if parts else text
    if len(lead) <= limit:
        return lead
    cut = lead.rfind(" ", 0, limit)
    return (lead[: cut if cut > limit // 2 else limit]).rstrip(" ,;:-") + "…"


#: Text whose non-blank lines average fewer characters than MIN_MEAN_LINE (less
#: than a short word and a space), over at least MIN_LINES_JUDGED of them, is a
#: column of codes, numbers or noise, not an article. Such files also pack the
#: most lines into a megabyte, and importers pay per line.
MIN_MEAN_LINE = 6
MIN_LINES_JUDGED = 1_000


def too_short(pieces: Iterable[str], what: str, min_mean: float, min_count: int) -> str | None:
    """Why text is no article's because its non-blank ``pieces`` (lines, blocks),
    ``min_count`` or more, average fewer than ``min_mean`` characters; else None."""
    sizes = [size for size in map(len, map(str.strip, pieces)) if size]
    if len(sizes) < min_count or sum(sizes) >= min_mean * len(sizes):
        return None
    mean = sum(sizes) / len(sizes)
    return f"not article text: {len(sizes):,} {what} of {mean:.1f} characters on average"


def not_prose(text: str) -> str | None:
    """Why ``text`` cannot be an article's text because its lines are too short, or None."""
    newlines = text.count("\n")
    if newlines < MIN_LINES_JUDGED or len(text) > 32 * newlines:
        return None  # Few lines, or long ones on average: the usual case, decided at once.
    return too_short(text.split("\n"), "lines", MIN_MEAN_LINE, MIN_LINES_JUDGED)
