"""The main screen: article list, reader and sidebar, and the navigation between them.

The screen is the mediator: panes post messages about what happened (a row was
chosen, a highlight focused, the reader scrolled), and the screen decides what
follows: open an article, fill the sidebar, record history, save the place.
Reading and writing go through the library facade, never the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.events import Resize
from textual.reactive import Reactive
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, OptionList

from tui.app.compositor import PartialCompositor
from tui.app.heap import settle
from tui.app.keeper import Keeper
from tui.app.keys import SCREEN_BINDINGS
from tui.app.plain import plain
from tui.app.screens.annotations import AnnotationActions
from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.key_bar import KeyBar
from tui.app.widgets.reader import Reader
from tui.app.widgets.sidebar import KIND_WORDS, Lead, Sidebar
from tui.browse import Browse
from tui.history import History, Location
from tui.library import Library
from tui.model import Article
from tui.reading.layout import Highlight
from tui.store import UserDataWriteError

if TYPE_CHECKING:
    from tui.app.screens.entity import JumpTarget
    from tui.app.screens.filters import FilterChoice

#: Below this width the panes take turns instead of sharing the screen.
NARROW_WIDTH = 100
#: Reading positions are saved at most this long after a scroll (and on leaving).
POSITION_SAVE_DELAY = 1.5
#: How often to look for notes and marks saved by another Lede on the same library.
SHARED_POLL_SECONDS = 3.0
SORT_ORDER = ("date", "title", "source")
#: The sidebar shows a focused highlight once it has rested this long (seconds).
SIDEBAR_FOLLOW_DELAY = 0.08
#: The sidebar previews this many of the articles a highlight leads to (Enter: all).
FOCUS_LEADS = 20


@dataclass(slots=True)
class Filters:
    """The list's filters, as the user set them."""

    unread: bool = False
    bookmarked: bool = False
    noted: bool = False
    source: str | None = None
    entity: str | None = None  # a feature key such as "O:Hikvision"
    entity_ids: set[str] | None = None


class FindBar(Input):
    """One line under the reader for finding words in the open article."""


