"""Browse: the list's visible rows under every sort and combination of filters."""

from __future__ import annotations

import pytest

from tui.browse import Browse, Row, date_part
from tui.store.listing import Listing

# id, title, source, published, words (in catalog order)
ARTICLES = [
    ("a", "banana split", "BBC", "2024-03-01T09:00:00Z", 100),
    ("b", "Apple pie", "Reuters", "2024-05-01", 200),
    ("c", "cherry tart", "BBC", "", 300),
    ("d", "apple crumble", "AP", "2024-05-01", 400),
    ("e", "Date loaf", "Reuters", "2023-12-31", 500),
]
READ = {"b", "e"}
BOOKMARKED = {"a", "b"}


def make_browse(articles: list[tuple[str, str, str, str, int]] = ARTICLES) -> Browse:
    listing = Listing(
        stamp=[0, 0],
        ids=[a[0] for a in articles],
        titles=[a[1] for a in articles],
        sources=[a[2] for a in articles],
        published=[a[3] for a in articles],
        words=[a[4] for a in articles],
    )
    return Browse(listing, set(READ), set(BOOKMARKED))


def visible(browse: Browse) -> list[str]:
    return [browse.row(i).article_id for i in range(len(browse))]


@pytest.mark.parametrize(
    ("key", "reverse", "expected"),
    [
        # Newest first; equal dates keep catalog order; undated last.
        ("date", None, ["b", "d", "a", "e", "c"]),
        ("date", False, ["c", "e", "a", "b", "d"]),
        # A to Z ignoring case; "apple crumble" and "Apple pie" by their text.
        ("title", None, ["d", "b", "a", "c", "e"]),
        ("title", True, ["e", "c", "a", "b", "d"]),
        # A to Z by source, newest first within one source.
        ("source", None, ["d", "a", "c", "b", "e"]),
        ("source", True, ["b", "e", "a", "c", "d"]),
    ],
)
def test_sort(key: str, reverse: bool | None, expected: list[str]) -> None:
    browse = make_browse()
    browse.sort(key, reverse)  # type: ignore[arg-type]
    assert visible(browse) == expected


def test_default_order_is_newest_first() -> None:
    assert visible(make_browse()) == ["b", "d", "a", "e", "c"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["b", "d", "a", "e", "c"]),
        ({"unread": True}, ["d", "a", "c"]),
        ({"bookmarked": True}, ["b", "a"]),
        ({"source": "BBC"}, ["a", "c"]),
        ({"source": "Nobody"}, []),
        ({"article_ids": {"c", "d", "zz"}}, ["d", "c"]),
        ({"unread": True, "source": "BBC"}, ["a", "c"]),
        ({"unread": True, "bookmarked": True}, ["a"]),
        ({"bookmarked": True, "source": "Reuters", "article_ids": {"b", "e"}}, ["b"]),
        ({"article_ids": set()}, []),
    ],
)
def test_filters_combine(filters: dict[str, object], expected: list[str]) -> None:
    browse = make_browse()
    browse.set_filter(**filters)  # type: ignore[arg-type]
    assert visible(browse) == expected
    for position, article_id in enumerate(expected):
        assert browse.index_of(article_id) == position
    hidden = {a[0] for a in ARTICLES} - set(expected)
    assert all(browse.index_of(article_id) is None for article_id in hidden)


def test_filter_and_sort_apply_together_in_either_order() -> None:
    first = make_browse()
    first.sort("title")
    first.set_filter(unread=True)
    second = make_browse()
    second.set_filter(unread=True)
    second.sort("title")
    assert visible(first) == visible(second) == ["d", "a", "c"]


def test_row_carries_the_columns_and_marks() -> None:
    browse = make_browse()
    assert browse.row(0) == Row("b", "Apple pie", "Reuters", "2024-05-01", 200, True, True)
    assert browse.row(2).published == "2024-03-01"
    assert browse.row(4).published == ""
    with pytest.raises(IndexError):
        browse.row(5)


def test_marks_change_rows_in_place_until_the_filter_is_applied_again() -> None:
    browse = make_browse()
    browse.set_filter(unread=True)
    browse.mark_read("d", True)
    browse.mark_bookmarked("d", True)
    row = browse.row(browse.index_of("d") or 0)
    assert row.read and row.bookmarked
    browse.set_filter(unread=True)
    assert browse.index_of("d") is None
    browse.mark_read("b", False)
    browse.mark_bookmarked("a", False)
    browse.set_filter(unread=True, bookmarked=True)
    assert visible(browse) == ["b"]


def test_untrusted_text_is_one_line_without_controls() -> None:
    browse = make_browse([("x", "Evil [bold red]x[/]\x1b[2J\nnext\tline", "[b]S\x07[/b]", "", 1)])
    row = browse.row(0)
    assert row.title == "Evil [bold red]x[/][2J next line"
    assert row.source == "[b]S[/b]"
    browse.set_filter(source="[b]S[/b]")  # the name as sources() gives it
    assert len(browse) == 1


def test_sources_by_count_then_name() -> None:
    browse = make_browse(
        [*ARTICLES, ("f", "Fig", "AP", "", 1), ("g", "Grape", "", "", 1), ("h", "H", "AP", "", 1)]
    )
    assert browse.sources() == [("AP", 3), ("BBC", 2), ("Reuters", 2)]


@pytest.mark.parametrize(
    ("sort", "filters", "expected"),
    [
        (("date", None), {}, "by date"),
        (("date", False), {}, "by date, oldest first"),
        (("title", True), {}, "by title, Z to A"),
        (("source", None), {"unread": True, "source": "BBC"}, "unread · source: BBC · by source"),
        (("date", None), {"bookmarked": True}, "bookmarked · by date"),
    ],
)
def test_describe(
    sort: tuple[str, bool | None], filters: dict[str, object], expected: str
) -> None:
    browse = make_browse()
    browse.sort(*sort)  # type: ignore[arg-type]
    browse.set_filter(**filters)  # type: ignore[arg-type]
    assert browse.describe() == expected


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2024-05-01", "2024-05-01"),
        ("2024-05-01T10:00:00+02:00", "2024-05-01"),
        ("", ""),
        ("May 2024", ""),
        ("2024-5-1", ""),
    ],
)
def test_date_part(published: str, expected: str) -> None:
    assert date_part(published) == expected


def test_empty_listing() -> None:
    browse = make_browse([])
    assert len(browse) == 0 and browse.index_of("a") is None and browse.sources() == []
    browse.sort("title")
    assert browse.describe() == "by title"


def test_unknown_sort_key_is_refused() -> None:
    with pytest.raises(ValueError):
        make_browse().sort("words")  # type: ignore[arg-type]


def test_sorting_100k_rows_and_back() -> None:
    n = 100_000
    articles = [
        (f"{i:06d}", f"T{(i * 7919) % n}", f"S{i % 50}", f"2024-01-{i % 28 + 1:02d}", i)
        for i in range(n)
    ]
    browse = make_browse(articles)
    for key in ("title", "source", "date", "title"):
        browse.sort(key)  # type: ignore[arg-type]
    assert browse.row(0).title == "T0"
