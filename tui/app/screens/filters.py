"""The filter dialog: unread only, bookmarked only, with notes, one source, the entity filter."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.app.widgets.option_lists import VimOptionList
from tui.app.widgets.sidebar import clip


@dataclass(slots=True)
class FilterChoice:
    unread: bool = False
    bookmarked: bool = False
    noted: bool = False
    source: str | None = None
    entity: str | None = None
    sources: list[tuple[str, int]] = field(default_factory=list)


def _check(on: bool) -> str:
    return "[x] " if on else "[ ] "


class FilterScreen(ModalScreen[FilterChoice | None]):
    """Space or Enter toggles a line; Esc applies and closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "apply", "Apply", id="filters-apply"),
        Binding("x", "clear", "Clear all", id="filters-clear"),
    ]

    def __init__(self, choice: FilterChoice) -> None:
        super().__init__()
        self.choice = replace(choice)

    def compose(self) -> ComposeResult:
        with Vertical(id="filter-view"):
            yield Static("Filter the list", id="filter-heading")
            yield VimOptionList(id="filter-options", markup=False)
            yield Static("Enter toggles · x clears · Esc applies", id="filter-hint")

    def on_mount(self) -> None:
        self._fill()
        self.query_one(OptionList).focus()

    def _fill(self, keep: int | None = None) -> None:
        options = self.query_one(OptionList)
        c = self.choice
        items = [
            Option(Text(_check(c.unread) + "Unread only"), id="unread"),
            Option(Text(_check(c.bookmarked) + "Bookmarked only"), id="bookmarked"),
            Option(Text(_check(c.noted) + "With notes or highlights"), id="noted"),
        ]
        if c.entity:
            items.append(Option(Text(_check(True) + f"About {c.entity[2:]}"), id="entity"))
        items.append(Option(Text("Source", style="bold underline"), disabled=True))
        items.append(Option(Text(_check(c.source is None) + "Any source"), id="any-source"))
        for source, count in c.sources:
            label = clip(source or "(no source)", 50)
            items.append(
                Option(
                    Text(_check(c.source == source) + f"{label} ({count})"), id=f"source:{source}"
                )
            )
        options.clear_options()
        options.add_options(items)
        if keep is not None:
            options.highlighted = keep

    @on(OptionList.OptionSelected)
    def _toggle(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        c = self.choice
        if option_id == "unread":
            c.unread = not c.unread
        elif option_id == "bookmarked":
            c.bookmarked = not c.bookmarked
        elif option_id == "noted":
            c.noted = not c.noted
        elif option_id == "entity":
            c.entity = None
        elif option_id == "any-source":
            c.source = None
        elif option_id.startswith("source:"):
            c.source = option_id.removeprefix("source:")
        self._fill(keep=event.option_index)

    def action_apply(self) -> None:
        self.dismiss(self.choice)

    def action_clear(self) -> None:
        self.choice = FilterChoice(sources=self.choice.sources)
        self._fill()