class MainScreen(AnnotationActions):
    """Three panes: list, reader, sidebar."""

    BINDINGS: ClassVar[list[BindingType]] = SCREEN_BINDINGS

    #: Textual's ``Screen.focused``, without its repaint of the whole screen at each
    #: focus change (~30 ms here): the panes that look different repaint themselves
    #: (``:focus`` styles, ``Widget._on_focus``/``_on_blur``).
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    def __init__(self, library: Library, browse: Browse) -> None:
        super().__init__()
        # A key in one pane repaints that pane alone (see tui/app/compositor.py).
        self._compositor = PartialCompositor()
        self.library = library
        self.browse = browse
        self.keeper = Keeper(library)
        self.history = History()
        self.filters = Filters()
        self.sort_key = "date"
        self.article: Article | None = None
        self._pending_position: tuple[str, int] | None = None
        self._sidebar_hidden = False
        self._narrow_mode = "list"  # which pane shows on a narrow terminal
        self._focus_to_follow: Highlight | None = None
        self._follow_timer: Timer | None = None
        self._save_timer: Timer | None = None
        # The panes, kept as composed: the bindings' checks (at each focus change and
        # highlight step) and the key handlers reach them many times a press, and a
        # query_one is ~15 µs.
        self._article_list = ArticleList(id="list")
        self._reader = Reader(id="reader")
        self._sidebar = Sidebar(id="sidebar")
        self._find_bar = FindBar(
            placeholder="Find in article (Enter: next, Esc: close)", id="find"
        )

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield self._article_list
            yield self._reader
            yield self._sidebar
        yield self._find_bar
        yield KeyBar()

    @property
    def focus_chain(self) -> list[Widget]:
        """Textual's focus chain, in the order the widgets are composed.

        Textual sorts each container's children by where they are on screen, and
        the place of a section scrolled out of the sidebar's view is found only by
        laying out the whole screen again (~0.5 ms at each Tab after the sidebar
        scrolled). Here the order on screen is the order composed (no docks or
        grids among the focusable), so it is walked as it is, with Textual's tests
        of what may take focus.

        On a narrow terminal, which shows one pane at a time, the panes not shown
        are in the chain too: Tab goes on to the next pane, and shows it
        (``_narrow_follows_focus``), rather than staying where it is.
        """
        root: Widget = self
        if (focused := self.focused) is not None:
            root = next((node for node in focused.ancestors_with_self if node._trap_focus), self)
        chain: list[Widget] = []
        panes: set[Widget] = set()
        if self.has_class("narrow"):
            panes = {self._article_list, self._reader}
            if not self._sidebar_hidden:
                panes.add(self._sidebar)

        def walk(node: Widget, visible: bool) -> None:
            for child in node.children:
                if not (child.display or child in panes) or child._check_disabled():
                    continue
                visibility = child.styles.get_rule("visibility")
                child_visible = visibility != "hidden" if visibility else visible
                if child_visible and child.allow_focus():
                    chain.append(child)
                if child.is_container and child.allow_focus_children():
                    walk(child, child_visible)

        walk(root, self.visible)
        return chain

    def set_focus(
        self, widget: Widget | None, scroll_visible: bool = True, from_app_focus: bool = False
    ) -> None:
        # The sidebar shows focus in its frame and scrolls a section into view here,
        # as focus moves, so the frame that shows the section focused shows it framed
        # and in view. Textual would scroll after that frame, centred and animated (a
        # reflow and a repaint of the whole sidebar in each frame that follows), and
        # the sidebar would hear of the focus a frame late.
        sidebar = self._sidebar
        mounted = sidebar.is_mounted
        if mounted and scroll_visible and widget is not None and widget.parent is sidebar:
            sidebar.bring_into_view(widget)
            scroll_visible = False
        super().set_focus(widget, scroll_visible, from_app_focus)
        if mounted:
            sidebar.show_focus_within()
            self._narrow_follows_focus()

    # Shortcuts to the panes ----------------------------------------------------------
    @property
    def article_list(self) -> ArticleList:
        return self._article_list

    @property
    def reader(self) -> Reader:
        return self._reader

    @property
    def sidebar(self) -> Sidebar:
        return self._sidebar

    @property
    def find_bar(self) -> FindBar:
        return self._find_bar

    def on_mount(self) -> None:
        self.find_bar.display = False
        self.article_list.set_browse(self.browse)
        self._update_list_title()
        self.article_list.focus()
        last = self.library.store.user.get_setting("last_article")
        if isinstance(last, str) and self.browse.index_of(last) is not None:
            self.open_article(last, mark_read=False, focus_reader=False)
            self.article_list.select_id(last)
        self.set_interval(SHARED_POLL_SECONDS, self._poll_user_data, name="shared-user-data")
        self.call_after_refresh(settle, "library")

    def _poll_user_data(self) -> None:
        """Take in notes and marks another Lede process saved on this library."""
        if self.library.store.user.refresh():
            self._refresh_marks()

    def on_resize(self, event: Resize) -> None:
        self._apply_layout()

    # Layout --------------------------------------------------------------------------
    def _apply_layout(self) -> None:
        narrow = self.size.width < NARROW_WIDTH
        hints = self.key_hints_first
        self.set_class(narrow, "narrow")
        for mode in ("list", "reader", "sidebar"):
            self.set_class(narrow and self._narrow_mode == mode, f"show-{mode}")
        self.set_class(self._sidebar_hidden, "sidebar-hidden")
        if self.key_hints_first != hints:
            self.refresh_bindings()

    @property
    def key_hints_first(self) -> tuple[str, ...]:
        """Binding ids the footer shows first: on a narrow terminal, away from the
        list, Esc (back to the list), which is otherwise not in the footer."""
        if self.has_class("narrow") and self._narrow_mode != "list":
            return ("to-list",)
        return ()

    def _show_pane(self, mode: str) -> None:
        """On a narrow terminal, show one pane; on a wide one, just focus it."""
        self._narrow_mode = mode
        self._apply_layout()
        target = {"list": self.article_list, "reader": self.reader, "sidebar": self.sidebar}
        widget = target[mode]
        if mode == "sidebar":
            lists = [w for w in self.sidebar.query(OptionList) if w.display]
            if lists:
                lists[0].focus()
            return
        widget.focus()

    def _narrow_follows_focus(self) -> None:
        """On a narrow terminal, show the pane that took focus."""
        focused = self.focused
        if focused is None or not self.has_class("narrow"):
            return
        panes = (("list", self.article_list), ("reader", self.reader), ("sidebar", self.sidebar))
        for mode, node in panes:
            if focused is node or node in focused.ancestors:
                if mode != self._narrow_mode:
                    self._narrow_mode = mode
                    self._apply_layout()
                return

    # Opening articles ----------------------------------------------------------------
    def here(self) -> Location | None:
        """Where the reader is now, exactly."""
        if self.article is None:
            return None
        return Location(self.article.id, self.reader.position, self.reader.focused)

    def open_article(
        self,
        article_id: str,
        *,
        offset: int | None = None,
        highlight: int | None = None,
        record: bool = True,
        mark_read: bool = True,
        focus_reader: bool = True,
    ) -> bool:
        """Show an article in the reader at ``offset`` (its saved place when None)."""
        self._flush_position()
        article = self.library.article(article_id)
        if article is None:
            reason = self.library.unavailable.get(article_id)
            message = reason or f"Article {article_id} is missing from the library."
            self.notify(message, severity="error", timeout=15)
            self.history.forget(article_id)
            return False
        user = self.library.store.user
        if offset is None:
            offset = user.position(article_id)
        location = Location(article_id, offset, highlight)
        if record:
            self.history.visit(location, leaving=self.here())
        self.article = article
        self.reader.show_article(article, offset=offset)
        if highlight is not None:
            self.reader.focus_highlight(highlight)
        self.sidebar.show_article(article)
        self.show_notes()
        self._load_related(article_id)
        newly_read = mark_read and not user.is_read(article_id) and not user.read_only
        try:
            if not user.read_only:  # Read-only was said once, at start.
                user.opened(article_id, mark_read=mark_read)  # One durable write for both.
        except UserDataWriteError as exc:
            self.notify(f"Could not save your place: {exc}", severity="error")
            newly_read = False
        if newly_read:
            self.browse.mark_read(article_id, True)
            self.article_list.refresh_row(article_id)
        self.article_list.select_id(article_id)
        if focus_reader:
            self._show_pane("reader")
        return True

    def _set_read(self, article_id: str, read: bool) -> None:
        try:
            self.library.store.user.set_read(article_id, read)
        except UserDataWriteError as exc:
            self.notify(f"Not saved: {exc}", severity="error")
            return
        self.browse.mark_read(article_id, read)
        self.article_list.refresh_row(article_id)

    def _title_of(self, article_id: str) -> str:
        index = self.browse.listing_index(article_id)
        return self.browse.listing.titles[index] if index is not None else article_id

    @work(thread=True, exclusive=True, group="related")
    def _load_related(self, article_id: str) -> None:
        related = self.library.related(article_id, limit=12)
        leads = [Lead(r.article_id, self._title_of(r.article_id), r.reason) for r in related]
        self.app.call_from_thread(self._show_related, article_id, leads)

    def _show_related(self, article_id: str, leads: list[Lead]) -> None:
        settle("related index")
        if self.article is not None and self.article.id == article_id:
            self.sidebar.show_related(leads)

    # Messages from the panes ---------------------------------------------------------
    @on(ArticleList.Selected)
    def _article_chosen(self, event: ArticleList.Selected) -> None:
        self.open_article(event.article_id)

    @on(Reader.PositionChanged)
    def _reader_scrolled(self, event: Reader.PositionChanged) -> None:
        if self.article is None:
            return
        self._pending_position = (self.article.id, event.offset)
        self.history.update(Location(self.article.id, event.offset, self.reader.focused))
        if self._save_timer is None:  # one timer, not one a scrolled line
            self._save_timer = self.set_timer(
                POSITION_SAVE_DELAY, self._timed_save, name="save-position"
            )

    def _timed_save(self) -> None:
        self._save_timer = None
        self._flush_position()

    def _flush_position(self) -> None:
        pending, self._pending_position = self._pending_position, None
        if pending is not None and not self.library.store.user.read_only:
            try:
                self.library.store.user.set_position(*pending)
            except UserDataWriteError as exc:
                self.notify(f"Could not save your place: {exc}", severity="error")

    def on_unmount(self) -> None:
        self._flush_position()

    @on(Reader.HighlightFocused)
    def _highlight_focused(self, event: Reader.HighlightFocused) -> None:
        # The reader repaints at once; the sidebar follows when the highlight rests
        # for SIDEBAR_FOLLOW_DELAY (filling it costs ~20 ms, and a held n would
        # otherwise fill it for every name stepped past).
        self._focus_to_follow = event.highlight
        if self._follow_timer is None:
            self._follow_timer = self.set_timer(
                SIDEBAR_FOLLOW_DELAY, self._follow_focus, name="sidebar-follows"
            )
        else:
            self._follow_timer.reset()

    @property
    def sidebar_behind(self) -> bool:
        """The sidebar has yet to show the focused highlight (it follows shortly)."""
        return self._follow_timer is not None

    def _follow_focus(self) -> None:
        self._follow_timer = None
        highlight = self._focus_to_follow
        if highlight is None or self.article is None:
            self.sidebar.show_focus(None, [])
            return
        if self.library.related_ready:
            # A few lookups in memory: shown at once, with no "Looking…" in between
            # (each change of the section costs a layout of the screen).
            self._show_focus_leads(self.article.id, highlight)
            return
        self.sidebar.show_focus(self._focus_heading(highlight), [], "Looking…")
        self._load_focus_leads(self.article.id, highlight)

    @staticmethod
    def _focus_heading(highlight: Highlight) -> Text:
        if highlight.kind == "QUOTE":
            heading = Text(highlight.speaker or "Unattributed quotation", style="bold")
            heading.append(" · quotation", style="dim")
        else:
            heading = Text(highlight.canonical, style="bold")
            heading.append(f" · {KIND_WORDS.get(highlight.kind, '')}", style="dim")
        heading.append("\nEnter: everything about it", style="dim italic")
        return heading

    @work(thread=True, exclusive=True, group="focus")
    def _load_focus_leads(self, article_id: str, highlight: Highlight) -> None:
        self.library.newest_with(highlight.key, 1)  # loads the index, off the UI thread
        self.app.call_from_thread(self._show_focus_leads, article_id, highlight)

    def _show_focus_leads(self, article_id: str, highlight: Highlight) -> None:
        """The articles a highlight leads to: the newest few, and how many in all (a
        name in most of a large library would be tens of thousands of entries)."""
        if self.article is None or self.article.id != article_id:
            return
        leads: list[Lead] = []
        total = 0
        if highlight.key:
            verb = "quotes" if highlight.kind == "QUOTE" else "mentions"
            total, newest = self.library.newest_with(highlight.key, FOCUS_LEADS, article_id)
            for other in newest:
                leads.append(Lead(other, self._title_of(other), f"{verb} {highlight.canonical}"))
        empty = "No named speaker." if not highlight.key else "No other article."
        self.sidebar.show_focus(self._focus_heading(highlight), leads, empty, total)

    @on(Reader.HighlightActivated)
    def _highlight_activated(self, event: Reader.HighlightActivated) -> None:
        self.show_entity(event.highlight)

    def show_entity(self, highlight: Highlight) -> None:
        """The entity view: everything the library knows about a name or speaker."""
        if highlight.kind == "QUOTE":
            if not highlight.speaker:
                self.notify("This quotation has no named speaker.")
                return
            name, kind = highlight.speaker, self._speaker_kind(highlight.speaker)
        else:
            name, kind = highlight.canonical, highlight.kind
        from tui.app.screens.entity import EntityScreen  # Deferred: not needed to start.

        self.app.push_screen(EntityScreen(self.library, name, kind), self._jump)

    def _speaker_kind(self, speaker: str) -> str:
        """A speaker's type as the open article names it (a ministry or a company is
        quoted too), else a person."""
        analysis = self.article.analysis if self.article is not None else None
        folded = speaker.casefold()
        for mention in analysis.entities if analysis else []:
            if mention.canonical.casefold() == folded:
                return mention.type
        return "PERSON"

    def _jump(self, target: JumpTarget | None) -> None:
        if target is None:
            return
        if target.filter_key:
            self._filter_by_entity(target.filter_key)
            return
        self.open_article(target.article_id, offset=target.offset)

    @on(OptionList.OptionSelected)
    def _sidebar_choice(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        kind, _, rest = option_id.partition(":")
        if kind == "article":
            self.open_article(rest)
        elif kind == "entity":
            prefix, _, name = rest.partition(":")
            entity_kind = {"P": "PERSON", "O": "ORG", "L": "PLACE"}.get(prefix, "PERSON")
            from tui.app.screens.entity import EntityScreen  # Deferred: not needed to start.

            self.app.push_screen(EntityScreen(self.library, name, entity_kind), self._jump)
        elif kind == "quote" and self.article and self.article.analysis:
            quote = self.article.analysis.quotes[int(rest)]
            for highlight in self.reader.highlights:
                if highlight.kind == "QUOTE" and highlight.start == quote.start:
                    self.reader.focus_highlight(highlight.index)
                    self._show_pane("reader")
                    break

    # Actions -------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("back",):
            return True if self.history.can_go_back else None
        if action == "forward":
            return True if self.history.can_go_forward else None
        if action in ("find_next", "find_previous"):
            return self.find_bar.value != "" or None
        if action in ("toggle_bookmark", "toggle_read"):
            return self._target_id() is not None or None
        return True

    def action_back(self) -> None:
        if self.find_bar.has_focus:
            return
        location = self.history.back(leaving=self.here())
        if location is None:
            self.notify("Nothing to go back to.")
            return
        self._restore(location)

    def action_forward(self) -> None:
        location = self.history.forward(leaving=self.here())
        if location is None:
            self.notify("Nothing ahead.")
            return
        self._restore(location)

    def _restore(self, location: Location) -> None:
        self.open_article(
            location.article_id,
            offset=location.offset,
            highlight=location.highlight,
            record=False,
            mark_read=False,
        )

    def action_search(self) -> None:
        from tui.app.screens.search import SearchScreen  # Deferred: not needed to start.

        self.app.push_screen(SearchScreen(self.library), self._search_done)

    def _search_done(self, result: tuple[str, str] | None) -> None:
        if result is None:
            return
        article_id, query = result
        if self.open_article(article_id):
            words = query.split()
            if words:
                self._start_find(words[0])

    def action_find(self) -> None:
        if self.article is None:
            self.notify("Open an article first.")
            return
        bar = self.find_bar
        bar.display = True
        bar.focus()

    @on(Input.Submitted, "#find")
    def _find_submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self._start_find(event.value.strip())
        self.reader.focus()

    def _start_find(self, term: str) -> None:
        bar = self.find_bar
        bar.value = term
        bar.display = True
        count = self.reader.find(term)
        plural = "es" if count != 1 else ""
        self.notify(f"{count} match{plural} for “{term}”. Press . and , to step.")
        self.refresh_bindings()

    def action_find_next(self) -> None:
        self.reader.action_find_next()

    def action_find_previous(self) -> None:
        self.reader.action_find_previous()

    def _close_find(self) -> bool:
        bar = self.find_bar
        if not bar.display:
            return False
        bar.value = ""
        bar.display = False
        self.reader.clear_find()
        self.reader.focus()
        self.refresh_bindings()
        return True

    def action_to_list(self) -> None:
        if self._close_find():
            return
        self._show_pane("list")

    def _target_id(self) -> str | None:
        """The article a key like b or u acts on: the open one in the reader and
        sidebar, the row under the cursor in the list."""
        if self.article_list.has_focus:
            return self.article_list.current_id
        return self.article.id if self.article else self.article_list.current_id

    def action_toggle_bookmark(self) -> None:
        article_id = self._target_id()
        if article_id is None:
            return
        user = self.library.store.user
        try:
            on = user.toggle_bookmark(article_id)
        except UserDataWriteError as exc:
            self.notify(f"Not saved: {exc}", severity="error")
            return
        self.browse.mark_bookmarked(article_id, article_id in user.bookmarked_ids())
        self.article_list.refresh_row(article_id)
        self.notify("Bookmarked." if on else "Bookmark removed.")

    def action_toggle_read(self) -> None:
        article_id = self._target_id()
        if article_id is None:
            return
        read = not self.library.store.user.is_read(article_id)
        self._set_read(article_id, read)
        self.notify("Marked read." if read else "Marked unread.")

    def action_cycle_sort(self) -> None:
        self.sort_key = SORT_ORDER[(SORT_ORDER.index(self.sort_key) + 1) % len(SORT_ORDER)]
        self._refresh_list()

    def action_filters(self) -> None:
        from tui.app.screens.filters import (  # Deferred: not needed to start.
            FilterChoice,
            FilterScreen,
        )

        choice = FilterChoice(
            unread=self.filters.unread,
            bookmarked=self.filters.bookmarked,
            noted=self.filters.noted,
            source=self.filters.source,
            entity=self.filters.entity,
            sources=self.browse.sources(),
        )
        self.app.push_screen(FilterScreen(choice), self._filters_chosen)

    def _filters_chosen(self, choice: FilterChoice | None) -> None:
        if choice is None:
            return
        self.filters.unread = choice.unread
        self.filters.bookmarked = choice.bookmarked
        self.filters.noted = choice.noted
        self.filters.source = choice.source
        if choice.entity is None:
            self.filters.entity = None
            self.filters.entity_ids = None
        self._refresh_list()

    def action_filter_unread(self) -> None:
        self.filters.unread = not self.filters.unread
        self._refresh_list()

    def action_filter_bookmarked(self) -> None:
        self.filters.bookmarked = not self.filters.bookmarked
        self._refresh_list()

    def action_filter_entity(self) -> None:
        highlight = self._focused_highlight()
        if highlight is None or not highlight.key:
            self.notify("Focus a name or quotation in the reader first (n steps to one).")
            return
        self._filter_by_entity(highlight.key)

    def _focused_highlight(self) -> Highlight | None:
        index = self.reader.focused
        return self.reader.highlights[index] if index is not None else None

    def _filter_by_entity(self, key: str) -> None:
        self.filters.entity = key
        self.filters.entity_ids = set(self.library.ids_with(key))
        self._refresh_list()
        self._show_pane("list")

    def action_clear_filters(self) -> None:
        self.filters = Filters()
        self._refresh_list()

    def _refresh_list(self) -> None:
        current = self.article.id if self.article else self.article_list.current_id
        self.browse.sort(self.sort_key)  # type: ignore[arg-type]
        ids = self.filters.entity_ids
        if self.filters.noted:
            noted = self.library.store.user.noted_ids()
            ids = noted if ids is None else ids & noted
        self.browse.set_filter(
            unread=self.filters.unread,
            bookmarked=self.filters.bookmarked,
            source=self.filters.source,
            article_ids=ids,
        )
        self.article_list.set_browse(self.browse)
        if current:
            self.article_list.select_id(current)
        self._update_list_title()

    def _update_list_title(self) -> None:
        shown, total = len(self.browse), len(self.browse.listing)
        count = f"{shown} of {total}" if shown != total else str(total)
        title = f"Articles ({count}) · {self.browse.describe()}"
        if self.filters.entity:
            title += f" · about {self.filters.entity[2:]}"
        if self.filters.noted:
            title += " · with notes"
        self.article_list.border_title = plain(title)

    def action_toggle_sidebar(self) -> None:
        if self.has_class("narrow"):
            self._show_pane("reader" if self._narrow_mode == "sidebar" else "sidebar")
            return
        self._sidebar_hidden = not self._sidebar_hidden
        self._apply_layout()
        if self._sidebar_hidden and self.sidebar in (self.focused, *self._focus_ancestors()):
            self.reader.focus()

    def _focus_ancestors(self) -> list[object]:
        return list(self.focused.ancestors) if self.focused else []

    def browse_noted_changed(self) -> None:
        if self.filters.noted:
            self._refresh_list()

    # Importing -----------------------------------------------------------------------
    def action_import(self) -> None:
        if self.library.store.read_only:
            self.notify(
                "Another Lede has this library open: import from that one.", severity="warning"
            )
            return
        from tui.app.screens.import_screen import ImportScreen  # Deferred: not needed to start.

        self.app.push_screen(ImportScreen(self.library), self._imported)

    def _imported(self, count: int | None) -> None:
        if not count:
            return
        user = self.library.store.user
        self.browse = Browse(
            self.library.store.listing(), user.read_ids(), set(user.bookmarked_ids())
        )
        self._refresh_list()
