"""The context sidebar: what the open article is about, and where else it leads.

Sections, top to bottom: the focused highlight and the other articles it leads
to (with the reason), the user's notes on the article, related articles,
entities by type with mention counts, and quotations (speaker → words). Each
list is an ``OptionList`` so the keyboard reaches every entry; the screen
decides what choosing one does.
Everything shown is article text, so every prompt is a ``Text`` (never markup).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import ClassVar, Self

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.css.scalar import Unit
from textual.geometry import Region, Size
from textual.reactive import Reactive, reactive
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.widget import Widget
from textual.widgets import Static
from textual.widgets.option_list import Option

from tui.app.plain import plain
from tui.app.widgets.finished_lines import (
    FinishedLines,
    drawing_context,
    frame_of,
    settled_context,
    styles_key,
)
from tui.app.widgets.option_lists import VimOptionList
from tui.app.widgets.pane_frame import FOCUSED_FRAME, FramedPane, frame_after_restyle, show_frame
from tui.app.widgets.scrollbars import QuickScrollBars
from tui.model import Article, EntityMention
from tui.notes import PlacedNote, excerpt
from tui.textsafe import one_line

TYPE_TITLES = {"PERSON": "People", "ORG": "Organisations", "PLACE": "Places"}
TYPE_PREFIX = {"PERSON": "P", "ORG": "O", "PLACE": "L"}
KIND_WORDS = {"PERSON": "person", "ORG": "organisation", "PLACE": "place", "QUOTE": "quotation"}


@dataclass(frozen=True, slots=True)
class Lead:
    """One article the sidebar offers to jump to, and why."""

    article_id: str
    title: str
    reason: str


def clip(text: str, most: int) -> str:
    """``text`` on one line, controls removed, cut to ``most`` characters with an ellipsis."""
    text = one_line(text)
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def lead_option(lead: Lead) -> Option:
    prompt = Text(clip(lead.title, 120), style="bold")
    if lead.reason:
        prompt.append("\n")
        prompt.append(clip(lead.reason, 120), style="italic")
    return Option(prompt, id=f"article:{lead.article_id}")


#: Entries a section lists at most (names: per type, most mentioned first). Each
#: costs Textual ~0.3 ms to add, so a page of 10,000 quotations took 3 s to open,
#: and nobody scrolls a sidebar that long: the rest are a ] or n away in the reader.
SECTION_LIMIT = 100


def more_option(count: int, one: str, many: str, hint: str) -> Option:
    """The disabled last line of a cut-short section: "… and 3 more articles: <hint>"."""
    what = one if count == 1 else many
    return Option(Text(f"… and {count:,} more {what}: {hint}", style="italic dim"), disabled=True)


HIGHLIGHTED = "option-list--option-highlighted"
CURSOR = "sidebar-section--cursor"
CURSOR_FOCUSED = "sidebar-section--cursor-focused"

#: Finished lines a section keeps (its options are capped at SECTION_LIMIT).
FINISHED_LINES = 1024


class Section(VimOptionList, FramedPane):
    """A titled list in the sidebar; the title is the border title.

    Like the article list it keeps finished lines (Textual's styles cache restyles
    every line of an OptionList at each move or scroll: ~0.3 ms a line), and a
    move repaints only the lines of the option left and the option reached.

    Focus shows in the frame and the highlighted entry, without a restyle (see
    pane_frame.py): the entry's colours are the component classes below, not
    OptionList's ``:focus`` rules, which only a restyle would apply.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {CURSOR, CURSOR_FOCUSED, FOCUSED_FRAME}

    #: Textual's ``OptionList.highlighted`` repaints the whole list at each move.
    highlighted: reactive[int | None] = reactive(None, repaint=False)
    #: Textual lays out the whole screen whenever a widget's virtual size changes:
    #: for a section, at each new set of entries. Its own height changes only with
    #: an auto height (OptionList asks for that layout itself).
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    def __init__(self, title: str, *, id: str) -> None:
        super().__init__(id=id, markup=False, classes="sidebar-section")
        self.border_title = plain(title)
        self._title = title
        self._shown_title = title
        self._count: int | None = None
        #: The rows the entries have while they overflow the section, else None.
        self._rows: int | None = None
        self._finished = FinishedLines(FINISHED_LINES)
        self._wrapping_ahead = False

    def fill(self, options: Iterable[Option], empty: str, count: int | None = None) -> None:
        """Replace the entries; ``empty`` shows (disabled) when there are none."""
        items = list(options)
        self._finished.clear()
        self._count = count
        self._pin_height(items)
        self.set_options(items or [Option(Text(empty, style="italic"), disabled=True)])
        self._show_title()
        self.display = True

    def _show_title(self) -> None:
        """The title, the count, and ↑ ↓ while entries are out of view above or below.

        A section has no scrollbar (sidebar.tcss): beside the sidebar's own, two bars
        read as one thick one, and each was a widget the sidebar's every scroll
        arranged and drew again (~0.25 ms of each Tab in the sidebar).
        """
        title = f"{self._title} ({self._count})" if self._count else self._title
        rows = self._rows
        if rows is not None:
            top = round(self.scroll_y)
            # (At the top the entries overflow below; scrolled, their height is known.)
            below = top == 0 or top + rows < self.virtual_size.height
            arrows = ("↑" if top > 0 else "") + ("↓" if below else "")
            title = f"{title} {arrows}" if arrows else title
        if title != self._shown_title:
            self._shown_title = title
            self.border_title = plain(title)

    def scroll_to_highlight(self, top: bool = False) -> None:
        """Textual's, and from the last entry a key reaches, on to the end: the
        disabled "… and N more" line after it stayed out of view, where only a mouse
        wheel reached it."""
        super().scroll_to_highlight(top)
        index = self.highlighted
        options = self._options
        if index is None or top or index + 1 >= len(options):
            return
        if all(option.disabled for option in options[index + 1 :]):
            self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if round(old_value) != round(new_value):
            self._show_title()

    def _pin_height(self, options: list[Option]) -> None:
        """At its max-height while the entries overflow it, else the CSS height (auto).

        OptionList asks for a layout of the whole screen whenever an auto-height list
        gets new entries (~9 ms at each highlight the sidebar follows), though a list
        longer than its max-height keeps the same height. Pinned, it repaints only.
        """
        max_height = self.styles.max_height
        width = self.content_region.width
        self._rows = None
        if max_height is None or max_height.unit != Unit.CELLS or not width or not self.display:
            self.styles.height = None
            return
        rows = int(max_height.value) - self.styles.gutter.height
        lines = 0
        for option in options:  # wrapped as wide as they can be: the fewest lines
            lines += self._get_visual(option).get_height(self.styles, width)
            if lines > rows:
                self.styles.height = int(max_height.value)
                self._rows = rows
                return
        self.styles.height = None

    def on_resize(self) -> None:
        # Wider or narrower, the entries may wrap into fewer or more lines.
        self._pin_height(list(self.options))
        self._show_title()

    def focus_changed(self, has_focus: bool) -> None:
        self._refresh_option(self.highlighted)

    def get_visual_style(self, *component_classes: str, partial: bool = False) -> VisualStyle:
        # OptionList draws its highlighted entry in a class whose colours depend on
        # :focus; the section's own two classes depend on nothing but has_focus.
        if HIGHLIGHTED in component_classes:
            cursor = CURSOR_FOCUSED if self.has_focus else CURSOR
            component_classes = tuple(
                cursor if name == HIGHLIGHTED else name for name in component_classes
            )
        return super().get_visual_style(*component_classes, partial=partial)

    def _watch_highlighted(self, old: int | None, new: int | None) -> None:
        self._refresh_option(old)
        self._refresh_option(new)
        if not self._wrapping_ahead:
            self._wrapping_ahead = True
            self.call_after_refresh(self._wrap_ahead)

    def _wrap_ahead(self) -> None:
        """Wrap, once this move is painted, the entries the next j or k shows.

        OptionList wraps an entry afresh for each look (~0.3 ms): a move down wrapped
        the entry scrolled in (highlighted) and the one left (plain), as it had only
        been seen highlighted. These are the entries either side, highlighted, and
        the highlighted one plain.
        """
        self._wrapping_ahead = False
        index = self.highlighted
        if index is None or not self.is_mounted or not self.scrollable_content_region:
            return  # nothing highlighted, or the section went (a dialog closed)
        plain = self.get_visual_style("option-list--option")
        cursor = self.get_visual_style("option-list--option", HIGHLIGHTED)
        self._get_option_render(self.get_option_at_index(index), plain)
        for near in (index - 1, index + 1):
            if 0 <= near < self.option_count:
                option = self.get_option_at_index(near)
                if not option.disabled:
                    self._get_option_render(option, cursor)

    def _refresh_option(self, index: int | None) -> None:
        """Repaint the lines of the option at ``index``, if it is in the list."""
        line = self._index_to_line.get(index) if index is not None else None
        if line is not None:  # content coordinates, as Widget.refresh takes them
            top = round(self.scroll_offset.y)
            width = self.scrollable_content_region.width
            self.refresh(Region(0, line - top, width, self._heights.get(index, 1)))

    #: What ``render_lines`` gave, by crop, size and styles, until the next repaint
    #: asked for: a sidebar scroll moves a section without changing it and asks it
    #: for the same lines, whose keys and colours took ~30 µs to work out again (~80
    #: in a frame). Every change of what a section shows asks for a repaint.
    _painted: dict[tuple[Region, Size, tuple[object, ...]], list[Strip]] | None = None

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        self._painted = None
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def render_lines(self, crop: Region) -> list[Strip]:
        key = (crop, self.outer_size, styles_key(self))
        painted = self._painted
        if painted is None:
            painted = self._painted = {}
        elif (kept := painted.get(key)) is not None:
            return kept
        painted[key] = strips = self._render_lines(crop)
        return strips

    def _render_lines(self, crop: Region) -> list[Strip]:
        content = self.scrollable_content_region.size
        lines = self._line_cache.lines
        if not lines or lines[-1][0] + 1 < self.option_count:
            self._update_lines()  # (Textual's _lines would do this at every read)
        width, height = self.outer_size
        gutter = self.styles.gutter
        scroll_x, scroll_y = self.scroll_offset
        top = round(scroll_y) - gutter.top
        content_end = height - gutter.bottom
        highlighted = self.highlighted
        focused = self.has_focus  # the highlighted option's colours (and the frame's)
        hovered = self._mouse_hovering_over
        keys: list[Hashable] = []
        for y in crop.line_range:
            number = top + y
            if gutter.top <= y < content_end and number < len(lines):
                option = lines[number][0]
                keys.append((number, option == highlighted and (1 + focused), option == hovered))
            else:
                keys.append(-1 - y)  # border, padding or blank: by place
        context = (*drawing_context(self, content), self.virtual_size, scroll_x)
        return self._finished.lines(
            crop, width, context, keys, super().render_lines, frame_of(self)
        )


