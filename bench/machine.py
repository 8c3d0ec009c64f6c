"""A fixed pure-Python workload, timed: how fast the machine runs Python right now.

The development VM's speed swings by a third between one hour and the next, which
moves every figure of a benchmark with it (stop 17 found a Tab 25 % cheaper than at
stop 16 with nearly the same code). A benchmark prints this reference beside its
figures, before and after its runs, so figures from two days can be compared by
it. It runs none of Lede's or Textual's code, which the figures themselves change.
"""

from __future__ import annotations

import statistics
import time

#: Rounds of the workload timed; the reference is their median.
ROUNDS = 7


def _workload() -> int:
    """Dict and tuple traffic, small objects, attribute reads and a sort: the kind
    of work a key press does in the app, in a fixed amount."""

    class Item:
        __slots__ = ("key", "value")

        def __init__(self, key: int, value: str) -> None:
            self.key, self.value = key, value

    table: dict[int, Item] = {}
    total = 0
    for i in range(60_000):
        item = Item(i % 997, str(i))
        table[item.key] = item
        total += len(item.value)
    ordered = sorted(table.values(), key=lambda item: (item.value, item.key))
    return total + len(ordered)


def reference_ms() -> float:
    """The workload's CPU time in ms, median of ``ROUNDS`` runs."""
    times = []
    for _ in range(ROUNDS):
        start = time.process_time()
        _workload()
        times.append(time.process_time() - start)
    return statistics.median(times) * 1000
