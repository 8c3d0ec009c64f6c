"""Make untrusted article text safe to put on a terminal.

Article text may carry escape sequences (``\\x1b]52;...`` writes the clipboard,
``\\x1b[2J`` clears the screen) or other control characters; none of them may
reach the terminal. Newlines and tabs are kept; everything else in Unicode's
C0 and C1 control ranges (and DEL) is removed.
"""

from __future__ import annotations

import re

_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def strip_controls(text: str) -> str:
    """``text`` without terminal control characters (newline and tab survive)."""
    return _CONTROLS.sub("", text)


def one_line(text: str) -> str:
    """``text`` on one line, controls removed: for list rows and error messages."""
    return " ".join(strip_controls(text).split())


def strip_controls_mapped(text: str) -> tuple[str, list[int] | None]:
    """``strip_controls(text)`` plus, for each kept character, its index in ``text``.

    The reader draws the cleaned text but styles it by offsets into the original
    (the analyser's offsets), so it needs the way back. The map is None when
    nothing was removed (the usual case), meaning the indices are unchanged.
    """
    if not _CONTROLS.search(text):
        return text, None
    kept: list[int] = []
    pieces: list[str] = []
    last = 0
    for match in _CONTROLS.finditer(text):
        start = match.start()
        if start > last:
            pieces.append(text[last:start])
            kept.extend(range(last, start))
        last = match.end()
    if last < len(text):
        pieces.append(text[last:])
        kept.extend(range(last, len(text)))
    return "".join(pieces), kept
