"""listing.json: the list's columns and its newest-first order, rebuilt whenever in doubt."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from tui.browse import SORT_KEYS, Browse
from tui.model import ArticleMeta
from tui.store import LibraryStore
from tui.store.listing import (
    LISTING_FILE,
    LISTING_SCHEMA,
    Listing,
    pack_indices,
    read_listing,
    write_listing,
)

# Equal dates, dates with and without a time, undated articles, equal titles.
DATES = ["2024-05-01", "2024-05-01T09:00:00Z", "2023-12-31", "", None, "2024-05-01"]


def _metas(count: int, seed: int = 3) -> list[ArticleMeta]:
    rng = random.Random(seed)
    return [
        ArticleMeta(
            id=f"{i:016x}",
            title=rng.choice(["Apple", "apple", " Banana", "cherry"]),
            source=rng.choice(["BBC", "AP", None, " reuters"]),
            published=rng.choice(DATES),
            word_count=i,
            text_hash=f"h{i}",
        )
        for i in range(count)
    ]


def _visible(browse: Browse) -> list[str]:
    return [browse.article_id(i) for i in range(len(browse))]


def _every_order(listing: Listing) -> dict[tuple[str, bool], list[str]]:
    browse = Browse(listing, set(), set())
    orders = {("default", True): _visible(browse)}
    for key in SORT_KEYS:
        for reverse in (False, True):
            browse.sort(key, reverse)
            orders[key, reverse] = _visible(browse)
    return orders


def test_a_listing_read_back_sorts_exactly_as_one_sorted_in_memory(tmp_path: Path) -> None:
    metas = _metas(200)
    write_listing(tmp_path, Listing.from_metas(metas, [1, 2]))
    read = read_listing(tmp_path)
    assert read is not None
    assert read.ids == [m.id for m in metas]  # columns stay in catalog order
    assert read.stamp == [1, 2]
    unsorted = Listing(
        stamp=[1, 2],
        ids=read.ids,
        titles=read.titles,
        sources=read.sources,
        published=read.published,
        words=read.words,
    )
    assert unsorted.order is None
    assert _every_order(read) == _every_order(unsorted)


def test_the_default_order_is_newest_first_with_undated_last(tmp_path: Path) -> None:
    write_listing(tmp_path, Listing.from_metas(_metas(50), [0, 0]))
    read = read_listing(tmp_path)
    assert read is not None
    browse = Browse(read, set(), set())
    dates = [browse.row(i).published for i in range(len(browse))]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True)
    assert dates[len(dated) :] == [""] * (len(dates) - len(dated))


def test_an_empty_listing_round_trips(tmp_path: Path) -> None:
    write_listing(tmp_path, Listing.from_metas([], [0, 0]))
    read = read_listing(tmp_path)
    assert read is not None
    assert len(Browse(read, set(), set())) == 0


def _rewrite(root: Path, **changes: object) -> None:
    path = root / LISTING_FILE
    data = json.loads(path.read_text())
    data.update(changes)
    path.write_text(json.dumps(data))


@pytest.mark.parametrize(
    "changes",
    [
        {"schema": 1},  # a listing written before the order was kept
        {"order": None},
        {"order": "not base64!"},
        {"order": pack_indices([0, 1])},  # too short
        {"order": pack_indices([0, 1, 2, 3, 4, 5])},  # too long
        {"order": pack_indices([0, 1, 2, 3, 9])},  # out of range
        {"order": pack_indices([0, 1, 1, 3, 4])},  # not a permutation
        {"order": pack_indices([0, -1, 2, 3, 4])},
    ],
)
def test_a_listing_from_another_schema_or_with_a_damaged_order_is_rebuilt(
    library_dir: Path, changes: dict[str, object]
) -> None:
    metas = _metas(5)
    store = LibraryStore(library_dir)
    store.commit(metas)
    store.close()
    _rewrite(library_dir, **changes)
    assert read_listing(library_dir) is None

    store = LibraryStore(library_dir)
    listing = store.listing()
    store.close()
    expected = Listing.from_metas(metas, listing.stamp)
    assert listing.ids == expected.ids
    assert _every_order(listing) == _every_order(expected)
    # ... and written back, so the next start reads it again.
    again = read_listing(library_dir)
    assert again is not None
    assert again.order == expected.order


def test_the_rebuilt_listing_is_written_with_the_current_schema(library_dir: Path) -> None:
    store = LibraryStore(library_dir)
    store.commit(_metas(3))
    store.close()
    _rewrite(library_dir, schema=1)
    store = LibraryStore(library_dir)
    store.listing()
    store.close()
    assert json.loads((library_dir / LISTING_FILE).read_text())["schema"] == LISTING_SCHEMA
