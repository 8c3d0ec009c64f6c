"""Read what can be read of a damaged JSON object: every entry complete before the damage.

A user data snapshot cut short (a disk error, a bad copy) or broken by a hand
edit is still mostly good: the records before the damage are whole. This reads
the nested objects entry by entry and keeps each complete entry, stopping at
the first thing that does not parse. A record is taken whole or not at all,
never a note cut in half.

Depth: the snapshot is ``{"meta": ..., "data": {collection: {key: record}}}``;
schema 1 was ``{table: {doc_id: record}}``. Objects are walked entry by entry
down to the collections (``descend``); anything below is one all-or-nothing
value.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

_DECODER = json.JSONDecoder()
_SPACE = " \t\n\r"

#: Given the keys leading to an object, whether to walk it entry by entry.
Descend = Callable[[tuple[str, ...]], bool]


def user_snapshot_levels(path: tuple[str, ...]) -> bool:
    """The top level, each table or ``data``, and each collection inside ``data``."""
    return len(path) < 2 or (len(path) == 2 and path[0] == "data")


class _Stop(Exception):
    """The damage: nothing after this point is read."""


def _skip(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in _SPACE:
        pos += 1
    return pos


def _expect(text: str, pos: int, char: str) -> int:
    pos = _skip(text, pos)
    if pos >= len(text) or text[pos] != char:
        raise _Stop
    return pos + 1


def _value(text: str, pos: int) -> tuple[Any, int]:
    try:
        return _DECODER.raw_decode(text, pos)
    except (json.JSONDecodeError, RecursionError):
        raise _Stop from None


def _object(
    text: str, pos: int, path: tuple[str, ...], descend: Descend, out: dict[str, Any]
) -> int:
    """Fill ``out`` with the object at ``pos``; returns the position after it."""
    pos = _expect(text, pos, "{")
    pos = _skip(text, pos)
    if pos < len(text) and text[pos] == "}":
        return pos + 1
    while True:
        key, pos = _value(text, _skip(text, pos))
        if not isinstance(key, str):
            raise _Stop
        pos = _skip(text, _expect(text, pos, ":"))
        child_path = (*path, key)
        if pos < len(text) and text[pos] == "{" and descend(child_path):
            child: dict[str, Any] = {}
            out[key] = child  # Kept even if cut short: it holds whole records only.
            pos = _object(text, pos, child_path, descend, child)
        else:
            out[key], pos = _value(text, pos)
        pos = _skip(text, pos)
        if pos < len(text) and text[pos] == ",":
            pos += 1
            continue
        return _expect(text, pos, "}")


def salvage_object(
    raw: bytes, descend: Descend = user_snapshot_levels
) -> tuple[dict[str, Any], bool]:
    """The complete entries of the JSON object in ``raw``, and whether it was all read.

    Undecodable bytes become U+FFFD (a record containing them stays readable
    text rather than taking the rest of the file down with it).
    """
    text = raw.decode("utf-8", errors="replace")
    out: dict[str, Any] = {}
    try:
        end = _object(text, 0, (), descend, out)
    except _Stop:
        return out, False
    return out, not text[_skip(text, end) :]
