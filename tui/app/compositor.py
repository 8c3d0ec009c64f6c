"""A compositor that renders, for a partial update, only what the update shows.

Textual's compositor answers a partial update (say, the article list scrolled by
a line) by taking the box around every dirty region, rendering every widget whose
*container* overlaps that box, over the widget's whole height, and cutting every
line of it into pieces: the reader, the sidebar, the footer and the containers
behind them were rendered and cut for each key press in the list, and thrown
away, because the update only writes the dirty spans. A repainted footer and a
repainted sidebar made the box the whole screen. On the main screen that was
about 2 ms of every scrolling key.

This compositor fills the same pieces ("chops") for the spans the update writes,
line by line, front to back as Textual does, and stops asking widgets once every
piece the update writes is filled: a widget that is not under a span, or hidden
there behind widgets already drawn, is not rendered. What reaches the terminal is
the same; ``tests/ui/test_compositor.py`` compares it with Textual's own drawing.

Its updates (``PiecesUpdate``) move the terminal's cursor only where it is not
already. It overrides ``render_partial_update`` of Textual 8.2's ``Compositor``
and uses its private ``cuts``, ``visible_widgets`` and ``_regions_to_spans``; full
updates are Textual's own. It also compares each reflow with the arrangement last
marked for repainting (what the terminal shows), where Textual compares with maps
it drops or rebuilds in between (``reflow_visible``, ``reflow``). The project pins
that version (``pyproject.toml``), and the test fails if the contract changes
under us.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from functools import lru_cache

from rich.console import Console
from rich.control import Control
from textual._compositor import ChopsUpdate, Compositor, CompositorMap, ReflowResult
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget

from tui.app.widgets.finished_lines import one_frame

#: Columns drawn already (by a widget in front) that a run of wanted pieces is
#: rendered across rather than split at: a scrollbar, not a pane's width.
NARROW_GAP = 4


class PartialCompositor(Compositor):
    """Textual's compositor, rendering for an update only the pieces it writes."""

    def __init__(self) -> None:
        super().__init__()
        #: The arrangement last compared and marked for repainting (by a reflow or a
        #: scroll's reflow): what the terminal shows, or will once painted.
        self._arranged: CompositorMap = {}

    def reflow(self, parent: Widget, size: Size) -> ReflowResult:
        """Textual's full reflow, also repainting what moved since the last one.

        Textual marks dirty what changed between the last full map and the new one,
        but a scroll updates only the visible map: a section shown where the sidebar
        was scrolled to, and not where the full map had it, stayed on the terminal
        when the layout next changed.
        """
        on_screen = self._arranged
        result = super().reflow(parent, size)
        self._mark_moved(on_screen, self._full_map, size)
        self._arranged = self._full_map
        return result

    def reflow_visible(self, parent: Widget, size: Size) -> set[Widget]:
        """Textual's scroll reflow, comparing with the arrangement on screen.

        Textual compares the new visible map with its last one, which it drops
        whenever it builds the full map (any lookup of the place of a widget out
        of view: a sidebar section's own drawing does one). With nothing to compare,
        the whole screen counted as moved; and a full map built after a scroll, but
        before its reflow, already had the scroll: nothing counted as moved, and
        the terminal kept the sidebar as it was.
        """
        self._visible_map = self._arranged
        exposed = super().reflow_visible(parent, size)
        self._arranged = self._visible_map or {}
        return exposed

    def _mark_moved(self, before: CompositorMap, after: CompositorMap, size: Size) -> None:
        if size.region in self._dirty_regions:
            return  # all of it is repainted anyway
        for _widget, geometry in before.items() ^ after.items():
            region = geometry.clip.intersection(geometry.region)
            if region:
                self._dirty_regions.add(region)

    def render_partial_update(self) -> PiecesUpdate | None:
        """Textual's partial update, with the pieces found per line of the update.

        Textual takes the box around all dirty regions: a repainted footer and a
        repainted sidebar make the whole screen. The spans keep each line's own
        columns, so only the widgets under them are asked, and only for those
        columns.
        """
        update_regions = self._dirty_regions.copy()
        self._dirty_regions.clear()
        if not update_regions:
            return None
        spans = list(self._regions_to_spans(update_regions))
        with one_frame():
            chops, chop_ends = self._render_spans(spans)
        return PiecesUpdate(chops, spans, chop_ends)

    def _render_spans(
        self, spans: Iterable[tuple[int, int, int]]
    ) -> tuple[list[dict[int, Strip | None]], list[list[int]]]:
        """The pieces of the lines under the spans ``(y, x1, x2)``, and where each ends.

        A line's pieces are Textual's (cut where widgets begin and end) cut again
        where the spans begin and end, so a piece is either written whole or not at
        all: a focus change that repaints a pane's left and right edges asks the pane
        for those two columns, not for its whole width (``FinishedLines`` answers
        them without touching its lines). Lines without a span have no pieces (a
        partial update writes only the spans).

        The work is done per band of lines rather than per line: consecutive lines
        with the same cuts and spans, which no widget begins or ends within, have
        the same pieces filled by the same widgets (a scrolled sidebar is a dozen
        bands, not forty lines).
        """
        cuts = self.cuts
        height = len(cuts)
        width = self.size.width
        chops: list[dict[int, Strip | None]] = [{} for _ in range(height)]
        chop_ends: list[list[int]] = [[] for _ in range(height)]
        spans_by_line: dict[int, list[tuple[int, int]]] = {}
        for y, x1, x2 in spans:
            x1, x2 = max(0, x1), min(width, x2)
            if 0 <= y < height and x1 < x2:
                spans_by_line.setdefault(y, []).append((x1, x2))
        if not spans_by_line:
            return chops, chop_ends
        intersection = Region.intersection
        visible = [
            (widget, region, intersection(region, clip))
            for widget, (region, clip) in self.visible_widgets.items()  # front first
        ]
        edges = {line for _, _, shown in visible for line in shown.line_span}
        bands: list[_Band] = []
        last_y, last_key = -2, None
        for y in sorted(spans_by_line):
            key = (cuts[y], spans_by_line[y])
            if y == last_y + 1 and y not in edges and key == last_key:
                bands[-1].bottom = y + 1
            else:
                bands.append(_Band(y, *key))
            last_y, last_key = y, key
        for band in bands:
            for y in range(band.top, band.bottom):
                chops[y] = dict.fromkeys(band.starts[:-1])
                chop_ends[y] = band.ends
        left = min(band.order[0] for band in bands)
        right = max(band.wanted[band.order[-1]] for band in bands)
        top_line, bottom_line = bands[0].top, bands[-1].bottom
        for widget, region, shown in visible:
            if not bands:
                break
            x, x_end = shown.column_span
            first, last = shown.line_span
            if x >= right or x_end <= left or first >= bottom_line or last <= top_line:
                continue  # beside or above or below everything the update writes
            # The runs of wanted pieces this widget is in front of, by their columns.
            by_columns: dict[tuple[int, int], list[_Band]] = {}
            for band in bands:
                if band.bottom <= first or band.top >= last:
                    continue  # (a band is all inside a widget's lines, or all outside)
                order, wanted = band.order, band.wanted
                inside = order[bisect_left(order, x) : bisect_left(order, x_end)]
                if inside:  # less what widgets in front have drawn
                    inside = [start for start in inside if start in wanted]
                if not inside:
                    continue  # nothing the update writes, or hidden there by widgets drawn
                # A run may pass over a few columns drawn already (a scrollbar):
                # dividing one line is cheaper than cutting two out of it.
                run_start = run_end = inside[0]
                for start in inside:
                    if start - run_end > NARROW_GAP:
                        by_columns.setdefault((run_start, run_end), []).append(band)
                        run_start = start
                    run_end = wanted[start]
                by_columns.setdefault((run_start, run_end), []).append(band)
            for (x1, x2), column_bands in by_columns.items():
                for group in _adjoining(column_bands):
                    top, bottom = group[0].top, group[-1].bottom
                    strips = widget.render_lines(
                        Region(x1 - region.x, top - region.y, x2 - x1, bottom - top)
                    )
                    assert len(strips) == bottom - top
                    for band in group:
                        band.fill(chops, strips[band.top - top : band.bottom - top], x1, x2)
            bands = [band for band in bands if band.wanted]
        return chops, chop_ends


