"""Runs of consecutive line numbers, for styling lines a widget lacks in one call.

Textual's styles cache has a set-up cost per call (colours, filters, titles);
the list and the reader style the lines missing from their caches run by run.
"""

from __future__ import annotations


def runs(indices: list[int]) -> list[tuple[int, int]]:
    """Sorted indices as (first, end) runs of consecutive ones: [1, 2, 5] -> [(1, 3), (5, 6)]."""
    found: list[tuple[int, int]] = []
    for index in indices:
        if found and found[-1][1] == index:
            found[-1] = (found[-1][0], index + 1)
        else:
            found.append((index, index + 1))
    return found
