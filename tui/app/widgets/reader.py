"""The reader pane: one article, its names and quotations highlighted, stepped through.

Built on Textual's Line API: the article is laid out once per width
(``tui.reading.layout``) and ``render_line`` only looks a line up, styles the
spans on it and crops it, so scrolling never re-wraps and a focus change
repaints just the lines it touches. Rendered lines are cached until the
layout, the theme, the highlights toggle, or a highlight or match on them
changes.
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from itertools import pairwise
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events, work
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.annotate import Mark
from tui.app.widgets.finished_lines import FinishedLines, drawing_context, frame_of
from tui.app.widgets.pane_frame import FOCUSED_FRAME, FramedPane
from tui.app.widgets.scrollbars import QuickScrollBars
from tui.model import Article
from tui.reading.layout import MEASURE, Highlight, Layout, empty_layout, highlights_of, layout
from tui.reading.selection import move_end, snap_end, word_at

ENTITY_KINDS = frozenset({"PERSON", "ORG", "PLACE"})
QUOTE_KINDS = frozenset({"QUOTE"})
#: Component classes whose colours need the widget's background to resolve.
WHOLE_STYLES = frozenset({"reader--title", "reader--standfirst", "reader--meta"})
#: Cells left of the text for note marks (✎ on a note's first line, │ below it).
GUTTER = 2
#: Bodies longer than this are laid out in a thread (``layout()`` takes ~1 s per
#: million characters of dense text): the reader says so meanwhile, and the rest
#: of the app keeps answering keys. Shorter ones (~40 ms and less) lay out at once.
THREAD_LAYOUT_CHARS = 150_000
KIND_CLASS = {
    "PERSON": "reader--person",
    "ORG": "reader--org",
    "PLACE": "reader--place",
    "QUOTE": "reader--quote",
}


class LineStrips(dict[int, Strip]):
    """The reader's styled text lines by layout index, and the finished lines made
    from them: dropping a text line (its highlight, selection or match changed)
    drops its finished line too."""

    #: Most finished lines kept (a screen is ~50; a long article has 100,000 lines).
    FINISHED_LIMIT = 4096

    def __init__(self) -> None:
        super().__init__()
        self.finished = FinishedLines(self.FINISHED_LIMIT)

    def pop(self, key: int, default: Strip | None = None) -> Strip | None:  # type: ignore[override]
        self.finished.discard(key)
        return super().pop(key, default)

    def clear(self) -> None:
        self.finished.clear()
        super().clear()


class Reader(ScrollView, FramedPane, QuickScrollBars, can_focus=True):
    """Shows one article; n/N, ]/[ and }/{ step through its names and quotations."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "reader--title",
        "reader--meta",
        "reader--standfirst",
        "reader--heading",
        "reader--person",
        "reader--org",
        "reader--place",
        "reader--quote",
        "reader--focused",
        "reader--match",
        "reader--quote-bar",
        "reader--gutter",
        "reader--annotation",
        "reader--selection",
        FOCUSED_FRAME,
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "line_down", "Down", id="reader-down", show=False,
                tooltip="Scroll one line down"),
        Binding("k,up", "line_up", "Up", id="reader-up", show=False,
                tooltip="Scroll one line up"),
        Binding("space,pagedown", "page_down", "Page down", id="reader-page-down", show=False,
                tooltip="Scroll one screen down"),
        Binding("shift+space,pageup", "page_up", "Page up", id="reader-page-up", show=False,
                tooltip="Scroll one screen up"),
        Binding("ctrl+d", "half_page_down", "Half page down", id="reader-half-page-down",
                show=False, tooltip="Scroll half a screen down"),
        Binding("ctrl+u", "half_page_up", "Half page up", id="reader-half-page-up",
                show=False, tooltip="Scroll half a screen up"),
        Binding("g,home", "top", "Top", id="reader-top", show=False,
                tooltip="Go to the start of the article"),
        Binding("G,end", "bottom", "End", id="reader-end", show=False,
                tooltip="Go to the end of the article"),
        Binding("n", "next_highlight", "Next highlight", id="next-highlight",
                tooltip="Step to the next name or quotation"),
        Binding("N", "previous_highlight", "Previous highlight", id="previous-highlight",
                show=False, tooltip="Step to the previous name or quotation"),
        Binding("right_square_bracket", "next_quote", "Next quote", id="next-quote",
                tooltip="Step to the next quotation"),
        Binding("left_square_bracket", "previous_quote", "Previous quote",
                id="previous-quote", show=False, tooltip="Step to the previous quotation"),
        Binding("right_curly_bracket", "next_entity", "Next name", id="next-entity",
                show=False, tooltip="Step to the next person, organisation or place"),
        Binding("left_curly_bracket", "previous_entity", "Previous name",
                id="previous-entity", show=False,
                tooltip="Step to the previous person, organisation or place"),
        Binding("enter", "activate", "About this", id="activate-highlight",
                tooltip="Everything the library knows about the focused name or speaker"),
        Binding("H", "toggle_highlights", "Highlights", id="toggle-highlights", show=False,
                tooltip="Show or hide the colouring of names and quotations"),
        Binding("v", "select", "Select", id="select-passage",
                tooltip="Select a passage from the top line (then l/h words, j/k lines, a note)"),
        Binding("l,right", "select_more", "Word more", id="select-more", show=False,
                tooltip="Selecting: one more word"),
        Binding("h,left", "select_less", "Word less", id="select-less", show=False,
                tooltip="Selecting: one word less"),
        Binding("escape", "cancel_selection", "Cancel", id="select-cancel", show=False,
                tooltip="Selecting: drop the selection"),
    ]  # fmt: skip

    #: Draw names and quotations in their styles (the focused one and find
    #: matches are drawn either way, so you never lose your place).
    highlights_on: reactive[bool] = reactive(True, init=False, repaint=False)
    #: Index (into ``highlights``) of the focused highlight.
    focused: reactive[int | None] = reactive(None, init=False, repaint=False)
    #: How far down the article the view is, 0 (top) to 1 (end).
    progress: reactive[float] = reactive(0.0, init=False, repaint=False)

    class _ReaderMessage(Message):
        """Base of the reader's messages: ``control`` is the reader, for ``@on`` selectors."""

        def __init__(self, reader: Reader) -> None:
            super().__init__()
            self.reader = reader

        @property
        def control(self) -> Reader:
            return self.reader

    class HighlightFocused(_ReaderMessage):
        """The focused highlight changed (None: no highlight is focused)."""

        def __init__(self, reader: Reader, highlight: Highlight | None) -> None:
            super().__init__(reader)
            self.highlight = highlight

    class HighlightActivated(_ReaderMessage):
        """Enter or a click on a highlight: the user wants to know more about it."""

        def __init__(self, reader: Reader, highlight: Highlight) -> None:
            super().__init__(reader)
            self.highlight = highlight

    class SelectionChanged(_ReaderMessage):
        """A passage selection started, changed or ended (``selection`` None)."""

        def __init__(self, reader: Reader, selection: tuple[int, int] | None) -> None:
            super().__init__(reader)
            self.selection = selection

    class PositionChanged(_ReaderMessage):
        """The top line changed: ``offset`` is the new reading position."""

        def __init__(self, reader: Reader, offset: int, progress: float) -> None:
            super().__init__(reader)
            self.offset = offset
            self.progress = progress

        def can_replace(self, message: Message) -> bool:
            # Only the latest place matters: a burst of scrolling posts one message.
            return isinstance(message, Reader.PositionChanged) and message.reader is self.reader

    def __init__(
        self,
        *,
        measure: int = MEASURE,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        self.measure = measure
        self.article: Article | None = None
        self.highlights: list[Highlight] = []
        self._body = ""
        self._layout: Layout | None = None
        self._layout_width = 0
        #: Counts layouts asked for: a threaded one is used only if still the latest.
        self._layout_ticket = 0
        self.laying_out = False
        """True while a long article is being laid out in a thread."""
        self._pending_offset = 0
        #: (top line, offset) after go_to_offset: the exact offset asked for, even
        #: when the line could not reach the top (end of the article) or the offset
        #: is mid-line. Forgotten as soon as the view scrolls elsewhere.
        self._anchor: tuple[int, int] | None = None
        self._top = -1
        self._quiet = False
        self._strips = LineStrips()
        #: Text lines drawn while reading ahead are this far below (above) the view.
        self._read_ahead_shift = 0
        self._read_ahead_due = False
        #: The widget's own style, which Textual recomputes on every access: kept
        #: until the styles change (it is wanted for every line drawn).
        self._base_style: Style | None = None
        self._matches: list[tuple[int, int]] = []
        self._match_lines: dict[int, list[tuple[int, int, int]]] = {}
        self._match_spans: list[list[tuple[int, int, int]]] = []
        self._current_match: int | None = None
        self._marks: list[Mark] = []
        self._gutter: dict[int, str] = {}
        self._tints: dict[int, list[tuple[int, int]]] = {}
        #: The selected passage as body offsets [start, end), None when not selecting.
        self.selection: tuple[int, int] | None = None
        self._selection_lines: dict[int, tuple[int, int]] = {}

    # Showing an article ---------------------------------------------------------------
    def show_article(self, article: Article | None, *, offset: int = 0) -> None:
        """Show ``article`` with body ``offset`` at the top (None: the empty state)."""
        self.focused = None
        self._clear_matches()
        self._marks = []
        self.selection = None
        self._selection_lines = {}
        self.article = article
        self.highlights = highlights_of(article) if article is not None else []
        self._body = article.text if article is not None else ""
        self._layout = None
        self._pending_offset = offset
        if self.scrollable_content_region.width > 0:
            self._relayout(offset)
        else:
            self.refresh()

    @property
    def position(self) -> int:
        """Body offset of the top visible line: save it, pass it to ``go_to_offset``."""
        if self._layout is None or self.article is None:
            return self._pending_offset if self.article is not None else 0
        top = self.scroll_offset.y
        if self._anchor is not None and self._anchor[0] == top:
            return self._anchor[1]
        return self._layout.offset_of(top)

    def go_to_offset(self, offset: int) -> None:
        """Scroll so that the line showing body ``offset`` is at the top."""
        if self._layout is None:
            self._pending_offset = offset
            return
        # Quiet while scrolling, so the position posted is the exact offset asked for.
        self._quiet = True
        try:
            self._scroll_to_line(self._layout.line_of(offset))
        finally:
            self._quiet = False
        self._anchor = (self.scroll_offset.y, offset)
        self._after_scroll()

    @property
    def line_count(self) -> int:
        return len(self._layout.lines) if self._layout is not None else 0

    def line_text(self, y: int) -> str:
        """The plain text of laid-out line ``y`` (what the screen shows, unstyled)."""
        if self._layout is None or not 0 <= y < len(self._layout.lines):
            return ""
        return self._layout.lines[y].text

    def _relayout(self, offset: int) -> None:
        """Lay the article out for the current width and put ``offset`` at the top."""
        width = self.scrollable_content_region.width
        self._layout_width = width
        text_width = max(1, width - GUTTER)
        self._layout_ticket += 1
        if self.article is None:
            self._use_layout(empty_layout(text_width), offset)
        elif len(self._body) > THREAD_LAYOUT_CHARS:
            self._layout = None
            self._pending_offset = offset
            self.laying_out = True
            self.virtual_size = Size(width, 1)
            self.refresh()
            self._layout_in_thread(self._layout_ticket, self.article, text_width, self.highlights)
        else:
            self._use_layout(
                layout(self.article, text_width, self.measure, highlights=self.highlights),
                offset,
            )

    # A description of our own: Textual's default is the repr of every argument,
    # which for a long article and its highlights took ~0.5 s on the UI thread.
    @work(
        thread=True,
        exclusive=True,
        group="reader-layout",
        exit_on_error=False,
        description="laying out a long article",
    )
    def _layout_in_thread(
        self, ticket: int, article: Article, text_width: int, highlights: list[Highlight]
    ) -> None:
        laid_out = layout(article, text_width, self.measure, highlights=highlights)
        self.app.call_from_thread(self._threaded_layout_done, ticket, laid_out)

    def _threaded_layout_done(self, ticket: int, laid_out: Layout) -> None:
        if ticket != self._layout_ticket:
            return  # Another article, or another width, was asked for since.
        self._use_layout(laid_out, self._pending_offset)
        if self.focused is not None:
            self.focus_highlight(self.focused)

    def _use_layout(self, laid_out: Layout, offset: int) -> None:
        """Show ``laid_out`` (made for the current width) with ``offset`` at the top."""
        self._layout = laid_out
        self.laying_out = False
        width = self._layout_width
        self._strips.clear()
        self._map_matches()
        self._map_marks()
        self._map_selection()
        self.virtual_size = Size(min(self._layout.width + GUTTER, width), len(self._layout.lines))
        self.go_to_offset(offset)
        self._update_progress()
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        width = self.scrollable_content_region.width
        if width <= 0:
            return
        if width != self._layout_width or (self._layout is None and not self.laying_out):
            self._relayout(self.position)
        else:
            self._update_progress()

    # Scrolling ------------------------------------------------------------------------
    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._after_scroll()

    def _after_scroll(self) -> None:
        """Post the new position when the top line changes (not on every scroll step)."""
        top = self.scroll_offset.y
        if top == self._top or self._quiet:
            return
        self._top = top
        if self._anchor is not None and self._anchor[0] != top:
            self._anchor = None
        self._update_progress()
        if self.article is not None and self._layout is not None:
            self.post_message(self.PositionChanged(self, self.position, self.progress))
        self._schedule_read_ahead()

    def _update_progress(self) -> None:
        if self.article is None:
            self.progress = 0.0
        else:
            most = self.max_scroll_y
            self.progress = min(1.0, self.scroll_offset.y / most) if most > 0 else 1.0
        self.border_subtitle = f"{round(self.progress * 100)}%" if self.article else ""

    @property
    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height)

    def _scroll_to_line(self, y: int) -> None:
        self.scroll_to(y=y, animate=False, force=True)

    def action_line_down(self) -> None:
        if self.selection is not None:
            self._select_lines(1)
            return
        self._scroll_to_line(self.scroll_offset.y + 1)

    def action_line_up(self) -> None:
        if self.selection is not None:
            self._select_lines(-1)
            return
        self._scroll_to_line(self.scroll_offset.y - 1)

    def action_page_down(self) -> None:
        self._scroll_to_line(self.scroll_offset.y + max(1, self._page - 1))

    def action_page_up(self) -> None:
        self._scroll_to_line(self.scroll_offset.y - max(1, self._page - 1))

    def action_half_page_down(self) -> None:
        self._scroll_to_line(self.scroll_offset.y + max(1, self._page // 2))

    def action_half_page_up(self) -> None:
        self._scroll_to_line(self.scroll_offset.y - max(1, self._page // 2))

    def action_top(self) -> None:
        self._scroll_to_line(0)

    def action_bottom(self) -> None:
        self._scroll_to_line(self.max_scroll_y)

    def _show_lines(self, first: int, last: int) -> None:
        """Scroll lines ``first``..``last`` into view, with a little context above."""
        top, height = self.scroll_offset.y, self._page
        if first >= top and last < top + height:
            return
        context = min(3, height // 4)
        self._scroll_to_line(max(0, first - context))

    # Highlights -----------------------------------------------------------------------
    def validate_focused(self, index: int | None) -> int | None:
        if index is None or not 0 <= index < len(self.highlights):
            return None
        return index

    def watch_focused(self, old: int | None, new: int | None) -> None:
        for index in (old, new):
            self._refresh_highlight(index)
        highlight = self.highlights[new] if new is not None else None
        self.post_message(self.HighlightFocused(self, highlight))
        self.refresh_bindings()

    def _refresh_highlight(self, index: int | None) -> None:
        if index is None or self._layout is None or index >= len(self._layout.highlight_lines):
            return
        first, last = self._layout.highlight_lines[index]
        self._refresh_lines(first, last)

    def _refresh_lines(self, first: int, last: int) -> None:
        for y in range(first, last + 1):
            self._strips.pop(y, None)
        self.refresh_lines(first, last - first + 1)

    def focus_highlight(self, index: int | None) -> None:
        """Focus highlight ``index`` (None: none) and scroll it into view."""
        self.focused = index
        if self.focused is not None and self._layout is not None:
            self._show_lines(*self._layout.highlight_lines[self.focused])

    def watch_highlights_on(self, on: bool) -> None:
        self._strips.clear()
        self.refresh()

    def action_toggle_highlights(self) -> None:
        self.highlights_on = not self.highlights_on

    def action_next_highlight(self) -> None:
        self._step(forward=True, kinds=None, what="names or quotations")

    def action_previous_highlight(self) -> None:
        self._step(forward=False, kinds=None, what="names or quotations")

    def action_next_quote(self) -> None:
        self._step(forward=True, kinds=QUOTE_KINDS, what="quotations")

    def action_previous_quote(self) -> None:
        self._step(forward=False, kinds=QUOTE_KINDS, what="quotations")

    def action_next_entity(self) -> None:
        self._step(forward=True, kinds=ENTITY_KINDS, what="names")

    def action_previous_entity(self) -> None:
        self._step(forward=False, kinds=ENTITY_KINDS, what="names")

    def _step(self, *, forward: bool, kinds: frozenset[str] | None, what: str) -> None:
        """Focus the next (previous) highlight of ``kinds`` in body order.

        From the focused one while it is on screen; otherwise from the top of the
        view, so after scrolling away n continues where you are reading.
        """
        candidates = [h.index for h in self.highlights if kinds is None or h.kind in kinds]
        if not candidates or self._layout is None:
            self.notify(f"No {what} in this article.")
            return
        lines = self._layout.highlight_lines
        top, height = self.scroll_offset.y, self._page
        current = self.focused
        if current is not None and lines[current][1] >= top and lines[current][0] < top + height:
            after = [i for i in candidates if i > current]
            before = [i for i in candidates if i < current]
        else:
            after = [i for i in candidates if lines[i][0] >= top]
            before = [i for i in candidates if lines[i][0] < top]
        if forward:
            target = after[0] if after else candidates[0]
            wrapped = not after
        else:
            target = before[-1] if before else candidates[-1]
            wrapped = not before
        if wrapped:
            self.notify("Wrapped to the top" if forward else "Wrapped to the bottom")
        self.focus_highlight(target)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "activate":
            return True if self.focused is not None else None
        if action in ("select_more", "select_less", "cancel_selection"):
            return self.selection is not None
        return True

    def action_activate(self) -> None:
        if self.focused is None:
            self.notify("Press n to step to a name or quotation first.")
            return
        self.post_message(self.HighlightActivated(self, self.highlights[self.focused]))

    def on_click(self, event: events.Click) -> None:
        here = event.get_content_offset(self)
        if here is None or self._layout is None:
            return
        y = self.scroll_offset.y + here.y
        if not 0 <= y < len(self._layout.lines):
            return
        x = self.scroll_offset.x + here.x - self._layout.pad - GUTTER
        line = self._layout.lines[y]
        hit = None
        for first, last, index in line.highlights:
            left = cell_len(line.text[:first])
            if left <= x < left + cell_len(line.text[first:last]):
                hit = index  # the innermost wins: names inside a quotation come later
        if hit is not None:
            self.focus_highlight(hit)
            self.post_message(self.HighlightActivated(self, self.highlights[hit]))

    # Find in article ------------------------------------------------------------------
    @property
    def match_count(self) -> int:
        return len(self._matches)

    @property
    def current_match(self) -> int | None:
        """Index of the current find match, None when nothing is found."""
        return self._current_match

    def find(self, term: str) -> int:
        """Mark every case-insensitive match of ``term`` and go to the first one at
        or after the top of the view; returns how many there are."""
        self.clear_find()
        if not term or not self._body:
            return 0
        pattern = re.compile(re.escape(term), re.IGNORECASE)
        self._matches = [match.span() for match in pattern.finditer(self._body)]
        if not self._matches:
            return 0
        self._map_matches()
        top = self.position
        start = next((i for i, (s, _e) in enumerate(self._matches) if s >= top), 0)
        for y in self._match_lines:
            self._strips.pop(y, None)
        self.refresh()
        self._go_to_match(start)
        return len(self._matches)

    def action_find_next(self) -> None:
        self._step_match(1)

    def action_find_previous(self) -> None:
        self._step_match(-1)

    def _step_match(self, step: int) -> None:
        if not self._matches:
            return
        current = self._current_match if self._current_match is not None else -step
        target = current + step
        if not 0 <= target < len(self._matches):
            self.notify("Wrapped to the top" if step > 0 else "Wrapped to the bottom")
            target %= len(self._matches)
        self._go_to_match(target)

    def _go_to_match(self, index: int) -> None:
        old, self._current_match = self._current_match, index
        for which in (old, index):
            if which is not None and which < len(self._match_spans):
                spans = self._match_spans[which]
                if spans:
                    self._refresh_lines(spans[0][0], spans[-1][0])
        spans = self._match_spans[index] if index < len(self._match_spans) else []
        if spans:
            self._show_lines(spans[0][0], spans[-1][0])

    def clear_find(self) -> None:
        """Forget the find: no match is marked any more."""
        if not self._matches:
            return
        lines = list(self._match_lines)
        self._clear_matches()
        for y in lines:
            self._strips.pop(y, None)
        self.refresh()

    def _clear_matches(self) -> None:
        self._matches = []
        self._match_lines = {}
        self._match_spans = []
        self._current_match = None

    def _map_matches(self) -> None:
        """Where each match is drawn, for the current layout."""
        self._match_lines = {}
        self._match_spans = []
        if self._layout is None:
            return
        for index, (start, end) in enumerate(self._matches):
            spans = self._layout.spans(start, end)
            self._match_spans.append(spans)
            for y, first, last in spans:
                self._match_lines.setdefault(y, []).append((first, last, index))

    # Rendering ------------------------------------------------------------------------
    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()  # a theme or CSS change recolours every line
        self._base_style = None

    def render_lines(self, crop: Region) -> list[Strip]:
        """Finished lines (border, padding, background, colour filter), kept per line.

        Scrolling by a line leaves every line on screen dirty, and Textual's styles
        cache then restyles each one (~0.25 ms a line here): a scroll cost ~10 ms. A
        finished line depends on its text line and the drawing context, and is
        dropped with the text line (``LineStrips``), so only the line scrolled in is
        styled again.
        """
        if self._layout is None or self.laying_out:
            return super().render_lines(crop)
        width, height = self.outer_size
        gutter = self.styles.gutter
        top = round(self.scroll_offset.y) - gutter.top
        text_end = min(height - gutter.bottom, len(self._layout.lines) - top)
        # A text line by its index; border, padding and blank lines by their place
        # (the border's rows are kept with their titles: the bottom one with the progress).
        keys: list[Hashable] = [
            top + y if gutter.top <= y < text_end else -1 - y for y in crop.line_range
        ]
        finished = self._strips.finished
        lines = finished.lines(
            crop, width, self._drawing_context(), keys, super().render_lines, frame_of(self)
        )
        if finished.drawn:
            self._schedule_read_ahead()  # new lines here: likely none around them either
        return lines

    def _drawing_context(self) -> tuple[object, ...]:
        return (*drawing_context(self), self.scroll_offset.x)

    # Reading ahead --------------------------------------------------------------------
    @property
    def reading_ahead(self) -> bool:
        """The pages around the view are yet to be drawn ahead."""
        return self._read_ahead_due

    def _schedule_read_ahead(self) -> None:
        """Read ahead once the frame that shows this scroll is painted.

        That is between two presses of a held key (terminals repeat a key every
        30-40 ms), so the next page is drawn before the next press asks for it; when
        the pages are drawn already this finds nothing to do.
        """
        if not self._read_ahead_due:
            self._read_ahead_due = True
            self.call_after_refresh(self._read_ahead)

    def _read_ahead(self) -> None:
        """Finish the lines of the page below and the page above while the reader
        reads this one: a page down then costs what a line down does (~37 lines of
        highlighted text took ~4 ms to style, plus the collections they set off)."""
        self._read_ahead_due = False
        if self._layout is None or self.laying_out or not self.size.area:
            return
        width, height = self.outer_size
        gutter = self.styles.gutter
        rows = height - gutter.top - gutter.bottom
        top = round(self.scroll_offset.y)
        lines = len(self._layout.lines)
        context, frame = self._drawing_context(), frame_of(self)
        for first in (top + rows, top - rows):
            start, end = max(0, first), min(first + rows, lines)
            if start >= end or self._strips.finished.holds(context, range(start, end)):
                continue  # nothing there, or drawn already (scrolling by lines)
            # Content rows of the view show text lines start.. while the shift is on.
            # Textual's styles cache keeps lines by row: it must draw these afresh, and
            # afterwards draw the view's own again.
            self._styles_cache.clear()
            self._read_ahead_shift = start - top
            try:
                self._strips.finished.lines(
                    Region(0, gutter.top, width, end - start),
                    width,
                    context,
                    list(range(start, end)),
                    super().render_lines,
                    frame,
                )
            finally:
                self._read_ahead_shift = 0
                self._styles_cache.clear()

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self._layout_width
        base = self._base_style
        if base is None:
            base = self._base_style = self.rich_style
        index = scroll_y + y + self._read_ahead_shift
        if self._layout is None or not 0 <= index < len(self._layout.lines):
            if self.laying_out and index == 0 and self.article is not None:
                return self._laying_out_line(width, base)
            return Strip.blank(width, base)
        strip = self._strips.get(index)
        if strip is None:
            strip = self._strips[index] = self._render_full_line(index, base)
        return strip.crop_extend(scroll_x, scroll_x + width, base)

    def _laying_out_line(self, width: int, base: Style) -> Strip:
        millions = len(self._body) / 1_000_000
        text = f"  Laying out a long article ({millions:.1f} million characters)…"
        style = base + self._style("reader--meta")
        return Strip([Segment(text, style)]).crop_extend(0, width, base)

    def _style(self, name: str) -> Style:
        # Header classes use $text / $text-muted, "auto" colours that only resolve
        # against the background, so they come whole; the rest are partial so that
        # they layer (a name inside a quotation, a match on a focused name).
        return self.get_component_rich_style(name, partial=name not in WHOLE_STYLES)

    def _render_full_line(self, y: int, base: Style) -> Strip:
        """Line ``y`` with its styles, uncropped: the part worth caching."""
        assert self._layout is not None
        line = self._layout.lines[y]
        text = line.text
        spans: list[tuple[int, int, Style]] = [
            (first, last, self._style(name)) for first, last, name in line.styles
        ]
        if line.highlights:
            if self.highlights_on:
                for first, last, index in line.highlights:
                    kind = self.highlights[index].kind
                    spans.append((first, last, self._style(KIND_CLASS.get(kind, "reader--org"))))
            focused = self.focused
            for first, last, index in line.highlights:
                if index == focused:
                    spans.append((first, last, self._style("reader--focused")))
        for first, last, index in self._match_lines.get(y, ()):
            spans.append((first, last, self._style("reader--match")))
            if index == self._current_match:
                spans.append((first, last, self._style("reader--focused")))
        for first, last in self._tints.get(y, ()):
            spans.append((first, last, self._style("reader--annotation")))
        if y in self._selection_lines:
            first, last = self._selection_lines[y]
            spans.append((first, last, self._style("reader--selection")))
        mark = self._gutter.get(y, " ")
        gutter_style = base + self._style("reader--gutter")
        segments: list[Segment] = [Segment(mark + " " * (GUTTER - 1), gutter_style)]
        pad = self._layout.pad
        if pad:
            segments.append(Segment(" " * pad, base))
        if not spans:
            segments.append(Segment(text, base))
        else:
            cuts = sorted({0, len(text), *(s[0] for s in spans), *(s[1] for s in spans)})
            for a, b in pairwise(cuts):
                if a >= b or b > len(text):
                    continue
                style = base
                for first, last, span_style in spans:
                    if first <= a and b <= last:
                        style += span_style
                segments.append(Segment(text[a:b], style))
        return Strip(segments, GUTTER + pad + line.cells)

    # Notes: gutter marks and tinted passages ----------------------------------------
    def set_marks(self, marks: list[Mark]) -> None:
        """Show notes in the margin (✎ on the first line, │ down the rest) and tint
        highlighted passages; replaces the marks shown before."""
        self._marks = list(marks)
        self._map_marks()
        self._strips.clear()
        self.refresh()

    def _map_marks(self) -> None:
        self._gutter = {}
        self._tints = {}
        if self._layout is None:
            return
        for mark in self._marks:
            spans = self._layout.spans(mark.start, mark.end)
            for k, (y, first, last) in enumerate(spans):
                symbol = "✎" if mark.kind == "note" and k == 0 else "│"
                if self._gutter.get(y) != "✎":
                    self._gutter[y] = symbol
                if mark.tint:
                    self._tints.setdefault(y, []).append((first, last))

    def gutter_mark(self, y: int) -> str:
        """The margin mark on laid-out line ``y`` ("" when none)."""
        return self._gutter.get(y, "")

    # Selecting a passage --------------------------------------------------------------
    def action_select(self) -> None:
        """Start a selection on the focused name or quotation, else on the top line."""
        if self.article is None or self._layout is None:
            return
        if self.selection is not None:
            self.action_cancel_selection()
            return
        if self.focused is not None:
            highlight = self.highlights[self.focused]
            span = (highlight.start, highlight.end)
        else:
            top = self.scroll_offset.y
            lines = self._layout.lines
            y = next((i for i in range(top, len(lines)) if lines[i].body >= 0), top)
            span = word_at(self._body, self._layout.offset_of(y)) or (0, 0)
        if span[1] <= span[0]:
            return
        self._set_selection(span)

    def action_select_more(self) -> None:
        if self.selection is not None:
            start, end = self.selection
            self._set_selection((start, move_end(self._body, start, end, 1)))

    def action_select_less(self) -> None:
        if self.selection is not None:
            start, end = self.selection
            self._set_selection((start, move_end(self._body, start, end, -1)))

    def _select_lines(self, step: int) -> None:
        assert self.selection is not None and self._layout is not None
        start, end = self.selection
        lines = self._layout.lines
        y = self._layout.line_of(max(start, end - 1)) + step
        while 0 <= y < len(lines) and lines[y].body < 0:
            y += step
        if not 0 <= y < len(lines):
            return
        self._set_selection((start, snap_end(self._body, start, lines[y].end)))

    def action_cancel_selection(self) -> None:
        self._set_selection(None)

    def _set_selection(self, selection: tuple[int, int] | None) -> None:
        old = set(self._selection_lines)
        self.selection = selection
        self._map_selection()
        for y in old | set(self._selection_lines):
            self._strips.pop(y, None)
        if self._selection_lines:
            ys = sorted(self._selection_lines)
            self._show_lines(ys[-1], ys[-1])
        self.refresh()
        self.refresh_bindings()
        self.post_message(self.SelectionChanged(self, selection))

    def _map_selection(self) -> None:
        self._selection_lines = {}
        if self.selection is None or self._layout is None:
            return
        for y, first, last in self._layout.spans(*self.selection):
            self._selection_lines[y] = (first, last)