class NotesSection(Section):
    """The open article's notes: Enter goes to the note's place, e edits, d deletes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "screen.edit_note", "Edit note", id="sidebar-note-edit"),
        Binding("d,delete", "screen.delete_note", "Delete note", id="sidebar-note-delete"),
    ]

    @property
    def note_id(self) -> str | None:
        """The id of the highlighted note, if any."""
        if self.highlighted is None:
            return None
        option_id = self.get_option_at_index(self.highlighted).id or ""
        return option_id.removeprefix("note:") if option_id.startswith("note:") else None


def note_option(item: PlacedNote) -> Option:
    note = item.note
    prompt = Text()
    if note.is_highlight:
        prompt.append("▍ ", style="bold")
        prompt.append(f"“{excerpt(note.anchor.exact if note.anchor else '', 90)}”", "italic")
    else:
        prompt.append("✎ ", style="bold")
        prompt.append(clip(note.text, 200) or "(empty)")
        if note.kind != "article" and note.label:
            prompt.append(f"\non “{excerpt(note.label, 50)}”", style="italic dim")
    if item.detached:
        prompt.append("\ndetached: its passage is no longer in the text", style="bold dim")
    return Option(prompt, id=f"note:{note.id}")


class Sidebar(VerticalScroll, QuickScrollBars, can_focus=False):
    """The open article's context; the screen fills it and routes its selections.

    Its sections take focus (Tab goes from the reader to the first one); its border
    shows focus anywhere inside it.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {FOCUSED_FRAME}

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id)
        self._finished = FinishedLines(FINISHED_LINES)

    def render_lines(self, crop: Region) -> list[Strip]:
        # Its own lines (the border and the background between sections) by place: a
        # focus change gives them new edges instead of Textual styling all ~40 again.
        width = self.outer_size.width
        keys: list[Hashable] = list(crop.line_range)
        return self._finished.lines(
            crop, width, settled_context(self), keys, super().render_lines, frame_of(self)
        )

    def compose(self) -> ComposeResult:
        yield Static("", id="focus-title", markup=False)
        yield Section("Leads to", id="focus-leads")
        yield NotesSection("Notes", id="notes")
        yield Section("Related articles", id="related")
        yield Section("Entities", id="entities")
        yield Section("Quotations", id="quotations")

    def on_mount(self) -> None:
        self.show_article(None)

    def bring_into_view(self, section: Widget) -> None:
        """Scroll ``section`` into view now, for the next frame (the screen calls this
        as it moves focus to a section): as little as shows it whole, or its top,
        with the heading above it (the focused highlight, above its leads).

        Not animated: an animated scroll repaints the sidebar each frame for a third
        of a second after each Tab. Not Textual's ``scroll_to_widget``: it finds a
        section scrolled out of view only by laying out the whole screen again
        (~0.5 ms); the sidebar's own arrangement (the compositor's, kept) has it.
        """
        view = self.scrollable_content_region
        placements = self.arrange(view.size).placements
        index = next((i for i, p in enumerate(placements) if p.widget is section), None)
        if index is None:
            return
        first = index  # with the headings right above it (the leads' highlight)
        while first and not placements[first - 1].widget.focusable:
            first -= 1
        region = placements[index].region.grow(placements[index].margin)
        region = region.union(placements[first].region.grow(placements[first].margin))
        top = self.scroll_y
        if region.y < top:
            target = region.y
        elif region.bottom > top + view.height:
            target = min(region.y, region.bottom - view.height)
        else:
            return
        self.scroll_to(y=target, animate=False, immediate=True)

    def show_focus_within(self) -> None:
        """The focused frame while a section has focus (the screen calls this as it
        moves focus).

        Not :focus-within, nor a class: either restyles every node in the sidebar
        (pane_frame.py). Not on DescendantFocus either: that arrives a frame late.
        """
        show_frame(self, self.has_focus_within)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        frame_after_restyle(self, lambda: self.has_focus_within)

    # Filling ---------------------------------------------------------------------------
    def show_article(self, article: Article | None) -> None:
        """Entities, quotations and notes of ``article``; related arrive later."""
        self.show_focus(None, [])
        related = self.query_one("#related", Section)
        entities = self.query_one("#entities", Section)
        quotations = self.query_one("#quotations", Section)
        notes = self.query_one("#notes", Section)
        if article is None:
            related.fill([], "Open an article to see what it relates to.")
            entities.fill([], "—")
            quotations.fill([], "—")
            notes.fill([], "—")
            return
        related.fill([], "Finding related articles…")
        analysis = article.analysis
        mentions = analysis.entities if analysis else []
        quotes = analysis.quotes if analysis else []
        entities.fill(self._entity_options(mentions), "No names found.", len(mentions))
        quote_options = [
            Option(self._quote_prompt(q.speaker, q.text), id=f"quote:{i}")
            for i, q in enumerate(quotes[:SECTION_LIMIT])
        ]
        if len(quotes) > SECTION_LIMIT:
            quote_options.append(
                more_option(
                    len(quotes) - SECTION_LIMIT, "quotation", "quotations", "] steps through them"
                )
            )
        quotations.fill(quote_options, "No quotations found.", len(quotes))
        notes.fill([], "No notes yet. a adds one.")

    @staticmethod
    def _entity_options(mentions: Iterable[EntityMention]) -> list[Option]:
        counts = Counter((m.type, m.canonical) for m in mentions)
        options: list[Option] = []
        for kind in ("PERSON", "ORG", "PLACE"):
            names = [(name, n) for (t, name), n in counts.items() if t == kind]
            if not names:
                continue
            names.sort(key=lambda item: (-item[1], item[0].casefold()))
            options.append(Option(Text(TYPE_TITLES[kind], style="bold underline"), disabled=True))
            for name, n in names[:SECTION_LIMIT]:
                prompt = Text("  " + clip(name, 60))
                prompt.append(f" ×{n}", style="dim")
                options.append(Option(prompt, id=f"entity:{TYPE_PREFIX[kind]}:{name}"))
            if len(names) > SECTION_LIMIT:
                rest = len(names) - SECTION_LIMIT
                many = TYPE_TITLES[kind].lower()
                options.append(more_option(rest, KIND_WORDS[kind], many, "n steps through them"))
        return options

    @staticmethod
    def _quote_prompt(speaker: str | None, words: str) -> Text:
        prompt = Text(clip(speaker or "Unattributed", 40), style="bold")
        prompt.append(" → ")
        prompt.append(f"“{clip(words, 140)}”", style="italic")
        return prompt

    def show_related(self, leads: list[Lead]) -> None:
        self.query_one("#related", Section).fill(
            map(lead_option, leads), "No related articles in the library yet.", len(leads)
        )

    def show_focus(
        self, heading: Text | None, leads: list[Lead], empty: str = "", total: int = 0
    ) -> None:
        """The focused highlight (``heading``) and the articles it leads to: ``leads``,
        the newest of ``total``."""
        title = self.query_one("#focus-title", Static)
        section = self.query_one("#focus-leads", Section)
        if heading is None:
            title.display = False
            section.display = False
            return
        # Two lines, never wrapped (see #focus-title): no layout at each step.
        heading.no_wrap, heading.overflow = True, "ellipsis"
        title.update(heading, layout=not title.display)
        title.display = True
        options = [lead_option(lead) for lead in leads]
        total = max(total, len(leads))
        if total > len(leads):
            options.append(
                more_option(total - len(leads), "article", "articles", "Enter lists them all")
            )
        section.fill(options, empty or "No other article.", total)

    def show_notes(self, notes: list[PlacedNote]) -> None:
        """The open article's notes in reading order (whole-article ones first)."""
        options = [note_option(item) for item in notes]
        self.query_one("#notes", Section).fill(options, "No notes yet. a adds one.", len(notes))
