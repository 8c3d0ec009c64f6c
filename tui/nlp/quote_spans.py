"""Pair quotation marks into spans, across paragraphs where the text continues a quote."""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARK_RE = re.compile(r'["“”\n]')
_TERM_RE = re.compile(r"[A-Z0-9\[][\w'’.\-\]]*(?: [A-Z0-9][\w'’.\-]*| (?:of|and|the|for|&))*")


@dataclass(slots=True)
class QuoteSpan:
    """Offsets of the words inside a pair of marks (``open``/``close`` are the marks)."""

    open: int
    start: int
    end: int
    close: int


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Straight and curly double-quoted spans.

    A quote left open at a paragraph's end continues when the next paragraph opens with
    a quote mark (the newspaper convention for multi-paragraph quotations); otherwise it
    is dropped.
    """
    spans: list[QuoteSpan] = []
    open_at = -1
    pending_para = False  # open quote reached a line break
    for m in _MARK_RE.finditer(text):
        ch = m.group()
        pos = m.start()
        if ch == "\n":
            if open_at >= 0:
                pending_para = True
            continue
        if pending_para:
            pending_para = False
            # continuation only if this mark opens the new paragraph
            line_start = text.rfind("\n", 0, pos) + 1
            if text[line_start:pos].strip() == "" and (ch == "“" or ch == '"'):
                continue  # keep the quote open across the paragraph break
            open_at = -1
        if open_at < 0:
            if ch == "”":
                continue
            if (
                ch == '"'
                and pos + 1 < len(text)
                and text[pos + 1] in " \n"
                and pos > 0
                and (not text[pos - 1].isspace())
            ):
                continue  # a stray closing mark
            open_at = pos
        else:
            if ch == "“":
                open_at = pos  # unbalanced: restart at the newer opening
                continue
            if open_at + 1 < pos:
                spans.append(QuoteSpan(open_at, open_at + 1, pos, pos))
            open_at = -1
    return spans


def is_term(inner: str) -> bool:
    """A short title-case quoted name ("Big Three", "New GM"): a term, not speech."""
    words = inner.split()
    if not words or len(words) > 5 or inner.rstrip()[-1:] in ".,!?;:":
        return False
    return _TERM_RE.fullmatch(inner) is not None
