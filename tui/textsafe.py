"""Make untrusted article text safe to put on a terminal.

Article text may carry escape sequences (``\\x1b]52;...`` writes the clipboard,
``\\x1b[2J`` clears the screen) or other control characters; none of them may
reach the terminal. Newlines and tabs are kept; everything else in Unicode's
C0 and C1 control ranges (and DEL) is removed. File paths shown to the user
go through :func:`path_text`, which escapes instead of removing.
"""

from __future__ import annotations

import os
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


# Line breaks and other controls, and the invisible characters that can make a
# name read as another (bidi overrides: "report\u202efdp.exe"), shown as escapes.
_PATH_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return _NAMED_ESCAPES.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def path_text(path: os.PathLike[str] | str) -> str:
    """A file path for a message or a stored record: one printable line that still
    tells which file it is.

    File names are bytes on Linux: one that is not UTF-8 (``caf\\xe9.html`` from a
    Latin-1 system) reaches Python as lone surrogates, which cannot be written as
    UTF-8 at all. Those bytes, controls and line breaks become backslash escapes
    (``caf\\xe9.html``, ``two\\nlines.md``), as ``ls -b`` shows them.
    """
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    return _PATH_UNSAFE.sub(_escape, text)
