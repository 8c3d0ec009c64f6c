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
"""

from __future__ import annotations

import gc

_settled: set[str] = set()


def settle(what: str) -> None:
    """The first time ``what`` has been loaded: exempt everything alive now from
    future collections."""
    if what not in _settled:
        _settled.add(what)
        gc.freeze()
