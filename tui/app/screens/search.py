"""Library-wide search: results as you type, ranked, each with a snippet."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.app.heap import settle
from tui.app.widgets.option_lists import VimOptionList
from tui.app.widgets.sidebar import clip
from tui.library import Library
from tui.search import SearchHit

RESULT_LIMIT = 50


def hit_prompt(hit: SearchHit) -> Text:
    """Title in bold, then the snippet with the matched words marked (by offset:
    the snippet is article text and is never read as markup)."""
    prompt = Text(clip(hit.title, 120), style="bold")
    if hit.snippet:
        snippet = Text(hit.snippet, style="dim")
        for start, end in hit.snippet_spans:
            snippet.stylize("bold reverse", start, end)
        prompt.append("\n")
        prompt.append_text(snippet)
    return prompt


class SearchScreen(ModalScreen[tuple[str, str] | None]):
    """Type to search titles, bodies, speakers, entities and notes; Enter opens."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="search-close"),
        Binding("down", "to_results", "Results", id="search-results", show=False),
    ]

    def __init__(self, library: Library, query: str = "") -> None:
        super().__init__()
        self.library = library
        self.initial = query

    def compose(self) -> ComposeResult:
        with Vertical(id="search-view"):
            yield Input(
                value=self.initial, placeholder="Search the library: words, names, speakers…"
            )
            yield Static("", id="search-status", markup=False)
            yield VimOptionList(id="search-results", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        if self.initial:
            self._search(self.initial)

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        self._search(event.value)

    @work(thread=True, exclusive=True)
    def _search(self, query: str) -> None:
        hits = self.library.search(query, limit=RESULT_LIMIT) if query.strip() else []
        self.app.call_from_thread(self._show, query, hits)

    def _show(self, query: str, hits: list[SearchHit]) -> None:
        settle("search index")
        if query != self.query_one(Input).value:
            return  # A newer query is on its way.
        results = self.query_one("#search-results", OptionList)
        results.clear_options()
        results.add_options(Option(hit_prompt(hit), id=hit.article_id) for hit in hits)
        status = self.query_one("#search-status", Static)
        if not query.strip():
            status.update("Titles, bodies, speakers, names and notes. Enter opens, Esc closes.")
        elif hits:
            more = "+" if len(hits) == RESULT_LIMIT else ""
            status.update(f"{len(hits)}{more} articles · ↓ to the results, Enter opens")
        else:
            status.update("No article matches.")
        if hits:
            results.highlighted = 0

    @on(Input.Submitted)
    def _submitted(self) -> None:
        results = self.query_one("#search-results", OptionList)
        if results.option_count:
            index = results.highlighted or 0
            self._open(results.get_option_at_index(index).id or "")

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._open(event.option.id or "")

    def _open(self, article_id: str) -> None:
        if article_id:
            self.dismiss((article_id, self.query_one(Input).value))

    def action_to_results(self) -> None:
        self.query_one("#search-results", OptionList).focus()

    def action_close(self) -> None:
        self.dismiss(None)