class PiecesUpdate(ChopsUpdate):
    """Textual's partial update, written to the terminal with a cursor move only
    where the cursor is not already.

    Textual moves the cursor before every piece, though a line's pieces mostly
    follow on from each other (a pane, its scrollbar, its border): ~150 moves for
    a line down in the reader, ~2.5 µs each to build, and bytes for the terminal to
    parse. The screen it leaves is the same (a test compares the two on a model of
    a terminal).
    """

    def render_segments(self, console: Console) -> str:
        sequences: list[str] = []
        append = sequences.append
        chops, chop_ends = self.chops, self.chop_ends
        cursor = (-1, -1)  # where the last piece left it
        for y, x1, x2 in self.spans:
            for end, (x, strip) in zip(chop_ends[y], chops[y].items(), strict=False):
                if strip is None or x > x2 or end <= x1:
                    continue
                if not (x2 > x >= x1 and end <= x2):  # (Textual's test and crop)
                    strip = strip.crop(0, min(end, x2) - x)
                if cursor != (x, y):
                    append(_move_to(x, y))
                append(strip.render(console))
                cursor = (x + strip.cell_length, y)
        return "".join(sequences)


@lru_cache(maxsize=4096)
def _move_to(x: int, y: int) -> str:
    return Control.move_to(x, y).segment.text


