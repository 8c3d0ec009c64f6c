"""Messages reach the handlers Textual's own lookup finds, in its order.

``tui/app/dispatch.py`` keeps each class's handlers instead of walking the class
hierarchy for every message. A wrong plan would be a key, a click or a selection
that does nothing, or runs twice: so every message of a session through the app's
screens is looked up both ways, and ``prevent_default`` and ``@on`` selectors are
checked on their own.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual import on
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.message_pump import MessagePump
from textual.widget import Widget
from textual.widgets import Button

from tui.app import dispatch
from tui.app.factory import make_app


def compare_lookups(monkeypatch: pytest.MonkeyPatch) -> dict[tuple[str, str], bool]:
    """From now on, per (receiver class, message class): whether both lookups of the
    handlers always agreed (after the app is made: it installs its own)."""
    seen: dict[tuple[str, str], bool] = {}

    def both(self: MessagePump, method_name: str, message: Message) -> Iterator[Any]:
        ours = list(dispatch.get_dispatch_methods(self, method_name, message))
        textuals = list(dispatch.textual_get_dispatch_methods(self, method_name, message))
        key = (type(self).__name__, type(message).__name__)
        seen[key] = seen.get(key, True) and ours == textuals
        yield from ours

    monkeypatch.setattr(MessagePump, "_get_dispatch_methods", both)
    return seen


async def test_a_session_dispatches_every_message_as_textual_would(
    monkeypatch: pytest.MonkeyPatch, sample_library: Path
) -> None:
    app = make_app(sample_library)
    assert MessagePump._get_dispatch_methods is dispatch.get_dispatch_methods
    compared = compare_lookups(monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for key in ["enter", "right_square_bracket", "tab", "tab", "j", "tab", "tab"]:
            await pilot.press(key)
            await pilot.pause()
        for key in ["slash", "h", "i", "escape", "question_mark", "escape", "ctrl+p"]:
            await pilot.press(key)
            await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    assert [kind for kind, agreed in compared.items() if not agreed] == []
    assert len(compared) > 60  # keys, focus, options, input, screens, idle, callbacks


class Shout(Message):
    pass


class Base(Widget):
    def __init__(self, heard: list[str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.heard = heard

    def on_shout(self, message: Shout) -> None:
        self.heard.append("base")


class Polite(Base):
    def on_shout(self, message: Shout) -> None:
        self.heard.append("polite")
        message.prevent_default()


class Loud(Base):
    def on_shout(self, message: Shout) -> None:
        self.heard.append("loud")


class Buttons(Vertical):
    def __init__(self, heard: list[str]) -> None:
        super().__init__()
        self.heard = heard

    def compose(self) -> ComposeResult:
        yield Button("A", id="a")
        yield Button("B", id="b")

    @on(Button.Pressed, "#a")
    def pressed_a(self, message: Button.Pressed) -> None:
        self.heard.append("a")

    def on_button_pressed(self, message: Button.Pressed) -> None:
        self.heard.append(f"any {message.button.id}")


async def test_prevent_default_and_selectors_still_decide() -> None:
    dispatch.install()
    heard: list[str] = []

    class Small(App[None]):
        def compose(self) -> ComposeResult:
            yield Polite(heard, id="polite")
            yield Loud(heard, id="loud")
            yield Buttons(heard)

    app = Small()
    async with app.run_test() as pilot:
        for name in ("polite", "loud"):
            app.query_one(f"#{name}").post_message(Shout())
            await pilot.pause()
        assert heard == ["polite", "loud", "base"]
        heard.clear()
        for name in ("a", "b"):
            app.query_one(f"#{name}", Button).press()
            await pilot.pause()
        assert heard == ["a", "any a", "any b"]
