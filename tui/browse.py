"""The article list's visible rows: the listing sorted and filtered, as index arrays.

The list pane draws only the rows on screen, so everything here works on
listing indices (plain ints) and builds a ``Row`` only when a row is drawn. Sort
keys are computed once per key and each order once per (key, direction), so
changing the sort back and forth at 100k articles costs a list copy, not a sort;
the default order (newest first) comes sorted with the listing.
Titles and sources are untrusted: a ``Row`` carries them on one line with
control characters removed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from tui.store.listing import Listing
from tui.textsafe import one_line

SortKey = Literal["date", "title", "source"]
SORT_KEYS: tuple[SortKey, ...] = ("date", "title", "source")
#: The direction each key sorts in unless told otherwise: newest first, else A to Z.
DEFAULT_REVERSE: dict[str, bool] = {"date": True, "title": False, "source": False}

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(slots=True)
class Row:
    """One visible row, ready to draw: text cleaned, marks resolved."""

    article_id: str
    title: str
    source: str
    published: str  # YYYY-MM-DD, or "" when the article has no usable date
    words: int
    read: bool
    bookmarked: bool


def date_part(published: str) -> str:
    """The YYYY-MM-DD a stored date starts with, or "" for anything else."""
    head = published[:10]
    return head if _DATE.fullmatch(head) else ""


class Browse:
    """The listing as the user browses it: one sort, any combination of filters.

    Read and bookmark marks change rows in place: a row marked read under the
    unread filter stays until the filter is applied again, so the row under the
    cursor never vanishes while the user is on it.
    """

    def __init__(self, listing: Listing, read_ids: set[str], bookmarked_ids: set[str]) -> None:
        self.listing = listing
        self.read_ids = set(read_ids)
        self.bookmarked_ids = set(bookmarked_ids)
        self.sort_key: SortKey = "date"
        self.reverse = True
        self.unread_only = False
        self.bookmarked_only = False
        self.source: str | None = None
        self.article_ids: set[str] | None = None
        self._keys: dict[str, list[str]] = {}
        self._orders: dict[tuple[str, bool], Sequence[int]] = {}
        self._by_id: dict[str, int] | None = None
        self._visible: Sequence[int] = self._order("date", True)
        self._rank: list[int] | None = None  # listing index -> visible index, or -1

    # Rows ------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._visible)

    def row(self, i: int) -> Row:
        """The ``i``-th visible row (IndexError past the end, like a list)."""
        index = self._visible[i]
        listing = self.listing
        article_id = listing.ids[index]
        return Row(
            article_id=article_id,
            title=one_line(listing.titles[index]),
            source=one_line(listing.sources[index] or ""),
            published=date_part(listing.published[index] or ""),
            words=int(listing.words[index] or 0),
            read=article_id in self.read_ids,
            bookmarked=article_id in self.bookmarked_ids,
        )

    def article_id(self, i: int) -> str:
        """The id of the ``i``-th visible row, without building the row."""
        return self.listing.ids[self._visible[i]]

    def listing_index(self, article_id: str) -> int | None:
        """Where ``article_id`` sits in the listing (visible or not), or None."""
        if self._by_id is None:
            self._by_id = {article_id: i for i, article_id in enumerate(self.listing.ids)}
        return self._by_id.get(article_id)

    def index_of(self, article_id: str) -> int | None:
        """The visible row showing ``article_id``, or None when filtered out or unknown."""
        index = self.listing_index(article_id)
        if index is None:
            return None
        if self._rank is None:
            rank = [-1] * len(self.listing)
            for position, listing_index in enumerate(self._visible):
                rank[listing_index] = position
            self._rank = rank
        position = self._rank[index]
        return position if position >= 0 else None

    def sources(self) -> list[tuple[str, int]]:
        """Every source in the library with its article count, most articles first."""
        counts: Counter[str] = Counter()
        for raw, count in Counter(self.listing.sources).items():
            name = one_line(raw or "")
            if name:
                counts[name] += count
        return sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold()))

    # Marks -----------------------------------------------------------------------------
    def mark_read(self, article_id: str, read: bool) -> None:
        if read:
            self.read_ids.add(article_id)
        else:
            self.read_ids.discard(article_id)

    def mark_bookmarked(self, article_id: str, bookmarked: bool) -> None:
        if bookmarked:
            self.bookmarked_ids.add(article_id)
        else:
            self.bookmarked_ids.discard(article_id)

    # Sorting and filtering -----------------------------------------------------------
    def sort(self, key: SortKey, reverse: bool | None = None) -> None:
        """Sort by ``key``: date newest first, title and source A to Z unless ``reverse``.

        Ties keep the listing's (catalog) order, except that within one source the
        newest article comes first.
        """
        if key not in DEFAULT_REVERSE:
            raise ValueError(f"unknown sort key {key!r}")
        self.sort_key = key
        self.reverse = DEFAULT_REVERSE[key] if reverse is None else bool(reverse)
        self._apply()

    def set_filter(
        self,
        unread: bool = False,
        bookmarked: bool = False,
        source: str | None = None,
        article_ids: set[str] | None = None,
    ) -> None:
        """Show only the rows passing every filter given (all of them combined).

        ``source`` is a name as ``sources()`` gives it; ``article_ids`` restricts the
        list to those articles (the app passes the ones mentioning an entity).
        """
        self.unread_only = unread
        self.bookmarked_only = bookmarked
        self.source = source or None
        self.article_ids = set(article_ids) if article_ids is not None else None
        self._apply()

    def describe(self) -> str:
        """The filters and sort in a few words, for the list's title."""
        parts: list[str] = []
        if self.unread_only:
            parts.append("unread")
        if self.bookmarked_only:
            parts.append("bookmarked")
        if self.source:
            parts.append(f"source: {self.source}")
        order = f"by {self.sort_key}"
        if self.reverse != DEFAULT_REVERSE[self.sort_key]:
            order += ", oldest first" if self.sort_key == "date" else ", Z to A"
        parts.append(order)
        return " · ".join(parts)

    def _apply(self) -> None:
        order = self._order(self.sort_key, self.reverse)
        listing = self.listing
        if self.article_ids is not None:
            wanted = self.article_ids
            ids = listing.ids
            order = [i for i in order if ids[i] in wanted]
        if self.source is not None:
            source = self.source
            raw_names = {raw for raw in set(listing.sources) if one_line(raw or "") == source}
            sources = listing.sources
            order = [i for i in order if sources[i] in raw_names]
        if self.unread_only:
            read, ids = self.read_ids, listing.ids
            order = [i for i in order if ids[i] not in read]
        if self.bookmarked_only:
            marked, ids = self.bookmarked_ids, listing.ids
            order = [i for i in order if ids[i] in marked]
        # May be a cached order itself: _visible is never changed in place.
        self._visible = order
        self._rank = None

    def _sort_keys(self, key: str) -> list[str]:
        keys = self._keys.get(key)
        if keys is None:
            if key == "date":
                keys = [p or "" for p in self.listing.published]
            elif key == "title":
                # Only leading blanks would misplace a title; controls are too rare to matter.
                keys = [t.lstrip().casefold() for t in self.listing.titles]
            else:
                keys = [(s or "").lstrip().casefold() for s in self.listing.sources]
            self._keys[key] = keys
        return keys

    def _order(self, key: str, reverse: bool) -> Sequence[int]:
        """Listing indices in (key, direction) order, sorted once and then reused."""
        order = self._orders.get((key, reverse))
        if order is None and key == "date" and reverse:
            # listing.bin keeps this order (newest_first): the first screen needs no sort.
            order = self.listing.order
            if order is not None and len(order) == len(self.listing):
                self._orders[(key, reverse)] = order
            else:
                order = None
        if order is None:
            start = range(len(self.listing))
            if key == "source":
                start = self._order("date", True)  # newest first within a source
            keys = self._sort_keys(key)
            order = sorted(start, key=keys.__getitem__, reverse=reverse)
            self._orders[(key, reverse)] = order
        return order
