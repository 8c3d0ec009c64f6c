"""The date parser: every form a page or feed prints, to ISO 8601."""

from __future__ import annotations

import pytest

from tui.ingest.dates import parse_date, search_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wednesday, Jan 14, 2026", "2026-01-14"),
        ("14 January 2026", "2026-01-14"),
        ("2026-01-14", "2026-01-14"),
        ("December 12, 2008", "2008-12-12"),
        ("Jan. 14, 2026", "2026-01-14"),
        ("14th of January, 2026", "2026-01-14"),
        ("January 14th 2026", "2026-01-14"),
        ("2026/01/14", "2026-01-14"),
        ("14.01.2026", "2026-01-14"),
        ("01/14/2026", "2026-01-14"),
        ("Published: 14 January 2026", "2026-01-14"),
        ("Updated on Jan 14, 2026", "2026-01-14"),
        # RFC 822 as in RSS pubDate
        ("Wed, 14 Jan 2026 10:00:00 +0000", "2026-01-14T10:00:00+00:00"),
        ("Wed, 14 Jan 2026 10:00:00 GMT", "2026-01-14T10:00:00+00:00"),
        ("Tue, 03 Jun 2003 09:39:21 EST", "2003-06-03T09:39:21-05:00"),
        ("Wed, 14 Jan 26 10:00:00 GMT", "2026-01-14T10:00:00+00:00"),
        # ISO 8601 as in Atom
        ("2026-01-14T10:00:00Z", "2026-01-14T10:00:00+00:00"),
        ("2026-01-14T10:00:00+02:00", "2026-01-14T10:00:00+02:00"),
        ("2026-01-14 10:00", "2026-01-14T10:00:00"),
        # times on page date lines
        ("Jan. 14, 2026, 3:45 p.m. ET", "2026-01-14T15:45:00"),
        ("Sunday 5 April 2020 at 9pm BST", "2020-04-05T21:00:00+01:00"),
        ("Published: 14 January 2026, 10:32 GMT", "2026-01-14T10:32:00+00:00"),
    ],
)
def test_parse_date_formats(text: str, expected: str) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "hello", "Jan 32, 2026", "2026-02-30", "May 2026", "the 14 January 2026 meeting", "0:00"],
)
def test_parse_date_rejects_non_dates(text: str) -> None:
    assert parse_date(text) is None


def test_search_date_finds_a_date_inside_text() -> None:
    found = search_date("By Jane Doe | Jan 3, 2024")
    assert found is not None
    assert found.iso == "2024-01-03"
    assert "By Jane Doe | Jan 3, 2024"[found.start : found.end] == "Jan 3, 2024"
