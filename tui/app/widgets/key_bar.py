"""The footer: the keys that matter in the focused pane, drawn as one line.

Textual's ``Footer`` rebuilds itself, a widget per key, whenever the bindings may
have changed: on every focus change and every ``refresh_bindings``. With twenty
keys that is twenty widgets mounted and styled, 50-250 ms on a slow machine, and
the reader refreshes bindings at each highlight step (Enter's "About this" comes
and goes). This bar is one widget: it reads the screen's active bindings when
they may have changed, repaints only when what it shows changed, and on a narrow
terminal tightens its spacing before it drops keys off the end.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from tui.app.widgets.finished_lines import drawing_context

if TYPE_CHECKING:
    from textual.screen import Screen


#: Drawings of the bar kept (a few per pane, and per terminal width).
DRAWN_KEPT = 16


@dataclass(frozen=True, slots=True)
class KeyHint:
    """One key as the bar shows it."""

    key: str  # what pressing it simulates (the binding's first key)
    display: str  # how it is written: "^p", "/", "?"
    description: str
    enabled: bool
    tooltip: str


@dataclass(frozen=True, slots=True)
class Placed:
    """Where a hint was drawn, for clicks and tooltips."""

    start: int
    end: int
    hint: KeyHint


class KeyBar(Widget):
    """Key hints for the focused pane, with the command palette key on the right."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-bar--key",
        "key-bar--description",
        "key-bar--disabled",
    }
    ALLOW_SELECT = False

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hints: tuple[KeyHint, ...] = ()
        self.palette: KeyHint | None = None
        self._placed: list[Placed] = []
        #: Each binding's hint as last shown, by the binding's id (a Binding hashes
        #: all its fields): Textual works out how a key is written afresh each time,
        #: for ~60 bindings at every focus change and highlight step, and the same
        #: hint objects make comparing with what is shown a matter of identity.
        self._made: dict[int, tuple[Binding, KeyHint]] = {}
        #: The bar as drawn for each set of hints (and where each hint went): Tab
        #: between the panes shows the same few sets, each ~0.5 ms to draw again.
        self._drawn: LRUCache[Hashable, tuple[list[Strip], list[Placed]]] = LRUCache(DRAWN_KEPT)

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.call_after_refresh(self._bindings_changed, self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if not self.is_attached or screen is not self.screen:
            return
        hints, palette = self._read_hints(screen)
        if (hints, palette) != (self.hints, self.palette):
            self.hints, self.palette = hints, palette
            self.refresh()

    def _read_hints(self, screen: Screen[object]) -> tuple[tuple[KeyHint, ...], KeyHint | None]:
        """The shown bindings, one per action (the first, as Textual's footer does)."""
        app = self.app
        active = screen.active_bindings
        palette_key = app.COMMAND_PALETTE_BINDING if app.ENABLE_COMMAND_PALETTE else None
        # Keys the screen wants first, shown even when their binding is hidden (on a
        # narrow terminal: how to get back to the list).
        wanted_first = set(getattr(screen, "key_hints_first", ()))
        first: dict[str, KeyHint] = {}
        rest: dict[str, KeyHint] = {}
        palette: KeyHint | None = None
        made = self._made
        for key, (_node, binding, enabled, tooltip) in active.items():
            kept = made.get(id(binding))
            hint = kept[1] if kept is not None and kept[0] is binding else None
            tip = tooltip or binding.description
            if hint is None or (hint.key, hint.enabled, hint.tooltip) != (key, enabled, tip):
                display = hint.display if hint is not None else app.get_key_display(binding)
                hint = KeyHint(key, display, binding.description, enabled, tip)
                made[id(binding)] = (binding, hint)
            if binding.id in wanted_first:
                first.setdefault(binding.action, hint)
            elif key == palette_key:
                palette = hint
            elif binding.show:
                rest.setdefault(binding.action, hint)
        hints = first | {action: hint for action, hint in rest.items() if action not in first}
        return tuple(hints.values()), palette

    # Drawing -------------------------------------------------------------------------
    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._drawn.clear()  # new colours (a theme change)

    def render_lines(self, crop: Region) -> list[Strip]:
        key = (self.hints, self.palette, crop, drawing_context(self))
        drawn = self._drawn.get(key)
        if drawn is None:
            drawn = self._drawn[key] = (super().render_lines(crop), self._placed)
        strips, self._placed = drawn
        return strips

    def render_line(self, y: int) -> Strip:
        # Segments straight to a strip: a Rich Text through Textual's visual took
        # ~1 ms for this one line, at every focus change.
        width = self.size.width
        base = self.rich_style
        if y:
            return Strip.blank(width, base)
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        disabled_style = self.get_component_rich_style("key-bar--disabled", partial=True)
        palette = self._palette_segments(key_style, description_style)
        palette_width = Segment.get_line_length(palette)
        room = width - (palette_width + 1 if palette else 0)
        # Roomy: " key " + "description " per hint; tight: "key description " (one
        # column less each side), when the roomy line would not fit.
        roomy = sum(cell_len(h.display) + cell_len(h.description) + 3 for h in self.hints)
        pad = " " if roomy <= room else ""
        segments: list[Segment] = []
        placed: list[Placed] = []
        used = 0
        for hint in self.hints:
            extra = disabled_style if not hint.enabled else Style()
            key = f"{pad}{hint.display}{pad}"
            description = f"{hint.description} " if pad else f" {hint.description} "
            end = used + cell_len(key) + cell_len(description)
            if end > room:
                break  # a key is shown whole or not at all
            segments.append(Segment(key, key_style + extra))
            segments.append(Segment(description, description_style + extra))
            placed.append(Placed(used, end, hint))
            used = end
        if palette and self.palette is not None:
            start = max(used, width - palette_width)
            segments.append(Segment(" " * (start - used), base))
            placed.append(Placed(start, width, self.palette))
            segments.extend(palette)
        self._placed = placed
        return Strip(segments).extend_cell_length(width, base).crop(0, width)

    def _palette_segments(self, key_style: Style, description_style: Style) -> list[Segment]:
        if self.palette is None:
            return []
        return [
            Segment("▏", description_style),
            Segment(f"{self.palette.display} ", key_style),
            Segment(f"{self.palette.description} ", description_style),
        ]

    # Mouse ---------------------------------------------------------------------------
    def _hint_at(self, x: int) -> KeyHint | None:
        return next((p.hint for p in self._placed if p.start <= x < p.end), None)

    def on_click(self, event: events.Click) -> None:
        hint = self._hint_at(event.x)
        if hint is None:
            return
        if hint.enabled:
            self.app.simulate_key(hint.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        hint = self._hint_at(event.x)
        self.tooltip = hint.tooltip if hint is not None else None
