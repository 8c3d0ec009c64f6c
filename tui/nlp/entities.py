"""Find name spans and type them (PERSON / ORG / PLACE) with rules and gazetteers.

Two passes: body text first, where capitalisation is informative; then title-case
lines, quoted terms and lone words, which are accepted only with support (a
gazetteer, the body of the same text, or the library's known names).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass

from tui.nlp import gazetteer as gz
from tui.nlp.data.orgs import ORG_ADJECTIVES
from tui.nlp.known_names import KnownNames, no_names
from tui.nlp.tokens import CONNECTORS, INITIAL_RE, RUN_RE, Run, run_start, split_run

Word = tuple[str, int, int]

_ADMIN_AFTER_RE = re.compile(r"['’]?s? (?:administration|government|campaign|presidency)\b")
_ROLE_BEFORE_RE = re.compile(r"([a-z][a-z-]*)[ ]+$")
_INITIAL_RE = INITIAL_RE
#: Adjectives that open organisation names ("National Institute of ...", "Federal Reserve").
_ORG_ADJECTIVES = ORG_ADJECTIVES
#: Single words dropped before any rule runs (not titles: "said Press" may be a surname).
_FAST_SKIP = gz.SKIP_WORDS - gz.TITLES - gz.PLACES.keys() - gz.KNOWN_ORGS
_END_ABBREVS = frozenset({"Co.", "Inc.", "Corp.", "Ltd.", "Jr.", "Sr."})
_COMPANY_APPOSITION_RE = re.compile(
    r",? (?:a|an|the|which is a|which is an) (?:[\w-]+ ){0,5}?(?:company|firm|maker|"
    r"manufacturer|provider|developer|supplier|vendor|start-?up|conglomerate|subsidiary|"
    r"business|group|operator|producer)\b"
)
_LIST_BEFORE_RE = re.compile(r"(?<![\w.&-])([A-Za-z][\w.&-]*(?: [A-Z][\w.&-]*)*), $")
_ACRONYM_DEF_RE = re.compile(r" \(([A-Z][A-Za-z&.]{1,7})\)")
#: Every gazetteer name (places and organisations), for one-lookup membership tests.
_GAZ_NAMES = frozenset(gz.PLACES) | gz.KNOWN_ORGS


@dataclass(slots=True)
class Candidate:
    """A typed name span before canonicalisation."""

    start: int
    end: int
    text: str
    type: str | None  # None: a lone word still waiting for support
    words: list[str]
    #: True when typed from the gazetteer or strong evidence rather than by default.
    firm: bool = False
    #: True inside a title-case line or a quoted term: kept only with support.
    weak: bool = False


class _Scanner:
    """Holds the per-text lookups so the rules below stay short."""

    def __init__(
        self,
        text: str,
        known: Callable[[str], tuple[str, str] | None],
        extra_starts: list[int] | None = None,
        names: KnownNames | None = None,
    ) -> None:
        self.text = text
        self.known = known
        #: the library lookup, or None when there is no library (saves a call per name),
        #: and the first words of the library's multi-word names
        self.lib = None if known is no_names else known
        self.lib_first: Collection[str] = names.first_words if names is not None else ()
        self.extra_starts = frozenset(extra_starts or ())
        self._lower: dict[str, bool] = {}

    def is_initial(self, pos: int) -> bool:
        """Whether a sentence starts at ``pos`` (looked up lazily: few positions ask)."""
        if pos in self.extra_starts:
            return True
        text = self.text
        if pos >= 2 and text[pos - 1] == " " and (text[pos - 2].isalnum() or text[pos - 2] == ","):
            return False  # the common case: a word in mid-sentence
        return _INITIAL_RE.search(text, max(0, pos - 8), pos) is not None

    def has_lower(self, word: str) -> bool:
        """Whether ``word`` also occurs in lower case as a word of the text (a common word)."""
        lw = word.lower()
        hit = self._lower.get(lw)
        if hit is None:
            text = self.text
            n = len(lw)
            hit = False
            i = text.find(lw)
            while i >= 0:
                before = text[i - 1] if i else " "
                after = text[i + n] if i + n < len(text) else " "
                if not (before.isalnum() or before in "'’-") and not (
                    after.isalnum() or after in "'’-"
                ):
                    hit = True
                    break
                i = text.find(lw, i + 1)
            self._lower[lw] = hit
        return hit

    # -- splitting --------------------------------------------------------------------

    def segments(self, run: Run) -> list[list[Word]]:
        """Cut a run at connectors that do not belong to a name."""
        words = run.words
        text = self.text
        segs: list[list[Word]] = []
        cur: list[Word] = []
        i = 0
        n = len(words)
        while i < n:
            w = words[i]
            token = w[0]
            if cur and cur[-1][0] in _END_ABBREVS and text[cur[-1][2] : cur[-1][2] + 1] == " ":
                segs.append(cur)  # "... Ford Motor Co. Ford Motor Company has ..."
                cur = []
            if token in CONNECTORS:
                j = i
                while j < n and words[j][0] in CONNECTORS:
                    j += 1
                if cur and j < n and self._joins(cur, [x[0] for x in words[i:j]], words[j:]):
                    cur.extend(words[i:j])
                else:
                    if cur:
                        segs.append(cur)
                    cur = []
                i = j
                continue
            if "-" in token or "–" in token:
                parts = self._dash_split(w)
                if parts is not None:
                    if cur:
                        segs.append(cur)
                    segs.extend([p] for p in parts)
                    cur = []
                    i += 1
                    continue
            cur.append(w)
            i += 1
        if cur:
            segs.append(cur)
        return segs

    @staticmethod
    def _dash_split(word: Word) -> list[Word] | None:
        """'US-China', 'Beijing–Riyadh', 'Saudi-UAE': names joined by a dash, split."""
        token, start, _ = word
        if token in gz.PLACES or token in gz.KNOWN_ORGS:
            return None
        pieces = re.split(r"([-–])", token)
        names = pieces[::2]
        if len(names) < 2 or not any(n in gz.PLACES or n in gz.KNOWN_ORGS for n in names):
            return None
        out = []
        pos = start
        for piece in pieces:
            if piece not in ("-", "–") and piece and piece[0].isupper():
                out.append((piece, pos, pos + len(piece)))
            pos += len(piece)
        return out

    @staticmethod
    def _joins(left: list[Word], conn: list[str], right: list[Word]) -> bool:
        head = left[-1][0]
        first = conn[0]
        if first == "for":  # "Centre for Digital Rights", not "Xinjiang for Beijing"
            return head in gz.ORG_FOR_HEADS and bool(right)
        if first == "of":
            return (
                head in gz.ORG_OF_HEADS
                or head in gz.PLACE_OF_HEADS
                or (len(left) > 1 and left[0][0] in gz.ORG_OF_HEADS)
            )
        if first in ("and", "&"):
            if first == "&":
                return True
            rest = [w[0] for w in right]
            tokens = [w[0] for w in left]
            if "of" in tokens and tokens[tokens.index("of") - 1] in gz.ORG_OF_HEADS:
                return True  # "Department of Health and Human Services"
            if "for" in tokens and tokens[tokens.index("for") - 1] in gz.ORG_FOR_HEADS:
                return True  # "Centre for Strategic and International Studies"
            return (
                head in gz.ORG_SUFFIXES and bool(rest) and all(r in gz.ORG_SUFFIXES for r in rest)
            )
        return conn[0] != "the"

    # -- cleaning ---------------------------------------------------------------------

    def is_known(self, words: list[Word]) -> bool:
        return self.known_span(words[0], words[-1])

    def known_span(self, first: Word, last: Word) -> bool:
        """Whether the words from ``first`` to ``last`` are a gazetteer or library name."""
        token, start, _ = first
        lib = self.lib
        if first is last:
            return token in _GAZ_NAMES or (lib is not None and lib(token) is not None)
        # a multi-word name is only looked up when its first word starts one
        if token in gz.MULTI_FIRST_WORDS and self.text[start : last[2]] in _GAZ_NAMES:
            return True
        if lib is None or token not in self.lib_first:
            return False
        return lib(self.text[start : last[2]]) is not None

    def clean(self, words: list[Word], after_title: bool = False) -> list[Candidate]:
        """Strip titles and common words at the edges, split off embedded names, type."""
        # a trailing acronym that abbreviates the name before it: "Canadian Auto Workers CAW"
        if len(words) > 2 and gz.is_acronym(words[-1][0]):
            tokens = [w[0] for w in words[:-1] if w[0] not in CONNECTORS]
            if "".join(t[0] for t in tokens) == words[-1][0].replace(".", ""):
                return self.clean(words[:-1]) + self.clean(words[-1:])
        # leading words that are not part of the name
        while words:
            if self.is_known(words):
                break
            if (len(words) > 2 and self.known_span(words[0], words[1])) or (
                len(words) > 3 and self.known_span(words[0], words[2])
            ):
                break
            token, start, _ = words[0]
            initial = self.is_initial(start)
            if len(words) == 1:
                if token in gz.TITLES and token not in gz.CALENDAR_WORDS:
                    # "said Press": a surname only when the text names a "Jim Press"
                    return [Candidate(start, words[0][2], token, None, [token], weak=True)]
                break
            if len(words) > 1 and (
                (words[1][0] == "of" and (token in gz.ORG_OF_HEADS or token in gz.PLACE_OF_HEADS))
                or (words[1][0] == "for" and token in gz.ORG_FOR_HEADS)
            ):
                break  # "University of Michigan", "Centre for Digital Rights"
            if (
                initial
                and token not in gz.FIRST_NAMES
                and (
                    self.known_span(words[1], words[-1])
                    or (len(words) == 2 and gz.is_acronym(words[1][0]))
                )
            ):
                words = words[1:]  # "Automaker GM to cut ..."
                continue
            droppable = (
                token in gz.TITLES
                or token in gz.SKIP_WORDS
                or (initial and (self.has_lower(token) or token.endswith(("ing", "ly"))))
            )
            if not droppable:
                break
            rest = words[1:]
            if (
                rest
                and (token in gz.TITLES or token in gz.GROUP_WORDS or token in _ORG_ADJECTIVES)
                and token not in gz.CORE_TITLES
                and (
                    all(r[0] in gz.ORG_SUFFIXES or r[0] in CONNECTORS for r in rest)
                    or (token in _ORG_ADJECTIVES and rest[-1][0] in gz.ORG_SUFFIXES)
                    or (
                        len(rest) > 2
                        and rest[1][0] == "of"
                        and (rest[0][0] in gz.ORG_OF_HEADS or rest[0][0] in gz.PLACE_OF_HEADS)
                    )
                )
            ):
                break  # "General Motors", "Foreign Ministry", "Democratic Republic of Congo"
            if token in gz.CORE_TITLES:
                after_title = True
            words = rest
        if not words:
            return []
        if len(words) > 1 and words[-1][0] in gz.NON_ENTITY_HEADS and not self.is_known(words):
            # a law, programme or event ("Global Magnitsky Act"): only gazetteer names inside
            return self._gazetteer_parts(words[:-1])
        # trailing titles ("Senate Majority", "White House Press Secretary")
        stripped = False
        while len(words) > 1 and not self.is_known(words):
            if self.known_span(words[-2], words[-1]) or (
                len(words) > 2 and self.known_span(words[-3], words[-1])
            ):
                break  # "... United States"
            last = words[-1][0]
            if last in gz.TITLES and (stripped or last not in gz.ORG_SUFFIXES):
                words = words[:-1]
                stripped = True
            elif last in gz.CALENDAR_WORDS or (
                last in gz.COMMON_CAPS and last not in (gz.ORG_SUFFIXES)
            ):
                words = words[:-1]
            else:
                break
        if words[-1][0] in CONNECTORS:
            words = words[:-1]
            if not words:
                return []  # only a connector was left ("World & A" without its ends)
        n = len(words)
        if n > 1 and not self.is_known(words):
            split = self._split_point(words)
            if split is not None:
                i, j, right_is_person = split
                return self.clean(words[:i]) + self.clean(words[j:], after_title=right_is_person)
        return [self.classify(words, after_title)]

    def _gazetteer_parts(self, words: list[Word]) -> list[Candidate]:
        out: list[Candidate] = []
        i = 0
        while i < len(words):
            for size in (3, 2, 1):
                part = words[i : i + size]
                if len(part) == size and self.is_known(part):
                    out.append(self.classify(part, False))
                    i += size
                    break
            else:
                i += 1
        return out

    def _split_point(self, words: list[Word]) -> tuple[int, int, bool] | None:
        tokens = [w[0] for w in words]
        n = len(tokens)
        ends_org = tokens[-1] in gz.ORG_SUFFIXES
        # a title inside: "Chrysler Chief Executive Robert Nardelli"
        for i in range(1, n - 1):
            if tokens[i] in gz.CORE_TITLES:
                j = i
                while j < n and tokens[j] in gz.TITLES:
                    j += 1
                if 0 < n - j <= 3 and tokens[j] not in gz.ORG_SUFFIXES and not ends_org:
                    return i, j, True
        # a given name inside: "United States Barack Obama", "Chrysler LLC Jim Press"
        for i in range(1, n - 1):
            if (
                tokens[i] in gz.FIRST_NAMES
                and 2 <= n - i <= 3
                and tokens[-1] not in gz.STRONG_ORG_END
                and tokens[i - 1] not in CONNECTORS
            ):
                return i, i, True
        # a known place or organisation followed by something else: "Chrysler Aspen"
        if not ends_org:
            for k in range(n - 1, 0, -1):
                if self.known_span(words[0], words[k - 1]) and not self.known_span(
                    words[k], words[-1]
                ):
                    if tokens[k] in CONNECTORS:
                        continue
                    if (
                        self.text[words[0][1] : words[k - 1][2]] in gz.PLACES
                        and tokens[k] not in gz.FIRST_NAMES
                        and self._company_context(words)
                    ):
                        break  # "Xiamen Meiya Pico, a forensics firm": one company name
                    return k, k, False
        # a trailing acronym that abbreviates the name before it: "Canadian Auto Workers CAW"
        if n > 2 and gz.is_acronym(tokens[-1]):
            initials = "".join(t[0] for t in tokens[:-1] if t not in CONNECTORS)
            if initials == tokens[-1].replace(".", ""):
                return n - 1, n - 1, False
        return None

    def _company_context(self, words: list[Word]) -> bool:
        """Whether the text treats ``words`` as a company: an apposition says so
        ("Xiamen Meiya Pico, a forensics firm"), it follows a company in a list
        ("iFlytek, Xiamen Meiya Pico and ..."), or the same words open a longer name
        with a company ending elsewhere ("Xiamen Meiya Pico Information Co")."""
        text = self.text
        start, end = words[0][1], words[-1][2]
        if _COMPANY_APPOSITION_RE.match(text, end):
            return True
        lm = None
        if text.startswith(", ", start - 2):
            lm = _LIST_BEFORE_RE.search(text, max(0, start - 60), start)
        if lm is not None:
            prev = lm.group(1)
            if (
                prev in gz.KNOWN_ORGS
                or gz.is_camel(prev)
                or prev.rsplit(" ", 1)[-1] in (gz.ORG_SUFFIXES)
            ):
                return True
        probe = text[start:end] + " "
        i = text.find(probe)
        while i >= 0:
            m = RUN_RE.match(text, i)
            if m is not None and m.end() > i + len(probe):
                tail = m.group()[len(probe) :].split(" ")
                cut = next((j for j, w in enumerate(tail) if w in CONNECTORS), len(tail))
                last = tail[cut - 1] if cut else ""
                if last in gz.ORG_SUFFIXES or last in gz.LEGAL_SUFFIXES:
                    return True
            i = text.find(probe, i + 1)
        return False

    # -- typing -----------------------------------------------------------------------

    def classify(self, words: list[Word], after_title: bool) -> Candidate:
        start, end = words[0][1], words[-1][2]
        name = self.text[start:end]
        tokens = [w[0] for w in words]
        cand = Candidate(start, end, name, None, tokens)
        kind = self._type(name, tokens, after_title, start)
        if kind is not None:
            cand.type, cand.firm = kind
        return cand

    def _type(
        self, name: str, tokens: list[str], after_title: bool, start: int
    ) -> tuple[str | None, bool] | None:
        if name in gz.PLACES:
            return "PLACE", True
        if name in gz.KNOWN_ORGS:
            return "ORG", True
        hit = self.lib(name) if self.lib is not None else None
        if hit is not None:
            return hit[1], True
        n = len(tokens)
        first, last = tokens[0], tokens[-1]
        if n == 1:
            if first in gz.SKIP_WORDS or first in gz.TITLES:
                return "", True
            if len(first) > 3 and first.isupper() and first.title() in gz.PLACES:
                return "PLACE", True  # a dateline: "WASHINGTON (Reuters) -"
            if gz.is_acronym(first):
                return "ORG", False
            if gz.is_camel(first):
                return "ORG", True
            if after_title:
                return "PERSON", True
            return None
        if last in gz.NON_ENTITY_HEADS or any(t in gz.CALENDAR_WORDS for t in tokens):
            return "", True
        if first in gz.FIRST_NAMES and n <= 4 and last not in gz.STRONG_ORG_END:
            return "PERSON", True
        if after_title and n <= 3 and last not in gz.ORG_SUFFIXES:
            return "PERSON", True
        if last in gz.ORG_SUFFIXES:
            return "ORG", True
        if "for" in tokens and tokens[tokens.index("for") - 1] in gz.ORG_FOR_HEADS:
            return "ORG", True
        if "of" in tokens:
            head = tokens[tokens.index("of") - 1]
            if head in gz.PLACE_OF_HEADS:
                return "PLACE", True
            return "ORG", head in gz.ORG_OF_HEADS
        if first in gz.PLACES or last in gz.PLACES:
            return "ORG", False
        if all(gz.is_acronym(t) for t in tokens):
            return "ORG", False
        if any(gz.is_camel(t) for t in tokens):
            return "ORG", True
        if n <= 4 and not any(t in CONNECTORS for t in tokens):
            before = self.text[max(0, start - 30) : start]
            m = _ROLE_BEFORE_RE.search(before)
            return "PERSON", bool(m and m.group(1) in gz.ROLE_NOUNS)
        return "ORG", False

    # -- lone words -------------------------------------------------------------------

    def lone_word(self, cand: Candidate, weak: bool) -> tuple[str, bool] | None:
        """Type a single unknown word from its context, or None to drop it."""
        start, end = cand.start, cand.end
        text = self.text
        m = _ROLE_BEFORE_RE.search(text, max(0, start - 30), start)
        if m and m.group(1) in gz.ROLE_NOUNS:
            return "PERSON", True
        if _ADMIN_AFTER_RE.match(text, end):
            return "PERSON", True
        if weak or self.is_initial(start) or self.has_lower(cand.text):
            return None
        return "ORG", False


def scan(
    text: str,
    known: Callable[[str], tuple[str, str] | None],
    weak_spans: list[tuple[int, int]],
    extra_starts: list[int] | None = None,
    names: KnownNames | None = None,
) -> tuple[list[Candidate], list[Candidate], _Scanner]:
    """Typed candidates from the body, and those (in weak spans or lone) needing support.

    ``weak_spans`` are title-case lines and quoted terms, sorted by start; ``names`` is
    the library behind ``known``, if any.
    """
    scanner = _Scanner(text, known, extra_starts, names)
    weak_starts = [s for s, _ in weak_spans]
    firm: list[Candidate] = []
    pending: list[Candidate] = []
    is_initial = scanner.is_initial
    # names recur (GM twenty times): clean each distinct segment once per text
    memo: dict[tuple[str, bool], list[tuple[int, int, str, str | None, list[str], bool, bool]]]
    memo = {}
    places, orgs, skip = gz.PLACES, gz.KNOWN_ORGS, _FAST_SKIP
    bisect_right = bisect.bisect_right
    for match in RUN_RE.finditer(text):
        start = match.start()
        if start and "a" <= text[start - 1] <= "z":  # a camel-case word: see run_start
            start = run_start(text, start)
            chunk = text[start : match.end()]
        else:
            chunk = match.group()
        if " " not in chunk:
            if chunk in skip:
                continue  # "The", "He", "June", "Chinese": never a name alone
            end = match.end()
            i = bisect_right(weak_starts, start) - 1
            weak = i >= 0 and start < weak_spans[i][1]
            kind = "PLACE" if chunk in places else "ORG" if chunk in orgs else None
            if kind is not None:
                cand = Candidate(start, end, chunk, kind, [chunk], True, weak)
                (pending if weak else firm).append(cand)
                continue
            words = [(chunk, start, end)]
            run = Run(start, end, words)
        else:
            run = split_run(start, chunk)
            words = run.words
            i = bisect_right(weak_starts, start) - 1
            weak = i >= 0 and start < weak_spans[i][1]
        segs = [words] if len(words) == 1 and "-" not in words[0][0] else scanner.segments(run)
        for seg in segs:
            base = seg[0][1]
            key = (text[base : seg[-1][2]], is_initial(base))
            found = memo.get(key)
            if found is None:
                found = [
                    (c.start - base, c.end - base, c.text, c.type, c.words, c.firm, c.weak)
                    for c in scanner.clean(seg)
                    if c.type != ""
                ]
                memo[key] = found
            for rs, re_, name, kind, words, is_firm, is_weak in found:
                cand = Candidate(base + rs, base + re_, name, kind, words, is_firm, is_weak)
                cand.weak = is_weak or weak
                if cand.weak or kind is None:
                    pending.append(cand)
                else:
                    firm.append(cand)
    return firm, pending, scanner


def acronym_definitions(text: str, cands: list[Candidate]) -> dict[str, int]:
    """Acronyms defined in brackets right after a name: "General Motors (GM)"."""
    out: dict[str, int] = {}
    for idx, cand in enumerate(cands):
        m = _ACRONYM_DEF_RE.match(text, cand.end)
        if m and cand.type == "ORG":
            out[m.group(1)] = idx
    return out
