"""Everything the library knows about one entity: articles, quotations by it and about it.

Built from the related index (which articles) and their body files (which
quotations), so it needs no index of its own; the cost is one body read per
article, capped, which a personal library affords on demand.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tui.model import Analysis

#: Bodies read for one profile at most: enough for any person's library view.
PROFILE_LIMIT = 300

KIND_PREFIX = {"PERSON": "P", "ORG": "O", "PLACE": "L"}


@dataclass(frozen=True, slots=True)
class QuoteRef:
    """A quotation somewhere in the library."""

    article_id: str
    title: str
    speaker: str | None
    text: str
    start: int


@dataclass(slots=True)
class EntityProfile:
    """One entity across the library (``kind`` is PERSON, ORG or PLACE)."""

    name: str
    kind: str
    articles: list[tuple[str, str, str]] = field(default_factory=list)  # id, title, reason
    quotes_by: list[QuoteRef] = field(default_factory=list)
    quotes_about: list[QuoteRef] = field(default_factory=list)


def feature_keys(name: str, kind: str) -> list[str]:
    """The related-index keys that lead to an entity: its mentions and, for a
    person or organisation, its quotations."""
    keys = [f"{KIND_PREFIX.get(kind, 'P')}:{name}"]
    if kind in ("PERSON", "ORG"):
        keys.append(f"S:{name}")
    return keys


def collect_quotes(
    profile: EntityProfile, article_id: str, title: str, analysis: Analysis
) -> tuple[bool, bool]:
    """Add the article's quotations by and about the entity; returns (mentions, quotes)."""
    spans = [(m.start, m.end) for m in analysis.entities if m.canonical == profile.name]
    quoted = False
    for quote in analysis.quotes:
        ref = QuoteRef(article_id, title, quote.speaker, quote.text, quote.start)
        if quote.speaker == profile.name:
            profile.quotes_by.append(ref)
            quoted = True
        elif any(quote.start <= start and end <= quote.end for start, end in spans):
            profile.quotes_about.append(ref)
    return bool(spans), quoted


def reason_for(name: str, mentioned: bool, quoted: bool) -> str:
    if mentioned and quoted:
        return f"mentions and quotes {name}"
    if quoted:
        return f"quotes {name}"
    return f"mentions {name}"
