"""listing.bin: the list's columns and its newest-first order, rebuilt whenever in doubt."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tui.browse import SORT_KEYS, Browse
from tui.model import ArticleMeta
from tui.store import LibraryStore
from tui.store.listing import (
    LISTING_FILE,
    OLD_LISTING_FILE,
    Listing,
    listing_damage,
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


def _with_order(order: list[int]) -> Callable[[Path], None]:
    """Rewrites the listing with ``order`` as its newest-first order."""

    def rewrite(root: Path) -> None:
        listing = read_listing(root)
        assert listing is not None
        listing.order = order
        (root / LISTING_FILE).write_bytes(listing.to_bytes())

    return rewrite


def _edit(change: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def rewrite(root: Path) -> None:
        path = root / LISTING_FILE
        path.write_bytes(change(path.read_bytes()))

    return rewrite


def _header(change: Callable[[dict[str, Any]], object]) -> Callable[[bytes], bytes]:
    def edit(raw: bytes) -> bytes:
        magic, header, columns = raw.split(b"\n", 2)
        data = json.loads(header)
        change(data)
        return b"\n".join([magic, json.dumps(data).encode(), columns])

    return edit


# (how the file is changed, the reason given, or None: another schema, rebuilt quietly)
CHANGES: dict[str, tuple[Callable[[Path], None], str | None]] = {
    "schema 3": (_edit(lambda raw: raw.replace(b"LEDE-LISTING 4", b"LEDE-LISTING 3", 1)), None),
    "JSON, schema 3": (_edit(lambda raw: b'{"schema": 3, "stamp": [0, 0]}'), "first line"),
    "garbage": (_edit(lambda raw: b"garbage"), "first line is wrong"),
    "header not JSON": (
        _edit(lambda raw: raw.replace(b"{", b"{,", 1)),
        "header is not valid JSON",
    ),
    "header shape": (_edit(_header(lambda h: h.pop("bytes"))), "header is not what Lede writes"),
    "count": (_edit(_header(lambda h: h.update(count=h["count"] + 1))), "truncated or padded"),
    "truncated": (_edit(lambda raw: raw[:-3]), "truncated or padded"),
    "title bytes": (
        _edit(_header(lambda h: h["bytes"].update(title=h["bytes"]["title"] + 1))),
        "truncated or padded",
    ),
    "order too short": (_with_order([0, 1]), "truncated or padded"),
    "order too long": (_with_order([0, 1, 2, 3, 4, 5]), "truncated or padded"),
    "order out of range": (_with_order([0, 1, 2, 3, 9]), "out of step"),
    "order not a permutation": (_with_order([0, 1, 1, 3, 4]), "out of step"),
    "order negative": (_with_order([0, -1, 2, 3, 4]), "out of step"),
}


@pytest.mark.parametrize("case", list(CHANGES))
def test_a_listing_from_another_schema_or_damaged_is_rebuilt(library_dir: Path, case: str) -> None:
    change, reason = CHANGES[case]
    metas = _metas(5)
    store = LibraryStore(library_dir)
    store.commit(metas)
    store.close()
    change(library_dir)
    assert read_listing(library_dir) is None
    problem = listing_damage(library_dir)
    assert problem is None if reason is None else reason in (problem or "")

    store = LibraryStore(library_dir)
    listing = store.listing()
    store.close()
    expected = Listing.from_metas(metas, listing.stamp)
    assert listing.ids == expected.ids
    assert _every_order(listing) == _every_order(expected)
    # ... and written back, so the next start reads it again.
    again = read_listing(library_dir)
    assert again is not None
    assert again.order is not None and list(again.order) == expected.order


def test_a_library_with_a_json_listing_gets_a_binary_one_and_loses_the_old(
    library_dir: Path,
) -> None:
    store = LibraryStore(library_dir)
    store.commit(_metas(3))
    store.close()
    (library_dir / LISTING_FILE).unlink()
    (library_dir / OLD_LISTING_FILE).write_text('{"schema": 3}')  # As Lede wrote it before.
    store = LibraryStore(library_dir)
    assert len(store.listing()) == 3
    store.close()
    assert read_listing(library_dir) is not None
    assert not (library_dir / OLD_LISTING_FILE).exists()


def test_titles_in_any_script_and_lone_surrogates_round_trip(tmp_path: Path) -> None:
    titles = [
        "Ünïcödé “quoted” — dash",
        "中文标题",
        "עברית",
        "emoji 📰",
        "lone \udc80 surrogate",
        "",
    ]
    metas = [ArticleMeta(id=f"{i:016x}", title=t) for i, t in enumerate(titles)]
    write_listing(tmp_path, Listing.from_metas(metas, [0, 0]))
    read = read_listing(tmp_path)
    assert read is not None
    assert list(read.titles) == titles
    assert [read.titles[i] for i in range(len(titles))] == titles


def test_broken_utf8_in_a_title_shows_replaced_and_lede_doctor_names_the_file(
    library_dir: Path,
) -> None:
    # The start decodes only the rows it draws, so a damaged byte inside a title is
    # not found there: the row shows a replacement character (never an exception),
    # and the full check (lede doctor) reports the file for rebuilding.
    metas = [ArticleMeta(id=f"{i:016x}", title=f"Title {i}") for i in range(3)]
    store = LibraryStore(library_dir)
    store.commit(metas)
    store.close()
    path = library_dir / LISTING_FILE
    path.write_bytes(path.read_bytes().replace(b"Title 1", b"Title\xc31", 1))
    listing = read_listing(library_dir)
    assert listing is not None
    assert listing.titles[1] == "Title\ufffd1"
    assert [listing.titles[0], listing.titles[2]] == ["Title 0", "Title 2"]
    assert "out of step" in (listing_damage(library_dir) or "")
