"""A pane's border shows where focus is, without Textual restyling the pane.

A ``:focus`` rule (or a class set on focus) makes Textual restyle the pane and
everything in it at every focus change: ~2 ms for the reader and its component
classes, ~7 ms for the sidebar and its sections, and the reader and list then
dropped every finished line. The focused frame is instead declared in CSS as the
pane's component class ``pane--focused`` (its ``border`` and ``border-title-*``
rules) and copied onto the pane's inline styles when focus comes or goes: Textual
repaints the pane without a restyle, and ``FinishedLines`` only gives kept lines
their new edge cells. A theme change restyles the pane: ``frame_after_restyle``.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.widget import Widget

FOCUSED_FRAME = "pane--focused"
EDGES = ("border_top", "border_right", "border_bottom", "border_left")
TITLE_RULES = ("border_title_color", "border_title_background", "border_title_style")


def show_frame(pane: Widget, focused: bool) -> None:
    """The frame of ``pane--focused`` on ``pane``, or back to the pane's CSS one."""
    styles = pane.styles
    inline = styles.inline
    if focused:
        frame = pane.get_component_styles(FOCUSED_FRAME)
        if frame.has_any_rules(*EDGES):
            styles.border = frame.border  # same edges, other colours: no layout
        for rule in TITLE_RULES:
            if frame.has_rule(rule):
                setattr(styles, rule, getattr(frame, rule))
        return
    if any(inline.has_rule(edge) for edge in EDGES):
        styles.border = None
    for rule in TITLE_RULES:
        if inline.has_rule(rule):
            setattr(styles, rule, None)


def frame_after_restyle(pane: Widget, focused: Callable[[], bool]) -> None:
    """Show the frame again after a restyle (a theme change: new colours).

    From ``notify_style_update``: Textual styles a widget's component classes after
    the widget itself, so the frame is read once both are done.
    """
    pane.call_later(lambda: show_frame(pane, focused()))
