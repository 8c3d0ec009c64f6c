"""Runs of consecutive line numbers (lines styled together)."""

from __future__ import annotations

from tui.app.widgets.finished_lines import runs


def test_consecutive_lines_make_one_run() -> None:
    assert runs([]) == []
    assert runs([4]) == [(4, 5)]
    assert runs([0, 1, 2, 5, 7, 8]) == [(0, 3), (5, 6), (7, 9)]
