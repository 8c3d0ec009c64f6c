"""The help screen, made from the bindings the app really has (never a hand-kept table)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

INTRO = (
    "Lede reads your saved articles offline. Names and quotations are highlighted: "
    "step to one with n, press Enter to see every article that mentions the name or "
    "quotes the speaker, and Backspace to come back to the same line."
)


def binding_rows(
    bindings: Iterable[BindingType], display: Callable[[Binding], str]
) -> list[tuple[str, str, str]]:
    """(keys, description, tooltip) per action, the keys of one action joined."""
    by_action: dict[str, tuple[list[str], str, str]] = {}
    for binding in Binding.make_bindings(bindings):
        if not binding.description:
            continue
        entry = by_action.setdefault(binding.action, ([], binding.description, binding.tooltip))
        entry[0].append(display(binding))
    return [(" / ".join(keys), desc, tip) for keys, desc, tip in by_action.values()]


class HelpScreen(ModalScreen[None]):
    """Every key, pane by pane; any key that is not a scroll key closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close", id="help-close"),
    ]

    def __init__(self, sections: list[tuple[str, list[tuple[str, str, str]]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-view"):
            yield Static(Text("Lede — keys", style="bold"), id="help-title")
            yield Static(Text(INTRO), id="help-intro")
            for title, rows in self.sections:
                table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=True)
                table.add_column("key", style="bold", no_wrap=True, min_width=14)
                table.add_column("action", no_wrap=True, min_width=18)
                table.add_column("about", style="dim", ratio=1)
                for keys, description, tooltip in rows:
                    table.add_row(Text(keys), Text(description), Text(tooltip))
                yield Static(Text(title, style="bold underline"), classes="help-section-title")
                yield Static(table, classes="help-section")

    def action_close(self) -> None:
        self.dismiss(None)
