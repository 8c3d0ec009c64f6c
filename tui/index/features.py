"""What an article is "about", as feature keys the related-articles index compares.

A feature is a short string: ``P:Geng Shuang`` (a person mentioned),
``O:Hikvision`` (an organisation), ``L:Xinjiang`` (a place), ``S:Geng Shuang``
(someone quoted), ``Q:3f2a…`` (one quotation, by a hash of its normalised words).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from tui.model import Analysis

TYPE_PREFIX = {"PERSON": "P", "ORG": "O", "PLACE": "L"}
PREFIX_LABEL = {"P": "person", "O": "organisation", "L": "place", "S": "speaker", "Q": "quotation"}

_WORDS = re.compile(r"\w+")

#: Quotations shorter than this many words ("stay tuned") are too common to
#: mean two articles carry the same quotation.
MIN_QUOTE_WORDS = 6


def quote_key(text: str) -> str | None:
    import hashlib  # Deferred: the reader needs only entity_key and speaker_key.

    words = _WORDS.findall(unicodedata.normalize("NFKC", text).casefold())
    if len(words) < MIN_QUOTE_WORDS:
        return None
    return "Q:" + hashlib.sha1(" ".join(words).encode("utf-8")).hexdigest()[:12]


def entity_key(entity_type: str, canonical: str) -> str:
    return f"{TYPE_PREFIX.get(entity_type, 'O')}:{canonical}"


def speaker_key(name: str) -> str:
    return f"S:{name}"


def features_of(analysis: Analysis, aliases: Mapping[str, str] | None = None) -> dict[str, str]:
    """Feature key -> display label, for one article's analysis (user aliases applied)."""
    rename = aliases or {}
    found: dict[str, str] = {}
    for mention in analysis.entities:
        name = rename.get(mention.canonical, mention.canonical)
        found.setdefault(entity_key(mention.type, name), name)
    for quote in analysis.quotes:
        if quote.speaker:
            name = rename.get(quote.speaker, quote.speaker)
            found.setdefault(speaker_key(name), name)
            key = quote_key(quote.text)
            if key:
                found.setdefault(key, name)
    return found
