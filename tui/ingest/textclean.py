"""Small text hygiene shared by the importers: what a block's text may contain.

Article text is kept as written (never read as markup), but C0 control
characters other than newline and tab are dropped because terminals act on them,
and whitespace inside a block is folded to single spaces because line breaks in
a source file are layout, not content.
"""

from __future__ import annotations

import re

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
