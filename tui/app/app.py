"""The Textual application: opens the main screen on a library and keeps app-wide state."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.notifications import SeverityLevel
from textual.screen import Screen

from tui.app import callbacks, dispatch, heap
from tui.app.keys import APP_BINDINGS
from tui.app.paths import stylesheet
from tui.app.screens.help import HelpScreen, binding_rows
from tui.app.screens.main import MainScreen
from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.reader import Reader
from tui.browse import Browse
from tui.library import Library
from tui.store import UserDataWriteError

#: Seconds after which collections run again even if no screen settled the heap.
HEAP_RELEASE_AFTER = 5.0
STYLESHEETS = ("app.tcss", "list.tcss", "reader.tcss", "sidebar.tcss", "dialogs.tcss")


class LedeApp(App[None]):
    """Lede: the reader on one library, which it holds open (and locked) while running."""

    CSS_PATH: ClassVar[list[str | Path]] = [stylesheet(name) for name in STYLESHEETS]
    TITLE = "Lede"
    BINDINGS: ClassVar[list[BindingType]] = APP_BINDINGS

    def __init__(self, library: Library, browse: Browse, *, notice: str = "") -> None:
        super().__init__()
        callbacks.install()  # no inspect.signature per deferred call (callbacks.py)
        dispatch.install()  # handlers found once per class (dispatch.py)
        self.library = library
        self.browse = browse
        #: Said once the app is up (e.g. that another Lede has this library open).
        self.notice = notice

    def on_load(self) -> None:
        heap.hold()  # until the first screen is drawn (tui/app/heap.py)

    def on_mount(self) -> None:
        if self.notice:
            self.notify(self.notice, severity="warning", timeout=12)
        theme = self.library.store.user.get_setting("theme")
        if isinstance(theme, str) and theme in self.available_themes:
            self.theme = theme
        self.theme_changed_signal.subscribe(self, self._save_theme)
        # The main screen settles the heap once drawn; should it not (an error),
        # collections must not stay held for the whole session.
        self.set_timer(HEAP_RELEASE_AFTER, heap.release)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Textual's notification, its message never read as markup, whatever the
        caller asks (``Widget.notify`` asks for markup by default): Lede's messages
        carry file names, error text and what the user typed, and a ``[/]`` in them
        raised MarkupError, a ``[@click=…]`` became a link."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def get_default_screen(self) -> Screen:
        return MainScreen(self.library, self.browse)

    def _save_theme(self, _theme: object) -> None:
        try:
            self.library.store.user.set_setting("theme", self.theme)
        except UserDataWriteError as exc:
            self.notify(f"Theme not saved: {exc}", severity="error")

    def action_cycle_theme(self) -> None:
        names = sorted(self.available_themes)
        self.theme = names[(names.index(self.theme) + 1) % len(names)]
        self.notify(f"Theme: {self.theme}")

    # Help and the command palette, both made from the live bindings --------------------
    def pane_bindings(self) -> list[tuple[str, DOMNode, list[BindingType]]]:
        """Each area's title, the node its actions run on, and its bindings."""
        areas: list[tuple[str, DOMNode, list[BindingType]]] = []
        screen = self.screen
        if isinstance(screen, MainScreen):
            areas.append(("Anywhere", screen, list(screen.BINDINGS)))
            areas.append(("Article list", screen.article_list, list(ArticleList.BINDINGS)))
            areas.append(("Reader", screen.reader, list(Reader.BINDINGS)))
        areas.append(("App", self, list(self.BINDINGS)))
        return areas

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        sections = [
            (title, binding_rows(bindings, self.get_key_display))
            for title, _node, bindings in self.pane_bindings()
        ]
        self.push_screen(HelpScreen(sections))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        seen: set[str] = {"quit", "help"}
        for title, node, bindings in self.pane_bindings():
            for binding in Binding.make_bindings(bindings):
                if not binding.description or binding.action in seen:
                    continue
                seen.add(binding.action)
                help_text = f"{title} · key {self.get_key_display(binding)}"
                if binding.tooltip:
                    help_text += f" · {binding.tooltip}"
                callback = partial(self.call_later, self.run_action, binding.action, node)
                yield SystemCommand(binding.description, help_text, callback)
        yield SystemCommand("Help", "Every key, pane by pane (?)", self.action_help)

    def on_unmount(self) -> None:
        heap.release()
        self.library.close()
