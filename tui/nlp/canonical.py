"""Link mentions of one entity and name it: "Geng" -> "Geng Shuang", "GM" -> "General Motors".

Conventions (docs/NLP_GUIDELINES.md): a person is named by the fullest form in the
text; an organisation by its shortest non-acronym form with legal suffixes dropped
("Hikvision", "General Motors", "Commerce Department"); a place by the gazetteer's
canonical name ("United States").
"""

from __future__ import annotations

from collections.abc import Callable

from tui.nlp import gazetteer as gz
from tui.nlp.entities import Candidate, _Scanner, acronym_definitions
from tui.nlp.known_names import KnownNames, no_names
from tui.nlp.tokens import CONNECTORS

PLACES = gz.PLACES

Lookup = Callable[[str], tuple[str, str] | None]


def _org_key(words: list[str]) -> tuple[str, ...]:
    """The distinctive part of an organisation name: no place/group prefix, no legal tail."""
    head: list[str] = []
    i = 0
    while i < len(words) - 1:
        size = next(
            (k for k in (3, 2, 1) if i + k < len(words) and " ".join(words[i : i + k]) in PLACES),
            0,
        )
        if size:
            head.append(gz.PLACES[" ".join(words[i : i + size])])
            i += size
        elif words[i] in gz.GROUP_WORDS or words[i] in gz.CORE_TITLES:
            head.append(words[i])
            i += 1
        else:
            break
    rest = [w for w in words[i:] if w not in CONNECTORS]
    if len(rest) == 1 and rest[0] in gz.ORG_SUFFIXES:
        rest = head + rest  # "Canadian Government" is not "U.S. Government"
    key = rest
    while len(key) > 1 and key[-1] in gz.LEGAL_SUFFIXES:
        key.pop()
    return tuple(key)


def _strip_legal(name: str) -> str:
    parts = name.split(" ")
    while len(parts) > 1 and parts[-1] in gz.LEGAL_SUFFIXES:
        parts.pop()
    return " ".join(parts)


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w not in CONNECTORS and w not in gz.LEGAL_SUFFIXES)


