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
