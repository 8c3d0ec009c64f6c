"""Scrollbars that draw themselves again only when what they show changed.

Textual repaints every scrollbar of a scrolling widget at each layout of the
screen (``ScrollView._size_updated`` compares its container size with a
different one, so it always finds a change), and a scrollbar draws each of its
lines through the styles cache: 0.1-0.25 ms a line, 4-9 ms for the five or six
scrollbars of the main screen whenever the sidebar changes. ``QuickScrollBar``
keeps its last drawing and reuses it while its size, position, colours and
state are the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from math import ceil
from typing import Any, ClassVar, Self

from rich.color import Color
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region, Size
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.strip import Strip
from textual.widget import Widget

from tui.app.widgets.finished_lines import colours, while_styled

#: Drawings a scrollbar keeps (by the thumb's place).
DRAWINGS_KEPT = 8


class QuickScrollBar(ScrollBar):
    """Textual's scrollbar, drawn again only when its drawing would differ."""

    #: The drawing key (``_drawing_key``) of the bar as last drawn: place and look.
    _shown: tuple[tuple[object, ...], tuple[object, ...]] | None = None
    #: While set, a refresh that would draw the bar as last drawn is skipped.
    _only_if_changed = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: Finished lines by (width, content segments), while colours stay the same.
        self._finished: dict[tuple[object, ...], Strip] = {}
        #: The last few drawings by the thumb's place, while colours stay the same: a
        #: sidebar Tab scrolls between its top and its last section and back.
        self._drawings: dict[tuple[object, ...], list[Strip]] = {}

    def _draw(self) -> list[Strip]:
        """Every line, each finished once per distinct content.

        A moved thumb changes two or three lines; the rest are the same blank bar,
        which the styles cache would otherwise restyle line by line (~0.1 ms each).
        """
        width, height = self.size
        if self.styles.gutter.width or self.styles.gutter.height:
            return super().render_lines(self.size.region)  # lines differ by place
        contents = self._contents(width, height)
        finished = self._finished
        strips: list[Strip] = []
        for y, segments in enumerate(contents[:height]):
            content = (width, tuple(segments))
            strip = finished.get(content)
            if strip is None:
                strip = finished[content] = super().render_lines(Region(0, y, width, 1))[0]
            strips.append(strip)
        if len(strips) < height:
            rest = Region(0, len(strips), width, height - len(strips))
            strips.extend(super().render_lines(rest))
        return strips

    def _contents(self, width: int, height: int) -> list[list[Segment]]:
        """The bar's lines before styling: for a vertical bar, straight from
        ``ScrollBarRender.render_bar`` (one segment a line) instead of through Rich's
        rendering of the renderable, which costs more than the bar."""
        renderable = self.render()
        if self.vertical and isinstance(renderable, ScrollBarRender):
            style = renderable.style
            if isinstance(style, Style):
                bar = renderable.render_bar(
                    size=height,
                    window_size=renderable.window_size,
                    virtual_size=renderable.virtual_size,
                    position=renderable.position,
                    vertical=True,
                    thickness=width,
                    back_color=style.bgcolor or Color.parse("#555555"),
                    bar_color=style.color or Color.parse("bright_magenta"),
                )
                return [[segment] for segment in bar.segments]
        console = self.app.console
        options = console.options.update_dimensions(width, height)
        return console.render_lines(renderable, options, pad=False)

    def _drawing_key(self) -> tuple[tuple[object, ...], tuple[object, ...]]:
        """Everything ``ScrollBar.render`` and the styles cache draw from: where the
        thumb is, and how the bar looks (which the kept finished lines depend on)."""
        place = (
            self.size,
            self.vertical,
            self.thickness,
            self.window_virtual_size,
            self.window_size,
            self.position,
        )
        # The styles' part kept while they are the same (~40 µs to read: a dozen style
        # rules and two ancestor walks for the backgrounds).
        look = (
            self.grabbed is not None,
            self.mouse_over,
            self.app.ansi_theme,
            while_styled(self, "look", self._read_look),
        )
        return place, look

    def _read_look(self) -> tuple[object, ...]:
        parent = self.parent
        assert parent is not None
        styles = parent.styles
        return (
            styles.scrollbar_background,
            styles.scrollbar_background_hover,
            styles.scrollbar_background_active,
            styles.scrollbar_color,
            styles.scrollbar_color_hover,
            styles.scrollbar_color_active,
            colours(parent),  # (the pane's render in the same frame finds them worked out)
            self.screen.styles.scrollbar_color.a == 0,
            colours(self),
        )

    @contextmanager
    def refreshed_only_if_changed(self) -> Iterator[None]:
        """Within, ``refresh`` does nothing when the bar would look as last drawn."""
        self._only_if_changed = True
        try:
            yield
        finally:
            self._only_if_changed = False

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        unchanged = (
            self._only_if_changed
            and not (regions or layout or recompose)
            and self._drawing_key() == self._shown
        )
        if unchanged:
            return self
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def render_lines(self, crop: Region) -> list[Strip]:
        place, look = self._drawing_key()
        if self._shown is None or look != self._shown[1]:
            self._finished.clear()  # new colours or state: every line looks different
            self._drawings.clear()
        self._shown = (place, look)
        drawn = self._drawings.pop(place, None)
        if drawn is None:
            drawn = self._draw()
            if len(self._drawings) >= DRAWINGS_KEPT:
                del self._drawings[next(iter(self._drawings))]  # the least recent
        self._drawings[place] = drawn
        strips = drawn[crop.y : crop.bottom]
        x1, x2 = crop.column_span
        if (x1, x2) != (0, self.size.width):
            strips = [strip.crop(x1, x2) for strip in strips]
        return strips


