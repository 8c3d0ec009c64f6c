"""Keep the garbage collector off the library's long-lived data.

A library's listing, catalog and indexes are hundreds of thousands of Python
objects that live as long as the app. CPython's collections of its oldest
generation scan every one of them: at 100,000 articles a pause of 50-90 ms, a few
a minute while keys are pressed, each landing inside some key's frame.
``gc.freeze()`` moves every object alive now into a permanent generation that
collections skip. Frozen objects are still freed when nothing refers to them
(reference counting); only a reference cycle frozen along the way would never be
collected, so the app freezes once per large structure, when it is first loaded:
the first screen drawn, the related index, the search index.

Starting up allocates most of those objects (Textual's widgets, styles and first
lines, the listing): 120 young collections and a collection of the oldest
generation (~30 ms) before or just after the first screen, scanning objects that
will be frozen anyway. So collections are held from making the app until the first
screen is drawn (``hold``), and the first ``settle`` freezes and lets them run
again. The few thousand objects left in reference cycles while starting are frozen
with the rest, once, rather than found by a full collection (~30 ms) just as the
user starts. Should no screen settle (an error before it), ``release`` does.

Young collections then run every 10,000 net allocations rather than CPython's 700
(``YOUNG_THRESHOLD``). A key press allocates thousands of short-lived objects
(strips, segments) that reference counting frees: at 700 the collector ran about
once a press, its middle generation every ~15 presses and its oldest every ~200,
a 6-11 ms pause scanning everything not frozen. Over 210 presses of a bench
session: young collections 173 -> 6, older ones 16 -> 0.
"""

from __future__ import annotations

import gc

_settled: set[str] = set()
_held = False

#: Net allocations between young collections, once the app has settled.
YOUNG_THRESHOLD = 10_000


def hold() -> None:
    """Hold collections until the first screen settles the heap (or ``release``)."""
    global _held
    if gc.isenabled() and not _settled:
        gc.disable()
        _held = True


def release() -> None:
    """Let collections run again, if they were held (the first screen never settled)."""
    global _held
    if _held:
        _held = False
        gc.enable()


def settle(what: str) -> None:
    """The first time ``what`` has been loaded: exempt everything alive now from
    future collections."""
    if what not in _settled:
        if not _settled:
            young, *older = gc.get_threshold()
            gc.set_threshold(max(young, YOUNG_THRESHOLD), *older)
        _settled.add(what)
        gc.freeze()
        release()
