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

It overrides ``render_partial_update`` of Textual 8.2's ``Compositor`` and uses its
private ``cuts``, ``visible_widgets`` and ``_regions_to_spans``; full updates are
Textual's own. It also keeps a scroll from repainting the whole screen after a
lookup of the full map (``reflow_visible``). The project pins that version
(``pyproject.toml``), and the test fails if the contract changes under us.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

from textual._compositor import ChopsUpdate, Compositor
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget


class PartialCompositor(Compositor):
    """Textual's compositor, rendering for an update only the pieces it writes."""

    def reflow_visible(self, parent: Widget, size: Size) -> set[Widget]:
        """Textual's scroll reflow, comparing with the full map when the visible one is gone.

        Textual marks dirty what moved by comparing the new visible map with the
        last one, but drops the last one whenever it builds the full map (any lookup
        of a widget's place after a scroll: focusing a sidebar section does one).
        With nothing to compare, the whole screen counted as moved: a full repaint
        at every Tab into or within the sidebar. The visible map is only ever
        dropped when the full map is built (or by a full reflow, which builds it), so
        the full map holds the arrangement on screen: the same geometry, plus the
        hidden widgets, which have no visible region to mark. (Textual may since
        have flagged it for a rebuild, conservatively, when a widget off screen
        asked for a repaint; that moved nothing.)
        """
        if self._visible_map is None and self._full_map:
            self._visible_map = self._full_map
        return super().reflow_visible(parent, size)

    def render_partial_update(self) -> ChopsUpdate | None:
        """Textual's partial update, with the pieces found per line of the update.

        Textual takes the box around all dirty regions: a repainted footer and a
        repainted sidebar make the whole screen. The spans keep each line's own
        columns, so only the widgets under them are asked.
        """
        update_regions = self._dirty_regions.copy()
        self._dirty_regions.clear()
        if not update_regions:
            return None
        spans = list(self._regions_to_spans(update_regions))
        chops = self._render_spans(spans)
        chop_ends = [cut_set[1:] for cut_set in self.cuts]
        return ChopsUpdate(chops, spans, chop_ends)

    def _render_spans(self, spans: Iterable[tuple[int, int, int]]) -> list[dict[int, Strip]]:
        """The strip of each piece of each line that overlaps a span ``(y, x1, x2)``.

        Other pieces stay ``None``: a partial update writes only the spans.
        """
        cuts = self.cuts
        height = len(cuts)
        chops: list[dict[int, Strip | None]] = [dict.fromkeys(cut_set[:-1]) for cut_set in cuts]
        # Per line of the update, the pieces (by their first column) still unfilled.
        wanted: dict[int, set[int]] = {}
        left, right = self.size.width, 0  # the columns of all wanted pieces
        for y, x1, x2 in spans:
            if 0 <= y < height:
                line_cuts = cuts[y]
                pieces = {cut for cut, end in pairwise(line_cuts) if cut < x2 and end > x1}
                if pieces:
                    wanted.setdefault(y, set()).update(pieces)
                    left = min(left, max(c for c in line_cuts if c <= x1))
                    right = max(right, min(c for c in line_cuts if c >= x2))
        if not wanted:
            return chops  # type: ignore[return-value]
        top_line, bottom_line = min(wanted), max(wanted) + 1
        intersection = Region.intersection
        for widget, (region, clip) in self.visible_widgets.items():  # front first
            if not wanted:
                break
            visible = intersection(region, clip)
            x, x_end = visible.column_span
            first, last = visible.line_span
            if x >= right or x_end <= left or first >= bottom_line or last <= top_line:
                continue  # beside or above or below everything the update writes
            rows = [
                y
                for y in range(max(first, top_line), min(last, bottom_line))
                if y in wanted and any(x <= cut < x_end for cut in wanted[y])
            ]
            if not rows:
                continue  # nothing the update writes, or hidden there by widgets drawn
            top = rows[0]
            strips = widget.render_lines(
                Region(x - region.x, top - region.y, visible.width, rows[-1] - top + 1)
            )
            for y in rows:
                line_wanted = wanted[y]
                line_cuts = [cut for cut in cuts[y] if x_end >= cut >= x]
                pieces = strips[y - top].divide([cut - x for cut in line_cuts[1:]])
                line_chops = chops[y]
                for cut, piece in zip(line_cuts, pieces, strict=False):
                    if cut in line_wanted:
                        line_chops[cut] = piece
                        line_wanted.discard(cut)
                if not line_wanted:
                    del wanted[y]
        return chops  # type: ignore[return-value]  # every wanted piece is filled
