"""YAML front matter from untrusted values, without a YAML dependency.

Every string is written double-quoted with JSON's escapes, which YAML 1.2 reads
the same way; characters YAML parsers treat as line breaks or refuse
(U+2028/U+2029, U+FEFF, lone surrogates) are escaped too. So a title holding
``---``, ``: ``, quotes or ``#`` can never end the front matter or add a key.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence

from tui.textsafe import one_line

#: A plain ISO date or datetime: safe unquoted, and then typed as a date by
#: Obsidian and Dataview.
_ISO_DATE = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?"
)
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_UNSAFE = re.compile("[\u2028\u2029\ufeff\ud800-\udfff]")


class IsoDate(str):
    """A front-matter value written as a YAML date when it is a plain ISO date."""

    __slots__ = ()


Value = str | Sequence[str] | Mapping[str, Sequence[str]]


def yaml_str(text: str) -> str:
    """``text`` on one line, controls removed, as a double-quoted YAML scalar."""
    quoted = json.dumps(one_line(text), ensure_ascii=False)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def yaml_date(text: str) -> str:
    """An ISO date unquoted (a date to YAML readers); anything else quoted."""
    return text if _ISO_DATE.fullmatch(text) else yaml_str(text)


def _lines(key: str, value: Value, indent: str) -> list[str]:
    if not _KEY.fullmatch(key):
        raise ValueError(f"not a plain YAML key: {key!r}")  # Keys are ours, never article text.
    if isinstance(value, IsoDate):
        return [f"{indent}{key}: {yaml_date(value)}"]
    if isinstance(value, str):
        return [f"{indent}{key}: {yaml_str(value)}"]
    if isinstance(value, Mapping):
        lines = [f"{indent}{key}:"]
        for sub_key, sub_value in value.items():
            lines += _lines(sub_key, sub_value, indent + "  ")
        return lines
    if not value:
        return [f"{indent}{key}: []"]
    return [f"{indent}{key}:"] + [f"{indent}  - {yaml_str(item)}" for item in value]


def front_matter(fields: Mapping[str, Value]) -> str:
    """A ``---`` block: every string quoted (``IsoDate`` values may stay bare).
    Keys are ours; values may be anything an article holds."""
    lines = ["---"]
    for key, value in fields.items():
        lines += _lines(key, value, "")
    lines.append("---")
    return "\n".join(lines) + "\n"
