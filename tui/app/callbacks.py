"""Textual's callbacks without an ``inspect.signature`` for each one.

Textual calls a callback with as many of its arguments as the callable takes, so
before each call it counts the callable's parameters (``textual._callback``). It
keeps the count on the callable, but ``call_later``, ``call_next`` and
``call_after_refresh`` wrap every callback in a new ``functools.partial``, so each
one was counted afresh: an ``inspect.signature`` of the function inside
(20-40 µs) for every refresh of the bindings, focus scroll and deferred repaint,
a dozen or more per key press.

``count_parameters`` here keeps the count on the wrapped function, where every
later partial of it finds it. Its answers are Textual's own (the test compares
them); ``install`` puts it where Textual's invoke looks it up. It relies on the
private ``textual._callback`` module of the Textual version the project pins.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from types import FunctionType
from typing import Any

from textual import _callback

#: Textual's own count, which keeps the count on a function (or a bound method's).
_textual_count = _callback.count_parameters


def count_parameters(func: Callable[..., Any]) -> int:
    """How many positional arguments Textual passes ``func``: Textual's own count."""
    if isinstance(func, partial):
        # Kept on the function inside, not on the partial: each is made for one call.
        return _kept_count(func.func) - len(func.args) - len(func.keywords)
    return _textual_count(func)


def _kept_count(func: Callable[..., Any]) -> int:
    if isinstance(func, partial):
        return count_parameters(func)
    if not isinstance(getattr(func, "__func__", func), FunctionType):
        # A builtin, a class, a callable object: counted each time, as Textual does.
        return _callback._count_parameters(func)
    return _textual_count(func)  # a bound method counts without ``self``


def install() -> None:
    """Make Textual's invoke count parameters with ``count_parameters``."""
    _callback.count_parameters = count_parameters
