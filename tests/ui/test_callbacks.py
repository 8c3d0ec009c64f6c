"""Deferred calls count their callback's parameters once per function, as Textual would.

``tui/app/callbacks.py`` replaces Textual's count for the partials that
``call_later``, ``call_next`` and ``call_after_refresh`` make around every callback.
What a user would notice if it were wrong: callbacks called with the wrong
arguments (a crash, or a silent no-op), so the counts are compared with Textual's
own for every kind of callable the app defers.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from textual import _callback

from tui.app import callbacks
from tui.app.factory import make_app


class Thing:
    def none(self) -> None: ...

    def two(self, a: object, b: object = None) -> None: ...

    def __call__(self, a: object) -> None: ...


def plain(a: object, b: object, *, c: object = None) -> None: ...


def kinds() -> list[Callable[[], Callable[..., Any]]]:
    """Makers of fresh callables (Textual keeps counts on what it has counted)."""
    thing = Thing()
    event = asyncio.Event()
    return [
        lambda: partial(thing.none),
        lambda: partial(thing.two),
        lambda: partial(thing.two, 1),
        lambda: partial(plain),
        lambda: partial(plain, 1),
        lambda: partial(plain, 1, c=3),
        lambda: partial(lambda x, y: None, 1),
        lambda: partial(event.set),
        lambda: partial(partial(plain, 1)),
        lambda: partial(Thing()),
        lambda: partial(Thing),
        lambda: thing.two,
        lambda: plain,
    ]


@pytest.mark.parametrize("make", kinds())
def test_the_count_is_textuals(make: Callable[[], Callable[..., Any]]) -> None:
    ours = make()
    textuals = make()
    assert callbacks.count_parameters(ours) == callbacks._textual_count(textuals)
    # And again, now that counts are kept.
    assert callbacks.count_parameters(make()) == callbacks._textual_count(textuals)


@pytest.fixture
def signatures(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[object]]:
    """Every callable whose signature Textual's count looks up."""
    looked_up: list[object] = []
    real = _callback.signature

    def counting(func: Any) -> Any:
        looked_up.append(func)
        return real(func)

    monkeypatch.setattr(_callback, "signature", counting)
    yield looked_up


def test_a_second_deferred_call_of_a_method_looks_up_no_signature(
    signatures: list[object],
) -> None:
    class Pane:
        def scroll(self, y: int) -> None: ...

    pane = Pane()
    assert callbacks.count_parameters(partial(pane.scroll, 3)) == 0
    assert len(signatures) == 1
    assert callbacks.count_parameters(partial(pane.scroll, 4)) == 0
    assert callbacks.count_parameters(partial(Pane().scroll)) == 1
    assert len(signatures) == 1


async def test_the_app_calls_deferred_callbacks_with_their_arguments(
    sample_library: Path,
) -> None:
    app = make_app(sample_library)
    assert _callback.count_parameters is callbacks.count_parameters
    got: list[tuple[object, ...]] = []

    class Recorder:
        def two(self, a: object, b: object) -> None:
            got.append((a, b))

        def none(self) -> None:
            got.append(())

    recorder = Recorder()
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(2):
            app.call_later(recorder.two, 1, b=2)
            app.call_after_refresh(recorder.none)
            app.screen.call_next(recorder.two, "x", "y")
            await pilot.pause()
    assert sorted(got, key=repr) == sorted([(1, 2), (), ("x", "y")] * 2, key=repr)
