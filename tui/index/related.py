"""Related articles: an inverted index from features (entities, speakers, quotations) to articles.

Built at import, queried on open. A lookup walks the postings of the open
article's rarer features only, so it costs the same at 100k articles as at 1k:
features shared by a large part of the library (every article mentions the US)
add their small weight to candidates found through rarer ones instead of
being scanned. Scores are sums of inverse-document-frequency weights, so a
rare shared entity outweighs a common one and one shared quotation outweighs
several shared entities; every result carries the features that made it.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from tui.nlp.aliases import follow

INDEX_SCHEMA = 1

#: How much one shared feature of each kind counts, before rarity.
KIND_WEIGHT = {"Q": 4.0, "S": 1.5, "P": 1.0, "O": 1.0, "L": 0.8}

#: Postings longer than this are not scanned for candidates (see module doc).
SCAN_LIMIT = 2_000

#: Candidates kept, by their rare-feature score, before common features are added.
SHORTLIST = 300


@dataclass(slots=True)
class Shared:
    """One feature two articles share, with its weight in the score."""

    key: str
    label: str
    weight: float

    @property
    def kind(self) -> str:
        return self.key[0]


@dataclass(slots=True)
class RelatedArticle:
    article_id: str
    score: float
    shared: list[Shared] = field(default_factory=list)

    @property
    def reason(self) -> str:
        return explain(self.shared)


def _names(labels: list[str], most: int) -> str:
    text = ", ".join(labels[:most])
    if len(labels) > most:
        text += f" and {len(labels) - most} more"
    return text


def explain(shared: list[Shared], most: int = 3) -> str:
    """A short reason, e.g. ``same quotation from X; quotes Geng Shuang; shares Hikvision``."""
    parts: list[str] = []
    quoted = list(dict.fromkeys(s.label for s in shared if s.kind == "Q"))
    if quoted:
        parts.append("same quotation from " + _names(quoted, most))
    speakers = [s.label for s in shared if s.kind == "S" and s.label not in quoted]
    if speakers:
        parts.append("quotes " + _names(speakers, most))
    named = set(quoted) | set(speakers)
    entities = [s.label for s in shared if s.kind in "POL" and s.label not in named]
    if entities:
        parts.append("shares " + _names(entities, most + 1))
    return "; ".join(parts)


class RelatedIndex:
    """Feature postings per article, with user aliases applied at query time."""

    def __init__(self) -> None:
        self._keys: list[str] = []
        self._labels: list[str] = []
        self._key_ids: dict[str, int] = {}
        self._postings: list[list[int]] = []
        self._docs: list[str] = []
        self._doc_ids: dict[str, int] = {}
        self._doc_features: list[tuple[int, ...]] = []
        self._aliases: dict[str, str] = {}
        self._merged: dict[int, tuple[int, ...]] = {}
        self._merged_targets: dict[str, tuple[int, ...]] = {}

    # Building --------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._doc_ids)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._doc_ids

    def _feature_id(self, key: str, label: str) -> int:
        fid = self._key_ids.get(key)
        if fid is None:
            fid = len(self._keys)
            self._key_ids[key] = fid
            self._keys.append(key)
            self._labels.append(label)
            self._postings.append([])
            self._merged_targets = {}
        return fid

    def add(self, article_id: str, features: Mapping[str, str]) -> None:
        """Index one article's features (key -> display label). Re-adding replaces."""
        if article_id in self._doc_ids:
            self.remove(article_id)
        doc = len(self._docs)
        self._docs.append(article_id)
        self._doc_ids[article_id] = doc
        fids = tuple(sorted({self._feature_id(k, v) for k, v in features.items()}))
        self._doc_features.append(fids)
        for fid in fids:
            self._postings[fid].append(doc)

    def remove(self, article_id: str) -> None:
        doc = self._doc_ids.pop(article_id, None)
        if doc is None:
            return
        for fid in self._doc_features[doc]:
            self._postings[fid].remove(doc)
        self._doc_features[doc] = ()

    def set_aliases(self, aliases: Mapping[str, str]) -> None:
        """User merges: canonical name -> the canonical name it is the same entity as."""
        if aliases == self._aliases:
            return  # The library sets them before every lookup; keep the groups built.
        self._aliases = dict(aliases)
        self._merged_targets = {}

    # Aliases ---------------------------------------------------------------------
    def _target_key(self, key: str) -> str:
        prefix, _, name = key.partition(":")
        return f"{prefix}:{follow(name, self._aliases)}"

    def _groups_by_target(self) -> dict[str, tuple[int, ...]]:
        """Feature ids grouped by the feature the aliases make them (built once per change)."""
        if not self._merged_targets:
            groups: dict[str, list[int]] = {}
            for fid, key in enumerate(self._keys):
                groups.setdefault(self._target_key(key), []).append(fid)
            self._merged_targets = {target: tuple(fids) for target, fids in groups.items()}
            self._merged = {fid: fids for fids in self._merged_targets.values() for fid in fids}
        return self._merged_targets

    def _group(self, fid: int) -> tuple[int, ...]:
        """All feature ids that the aliases make the same feature as ``fid``."""
        if not self._aliases:
            return (fid,)
        self._groups_by_target()
        return self._merged.get(fid, (fid,))

    def _label(self, fid: int) -> str:
        key = self._target_key(self._keys[fid])
        if key != self._keys[fid]:
            return key.partition(":")[2]
        return self._labels[fid]

    def _postings_of(self, group: tuple[int, ...]) -> list[int]:
        if len(group) == 1:
            return self._postings[group[0]]
        merged: set[int] = set()
        for fid in group:
            merged.update(self._postings[fid])
        return sorted(merged)

    # Querying --------------------------------------------------------------------
    def _weight(self, key: str, df: int) -> float:
        return KIND_WEIGHT.get(key[0], 1.0) * math.log(1.0 + len(self._doc_ids) / max(df, 1))

    def related(self, article_id: str, limit: int = 20) -> list[RelatedArticle]:
        """Other articles ranked by the features they share with ``article_id``."""
        doc = self._doc_ids.get(article_id)
        if doc is None:
            return []
        groups = list(dict.fromkeys(self._group(fid) for fid in self._doc_features[doc]))
        weighted = []
        for group in groups:
            postings = self._postings_of(group)
            weighted.append((len(postings), group, postings))
        weighted.sort(key=lambda item: item[0])
        # In a small library "common" is relative: a feature in a tenth of it.
        scan_limit = max(100, min(SCAN_LIMIT, len(self._doc_ids) // 10))
        scores: dict[int, float] = {}
        common: list[tuple[tuple[int, ...], float]] = []
        for rank, (df, group, postings) in enumerate(weighted):
            weight = self._weight(self._keys[group[0]], df)
            if df > scan_limit:
                if rank > 0:
                    common.append((group, weight))
                    continue
                # Nothing rarer to find candidates through: take a bounded slice.
                postings = postings[-scan_limit:]
            for other in postings:
                scores[other] = scores.get(other, 0.0) + weight
        scores.pop(doc, None)
        if common:
            # Common features only reorder the best candidates; they never make one.
            shortlist = sorted(scores.items(), key=lambda item: -item[1])[:SHORTLIST]
            scores = dict(shortlist)
            for group, weight in common:
                members = set(group)
                for other in scores:
                    if members.intersection(self._doc_features[other]):
                        scores[other] += weight
        best = sorted(scores.items(), key=lambda item: (-item[1], self._docs[item[0]]))[:limit]
        return [self._explain(doc, other, score) for other, score in best]

    def _explain(self, doc: int, other: int, score: float) -> RelatedArticle:
        mine = {self._group(fid) for fid in self._doc_features[doc]}
        theirs = {self._group(fid) for fid in self._doc_features[other]}
        shared = []
        for group in mine & theirs:
            fid = group[0]
            df = len(self._postings_of(group))
            shared.append(Shared(self._target_key(self._keys[fid]), self._label(fid), 0.0))
            shared[-1].weight = self._weight(self._keys[fid], df)
        shared.sort(key=lambda s: (-s.weight, s.label))
        return RelatedArticle(self._docs[other], round(score, 4), shared)

    def _postings_with(self, key: str) -> list[int]:
        if self._aliases:
            group = self._groups_by_target().get(self._target_key(key), ())
        else:
            fid = self._key_ids.get(key)
            group = (fid,) if fid is not None else ()
        return self._postings_of(group) if group else []

    def articles_with(self, key: str) -> list[str]:
        """Articles that have feature ``key`` (``P:Name``, ``S:Name``…), aliases included."""
        return [self._docs[doc] for doc in self._postings_with(key)]

    def newest_with(
        self, key: str, limit: int, besides: str | None = None
    ) -> tuple[int, list[str]]:
        """How many articles have ``key``, and the ``limit`` added last, newest first;
        ``besides`` (the open article) is left out of both.

        For a preview of a name in nearly every article: no list of them all is built.
        """
        postings = self._postings_with(key)
        total = len(postings)
        skip = self._doc_ids.get(besides) if besides is not None else None
        if skip is not None:
            at = bisect_left(postings, skip)
            if at < total and postings[at] == skip:
                total -= 1
        newest: list[str] = []
        for doc in reversed(postings):
            if len(newest) == limit:
                break
            if doc != skip:
                newest.append(self._docs[doc])
        return total, newest

    def features_of(self, article_id: str) -> list[tuple[str, str]]:
        """One article's features as (key, label), those in most articles first."""
        doc = self._doc_ids.get(article_id)
        if doc is None:
            return []
        fids = sorted(self._doc_features[doc], key=lambda fid: -len(self._postings[fid]))
        return [(self._keys[fid], self._labels[fid]) for fid in fids]

    def features(self) -> Iterable[tuple[str, str, int]]:
        """Every feature as (key, label, number of articles)."""
        for fid, key in enumerate(self._keys):
            if self._postings[fid]:
                yield key, self._labels[fid], len(self._postings[fid])

    # Persistence -----------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        docs = {self._docs[doc]: list(self._doc_features[doc]) for doc in self._doc_ids.values()}
        return {"schema": INDEX_SCHEMA, "keys": self._keys, "labels": self._labels, "docs": docs}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RelatedIndex:
        index = cls()
        if data.get("schema") != INDEX_SCHEMA:
            return index  # A derived index from another version: rebuild it.
        index._keys = list(data["keys"])
        index._labels = list(data["labels"])
        index._key_ids = {key: fid for fid, key in enumerate(index._keys)}
        index._postings = [[] for _ in index._keys]
        for article_id, fids in data["docs"].items():
            doc = len(index._docs)
            index._docs.append(article_id)
            index._doc_ids[article_id] = doc
            index._doc_features.append(tuple(fids))
            for fid in fids:
                index._postings[fid].append(doc)
        return index
