"""Collections are held while the app starts and run again once it is drawn.

Start-up makes most of the objects the app keeps; ``tui/app/heap.py`` holds the
garbage collector until the first screen is drawn and then freezes them. What
matters to a user is that collections never stay off (memory would only grow):
these start the app as the first one in a process would.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.app import heap
from tui.app.factory import make_app


@pytest.fixture
def first_start(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """As if no app had started in this process yet; collections back on after."""
    monkeypatch.setattr(heap, "_settled", set())
    monkeypatch.setattr(heap, "_held", False)
    thresholds = gc.get_threshold()
    gc.set_threshold(700, 10, 10)  # CPython's defaults
    yield
    gc.set_threshold(*thresholds)
    gc.enable()


async def test_collections_are_held_while_starting_and_run_once_drawn(
    first_start: None, sample_library: Path
) -> None:
    app = make_app(sample_library)
    held_while_starting: list[bool] = []
    app.call_later(lambda: held_while_starting.append(not gc.isenabled()))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert held_while_starting == [True]
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold()[0] == heap.YOUNG_THRESHOLD  # young collections rarer


async def test_collections_run_again_when_no_screen_settles(
    first_start: None, sample_library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tui.app.screens.main.settle", lambda what: None)
    app = make_app(sample_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert not gc.isenabled()  # nothing settled yet
    assert gc.isenabled()  # the app ended: released
