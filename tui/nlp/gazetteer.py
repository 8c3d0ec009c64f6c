# ruff: noqa: SIM905  (word lists read best as one string)
"""One place to ask "what is this word?" against the compact gazetteers in data/."""

from __future__ import annotations

import re
from functools import lru_cache

from tui.nlp.data.orgs import (
    CORPORATE_TAILS,
    GOVERNMENT_WORDS,
    KNOWN_ORGS,
    LEGAL_SUFFIXES,
    NEWS_ORGS,
    NON_ENTITY_ACRONYMS,
    ORG_FOR_HEADS,
    ORG_OF_HEADS,
    ORG_SUFFIXES,
    PLACE_OF_HEADS,
)
from tui.nlp.data.people import FIRST_NAMES, ROLE_NOUNS, TITLES
from tui.nlp.data.places import PLACES
from tui.nlp.data.words import CALENDAR_WORDS, COMMON_CAPS, GROUP_WORDS, NON_ENTITY_HEADS

__all__ = [
    "CALENDAR_WORDS",
    "COMMON_CAPS",
    "CORE_TITLES",
    "CORPORATE_TAILS",
    "FIRST_NAMES",
    "GOVERNMENT_WORDS",
    "GROUP_WORDS",
    "KNOWN_ORGS",
    "LEGAL_SUFFIXES",
    "MAX_NAME_WORDS",
    "MULTI_FIRST_WORDS",
    "NAME_SUFFIXES",
    "NEWS_ORGS",
    "NON_ENTITY_ACRONYMS",
    "NON_ENTITY_HEADS",
    "ORG_FOR_HEADS",
    "ORG_OF_HEADS",
    "ORG_SUFFIXES",
    "PLACES",
    "PLACE_OF_HEADS",
    "ROLE_NOUNS",
    "SKIP_WORDS",
    "STRONG_ORG_END",
    "TITLES",
    "is_acronym",
    "is_camel",
    "place_canonical",
]

#: Titles that mark a person (not the department-like words that also name organisations).
CORE_TITLES: frozenset[str] = (
    TITLES
    - ORG_SUFFIXES
    - frozenset(
        "Foreign Finance Defence Defense Interior Trade Health Economy Industry Justice Commerce "
        "Energy Labor Labour Education Agriculture Transport Transportation Culture Sports "
        "Tourism Environment Home Press Communications Republican Democrat Democratic Independent "
        "Conservative Liberal Senior Junior Assistant Associate Operating Financial Technology "
        "Marketing Sales General Private Acting Former Interim Major Crown Supreme".split()
    )
)

#: Endings that keep a run an organisation even when it starts with a given name.
STRONG_ORG_END: frozenset[str] = (LEGAL_SUFFIXES | GOVERNMENT_WORDS) | frozenset(
    "Company Companies Group Holdings Technology Technologies Motors Bank Airlines Foundation "
    "Institute University Party Systems Industries Corporation Studios Records".split()
)

#: The most words of any gazetteer name, and the first words of the multi-word ones.
MAX_NAME_WORDS: int = max(name.count(" ") + 1 for name in (*PLACES, *KNOWN_ORGS))
MULTI_FIRST_WORDS: frozenset[str] = frozenset(
    name.split(" ", 1)[0] for name in (*PLACES, *KNOWN_ORGS) if " " in name
)

NAME_SUFFIXES: frozenset[str] = frozenset({"Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"})

#: Single words never entities on their own.
SKIP_WORDS: frozenset[str] = COMMON_CAPS | GROUP_WORDS | CALENDAR_WORDS | NON_ENTITY_ACRONYMS

_ACRONYM_RE = re.compile(r"(?:[A-Z]\.){2,}|[A-Z][A-Z&]{1,5}s?")
_CAMEL_RE = re.compile(r"[a-z]{1,2}[A-Z]\w*|[A-Z][a-z]+[A-Z]\w*")


@lru_cache(maxsize=4096)
def is_acronym(word: str) -> bool:
    """Upper-case short forms (GM, UAW, U.S.)."""
    return _ACRONYM_RE.fullmatch(word) is not None


def is_camel(word: str) -> bool:
    """Brand-like spellings (iFlytek, SenseTime, xAI) that are almost always organisations."""
    return _CAMEL_RE.fullmatch(word) is not None


def place_canonical(name: str) -> str | None:
    """The canonical name of a known place, or None."""
    return PLACES.get(name)
