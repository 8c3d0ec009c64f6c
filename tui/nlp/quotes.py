"""Direct quotations: which quoted spans are speech, the cue verb, and who spoke.

Attribution order, from the most to the least reliable reading of news prose:
a cue right after the quote ("...," X said / said X), a cue before it in the same
sentence (X said that "..."), a participle ("..., saying: ..."), the previous quote
of the same sentence or paragraph, then the sentence's subject. Pronouns take the
most recent person before the quote; "the company" the most recent company.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from tui.model import EntityMention, Quotation
from tui.nlp import gazetteer as gz
from tui.nlp.data.words import ORG_ANAPHORS, SPEECH_PHRASES, SPEECH_VERBS
from tui.nlp.quote_spans import QuoteSpan, is_term

_PHRASES = sorted({*SPEECH_PHRASES, *(p.capitalize() for p in SPEECH_PHRASES)}, key=len)
_CUE_RE = re.compile(
    r"\b("
    + "|".join(reversed(_PHRASES))
    + "|"
    + "|".join(sorted(set(SPEECH_VERBS), key=len, reverse=True))
    + r")\b"
)
#: A sentence end: . ! ? before a capital, or line breaks. (Opening with one character
#: class lets `re` skip to candidate positions at C speed.)
_BOUNDARY_RE = re.compile(r"""[.!?\n](?:(?<=\n)\n*|(?<=[.!?])['"”’)]*\s+(?=['"“‘(]?[A-Z0-9]))""")
_ABBREV_END_RE = re.compile(
    r"(?:\b[A-Z]\.[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Jr|Sr|No|vs|Lt|Col))\.$"
)
_PAREN_RE = re.compile(r"\([^()\n]*\)")
_AUX_TAIL_RE = re.compile(
    r"(?:[\s,]+(?:has|have|had|was|were|is|are|also|later|then|first|further|previously|"
    r"again|reportedly|once|would|will|already|just|publicly|repeatedly|recently|had|did|"
    r"didn't|did not|does|doesn't|went on to|go on to|has since|merely|only|simply|even))+"
    r"[\s,]*$"
)
_REPORTED_AFTER_RE = re.compile(
    r"\s+(?:(?:has|had|have|also|first|previously|earlier)\s+)*(?:reported|reports|revealed)\b"
)
_ACCORDING_BEFORE_RE = re.compile(r"\b(?:[Aa]ccording to|[Rr]eported by)\s+(?:the\s+)?$")
_PREPOSITION_END_RE = re.compile(r"\b(?:for|of|at|from|with|in)\s+$")
_COORDINATED_END_RE = re.compile(r"\s(?:and|but|then)[\s,]*$")
_APPOSITIVE_RE = re.compile(r",[^,]{1,120},\s*$")
_PRONOUN_END_RE = re.compile(r"\b(he|she|He|She|it|It|they|They|I|we|We)\s*$")
_ANAPHOR_END_RE = re.compile(r"\b(?:the|The|that|That|this|This)\s+(?:[a-z-]+\s+)?([a-z-]+)\s*$")
_INDEFINITE_RE = re.compile(r"(?:^|[\s,])(?:a|an|A|An|one|One|some|Some|several|many)\s+[^,.;]*$")
_DEFINITE_LOWER_RE = re.compile(r"(?:^|[\s,])(?:the|The)\s+[a-z][^,;]*$")
_SUBORDINATE_RE = re.compile(
    r"\b(?:when|if|after|before|while|because|since|although|though|where|which|who|that|"
    r"whether|until|unless)\b"
)
_LEAD_JUNK_RE = re.compile(r"^[\s,;:.\-–—]*(?:(?:and|but|then|as)\b[\s,]*)?")
_WORD_RE = re.compile(r"\S+")
_SUBJECT_PRONOUN_RE = re.compile(r"\b(he|she|He|She)\b")
_PARTICIPLES = frozenset(v for v in SPEECH_VERBS if v.endswith("ing"))
_SPEAKER_TYPES = ("PERSON", "ORG")


class _Context:
    """Entities and quote spans of one text, indexed for position queries."""

    def __init__(self, text: str, spans: list[QuoteSpan], entities: list[EntityMention]):
        self.text = text
        self.spans = spans
        inside = [(q.open, q.close) for q in spans]
        opens = [a for a, _ in inside]

        def in_quote(pos: int) -> bool:
            i = bisect.bisect_right(opens, pos) - 1
            return i >= 0 and pos < inside[i][1]

        self.in_quote = in_quote
        self.entities = [e for e in entities if e.type in _SPEAKER_TYPES]
        self.outside = [e for e in self.entities if not in_quote(e.start)]
        self.outside_starts = [e.start for e in self.outside]
        #: Every he/she of the text, found once: searching each quotation's sentence
        #: again was the analyser's largest cost on long sentences full of quotations.
        self.pronouns = [(m.start(), m.group(1)) for m in _SUBJECT_PRONOUN_RE.finditer(text)]
        self.pronoun_starts = [start for start, _ in self.pronouns]
        #: kind -> (starts, entities) of ``outside``, for the sentence-subject search.
        self._outside_of: dict[str, tuple[list[int], list[EntityMention]]] = {}
        for e in self.outside:
            starts, found = self._outside_of.setdefault(e.type, ([], []))
            starts.append(e.start)
            found.append(e)
        #: places speak too when they are the subject ("Beijing said", "the Vatican said")
        self.by_end = {e.end: e for e in entities}
        self.ent_starts = [e.start for e in self.entities]
        #: Bracketed asides: sorted and disjoint (no bracket inside), so bisectable.
        self.parens = [m.span() for m in _PAREN_RE.finditer(text)]
        self.paren_starts = [a for a, _ in self.parens]
        #: (kind, company) -> the entities ``recent`` may return, and their starts.
        self._recent: dict[tuple[str, bool], tuple[list[int], list[EntityMention]]] = {}
        bounds = [0]
        for m in _BOUNDARY_RE.finditer(text):
            pos = m.end()
            dot = m.start()
            if text[dot] == "." and _ABBREV_END_RE.search(text, max(0, dot - 6), dot + 1):
                continue  # "U.S. State Department", "Mr. Smith"
            if not in_quote(pos - 1) or text[pos - 1] == "\n":
                bounds.append(pos)
        self.bounds = bounds

    def sentence(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.bounds, pos) - 1
        end = self.bounds[i + 1] if i + 1 < len(self.bounds) else len(self.text)
        return self.bounds[i], end

    def in_paren(self, pos: int) -> bool:
        # A bisect, not a scan: called for every cue and candidate, it was quadratic.
        i = bisect.bisect_right(self.paren_starts, pos) - 1
        return i >= 0 and pos < self.parens[i][1]

    def recent(self, pos: int, kind: str, company: bool = False) -> EntityMention | None:
        """The last entity of ``kind`` before ``pos`` outside quotations.

        Candidates are filtered once per (kind, company) and bisected: walking back
        over every entity per quotation was quadratic when none of ``kind`` exists.
        """
        index = self._recent.get((kind, company))
        if index is None:
            found = [
                e
                for e in self.outside
                if e.type == kind and not (company and (_is_public_body(e) or self.is_source(e)))
            ]
            index = self._recent[kind, company] = ([e.start for e in found], found)
        starts, found = index
        i = bisect.bisect_left(starts, pos) - 1
        return found[i] if i >= 0 else None

    def is_source(self, e: EntityMention) -> bool:
        """A news outlet, or an organisation cited as the source of a report
        ("Reuters has reported that ...", "according to Bloomberg")."""
        if e.canonical in gz.NEWS_ORGS or e.text in gz.NEWS_ORGS:
            return True
        text = self.text
        if _REPORTED_AFTER_RE.match(text, e.end):
            return True
        return _ACCORDING_BEFORE_RE.search(text, max(0, e.start - 20), e.start) is not None

    def outside_in(self, kind: str, a: int, stop: int, b: int) -> Iterator[EntityMention]:
        """Entities of ``kind`` outside quotations starting in [a, stop) and ending by
        ``b``, in order.

        Indexed by kind so that finding a sentence's subject skips the quoted and
        other-kind entities: on a long sentence full of quotations, walking them all
        for every quotation made the analyser run at 2 s per MB.
        """
        starts, found = self._outside_of.get(kind, ((), ()))
        i = bisect.bisect_left(starts, a)
        while i < len(found) and found[i].start < stop:
            if found[i].end <= b:
                yield found[i]
            i += 1

    def first_pronoun(self, a: int, b: int) -> tuple[int, str] | None:
        """(position, word) of the first he/she inside text[a:b], if any."""
        i = bisect.bisect_left(self.pronoun_starts, a)
        if i < len(self.pronouns):
            start, word = self.pronouns[i]
            if start + len(word) <= b:
                return start, word
        return None

    def entities_in(self, a: int, b: int) -> list[EntityMention]:
        i = bisect.bisect_left(self.ent_starts, a)
        out = []
        while i < len(self.entities) and self.entities[i].start < b:
            if self.entities[i].end <= b:
                out.append(self.entities[i])
            i += 1
        return out


def _is_public_body(e: EntityMention) -> bool:
    last = e.canonical.split()[-1] if e.canonical else ""
    return last in gz.GOVERNMENT_WORDS


_UNKNOWN = object()  # the slot does not say who spoke


class _Inherit:
    """Speaker to take from the sentence's previous quote or its subject."""

    __slots__ = ("cue_start",)

    def __init__(self, cue_start: int) -> None:
        self.cue_start = cue_start


def _resolve_pronoun(ctx: _Context, word: str, pos: int):
    w = word.lower()
    if w in ("he", "she"):
        return ctx.recent(pos, "PERSON")
    if w == "it":
        return ctx.recent(pos, "ORG")
    return None  # they / I / we: no single named speaker


def _from_slot(ctx: _Context, a: int, b: int, quote_open: int):
    """Who a subject slot text[a:b] (just before a cue verb) names, None, or _UNKNOWN."""
    text = ctx.text
    slot = text[a:b]
    m = _AUX_TAIL_RE.search(slot)
    if m:
        slot = slot[: m.start()]
    if _COORDINATED_END_RE.search(slot):
        return _UNKNOWN  # "X urged ... and told reporters": the sentence's subject speaks
    if slot.rstrip().endswith(","):
        am2 = _APPOSITIVE_RE.search(slot)
        if am2:
            slot = slot[: am2.start()]  # "Lu Xiang, a research fellow ..., said"
    for _ in range(2):
        stripped = slot.rstrip(" ,")
        end = a + len(stripped)
        ent = ctx.by_end.get(end)
        if ent is not None and ent.start >= a:
            if ent.type != "PLACE":
                return ent
            lead = text[a : ent.start].rsplit(",", 1)[-1].strip()
            if lead in ("", "the", "The"):
                return ent  # "Beijing said", not "the premier of the state of X remarked"
        pm = _PRONOUN_END_RE.search(stripped)
        if pm:
            return _resolve_pronoun(ctx, pm.group(1), quote_open)
        am = _ANAPHOR_END_RE.search(stripped)
        if am and am.group(1) in ORG_ANAPHORS:
            if _PREPOSITION_END_RE.search(stripped, 0, am.start()):
                return None  # "a spokesman for the department said": an unnamed person
            return _anaphor(ctx, am.group(1), quote_open)
        if am and am.group(1) in gz.ROLE_NOUNS:
            return ctx.recent(quote_open, "PERSON")  # "the minister said" after a named one
        if slot.rstrip().endswith(","):
            am2 = _APPOSITIVE_RE.search(slot)
            if am2:
                slot = slot[: am2.start()]
                continue
        break
    tail = slot.rsplit(",", 1)[-1]
    if _SUBORDINATE_RE.search(tail) or not tail.strip():
        return _UNKNOWN
    if _INDEFINITE_RE.search(tail) or _DEFINITE_LOWER_RE.search(tail):
        return None
    return _UNKNOWN


def _anaphor(ctx: _Context, noun: str, pos: int) -> EntityMention | None:
    """'the company' -> the last company; 'the department' -> the last '... Department'."""
    if ORG_ANAPHORS[noun] == "company":
        return ctx.recent(pos, "ORG", company=True)
    head = noun.capitalize()
    i = bisect.bisect_left(ctx.outside_starts, pos) - 1
    while i >= 0:
        e = ctx.outside[i]
        if e.type == "ORG" and head in e.canonical.split():
            return e
        i -= 1
    return None


def _sentence_subject(ctx: _Context, a: int, b: int, quote_open: int, possessive: bool = False):
    """The first person (or pronoun), else organisation, of text[a:b]; None if unnamed."""
    text = ctx.text
    seg = text[a:b]
    lead = seg.lstrip(" \"“”'")
    if re.match(r"(?:a|an|A|An)\s", lead):
        first_comma = lead.find(",")
        head = lead if first_comma < 0 else lead[:first_comma]
        if not ctx.entities_in(a, a + len(seg) - len(lead) + len(head)):
            return None
    pron = ctx.first_pronoun(a, b)
    # Entities up to the pronoun count; a person anywhere there beats an organisation.
    stop = min(b, pron[0] + 1) if pron else b
    for e in ctx.outside_in("PERSON", a, stop, b):
        return e
    if pron:
        return _resolve_pronoun(ctx, pron[1], quote_open)
    for e in ctx.outside_in("ORG", a, stop, b):
        if possessive or not text.startswith(("'s", "’s"), e.end):
            return e
    return None


def _after_cue(ctx: _Context, a: int, b: int, quote_open: int):
    """The speaker named right after a cue ("said Lu Xiang, a research fellow")."""
    text = ctx.text
    seg = text[a:b]
    cut = re.search(r"[.;]\s|[.;]$", seg)
    if cut:
        seg = seg[: cut.start()]
        b = a + len(seg)
    lead = seg.lstrip(" ,")
    if re.match(r"(?:a|an|one|A|An)\s", lead):
        return None
    pm = re.match(r"(he|she|it)\b", lead)
    if pm:
        return _resolve_pronoun(ctx, pm.group(1), quote_open)
    ents = [
        e for e in ctx.entities_in(a, b) if not ctx.in_quote(e.start) and not ctx.in_paren(e.start)
    ]
    for e in ents:
        if e.type == "PERSON":
            return e
    if (
        ents
        and ents[0].start - a <= len(seg) - len(lead) + 4
        and not text.startswith(("'s", "’s"), ents[0].end)
    ):
        return ents[0]
    return None


#: Characters before a quotation searched for its speaker (a very long sentence).
_MAX_LOOKBACK = 1500


def attribute(text: str, spans: list[QuoteSpan], entities: list[EntityMention]) -> list[Quotation]:
    """Quotations among ``spans``, each with its cue and speaker (None when unnamed)."""
    if not spans:
        return []
    ctx = _Context(text, spans, entities)
    out: list[Quotation] = []
    prev: QuoteSpan | None = None
    prev_q: Quotation | None = None
    for idx, q in enumerate(spans):
        inner = text[q.start : q.end]
        if is_term(inner):
            prev = q
            continue
        s_start, s_end = ctx.sentence(q.open)
        _, s_end = ctx.sentence(q.close)
        # Text with no sentence boundary (one endless "sentence") would make every
        # quotation scan all of it: look back a long sentence's length at most.
        s_start = max(s_start, q.open - _MAX_LOOKBACK)
        nxt = spans[idx + 1] if idx + 1 < len(spans) else None
        same_prev = prev is not None and prev.close >= s_start
        left_a = prev.close + 1 if same_prev and prev else s_start
        right_b = min(s_end, nxt.open) if nxt is not None and nxt.open < s_end else s_end
        found = _attribute_one(ctx, q, s_start, left_a, right_b)
        speaker, cue, speech = found
        if isinstance(speaker, _Inherit):
            if same_prev and prev_q is not None and prev is not None:
                speaker = _entity_of(ctx, prev_q)
            else:
                speaker = _sentence_subject(ctx, s_start, speaker.cue_start, q.open)
        if not speech:
            # no cue: a continuation of the previous quotation, or a person's words
            near = (
                prev_q is not None
                and prev is not None
                and (q.open - prev.close < 400 and "\n\n" not in text[prev.close : q.open])
            )
            sentence_like = len(inner.split()) >= 4 and inner.rstrip()[-1:] in ".!?,"
            if near and prev_q is not None and (same_prev or sentence_like):
                speaker, cue, speech = _entity_of(ctx, prev_q), prev_q.cue, True
            else:
                subj = _sentence_subject(ctx, s_start, q.open, q.open)
                if subj is not None and subj.type == "PERSON":
                    speaker, cue, speech = subj, None, True
                elif sentence_like:
                    speaker, cue, speech = None, None, True
        if not speech:
            prev = q
            continue
        quote = Quotation(
            text=inner,
            speaker=speaker.canonical if speaker is not None else None,
            cue=cue,
            start=q.start,
            end=q.end,
            speaker_type=speaker.type if speaker is not None else None,
        )
        out.append(quote)
        prev, prev_q = q, quote
    return out


def _entity_of(ctx: _Context, quote: Quotation) -> EntityMention | None:
    if quote.speaker is None:
        return None
    return EntityMention(quote.speaker, quote.speaker_type or "PERSON", quote.speaker, 0, 0)


def _attribute_one(ctx: _Context, q: QuoteSpan, s_start: int, left_a: int, right_b: int):
    """(speaker entity or None, cue, is_speech) from the text around one quote."""
    text = ctx.text
    # 1. a cue just after the quote: '...," he said' / '...," said X' / '..." in X, Y said'
    after = q.close + 1
    for m in _CUE_RE.finditer(text, after, right_b):
        if ctx.in_paren(m.start()):
            continue
        slot = text[after : m.start()]
        if len(_WORD_RE.findall(slot)) > 7 or _SUBORDINATE_RE.search(slot):
            break
        lead = _LEAD_JUNK_RE.match(slot)
        coordinated = bool(re.match(r"[\s,]*(?:and|but)\b", slot))
        rest = slot[lead.end() :] if lead else slot
        cue = m.group(1)
        low = cue.lower()
        if coordinated:
            break  # '"..." and said ...': the subject is before the quote
        if not rest.strip() and low in _PARTICIPLES:
            return _Inherit(m.start()), cue, True  # '"...," concluding that ...'
        if not rest.strip() or low.startswith("according"):
            return _after_cue(ctx, m.end(), right_b, q.open), cue, True
        tail_a = after + slot.rfind(",") + 1 if "," in slot else after
        who = _from_slot(ctx, tail_a, m.start(), q.open)
        if who is _UNKNOWN:
            who = _sentence_subject(ctx, s_start, q.open, q.open)
        return who, cue, True
    # '"...," Jesse Toprak, an analyst for Edmunds.'
    lead_m = re.match(r"[\s,]*", text[after:right_b])
    ent = ctx.entities_in(after, right_b)
    if ent and ent[0].type == "PERSON" and ent[0].start == after + (lead_m.end() if lead_m else 0):
        return ent[0], None, True
    # 2. a cue before the quote in the same sentence
    cues = [m for m in _CUE_RE.finditer(text, left_a, q.open) if not ctx.in_paren(m.start())]
    if cues:
        m = cues[-1]
        cue = m.group(1)
        low = cue.lower()
        if low.startswith(("according", "in the words")):
            return _after_cue(ctx, m.end(), q.open, q.open), cue, True
        slot_text = text[left_a : m.start()]
        lead = _LEAD_JUNK_RE.match(slot_text)
        coordinated = bool(re.match(r"[\s,]*(?:and|but)\b", slot_text)) or (
            lead is not None and not slot_text[lead.end() :].strip()
        )
        if low in _PARTICIPLES or (coordinated and left_a > s_start):
            # '..., saying: "..."' / '"..." and described ... as "..."': the same speaker
            # as the sentence's earlier quote, else the sentence's subject
            return _Inherit(m.start()), cue, True
        if lead is not None and not slot_text[lead.end() :].strip() and left_a > s_start:
            return _after_cue(ctx, m.end(), q.open, q.open), cue, True
        who = _from_slot(ctx, left_a, m.start(), q.open)
        if who is _UNKNOWN:
            who = _sentence_subject(ctx, s_start, m.start(), q.open)
        return who, cue, True
    # 3. a colon introducing the quote: 'The State Department's account: "..."'
    if text[left_a : q.open].rstrip().endswith(":"):
        return _sentence_subject(ctx, s_start, q.open, q.open, possessive=True), None, True
    return None, None, False
