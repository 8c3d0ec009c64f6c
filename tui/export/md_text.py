"""Article text as Markdown that shows the words and nothing else.

Article text is untrusted and was never Markdown: a paragraph that is ``---``,
``# 1``, ``<iframe ...>``, ``[[link]]``, ``$5 and $6``, ``%%`` or ``==`` would
otherwise become a rule, a heading, HTML, an Obsidian link, maths, a comment
or a highlight. Everything that could start syntax is backslash-escaped (valid
CommonMark escapes, which Obsidian honours); control characters are removed.
"""

from __future__ import annotations

import re

from tui.textsafe import strip_controls

_INLINE = re.compile(r"[\\`*_\[\]<>#|$~=]|%%|&(?=#?\w+;)")
_ORDERED = re.compile(r"\d{1,9}(?=[.)])")


def _escape_inline(text: str) -> str:
    return _INLINE.sub(lambda m: "".join("\\" + c for c in m.group()), text)


def _escape_line_start(line: str) -> str:
    """A line's start can open a block (list, rule, setext underline, code by indent)."""
    line = _escape_inline(line.lstrip(" \t"))
    if line[:1] in ("-", "+", "="):
        return "\\" + line
    ordered = _ORDERED.match(line)
    if ordered:
        return line[: ordered.end()] + "\\" + line[ordered.end() :]
    return line


def escape_md(text: str, *, line_start: bool = True) -> str:
    """``text`` escaped for Markdown. ``line_start``: its first character begins a line
    (false for a piece that continues one, e.g. after ``## `` or inside ``==``)."""
    lines = strip_controls(text).split("\n")
    out = [
        _escape_line_start(line) if i or line_start else _escape_inline(line)
        for i, line in enumerate(lines)
    ]
    return "\n".join(out)


def quote_lines(text: str, prefix: str = "> ") -> str:
    """Every line of ``text`` behind ``prefix`` (blank lines keep a bare ``>``)."""
    bare = prefix.rstrip()
    return "\n".join(f"{prefix}{line}" if line.strip() else bare for line in text.split("\n"))
