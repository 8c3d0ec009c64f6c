"""Selecting a passage with the keyboard: word-wise ends over the article's text.

The reader selects whole words: a selection starts on the word at an offset and
its end moves a word (or a line, which the reader turns into an offset) at a
time, never before the end of the first word.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"\S+")


def word_at(text: str, offset: int) -> tuple[int, int] | None:
    """The word at ``offset``, or the next one after it (None past the last word)."""
    offset = max(0, min(offset, len(text)))
    start = offset
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    match = _WORD.search(text, start)
    return match.span() if match else None


def move_end(text: str, start: int, end: int, words: int) -> int:
    """``end`` moved forward (``words`` > 0) or back by whole words, kept past ``start``'s word."""
    first = word_at(text, start)
    floor = first[1] if first else start
    if words > 0:
        for _ in range(words):
            match = _WORD.search(text, end)
            if match is None:
                break
            end = match.end()
        return end
    ends = [match.end() for match in _WORD.finditer(text, start, end) if match.end() < end]
    return max(floor, ends[-min(-words, len(ends))] if ends else floor)


def snap_end(text: str, start: int, offset: int) -> int:
    """An end offset from a line move, kept at a word end and past ``start``'s word."""
    first = word_at(text, start)
    floor = first[1] if first else start
    offset = max(floor, min(offset, len(text)))
    while offset > floor and text[offset - 1].isspace():
        offset -= 1
    return offset
