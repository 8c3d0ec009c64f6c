"""Finished lines kept by the widgets that scroll: the list, the reader, the sidebar.

Scrolling by a line leaves every line of a widget dirty, and Textual's styles cache
then restyles each one (border, padding, background, the app's colour filter:
0.1-0.3 ms a line). A finished line depends only on what the widget shows on it
(its key) and on a drawing context (sizes, colours, filters), so these widgets keep
them by key and style only the lines they lack: those are styled run by run, one
styles-cache call per run of consecutive lines (its set-up is per call).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from textual.cache import LRUCache
from textual.geometry import Region
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


def drawing_context(widget: Widget) -> tuple[object, ...]:
    """What every finished line of ``widget`` depends on besides its own content."""
    return (
        widget.outer_size,
        widget.background_colors,
        tuple(map(id, widget.get_line_filters())),
        widget.opacity,
    )


class FinishedLines:
    """A widget's finished lines by key, kept while its drawing context is the same."""

    def __init__(self, maxsize: int) -> None:
        self._cache: LRUCache[Hashable, Strip] = LRUCache(maxsize)
        self._context: tuple[object, ...] = ()

    def clear(self) -> None:
        self._cache.clear()

    def discard(self, key: Hashable) -> None:
        self._cache.discard(key)

    def lines(
        self,
        crop: Region,
        width: int,
        context: tuple[object, ...],
        keys: list[Hashable],
        render: Callable[[Region], list[Strip]],
    ) -> list[Strip]:
        """The lines of ``crop`` (one key per line), cropped to its columns.

        ``render`` is the widget's styles-cache drawing (Textual's ``render_lines``)
        for the lines missing, over the full ``width``.
        """
        if context != self._context:
            self._cache.clear()
            self._context = context
        cache = self._cache
        strips: list[Strip | None] = [cache.get(key) for key in keys]
        missing = [i for i, strip in enumerate(strips) if strip is None]
        for first, last in runs(missing):
            made = render(Region(0, crop.y + first, width, last - first))
            for i, strip in enumerate(made, first):
                strips[i] = strip
                cache.set(keys[i], strip)
        done: list[Strip] = strips  # type: ignore[assignment]  # every line is filled
        x1, x2 = crop.column_span
        if (x1, x2) != (0, width):
            done = [strip.crop(x1, x2) for strip in done]
        return done
