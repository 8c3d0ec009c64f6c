"""The user's corrections to entity names, applied when an analysis is shown or indexed.

Stored analyses stay as the analyser made them; the user's rules are applied on
top, so a merge or split takes effect at once and can be taken back.

- merge: canonical name A is the same entity as B ("Biden" into "Joe Biden").
- split: mentions written S that the analyser linked to canonical C are their
  own entity, named S (undoes a wrong merge such as "Bush" -> "George W. Bush").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from tui.model import Analysis, EntityMention, Quotation
from tui.nlp.aliases import follow


def apply_rules(
    analysis: Analysis,
    merges: Mapping[str, str],
    splits: Iterable[tuple[str, str]] = (),
) -> Analysis:
    """A copy of ``analysis`` with the user's splits, then merges, applied."""
    split_set = set(splits)
    if not merges and not split_set:
        return analysis
    entities = []
    for m in analysis.entities:
        canonical = m.text if (m.text, m.canonical) in split_set else m.canonical
        canonical = follow(canonical, merges)
        entities.append(EntityMention(m.text, m.type, canonical, m.start, m.end))
    quotes = [
        Quotation(
            q.text,
            follow(q.speaker, merges) if q.speaker else None,
            q.cue,
            q.start,
            q.end,
            q.speaker_type,
        )
        for q in analysis.quotes
    ]
    return Analysis(entities=entities, quotes=quotes)
