"""Low-level scanning: capitalised runs, sentence starts and title-case lines.

Everything here is a precompiled regex run once over the whole text, so the
Python-level work later is per candidate name, not per token.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UP = "A-ZÀ-ÖØ-Þ"
_ABBREV = r"(?:Co|Inc|Corp|Ltd|Jr|Sr|St|Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Prof|Lt|Col|Capt|Bros|Mt)\."
#: One capitalised word: an abbreviation with its dot, a dotted acronym (U.S.), an
#: initial (J.), a capitalised or camel-case word (O'Brien, North Rhine-Westphalia, iFlytek).
#: (Optional parts are written as empty alternatives, "(?:x|)": cheaper in `re` than "x?".)
_WORD = (
    rf"(?:{_ABBREV}|[{_UP}]\.(?:[{_UP}]\.)+|[{_UP}]\.(?= [{_UP}])"
    rf"|[{_UP}](?:['’][{_UP}]|)\w*(?:[-‑–]\w+(?:[-‑–]\w+)*|)(?:\.com|)\+?"
    rf"|[a-z][a-z]?[{_UP}]\w*)(?![$\w])"
)
_CONNECTOR = r"(?: (?:of the|of|for|and|&|de|del|da|der|van|von|bin|al|la|le|du) | )"
#: The first word of a run, written to start with its upper-case letter so that `re`
#: skips to candidate positions at C speed (a pattern opening with a look-behind or
#: ``\b`` is tried at every position). Each branch is a _WORD alternative with that
#: letter already consumed; a camel-case word (iFlytek, xAI) matches from its capital
#: and ``run_start`` moves the start back over its 1-2 lower-case letters.
_ABBREV_REST = (
    r"(?:(?<=C)(?:o|orp|ol|apt)|(?<=I)nc|(?<=L)(?:td|t)|(?<=J)r|(?<=S)(?:r|t|en)"
    r"|(?<=M)(?:r|rs|s|t)|(?<=D)r|(?<=G)(?:en|ov)|(?<=R)ep|(?<=P)rof|(?<=B)ros)\."
)
_FIRST_WORD = (
    rf"[{_UP}](?:(?<![\w'’$-].)(?:{_ABBREV_REST}|\.(?:[{_UP}]\.)+|\.(?= [{_UP}])"
    rf"|(?:['’][{_UP}]|)\w*(?:[-‑–]\w+(?:[-‑–]\w+)*|)(?:\.com|)\+?)(?![$\w])"
    rf"|(?<=[a-z].)(?<![\w'’$-]..)\w*(?![$\w])|(?<=[a-z][a-z].)(?<![\w'’$-]...)\w*(?![$\w]))"
)
#: A run of capitalised words joined by single spaces or name connectors (its match may
#: start inside a camel-case word: see ``run_start``).
RUN_RE = re.compile(rf"{_FIRST_WORD}(?:{_CONNECTOR}{_WORD})*")


def run_start(text: str, start: int) -> int:
    """Where the run whose ``RUN_RE`` match starts at ``start`` begins ("iFlytek": at i)."""
    if start and "a" <= text[start - 1] <= "z":
        start -= 1
        if start and "a" <= text[start - 1] <= "z":
            start -= 1
    return start


WORD_RE = re.compile(_WORD)
CONNECTORS = frozenset(
    {
        "of",
        "for",
        "the",
        "and",
        "&",
        "de",
        "del",
        "da",
        "der",
        "van",
        "von",
        "bin",
        "al",
        "la",
        "le",
        "du",
    }
)

#: Where a new sentence may start: after . ! ? : or a line break, past quotes/brackets.
_SENT_START_RE = re.compile(r"""(?:^|[.!?:;]['"”’)\]]*[ \t]+|\n)[ \t]*['"“‘(\[]*""", re.M)
#: Matches (with ``endpos`` at a word) when a sentence starts there.
INITIAL_RE = re.compile(r"""(?:^|[.!?:;]['"”’)\]]*[ \t]+|\n)[ \t]*['"“‘(\[]*$""")
_LOWER_WORD_RE = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]*")
_LINE_RE = re.compile(r"[^\n]+")
_TITLE_WORD_RE = re.compile(r"[\w'’-]{4,}")


@dataclass(slots=True)
class Run:
    """A maximal run of capitalised words: its words as (text, start, end) triples."""

    start: int
    end: int
    words: list[tuple[str, int, int]]


def split_run(start: int, chunk: str) -> Run:
    """The run ``chunk`` found at ``start``, split into words with offsets."""
    words: list[tuple[str, int, int]] = []
    pos = start
    for part in chunk.split(" "):
        end = pos + len(part)
        words.append((part, pos, end))
        pos = end + 1
    return Run(start, start + len(chunk), words)


def find_runs(text: str) -> list[Run]:
    """All capitalised runs, each split into words with offsets."""
    runs = []
    for match in RUN_RE.finditer(text):
        start, end = match.span()
        start = run_start(text, start)
        chunk = text[start:end]
        if " " not in chunk:
            runs.append(Run(start, end, [(chunk, start, end)]))
        else:
            runs.append(split_run(start, chunk))
    return runs


def sentence_starts(text: str) -> set[int]:
    """Offsets where a sentence's first word begins."""
    return {m.end() for m in _SENT_START_RE.finditer(text)}


def lowercase_words(text: str) -> frozenset[str]:
    """Words that occur in lower case somewhere in the text (so are common words)."""
    return frozenset(_LOWER_WORD_RE.findall(text))


def title_case_lines(text: str) -> list[tuple[int, int]]:
    """Spans of lines written in title case (headlines, menus): names there need support."""
    spans = []
    for m in _LINE_RE.finditer(text):
        line = m.group()
        if len(line) > 250 or line.rstrip(" \"'”’").endswith("."):
            continue  # a sentence, not a headline
        words = _TITLE_WORD_RE.findall(line)
        if not words:
            continue
        caps = sum(1 for w in words if w[0].isupper())
        if caps == len(words) or (len(words) >= 4 and caps >= 0.75 * len(words)):
            spans.append(m.span())
    return spans