class ListScrollBar(QuickScrollBar):
    """A scrollbar that repaints only when its thumb moves on screen.

    Textual repaints every line of a scrollbar whenever the scroll position
    changes, which is every time the list scrolls by a line (~3 ms of a key press
    at 40 lines). Its thumb is drawn in eighths of a cell, so at 100k rows it moves
    once every ~350 rows: the position is kept at the middle of the span of rows
    that draw the thumb in the same place, and moves (and repaints) only when the
    drawing would change. Dragging starts from that position (under 1/16 of a cell
    away).
    """

    def validate_position(self, position: float) -> float:
        position = super().validate_position(position)
        size = self.size.height if self.vertical else self.size.width
        virtual = ceil(self.window_virtual_size)
        window = ceil(self.window_size) if self.window_size < self.window_virtual_size else 0
        if size <= 0 or not window or virtual <= window:
            return position
        # As ScrollBarRender.render_bar draws it: the thumb starts at
        # int((size - thumb) * position / (virtual - window) * 8) eighths.
        thumb = max(1, window / (virtual / size))
        travel = (size - thumb) * 8
        if travel <= 0:
            return position
        rows_per_eighth = (virtual - window) / travel
        if rows_per_eighth <= 1:
            return position  # The thumb moves with every row: nothing to save.
        start = int(position / rows_per_eighth)
        return min(float(virtual - window), (start + 0.5) * rows_per_eighth)


class QuickScrollBars(Widget):
    """Mixin for a scrolling widget: its vertical scrollbar is a ``SCROLLBAR_CLASS``.

    List it last among the bases: Textual takes CSS type names and component
    classes from the first base's line only.
    """

    SCROLLBAR_CLASS: ClassVar[type[ScrollBar]] = QuickScrollBar

    def _scroll_update(self, virtual_size: Size) -> None:
        # Textual repaints the vertical bar here whatever changed: for a ScrollView,
        # at every reflow that shows it (it compares its container size with a
        # different one), so a sidebar scroll that brings a section into view took a
        # second frame, after the one that drew the section, to draw its bar again.
        bar = self._vertical_scrollbar
        if not isinstance(bar, QuickScrollBar):
            super()._scroll_update(virtual_size)
            return
        with bar.refreshed_only_if_changed():
            super()._scroll_update(virtual_size)

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        """Textual's own property (textual 8.2.8), creating our scrollbar instead."""
        if self._vertical_scrollbar is None:
            bar = self.SCROLLBAR_CLASS(
                vertical=True, name="vertical", thickness=self.scrollbar_size_vertical
            )
            bar.display = False
            self._vertical_scrollbar = bar
            self.app._start_widget(self, bar)
        return self._vertical_scrollbar