class _Band:
    """Consecutive lines with the same cuts and spans: the same pieces, filled by the
    same widgets."""

    __slots__ = ("bottom", "ends", "order", "starts", "top", "wanted")

    def __init__(self, y: int, cuts: list[int], spans: list[tuple[int, int]]) -> None:
        self.top, self.bottom = y, y + 1
        marks = set(cuts)
        for x1, x2 in spans:
            marks.add(x1)
            marks.add(x2)
        #: Where each piece starts (and the line's end), and where each ends.
        self.starts = starts = sorted(marks)
        self.ends = starts[1:]
        #: The pieces the update writes and no widget has filled yet: start -> end.
        self.wanted: dict[int, int] = {}
        for x1, x2 in spans:
            for i in range(bisect_left(starts, x1), bisect_left(starts, x2)):
                self.wanted[starts[i]] = starts[i + 1]
        self.order = sorted(self.wanted)

    def fill(
        self, chops: list[dict[int, Strip | None]], strips: list[Strip], x1: int, x2: int
    ) -> None:
        """Fill the wanted pieces in columns ``x1``-``x2`` with a widget's ``strips``."""
        starts, wanted = self.starts, self.wanted
        pieces = starts[bisect_left(starts, x1) : bisect_left(starts, x2)]
        if len(pieces) == 1:
            for y, strip in enumerate(strips, self.top):
                chops[y][x1] = strip
        else:
            ends = [start - x1 for start in pieces[1:]]
            ends.append(x2 - x1)
            kept = [(i, start) for i, start in enumerate(pieces) if start in wanted]
            for y, strip in enumerate(strips, self.top):
                divided = strip.divide(ends)  # where each piece ends
                line_chops = chops[y]
                for i, start in kept:  # not drawn by a widget in front
                    line_chops[start] = divided[i]
        for start in pieces:
            wanted.pop(start, None)


def _adjoining(bands: list[_Band]) -> list[list[_Band]]:
    """Bands (top to bottom) in groups of ones that follow on: one render each."""
    groups: list[list[_Band]] = []
    for band in bands:
        if groups and groups[-1][-1].bottom == band.top:
            groups[-1].append(band)
        else:
            groups.append([band])
    return groups
