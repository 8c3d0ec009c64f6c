"""The entity view: every article that mentions a name, its quotations, and what
others said about it; choosing one jumps there."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.app.widgets.key_bar import KeyBar
from tui.app.widgets.sidebar import KIND_WORDS, TYPE_PREFIX, Section, clip
from tui.library import Library
from tui.profile import EntityProfile, QuoteRef


@dataclass(frozen=True, slots=True)
class JumpTarget:
    """Where the entity view sends the reader: an article (at a quotation), or a
    request to filter the list by the entity."""

    article_id: str = ""
    offset: int | None = None
    filter_key: str = ""


def _quote_option(ref: QuoteRef, n: int, with_speaker: bool) -> Option:
    prompt = Text()
    if with_speaker:
        prompt.append(clip(ref.speaker or "Unattributed", 40), style="bold")
        prompt.append(": ")
    prompt.append(f"“{clip(ref.text, 200)}”", style="italic")
    prompt.append("\n")
    prompt.append(clip(ref.title, 100), style="dim")
    return Option(prompt, id=f"quote:{n}")


class EntityScreen(ModalScreen[JumpTarget | None]):
    """Everything the library knows about one entity."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_view", "Close", id="entity-close"),
        Binding("e", "filter", "Filter list by it", id="entity-filter"),
    ]

    def __init__(self, library: Library, name: str, kind: str) -> None:
        super().__init__()
        self.library = library
        self.entity_name = name
        self.kind = kind
        self._quotes: list[QuoteRef] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="entity-view"):
            heading = Text(clip(self.entity_name, 80), style="bold")
            heading.append(f"  {KIND_WORDS.get(self.kind, '')}", style="dim")
            yield Static(heading, id="entity-heading", markup=False)
            yield Static("Reading the library…", id="entity-summary", markup=False)
            yield Section("Articles", id="entity-articles")
            yield Section(f"Quotations by {clip(self.entity_name, 40)}", id="entity-quotes-by")
            yield Section(
                f"Quotations about {clip(self.entity_name, 40)}", id="entity-quotes-about"
            )
        yield KeyBar()

    def on_mount(self) -> None:
        self._load()

    @work(thread=True, exclusive=True)
    def _load(self) -> None:
        profile = self.library.entity_profile(self.entity_name, self.kind)
        self.app.call_from_thread(self._show, profile)

    def _show(self, profile: EntityProfile) -> None:
        articles = [
            Option(self._article_prompt(title, reason), id=f"article:{article_id}")
            for article_id, title, reason in profile.articles
        ]
        self._quotes = profile.quotes_by + profile.quotes_about
        by = [_quote_option(ref, n, False) for n, ref in enumerate(profile.quotes_by)]
        offset = len(profile.quotes_by)
        about = [
            _quote_option(ref, offset + n, True) for n, ref in enumerate(profile.quotes_about)
        ]
        self.query_one("#entity-articles", Section).fill(articles, "None.", len(articles))
        self.query_one("#entity-quotes-by", Section).fill(by, "None found.", len(by))
        self.query_one("#entity-quotes-about", Section).fill(about, "None found.", len(about))
        summary = (
            f"{len(articles)} article{'s' if len(articles) != 1 else ''}, "
            f"{len(by)} quotation{'s' if len(by) != 1 else ''} by, {len(about)} about. "
            "Enter opens; e filters the list; Esc closes."
        )
        self.query_one("#entity-summary", Static).update(summary)
        self.query_one("#entity-articles", OptionList).focus()

    @staticmethod
    def _article_prompt(title: str, reason: str) -> Text:
        prompt = Text(clip(title, 120), style="bold")
        prompt.append("\n")
        prompt.append(reason, style="italic")
        return prompt

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        kind, _, rest = (event.option.id or "").partition(":")
        if kind == "article":
            self.dismiss(JumpTarget(article_id=rest))
        elif kind == "quote":
            ref = self._quotes[int(rest)]
            self.dismiss(JumpTarget(article_id=ref.article_id, offset=ref.start))

    def action_dismiss_view(self) -> None:
        self.dismiss(None)

    def action_filter(self) -> None:
        self.dismiss(
            JumpTarget(filter_key=f"{TYPE_PREFIX.get(self.kind, 'P')}:{self.entity_name}")
        )
