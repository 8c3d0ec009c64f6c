"""The article list: one line per article, drawn only for the rows on screen.

A ``ScrollView`` on Textual's Line API: ``render_line`` builds the strip for one
visible row from ``Browse``, so mounting 100k articles costs no more than 10,
and a cursor move repaints the two lines that changed (a whole screen only when
the list scrolls). DataTable and OptionList build every row up front (~900 ms
for 10k). Titles and sources are untrusted text: they are drawn as plain
segments, never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from time import perf_counter
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.app.widgets.finished_lines import FinishedLines, drawing_context, frame_of
from tui.app.widgets.pane_frame import FOCUSED_FRAME, FramedPane
from tui.app.widgets.scrollbars import ListScrollBar, QuickScrollBars
from tui.browse import Browse, Row

UNREAD_MARK = "●"
BOOKMARK_MARK = "★"
#: Cells before the title: unread mark, space, bookmark mark, space.
MARKS_WIDTH = 4
DATE_WIDTH = 10
SOURCE_WIDTH = 16
GAP = 2
#: The date column shows only when the title keeps at least this many cells,
#: and the source column (dropped first) only when it keeps this many.
MIN_TITLE_WITH_DATE = 20
MIN_TITLE_WITH_SOURCE = 36

#: Finished lines kept for redrawing (a few screens' worth).
LINE_CACHE_SIZE = 512

EMPTY_LIBRARY = "Library is empty — import articles with: lede import PATH"
NO_MATCH = "No articles match — press f to change filters"


@dataclass(frozen=True, slots=True)
class Columns:
    """Where each part of a row goes at one width (0 means the column is hidden)."""

    width: int
    title: int
    source: int
    date: int

    @classmethod
    def for_width(cls, width: int) -> Columns:
        room = max(0, width - MARKS_WIDTH - 1)  # one cell of right margin
        date = DATE_WIDTH if room - DATE_WIDTH - GAP >= MIN_TITLE_WITH_DATE else 0
        source = 0
        if date and room - DATE_WIDTH - SOURCE_WIDTH - 2 * GAP >= MIN_TITLE_WITH_SOURCE:
            source = SOURCE_WIDTH
        title = room - (date + GAP if date else 0) - (source + GAP if source else 0)
        return cls(width=width, title=max(0, title), source=source, date=date)


def fit(text: str, width: int) -> str:
    """``text`` in exactly ``width`` cells: padded, or cut with an ellipsis."""
    if width <= 0:
        return ""
    if text.isascii():
        if len(text) <= width:
            return text.ljust(width)
        return text[: width - 1] + "…"
    cells = cell_len(text)
    if cells <= width:
        return text + " " * (width - cells)
    return set_cell_size(text, width - 1) + "…"


class ArticleList(ScrollView, FramedPane, QuickScrollBars, can_focus=True):
    """The visible rows of a ``Browse``, with a cursor; Enter or a click opens one."""

    SCROLLBAR_CLASS = ListScrollBar

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-list--cursor",
        "article-list--cursor-focused",
        "article-list--unread",
        "article-list--source",
        "article-list--date",
        "article-list--mark",
        "article-list--empty",
        FOCUSED_FRAME,
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Open", id="open-article", tooltip="Read it"),
        Binding("j,down", "cursor_down", "Down", id="cursor-down", show=False),
        Binding("k,up", "cursor_up", "Up", id="cursor-up", show=False),
        Binding("pagedown,ctrl+d", "page_down", "Page down", id="page-down", show=False),
        Binding("pageup,ctrl+u", "page_up", "Page up", id="page-up", show=False),
        Binding("g,home", "cursor_first", "First", id="cursor-first", show=False),
        Binding("G,end", "cursor_last", "Last", id="cursor-last", show=False),
    ]

    HELP = "The articles, newest first unless sorted otherwise. Enter opens one."

    cursor: reactive[int] = reactive(0, repaint=False, init=False)
    """The row under the cursor (an index into the visible rows)."""

    @dataclass(eq=False)
    class Highlighted(Message):
        """The cursor moved to another article (None: the list is empty)."""

        article_id: str | None
        article_list: ArticleList | None = field(default=None, repr=False)

        @property
        def control(self) -> ArticleList | None:
            return self.article_list

        def can_replace(self, message: Message) -> bool:
            # Holding j posts a flood of these: only the latest matters.
            return isinstance(message, ArticleList.Highlighted)

    @dataclass(eq=False)
    class Selected(Message):
        """The user chose an article (Enter or a click)."""

        article_id: str
        article_list: ArticleList | None = field(default=None, repr=False)

        @property
        def control(self) -> ArticleList | None:
            return self.article_list

    def __init__(
        self,
        browse: Browse | None = None,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.browse: Browse | None = browse
        self._columns: Columns | None = None
        self._styles: dict[tuple[str | None, bool, bool], Style] = {}
        # Scrolling one line redraws every visible line: all but one come from here,
        # as Textual finishes them (borders, background, the app's colour filter), so
        # a scrolled-in row is the only one built and styled again.
        self._lines = FinishedLines(LINE_CACHE_SIZE)
        self.first_paint_at: float | None = None
        """perf_counter() when rows were first drawn (the start-up benchmark reads it)."""
        if browse is not None:
            self.virtual_size = Size(0, len(browse))

    # Data in -------------------------------------------------------------------------
    def set_browse(self, browse: Browse) -> None:
        """Show ``browse`` (after a sort or filter change too) from its first row."""
        self.browse = browse
        self._forget_drawn()
        self.virtual_size = Size(0, len(browse))
        self.set_reactive(ArticleList.cursor, 0)
        self.scroll_to(y=0, animate=False)
        self.refresh()
        self._post_highlighted()

    def refresh_row(self, article_id: str) -> None:
        """Repaint the row of ``article_id`` (its read or bookmark mark changed)."""
        if self.browse is None:
            return
        index = self.browse.index_of(article_id)
        if index is not None:
            self._forget_row(index)
            self.refresh_line(index)

    def redraw(self) -> None:
        """Draw every row again (the read or bookmark marks of many changed)."""
        self._forget_drawn()
        self.refresh()

    def notify_style_update(self) -> None:
        self._forget_drawn()  # a theme or CSS change
        super().notify_style_update()

    def focus_changed(self, has_focus: bool) -> None:
        # The cursor row's colours (rows are kept by whether the cursor on them is
        # focused); the frame is FramedPane's.
        self.refresh_line(self.cursor)

    def _forget_drawn(self) -> None:
        self._styles.clear()
        self._lines.clear()

    def _forget_row(self, index: int) -> None:
        for cursor in ((False, False), (True, False), (True, True)):
            self._lines.discard((index, *cursor))

    def select_id(self, article_id: str) -> bool:
        """Put the cursor on ``article_id`` and scroll it into view; False if not shown."""
        if self.browse is None:
            return False
        index = self.browse.index_of(article_id)
        if index is None:
            return False
        self.cursor = index
        self._scroll_cursor_into_view()
        return True

    @property
    def current_id(self) -> str | None:
        """The article under the cursor, or None when the list is empty."""
        browse = self.browse
        if browse is None or not 0 <= self.cursor < len(browse):
            return None
        return browse.article_id(self.cursor)

    # Cursor --------------------------------------------------------------------------
    def validate_cursor(self, cursor: int) -> int:
        count = len(self.browse) if self.browse is not None else 0
        return max(0, min(cursor, count - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line(old)
        self.refresh_line(new)
        self._post_highlighted()

    def _post_highlighted(self) -> None:
        self.post_message(self.Highlighted(self.current_id, self))

    @property
    def _page_height(self) -> int:
        return max(1, self.scrollable_content_region.height)

    def _scroll_cursor_into_view(self) -> None:
        height = self.scrollable_content_region.height
        if height <= 0:  # Not laid out yet: once it is.
            self.call_after_refresh(self._scroll_cursor_into_view)
            return
        top = round(self.scroll_offset.y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False)

    def _move(self, cursor: int) -> None:
        self.cursor = cursor
        self._scroll_cursor_into_view()

    def action_cursor_down(self) -> None:
        self._move(self.cursor + 1)

    def action_cursor_up(self) -> None:
        self._move(self.cursor - 1)

    def action_page_down(self) -> None:
        # The view moves a page and the cursor with it, staying on its screen line.
        page = self._page_height
        self.scroll_to(y=self.scroll_offset.y + page, animate=False)
        self._move(self.cursor + page)

    def action_page_up(self) -> None:
        page = self._page_height
        self.scroll_to(y=max(0, self.scroll_offset.y - page), animate=False)
        self._move(self.cursor - page)

    def action_cursor_first(self) -> None:
        self._move(0)

    def action_cursor_last(self) -> None:
        self._move(len(self.browse) - 1 if self.browse is not None else 0)

    def action_select_cursor(self) -> None:
        article_id = self.current_id
        if article_id is not None:
            self.post_message(self.Selected(article_id, self))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or self.browse is None:
            return
        index = round(self.scroll_offset.y) + offset.y
        if 0 <= index < len(self.browse):
            self.cursor = index
            self.post_message(self.Selected(self.browse.article_id(index), self))

    def on_resize(self, event: events.Resize) -> None:
        self._scroll_cursor_into_view()

    # Drawing -------------------------------------------------------------------------
    def render_lines(self, crop: Region) -> list[Strip]:
        """Finished lines, from the row cache where the row was drawn before.

        Scrolling by one line leaves every line on screen dirty, and Textual's styles
        cache then rebuilds each one (border, background, colour filter: about
        0.1 ms a line). A row's finished line depends only on the row, the cursor
        and its drawing context, so only the row scrolled in is built again.
        """
        width, height = self.outer_size  # crop counts the border too
        browse = self.browse
        gutter = self.styles.gutter
        if browse is None or not len(browse) or not width:
            return super().render_lines(crop)
        top = round(self.scroll_offset.y) - gutter.top
        rows_end = min(height - gutter.bottom, len(browse) - top)
        # A row by its index and cursor; the border and blank lines below the last row
        # by their place (-1 - y): a new browse or theme drops them all.
        keys: list[Hashable] = [
            (top + y, *self._cursor_look(top + y)) if gutter.top <= y < rows_end else -1 - y
            for y in crop.line_range
        ]
        return self._lines.lines(
            crop, width, drawing_context(self), keys, super().render_lines, frame_of(self)
        )

    def _cursor_look(self, index: int) -> tuple[bool, bool]:
        """Whether the cursor is on row ``index``, and whether it shows focused there."""
        on = index == self.cursor
        return on, on and self.has_focus

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        browse = self.browse
        if browse is None or not len(browse):
            if y != 0 or browse is None:
                return Strip.blank(width, self._style(None, False))
            text = EMPTY_LIBRARY if not len(browse.listing) else NO_MATCH
            style = self.get_component_rich_style("article-list--empty")
            return Strip([Segment(fit(" " + text, width), style)], width)
        index = round(self.scroll_offset.y) + y
        if index >= len(browse):
            return Strip.blank(width, self._style(None, False))
        if self.first_paint_at is None:
            self.first_paint_at = perf_counter()
        # Called only for a row missing from the line cache (see render_lines).
        return self._row_strip(browse.row(index), index == self.cursor, width)

    def _style(self, part: str | None, cursor: bool) -> Style:
        """The style of one part of a row, on the cursor row or not."""
        focused = cursor and self.has_focus
        style = self._styles.get((part, cursor, focused))
        if style is None:
            style = self._styles[part, cursor, focused] = self._compute_style(part, cursor)
        return style

    def _compute_style(self, part: str | None, cursor: bool) -> Style:
        style = self.get_component_rich_style(part) if part else self.rich_style
        if not cursor:
            return style
        cursor_style = self.get_component_rich_style(
            "article-list--cursor-focused" if self.has_focus else "article-list--cursor"
        )
        if part is None or part == "article-list--unread" or part == "article-list--mark":
            # The theme's block cursor, plus the part's own rules (bold, the mark colour).
            if part is None:
                return cursor_style
            return cursor_style + self.get_component_rich_style(part, partial=True)
        if self.has_focus:
            return cursor_style  # Muted colours are too faint on the full cursor.
        # Unfocused: the part keeps its colour on the cursor's (faint) background.
        return style + Style(bgcolor=cursor_style.bgcolor)

    def _row_strip(self, row: Row, cursor: bool, width: int) -> Strip:
        columns = self._columns
        if columns is None or columns.width != width:
            columns = self._columns = Columns.for_width(width)
        plain = self._style(None, cursor)
        mark = self._style("article-list--mark", cursor)
        title_style = self._style("article-list--unread", cursor) if not row.read else plain
        segments = [
            Segment(UNREAD_MARK if not row.read else " ", mark),
            Segment(" ", plain),
            Segment(BOOKMARK_MARK if row.bookmarked else " ", mark),
            Segment(" ", plain),
            Segment(fit(row.title, columns.title), title_style),
        ]
        if columns.source:
            segments.append(Segment(" " * GAP, plain))
            source = fit(row.source, columns.source)
            segments.append(Segment(source, self._style("article-list--source", cursor)))
        if columns.date:
            segments.append(Segment(" " * GAP, plain))
            date = row.published.rjust(columns.date)
            segments.append(Segment(date, self._style("article-list--date", cursor)))
        used = MARKS_WIDTH + columns.title
        used += columns.source + GAP if columns.source else 0
        used += columns.date + GAP if columns.date else 0
        if used < width:
            segments.append(Segment(" " * (width - used), plain))
        return Strip(segments, max(width, used)).crop(0, width)
