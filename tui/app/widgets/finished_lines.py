"""Finished lines kept by the widgets that scroll: the list, the reader, the sidebar.

Scrolling by a line leaves every line of a widget dirty, and Textual's styles cache
then restyles each one (border, padding, background, the app's colour filter:
0.1-0.3 ms a line). A finished line depends only on what the widget shows on it
(its key), on a drawing context (sizes, colours, filters) and on the widget's frame
(its border), so these widgets keep them by key and style only the lines they lack:
those are styled run by run, one styles-cache call per run of consecutive lines (its
set-up is per call).

A focus change recolours a pane's border and nothing else (``pane_frame.py``): the
border's own rows are drawn again (kept per look), a repaint of just the left or
right edge is answered with the edge cells of that look, and kept lines get the
new edge cells when next asked for whole, instead of every line being styled again.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget


def runs(indices: list[int]) -> list[tuple[int, int]]:
    """Sorted indices as (first, end) runs of consecutive ones: [1, 2, 5] -> [(1, 3), (5, 6)]."""
    found: list[tuple[int, int]] = []
    for index in indices:
        if found and found[-1][1] == index:
            found[-1] = (found[-1][0], index + 1)
        else:
            found.append((index, index + 1))
    return found


#: While a frame is composed (``one_frame``): each widget's colours and frame (and a
#: settled widget's whole context), as worked out at its first render in that
#: frame, by ``(id(widget), what)``.
_frame_memo: dict[tuple[int, str], Any] | None = None
T = TypeVar("T")


@contextmanager
def one_frame() -> Iterator[None]:
    """Within, a widget's colours and frame are worked out once, not at each render.

    A frame asks a pane for several pieces (its top and bottom rows, its left and
    right edges: four renders at a focus change), and each asked afresh for its
    colours (~50 µs: every ancestor's background) and its frame. Neither changes
    while a frame is composed: styles and titles change between frames. Sizes can
    (a list's first render may add a scrollbar), so they are read every time.
    """
    global _frame_memo
    outer = _frame_memo
    _frame_memo = {} if outer is None else outer
    try:
        yield
    finally:
        _frame_memo = outer


def _in_frame(widget: Widget, what: str, make: Callable[[], T]) -> T:
    """``make()``, kept for ``widget`` while a frame is composed (``one_frame``)."""
    memo = _frame_memo
    if memo is None:
        return make()
    key = (id(widget), what)
    if (found := memo.get(key)) is None:
        found = memo[key] = make()
    return found  # type: ignore[no-any-return]


def styles_key(widget: Widget) -> tuple[object, ...]:
    """What ``widget``'s colours can depend on: it and each ancestor with its styles'
    change counter (Textual counts every rule set, from CSS or inline), less the
    changes of frame rules (``frame_rules_set``), and the app's line filters. Worked
    out once a frame."""
    return _in_frame(widget, "styles", lambda: _styles_key(widget))


def _styles_key(widget: Widget) -> tuple[object, ...]:
    key: list[object] = [tuple(map(id, widget.app.get_line_filters()))]
    frame_changes = _frame_changes
    node: Any = widget
    while node is not None:  # (ids: the kept value must not hold the widget alive)
        key.append(id(node))
        key.append(node.styles._cache_key - frame_changes.get(node, 0))
        node = node._parent
    return tuple(key)


#: Changes of styles counted by Textual that set only frame rules (border_*), by node.
_frame_changes: WeakKeyDictionary[Widget, int] = WeakKeyDictionary()


@contextmanager
def frame_rules_set(widget: Widget) -> Iterator[None]:
    """Within, only ``widget``'s frame rules are set (its border and titles' looks),
    which no colours depend on: what ``while_styled`` keeps stays. Focus moving to a
    pane sets its frame: the sidebar's would otherwise count as a change of styles
    for every section and bar in it."""
    styles = widget.styles
    before = styles._cache_key
    try:
        yield
    finally:
        changes = styles._cache_key - before
        if changes:
            _frame_changes[widget] = _frame_changes.get(widget, 0) + changes


#: What ``while_styled`` keeps, per widget: by what, the styles key and the value.
_styled: WeakKeyDictionary[Widget, dict[str, tuple[tuple[object, ...], Any]]] = WeakKeyDictionary()


def while_styled(widget: Widget, what: str, make: Callable[[], T]) -> T:
    """``make()``, kept for ``widget`` while its and its ancestors' styles are the same
    (``styles_key``): colours took ~50 µs to work out (every ancestor's background), a
    scrollbar's look as much again, for each widget in each frame, though only a
    theme, a class or a style set in code changes them. ``make`` must not read frame
    rules (``frame_rules_set``)."""
    key = styles_key(widget)
    kept = _styled.get(widget)
    if kept is None:
        kept = _styled[widget] = {}
    found = kept.get(what)
    if found is not None and found[0] == key:
        return found[1]  # type: ignore[no-any-return]
    value = make()
    kept[what] = (key, value)
    return value


def colours(widget: Widget) -> tuple[object, ...]:
    """``widget``'s background colours, line filters and opacity, kept while its
    styles are the same (``while_styled``)."""
    return while_styled(
        widget,
        "colours",
        lambda: (
            widget.background_colors,
            tuple(map(id, widget.get_line_filters())),
            widget.opacity,
        ),
    )


def settled_context(widget: Widget) -> tuple[object, ...]:
    """``drawing_context`` for a widget whose size no render in a frame changes (a
    container: its scrollbars come with a layout), worked out once per frame: the
    sidebar is asked for each gap between its sections, a dozen pieces when it
    scrolls."""
    return _in_frame(widget, "context", lambda: drawing_context(widget))


def drawing_context(widget: Widget, content: Size | None = None) -> tuple[object, ...]:
    """What every finished line of ``widget`` depends on besides its own content and
    its frame. ``content``: the size of its scrollable content region, if known."""
    if content is None:
        content = widget.scrollable_content_region.size
    return (widget.outer_size, content, *colours(widget))


@dataclass(frozen=True, slots=True)
class Frame:
    """A widget's border: how it looks, its titles, and the rows and columns it takes."""

    look: Hashable  # the edges' types and colours: every line's first and last cells
    title: Hashable  # drawn on the top row only: the title and how it looks
    subtitle: Hashable  # drawn on the bottom row only (the reader's progress)
    top: int
    right: int
    bottom: int
    left: int
    height: int


def frame_of(widget: Widget) -> Frame:
    return _in_frame(widget, "frame", lambda: _frame(widget))


def _frame(widget: Widget) -> Frame:
    styles = widget.styles
    border = styles.border
    top, right, bottom, left = border.spacing
    title = (
        widget.border_title,
        styles.border_title_color,
        styles.border_title_background,
        styles.border_title_style,
    )
    subtitle = (
        widget.border_subtitle,
        styles.border_subtitle_color,
        styles.border_subtitle_background,
        styles.border_subtitle_style,
    )
    height = widget.outer_size.height
    return Frame(border, title, subtitle, top, right, bottom, left, height)


class FinishedLines:
    """A widget's finished lines by key, kept while its drawing context is the same."""

    def __init__(self, maxsize: int) -> None:
        self._cache: LRUCache[Hashable, tuple[Strip, Hashable]] = LRUCache(maxsize)
        self._context: tuple[object, ...] = ()
        #: How many lines the last call drew (styled afresh) rather than kept.
        self.drawn = 0
        # The first and last cells of the body lines drawn with each frame look (a
        # pane has two: focused or not): every body line has the same.
        self._edges: dict[Hashable, tuple[Strip, Strip]] = {}

    def clear(self) -> None:
        self._cache.clear()
        self._edges.clear()

    def discard(self, key: Hashable) -> None:
        self._cache.discard(key)

    def holds(self, context: tuple[object, ...], keys: Iterable[Hashable]) -> bool:
        """Whether every line of ``keys`` is kept for ``context`` (in whatever frame)."""
        cache = self._cache
        return context == self._context and all(key in cache for key in keys)

    def lines(
        self,
        crop: Region,
        width: int,
        context: tuple[object, ...],
        keys: list[Hashable],
        render: Callable[[Region], list[Strip]],
        frame: Frame,
    ) -> list[Strip]:
        """The lines of ``crop`` (one key per line), cropped to its columns.

        ``render`` is the widget's styles-cache drawing (Textual's ``render_lines``)
        for the lines missing, over the full ``width``.
        """
        if context != self._context:
            self.clear()
            self._context = context
        look = frame.look
        body = range(frame.top, frame.height - frame.bottom)
        edge = self._edge_only(crop, width, frame, body)
        if edge is not None:
            self.drawn = 0
            return [edge] * crop.height
        # The border's rows are kept per look and the title they show (a new reading
        # progress draws the bottom row again, not the top); the others get new edges.
        keys = [
            key
            if y in body
            else (
                key,
                look,
                frame.title if y < body.start else None,
                frame.subtitle if y >= body.stop else None,
            )
            for y, key in zip(crop.line_range, keys, strict=True)
        ]
        cache = self._cache
        kept = [cache.get(key) for key in keys]
        strips: list[Strip | None] = [None] * len(keys)
        missing: list[int] = []
        reframe: list[int] = []
        # Without side edges (a sidebar section's frame is its top row) a body line
        # is the same in every look: kept as it is, its cropped pieces stay cached.
        sided = frame.left or frame.right
        for i, found in enumerate(kept):
            if found is None:
                missing.append(i)
            elif found[1] == look or not sided:
                strips[i] = found[0]
            else:
                reframe.append(i)
        self.drawn = len(missing)
        for first, last in runs(missing):
            made = render(Region(0, crop.y + first, width, last - first))
            for i, strip in enumerate(made, first):
                strips[i] = strip
                cache.set(keys[i], (strip, look))
                if crop.y + i in body and look not in self._edges:
                    self._take_edges(strip, look, frame, width)
        if reframe:
            self._reframe(reframe, strips, kept, keys, crop, width, frame, render)
        done: list[Strip] = strips  # type: ignore[assignment]  # every line is filled
        x1, x2 = crop.column_span
        if (x1, x2) != (0, width):
            done = [strip.crop(x1, x2) for strip in done]
        return done

    def _edge_only(self, crop: Region, width: int, frame: Frame, body: range) -> Strip | None:
        """The one strip every line of ``crop`` shows, when it is only a left or right
        edge of body lines (a focus change repaints just those) and the edges of the
        frame's look are known. Kept lines are then left as they are: they get the new
        edges when next asked for whole (``_reframe``)."""
        edges = self._edges.get(frame.look)
        if edges is None or crop.y < body.start or crop.bottom > body.stop:
            return None
        x1, x2 = crop.column_span
        inner_end = width - frame.right
        if x2 <= frame.left:
            strip = edges[0]
        elif x1 >= inner_end:
            strip, x1, x2 = edges[1], x1 - inner_end, x2 - inner_end
        else:
            return None
        return strip if (x1, x2) == (0, strip.cell_length) else strip.crop(x1, x2)

    def _take_edges(self, strip: Strip, look: Hashable, frame: Frame, width: int) -> None:
        self._edges[look] = (strip.crop(0, frame.left), strip.crop(width - frame.right, width))

    def _reframe(
        self,
        indices: list[int],
        strips: list[Strip | None],
        kept: list[tuple[Strip, Hashable] | None],
        keys: list[Hashable],
        crop: Region,
        width: int,
        frame: Frame,
        render: Callable[[Region], list[Strip]],
    ) -> None:
        """Kept lines drawn with another look, given the edges of this one."""
        look = frame.look
        if look not in self._edges:
            first = indices[0]  # drawn afresh: its edges serve the others
            strip = render(Region(0, crop.y + first, width, 1))[0]
            strips[first] = strip
            self._cache.set(keys[first], (strip, look))
            self._take_edges(strip, look, frame, width)
            indices = indices[1:]
        left, right = self._edges[look]
        inner_end = width - frame.right
        for i in indices:
            old = kept[i]
            assert old is not None
            strip = Strip.join([left, old[0].crop(frame.left, inner_end), right])
            strips[i] = strip
            self._cache.set(keys[i], (strip, look))