class _Clusters:
    """Union-find over mention indices."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _person_keys(cands: list[Candidate]) -> dict[str, list[int]]:
    keys: dict[str, list[int]] = {}
    for idx, c in enumerate(cands):
        if c.type != "PERSON" or len(c.words) < 2:
            continue
        parts = [w for w in c.words if w not in gz.NAME_SUFFIXES and w not in CONNECTORS]
        if len(parts) < 2:
            continue
        keys.setdefault(parts[-1], []).append(idx)
        if parts[0] not in gz.FIRST_NAMES:
            keys.setdefault(parts[0], []).append(idx)
    return keys


def resolve(
    text: str,
    firm: list[Candidate],
    pending: list[Candidate],
    scanner: _Scanner,
    known: Lookup,
    names: KnownNames | None = None,
) -> tuple[list[Candidate], list[str]]:
    """Type the pending candidates with the text's own names, then name every cluster.

    Returns the kept candidates (sorted by start) and the canonical name of each.
    ``names`` is the library behind ``known``, if any.
    """
    firm.sort(key=lambda c: c.start)
    person_keys = _person_keys(firm)
    forms: dict[str, str] = {c.text: c.type for c in firm if c.type}  # type: ignore[misc]
    org_keys: dict[tuple[str, ...], int] = {}
    key_of: dict[str, tuple[str, ...]] = {}  # name -> _org_key, once per distinct name
    for idx, c in enumerate(firm):
        if c.type == "ORG" and c.text not in key_of and not gz.is_acronym(c.text):
            key = key_of[c.text] = _org_key(c.words)
            org_keys.setdefault(key, idx)
    acronyms = acronym_definitions(text, firm)

    org_heads = {key[0] for key in org_keys}

    def support(word_text: str, pos: int) -> str | None:
        """The type the text (or library) gives a lone word, or None."""
        if word_text in forms:
            return forms[word_text]
        if word_text in gz.PLACES:
            return "PLACE"
        if word_text in gz.KNOWN_ORGS:
            return "ORG"
        if word_text in person_keys:
            return "PERSON"
        if word_text in acronyms or word_text in org_heads:
            return "ORG"
        hit = known(word_text)
        return hit[1] if hit else None

    kept = list(firm)
    # what a multi-word name must look like to have support (computed when first needed):
    # at most ``limit`` words, its first word in ``multi_first``
    limit = -1
    multi_first: set[str] = set()
    # body words first, so a headline can lean on what the body established
    for cand in sorted(pending, key=lambda c: c.weak):
        weak = cand.weak
        kind = support(cand.text, cand.start)
        if kind is not None:
            cand.type = kind
            kept.append(cand)
            continue
        if weak and cand.type == "PERSON" and cand.firm:
            kept.append(cand)  # "President Maduro", "Mohammed bin Salman" in a headline
            continue
        if len(cand.words) > 1:
            if weak:
                if limit < 0:
                    limit = gz.MAX_NAME_WORDS
                    multi_first.update(gz.MULTI_FIRST_WORDS)
                    if names is not None:
                        limit = max(limit, names.max_words)
                        multi_first.update(names.first_words)
                    for form in forms:
                        if " " in form:
                            limit = max(limit, form.count(" ") + 1)
                            multi_first.add(form.split(" ", 1)[0])
                kept.extend(_known_parts(text, cand, support, limit, multi_first))
            else:
                kept.append(cand)
            continue
        typed = scanner.lone_word(cand, weak=weak)
        if typed is not None:
            cand.type = typed[0]
            kept.append(cand)
            forms.setdefault(cand.text, typed[0])
    kept.sort(key=lambda c: (c.start, -c.end))
    # drop overlaps (keep the first, longest)
    out: list[Candidate] = []
    last_end = -1
    for c in kept:
        if c.start >= last_end:
            out.append(c)
            last_end = c.end
    return out, _canonicals(out, known, key_of)


def _known_parts(
    text: str,
    cand: Candidate,
    support: Callable[[str, int], str | None],
    limit: int,
    multi_first: set[str],
):
    """Longest supported sub-spans of an unsupported run in a headline or quoted term.

    ``limit`` is the most words any supported name has and ``multi_first`` the first
    words of the multi-word ones: no other span can have support, so none is tried.
    """
    words = cand.words
    # offsets of each word inside the candidate
    offsets = []
    pos = cand.start
    for w in words:
        s = text.index(w, pos)
        offsets.append((s, s + len(w)))
        pos = s + len(w)
    found: list[Candidate] = []

    def search(lo: int, hi: int) -> None:
        for size in range(min(hi - lo, limit), 0, -1):
            for i in range(lo, hi - size + 1):
                if words[i] in CONNECTORS or words[i + size - 1] in CONNECTORS:
                    continue
                if size > 1 and words[i] not in multi_first:
                    continue
                s, e = offsets[i][0], offsets[i + size - 1][1]
                name = text[s:e]
                if size == 1 and (name in gz.SKIP_WORDS or name in gz.TITLES):
                    continue
                kind = support(name, s)
                if kind:
                    j = i + size
                    if j < len(words) and words[j] in gz.ORG_SUFFIXES and kind != "PLACE":
                        # "Trump Organization Deepens ...": the known name heads an org
                        e = offsets[j][1]
                        name, kind, size = text[s:e], "ORG", size + 1
                    found.append(Candidate(s, e, name, kind, words[i : i + size], True))
                    search(lo, i)
                    search(i + size, hi)
                    return

    search(0, len(words))
    return found


def _canonicals(
    cands: list[Candidate], known: Lookup, key_of: dict[str, tuple[str, ...]]
) -> list[str]:
    """Canonical name of each candidate; clustering runs over distinct (text, type) forms.

    ``key_of`` holds the organisation keys already computed for this text.
    """
    form_ids: dict[tuple[str, str | None], int] = {}
    reps: list[Candidate] = []
    counts: list[int] = []
    mention_form: list[int] = []
    for c in cands:
        key = (c.text, c.type)
        fid = form_ids.get(key)
        if fid is None:
            fid = form_ids[key] = len(reps)
            reps.append(c)
            counts.append(0)
        counts[fid] += 1
        mention_form.append(fid)
    m = len(reps)
    clusters = _Clusters(m)
    person_keys = _person_keys(reps)
    ambiguous: dict[int, str] = {}  # surname form -> the key its several full names share
    # people: a surname joins the full name that has it (the nearest one if several)
    for fid, c in enumerate(reps):
        if c.type != "PERSON":
            continue
        parts = [w for w in c.words if w not in gz.NAME_SUFFIXES and w not in CONNECTORS]
        if len(parts) == 1 and parts[0] in person_keys:
            targets = person_keys[parts[0]]
            if len(targets) == 1:
                clusters.union(fid, targets[0])
            else:
                ambiguous[fid] = parts[0]
        elif len(parts) >= 2:
            for j in person_keys.get(parts[-1], []):
                if reps[j].words[0] == c.words[0]:
                    clusters.union(fid, j)
    # organisations: keys that are prefixes of one another, then acronyms
    org_idx = [i for i, c in enumerate(reps) if c.type == "ORG"]
    by_key: dict[tuple[str, ...], int] = {}
    text_defs: dict[str, int] = {}
    acronyms: list[int] = []
    for i in org_idx:
        c = reps[i]
        if gz.is_acronym(c.text):
            if len(c.words) == 1:
                acronyms.append(i)
            continue
        key = key_of.get(c.text)
        if key is None:
            key = key_of[c.text] = _org_key(c.words)
        if key in by_key:
            clusters.union(i, by_key[key])
        else:
            by_key[key] = i
        ini = _initials(c.words)
        if len(ini) >= 2:
            text_defs.setdefault(ini, i)
    # a key that is a prefix of another ("Chrysler" ~ "Chrysler Group"), or a lone
    # suffix word that ends it ("Senate" ~ "United States Senate")
    # Only the lengths some key has can match: slicing every prefix of a long key
    # (a title-case run thousands of words long) would be quadratic.
    key_sizes = sorted({len(kb) for kb in by_key})
    for kb, j in by_key.items():
        for size in key_sizes:
            if size >= len(kb):
                break
            i = by_key.get(kb[:size])
            if i is not None:
                clusters.union(i, j)
        if len(kb) > 1 and kb[-1] in gz.ORG_SUFFIXES:
            i = by_key.get(kb[-1:])
            if i is not None:
                clusters.union(i, j)
    for i in acronyms:
        target = text_defs.get(reps[i].text.replace(".", ""))
        if target is not None:
            clusters.union(i, target)
    # places: one cluster per canonical place
    by_place: dict[str, int] = {}
    for fid, c in enumerate(reps):
        if c.type == "PLACE":
            canon = gz.PLACES.get(c.text) or gz.PLACES.get(c.text.title(), c.text)
            if canon in by_place:
                clusters.union(fid, by_place[canon])
            else:
                by_place[canon] = fid
    # name each cluster
    members: dict[int, list[int]] = {}
    for fid in range(m):
        members.setdefault(clusters.find(fid), []).append(fid)
    form_name = [""] * m
    form_kind: list[str | None] = [None] * m
    for fids in members.values():
        if len(fids) == 1:
            kind = reps[fids[0]].type
        else:
            kinds: dict[str | None, int] = {}
            for f in fids:
                kinds[reps[f].type] = kinds.get(reps[f].type, 0) + counts[f]
            kind = max(kinds, key=kinds.__getitem__)  # the first of the most frequent
        name = _cluster_name([(reps[f], counts[f]) for f in fids], kind, known)
        for f in fids:
            form_name[f] = name
            form_kind[f] = kind
    # Of several full names sharing a surname, a lone surname is the one mentioned
    # last before it (else the first). One sweep in text order keeps the latest per
    # key: walking back over every mention for each surname was quadratic.
    shared = set(ambiguous.values())
    keys_of: dict[int, list[str]] = {}
    for key in shared:
        for target in person_keys[key]:
            keys_of.setdefault(target, []).append(key)
    latest: dict[str, int] = {}
    names = []
    for c, fid in zip(cands, mention_form, strict=True):
        c.type = form_kind[fid]
        key = ambiguous.get(fid)
        if key is not None:
            names.append(form_name[latest.get(key, person_keys[key][0])])
        else:
            names.append(form_name[fid])
        for surname in keys_of.get(fid, ()):
            latest[surname] = fid
    return names


def _cluster_name(group: list[tuple[Candidate, int]], kind: str | None, known: Lookup) -> str:
    if kind == "PLACE":
        first = group[0][0].text
        return gz.PLACES.get(first) or gz.PLACES.get(first.title(), first)
    if kind == "PERSON":
        best = max(
            (c for c, _ in group),
            key=lambda c: (len([w for w in c.words if w not in gz.NAME_SUFFIXES]), len(c.text)),
        )
        name = best.text
        if len(best.words) == 1:
            hit = known(name)
            if hit and hit[1] == "PERSON":
                return hit[0]
        return name
    named = [(c.text, k) for c, k in group if not (gz.is_acronym(c.text) and len(c.words) == 1)]
    plain = [(t, k) for t, k in named if t.split(" ")[-1] not in gz.LEGAL_SUFFIXES]
    forms: dict[str, int] = {}
    for t, k in plain or [(_strip_legal(t), k) for t, k in named]:
        forms[t] = forms.get(t, 0) + k
    if forms:
        name = min(forms, key=lambda f: (len(f.split()), -forms[f], len(f)))
    else:
        name = group[0][0].text
    if kind == "ORG" and known is not no_names:
        # library level: a shorter name known elsewhere wins, whichever text came first
        for short in library_short_forms(name):
            hit = known(short)
            if hit and hit[1] == "ORG":
                return hit[0]
            if short in gz.KNOWN_ORGS:
                return short
    hit = known(name)
    if hit and hit[1] == kind:
        return hit[0]
    return name


def library_short_forms(name: str, corporate_only: bool = False) -> list[str]:
    """Shorter names the library may know ``name`` by, shortest first: the short name
    before a corporate tail ("SenseTime Group" -> "SenseTime"), then (unless
    ``corporate_only``) the name without a country qualifier ("U.S. Commerce
    Department" -> "Commerce Department")."""
    words = name.split(" ")
    if len(words) < 2:
        return []
    key = list(_org_key(words))
    out = [
        short
        for size in range(1, len(key))
        if key[size - 1] not in gz.ORG_SUFFIXES  # not "Ford Motor" for "Ford Motor Company"
        and all(w in gz.CORPORATE_TAILS for w in key[size:])
        # Words of the name as written: the key drops "of" and qualifiers, and
        # "Academy Social" is no name for the Chinese Academy of Social Sciences.
        and f" {(short := ' '.join(key[:size]))} " in f" {name} "
    ]
    full = " ".join(key)
    if not corporate_only and full != name and " ".join(words[-len(key) :]) == full:
        out.append(full)
    return out
