"""Colours kept across frames (``while_styled``) follow every way styles change.

A pane's and a scrollbar's colours are worked out once and kept while the styles
of the widget and its ancestors are unchanged. What a user would see if a change
were missed: a pane or scrollbar left in the old colours after a theme change, a
class toggled, or a style set in code. Each way is checked against Textual's own
working out of the colours, on a small real app.
"""

from __future__ import annotations

import gc
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.widget import Widget

from tui.app.widgets import finished_lines
from tui.app.widgets.finished_lines import colours, one_frame
from tui.app.widgets.sidebar import Section, Sidebar


class Small(App[None]):
    CSS: ClassVar[str] = """
    #outer { background: $panel; border: solid grey; }
    #outer.warm { background: darkred; }
    #outer > .pane--focused { border: solid $accent; }
    Section { background: $surface 50%; height: 4; }
    Section > .pane--focused { border-top: solid $accent; }
    """

    def compose(self) -> ComposeResult:
        with Sidebar(id="outer"):
            yield Section("Things", id="things")


def textuals(widget: Widget) -> tuple[object, ...]:
    return (widget.background_colors, widget.opacity)


def ours(widget: Widget) -> tuple[object, ...]:
    with one_frame():
        found = colours(widget)
    return (found[0], found[2])


async def test_kept_colours_follow_classes_inline_styles_and_themes() -> None:
    app = Small()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        section = app.query_one("#things", Section)
        outer = app.query_one(Sidebar)
        first = ours(section)
        assert first == textuals(section)
        with one_frame():
            kept = colours(section)
        with one_frame():
            assert colours(section) is kept  # nothing changed: kept, not worked out
        app.set_focus(None)
        await pilot.pause()
        outer.show_focus_within()
        assert not section.styles.inline.has_rule("border_top")
        with one_frame():
            kept = colours(section)
        section.focus()  # the frame's rules are set on it and its parent's: kept still
        await pilot.pause()
        outer.show_focus_within()
        assert section.styles.inline.has_rule("border_top")
        assert outer.styles.inline.has_rule("border_left")
        with one_frame():
            assert colours(section) is kept

        changes = [
            ("a class on an ancestor", lambda: outer.add_class("warm")),
            ("a style set on an ancestor", lambda: setattr(outer.styles, "background", "navy")),
            ("an inline style on the widget", lambda: setattr(section.styles, "opacity", 0.5)),
            ("the inline style cleared", lambda: setattr(outer.styles, "background", None)),
            ("another theme", lambda: setattr(app, "theme", "textual-light")),
        ]
        for what, change in changes:
            before = ours(section)
            change()
            await pilot.pause()
            assert textuals(section) != before, f"{what}: the test changes nothing"
            assert ours(section) == textuals(section), what


def reaches(start: object, target: object, depth: int = 5) -> bool:
    """Whether ``target`` is reachable from ``start`` through at most ``depth`` references."""
    seen: set[int] = set()
    level = [start]
    for _ in range(depth):
        following = []
        for obj in level:
            for ref in gc.get_referents(obj):
                if ref is target:
                    return True
                if id(ref) not in seen and not isinstance(ref, type):
                    seen.add(id(ref))
                    following.append(ref)
        level = following
    return False


async def test_what_is_kept_for_a_widget_does_not_hold_it() -> None:
    """Kept per widget (weakly), what is kept must not refer back to the widget, or
    no widget would ever be let go (a dialog's widgets come and go all session)."""
    app = Small()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        section = app.query_one("#things", Section)
        outer = app.query_one(Sidebar)
        with one_frame():
            colours(section)
            outer.vertical_scrollbar._drawing_key()
        for widget in (section, outer, outer.vertical_scrollbar):
            assert finished_lines._styled.get(widget), widget
            assert not reaches(finished_lines._styled[widget], widget), widget
