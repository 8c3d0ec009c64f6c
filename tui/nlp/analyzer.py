"""The one entry point: text in, entity mentions and quotations out."""

from __future__ import annotations

from collections.abc import Mapping

from tui.model import Analysis, EntityMention
from tui.nlp.aliases import follow
from tui.nlp.canonical import resolve
from tui.nlp.entities import scan
from tui.nlp.known_names import KnownNames, no_names
from tui.nlp.quote_spans import find_quote_spans, is_term
from tui.nlp.quotes import attribute
from tui.nlp.tokens import title_case_lines


def analyze(
    text: str,
    names: KnownNames | None = None,
    aliases: Mapping[str, str] | None = None,
) -> Analysis:
    """Entities (typed, canonical) and direct quotations (with speaker) of ``text``.

    Offsets are ``str`` indices into ``text``; ``names`` lends library-wide knowledge
    ("Rubio" -> "Marco Rubio"); ``aliases`` are the user's merges, applied last.
    """
    known = names.lookup if names is not None and len(names) else no_names
    quote_spans = find_quote_spans(text)
    weak = title_case_lines(text)
    weak.extend((q.start, q.end) for q in quote_spans if is_term(text[q.start : q.end]))
    weak.sort()
    lib = names if known is not no_names else None
    firm, pending, scanner = scan(text, known, weak, [q.start for q in quote_spans], lib)
    cands, canon = resolve(text, firm, pending, scanner, known, lib)
    if aliases:
        canon = [follow(name, aliases) for name in canon]
    entities = [
        EntityMention(c.text, c.type or "ORG", name, c.start, c.end)
        for c, name in zip(cands, canon, strict=True)
    ]
    quotes = attribute(text, quote_spans, entities)
    return Analysis(entities=entities, quotes=quotes)
