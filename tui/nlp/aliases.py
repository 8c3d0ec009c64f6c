"""Following a chain of user merges ("Biden" -> "Joe Biden") to its end."""

from __future__ import annotations

from collections.abc import Mapping


def follow(name: str, merges: Mapping[str, str]) -> str:
    """Where a chain of merges leads (a cycle stops where it would repeat)."""
    seen = {name}
    while name in merges and merges[name] not in seen:
        name = merges[name]
        seen.add(name)
    return name
