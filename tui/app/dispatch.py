"""Textual's message dispatch, with each class's handlers found once.

For every message a widget, screen or the app receives (a key, a focus, a
callback, and an idle event each time its queue empties), Textual walks the
receiver's class hierarchy (15-20 classes for a sidebar section) and looks in
each class for handlers: the ``@on`` ones and the one named by convention. About
12 µs a message and 45 messages a key press: ~0.5 ms of every key.

``get_dispatch_methods`` yields what Textual's ``MessagePump._get_dispatch_methods``
yields, in the same order, but keeps per receiver class, handler name and message
class the classes that have any handler at all, and what they have. What depends
on the message itself is still decided per message: a handler's CSS selectors
(matched against the message's widgets), and ``prevent_default``, which stops the
walk at the next class. Classes are not changed after they are made (Textual
gathers ``@on`` handlers when it makes the class), so the plans never go stale.
``install`` puts it on ``MessagePump``; it relies on that private method of the
Textual version the project pins, and the test compares it with Textual's own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from textual._on import OnNoWidget
from textual.css.match import match
from textual.message import Message
from textual.message_pump import MessagePump
from textual.widget import Widget

#: A class with handlers: the ``@on`` handlers (with their selectors) for the message
#: class and its bases, and the handler named by convention, if not an ``@on`` one.
Step = tuple[
    type, tuple[tuple[Callable[..., Any], dict[str, Any]], ...], Callable[..., Any] | None
]

_plans: dict[tuple[type, str, type], tuple[Step, ...]] = {}

#: Textual's own, for the test to compare with.
textual_get_dispatch_methods = MessagePump._get_dispatch_methods


def _plan(pump_class: type, method_name: str, message_class: type) -> tuple[Step, ...]:
    message_mro = [kind for kind in message_class.__mro__ if issubclass(kind, Message)]
    steps: list[Step] = []
    for cls in pump_class.__mro__:
        decorated = cls.__dict__.get("_decorated_handlers")
        handlers = []
        if decorated:
            for kind in message_mro:
                handlers.extend(decorated.get(kind, []))
        method = cls.__dict__.get(f"_{method_name}") or cls.__dict__.get(method_name)
        if method is not None and getattr(method, "_textual_on", None):
            method = None  # decorated: dispatched by its selectors, not by name
        if handlers or method is not None:
            steps.append((cls, tuple(handlers), method))
    return tuple(steps)


def get_dispatch_methods(
    self: MessagePump, method_name: str, message: Message
) -> Iterator[tuple[type, Callable[..., Any]]]:
    """The handlers of ``message`` on ``self``, as Textual's lookup finds them."""
    key = (type(self), method_name, type(message))
    plan = _plans.get(key)
    if plan is None:
        plan = _plans[key] = _plan(*key)
    dispatched: set[Callable[..., Any]] = set()
    for cls, handlers, method in plan:
        if message._no_default_action:
            break
        for handler, selectors in handlers:
            if handler in dispatched:
                continue
            if selectors and not (message._sender and _selected(message, selectors)):
                continue
            yield cls, handler.__get__(self, cls)
            dispatched.add(handler)
        if method is not None:
            yield cls, method.__get__(self, cls)


def _selected(message: Message, selectors: dict[str, Any]) -> bool:
    """Whether every widget the selectors name in ``message`` matches its selector."""
    for attribute, selector in selectors.items():
        node = getattr(message, attribute)
        if node is None:
            return False
        if not isinstance(node, Widget):
            raise OnNoWidget(
                f"on decorator can't match against {attribute!r} as it is not a widget."
            )
        if not match(selector, node):
            return False
    return True


def install() -> None:
    """Make every message pump look its handlers up with ``get_dispatch_methods``."""
    MessagePump._get_dispatch_methods = get_dispatch_methods  # type: ignore[assignment, method-assign]
