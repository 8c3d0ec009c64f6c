"""Finished lines: runs of consecutive lines (styled together), and new frame looks."""

from __future__ import annotations

from collections.abc import Callable

from rich.segment import Segment
from textual.geometry import Region
from textual.strip import Strip

from tui.app.widgets.finished_lines import FinishedLines, Frame, runs


def test_consecutive_lines_make_one_run() -> None:
    assert runs([]) == []
    assert runs([4]) == [(4, 5)]
    assert runs([0, 1, 2, 5, 7, 8]) == [(0, 3), (5, 6), (7, 9)]


def _frame(look: str, side: int) -> Frame:
    return Frame(look, (), (), top=1, right=side, bottom=0, left=side, height=4)


def _drawing(look: str, side: int, asked: list[Region]) -> Callable[[Region], list[Strip]]:
    """A widget's drawing: its edges in the look's letter, its content by line."""

    def render(region: Region) -> list[Strip]:
        asked.append(region)
        inner = region.width - 2 * side
        return [
            Strip([Segment(look * side + f"line {y}".ljust(inner) + look * side)])
            for y in region.line_range
        ]

    return render


def test_a_new_look_redraws_only_the_edges_it_changes() -> None:
    for side in (0, 1):
        lines, asked = FinishedLines(16), []
        crop, keys = Region(0, 1, 10, 3), ["a", "b", "c"]
        first = lines.lines(crop, 10, (), keys, _drawing("x", side, asked), _frame("x", side))
        asked.clear()
        again = lines.lines(crop, 10, (), keys, _drawing("o", side, asked), _frame("o", side))
        if side:  # the body lines take the new look's edges, one line drawn for them
            assert [s.text for s in again] == [f"o{f'line {y}':<8}o" for y in (1, 2, 3)]
            assert len(asked) == 1
        else:  # a frame without side edges (a sidebar section's): kept as they are
            assert again == first and all(a is b for a, b in zip(again, first, strict=True))
            assert asked == []


def test_a_new_subtitle_draws_the_bottom_row_again_not_the_top() -> None:
    lines, asked = FinishedLines(16), []
    render = _drawing("x", 1, asked)
    crop, keys = Region(0, 0, 10, 4), [-1, "a", "b", -4]

    def frame(progress: str) -> Frame:
        return Frame("x", "Title", progress, top=1, right=1, bottom=1, left=1, height=4)

    lines.lines(crop, 10, (), keys, render, frame("10%"))
    asked.clear()
    lines.lines(crop, 10, (), keys, render, frame("11%"))
    assert [region.y for region in asked] == [3]
