"""A compositor that renders, for a partial update, only what the update shows.

Textual's compositor answers a partial update (say, the article list scrolled by
a line) by rendering every widget whose *container* overlaps the dirty area, over
the widget's whole height, and cutting every line of it into pieces: the reader,
the sidebar, the footer and the containers behind them are rendered and cut for
each key press in the list, and then thrown away, because the update only writes
the dirty spans. On the main screen that was about 2 ms of every scrolling key.

This compositor fills the same pieces ("chops") for the lines and columns the
update writes, front to back as Textual does, and stops asking widgets once every
piece the update writes is filled: a widget that is not visible in the dirty area,
or hidden there behind widgets already drawn, is not rendered. What reaches the
terminal is the same; ``tests/ui/test_compositor.py`` compares the two.

It overrides one private method of Textual 8.2's ``Compositor``; the project pins
that version (``pyproject.toml``), and the test fails if the method's contract
changes under us.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from itertools import pairwise

from textual._compositor import Compositor
from textual.geometry import Region
from textual.strip import Strip


class PartialCompositor(Compositor):
    """Textual's compositor, rendering for an update only the pieces it writes."""

    def _render_chops(
        self,
        crop: Region,
        is_rendered_line: Callable[[int], bool],
    ) -> Sequence[Mapping[int, Strip]]:
        """The strip for each piece of each line that overlaps ``crop``.

        Pieces outside the crop stay ``None``: a partial update skips them, and a
        full update's crop is the whole screen, so it gets every piece.
        """
        cuts = self.cuts
        chops: list[dict[int, Strip | None]] = [dict.fromkeys(cut_set[:-1]) for cut_set in cuts]
        left, right = crop.x, crop.right
        # Per line of the update, the pieces (by their first column) still unfilled.
        wanted: dict[int, set[int]] = {}
        for y in crop.line_range:
            if is_rendered_line(y):
                line_cuts = cuts[y]
                pieces = {cut for cut, end in pairwise(line_cuts) if cut < right and end > left}
                if pieces:
                    wanted[y] = pieces
        intersection = Region.intersection
        for widget, (region, clip) in self.visible_widgets.items():  # front first
            if not wanted:
                break
            visible = intersection(region, clip)
            area = intersection(visible, crop)
            if not area:
                continue
            x, x_end = visible.column_span
            rows = [
                y
                for y in area.line_range
                if y in wanted and any(x <= cut < x_end for cut in wanted[y])
            ]
            if not rows:
                continue  # everything it would show here is already covered
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
