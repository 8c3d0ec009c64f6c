"""A pane's border shows where focus is, without Textual restyling or repainting the pane.

A ``:focus`` rule (or a class set on focus) makes Textual restyle the pane and
everything in it at every focus change: ~2 ms for the reader and its component
classes, ~7 ms for the sidebar and its sections, and the reader and list then
dropped every finished line. The focused frame is instead declared in CSS as the
pane's component class ``pane--focused`` (its border and ``border-title-*``
rules) and copied onto the pane's inline styles when focus comes or goes, and only
the frame's cells are repainted: Textual's own focus handling repaints the whole
pane (every line of it composed and sent to the terminal again). A theme change
restyles the pane: ``frame_after_restyle``.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.geometry import Region
from textual.widget import Widget

from tui.app.widgets.finished_lines import frame_rules_set

FOCUSED_FRAME = "pane--focused"
EDGES = ("border_top", "border_right", "border_bottom", "border_left")
#: The rules a frame may set: its edges and its titles' looks (``border-title-color``
#: also sets ``auto_border_title_color``).
FRAME_RULE_PREFIXES = ("border_", "auto_border_")
NO_EDGE = ("", "none", "hidden")


def show_frame(pane: Widget, focused: bool) -> None:
    """The frame of ``pane--focused`` on ``pane``, or back to the pane's CSS one.

    The rules go straight onto the inline styles (same edges, other colours: no
    layout), and only the frame's cells are marked for a repaint.
    """
    inline = pane.styles.inline
    changed = False
    with frame_rules_set(pane):
        if focused:
            frame = pane.get_component_styles(FOCUSED_FRAME).get_rules()
            for rule, value in frame.items():
                if rule.startswith(FRAME_RULE_PREFIXES):
                    changed |= inline.set_rule(rule, value)
        else:
            for rule in list(inline.get_rules()):
                if rule.startswith(FRAME_RULE_PREFIXES):
                    changed |= inline.clear_rule(rule)
    if changed:
        refresh_frame(pane)


def refresh_frame(pane: Widget) -> None:
    """Repaint the cells of ``pane``'s border (its titles are in the top and bottom rows)."""
    if not pane.is_mounted:
        return
    width, height = pane.outer_size
    if not width or not height:
        return
    top, right, bottom, left = (pane.styles.get_rule(edge) for edge in EDGES)
    edges = [
        (top, Region(0, 0, width, 1)),
        (bottom, Region(0, height - 1, width, 1)),
        (left, Region(0, 0, 1, height)),
        (right, Region(width - 1, 0, 1, height)),
    ]
    # Widget.refresh takes content coordinates; the frame lies around the content.
    x, y = pane.content_offset
    regions = [
        region.translate((-x, -y)) for edge, region in edges if edge and edge[0] not in NO_EDGE
    ]
    if regions:
        pane.refresh(*regions)


def frame_after_restyle(pane: Widget, focused: Callable[[], bool]) -> None:
    """Show the frame again after a restyle (a theme change: new colours).

    From ``notify_style_update``: Textual styles a widget's component classes after
    the widget itself, so the frame is read once both are done.
    """
    pane.call_later(lambda: show_frame(pane, focused()))


class FramedPane(Widget):
    """A focusable pane whose focus shows in its frame, and in what ``focus_changed`` repaints.

    Textual answers a focus change with a restyle of the widget (for ``:focus``
    rules; ``watch_has_focus`` here does not) and a repaint of all of it
    (``Widget._on_focus``; the handlers here prevent it). A pane that shows focus
    anywhere else (a cursor row) repaints that in ``focus_changed``. It also runs
    its keys' bindings itself (``_on_key``) rather than after they bubble to the app.

    A mixin after the widget's own base: Textual takes CSS (and component classes)
    from the first base only, so the pane lists ``FOCUSED_FRAME`` itself.
    """

    # Textual's handlers also post DescendantFocus/Blur, which bubble to the screen:
    # a message hop per container before the frame, for listeners no pane has (the
    # screen follows focus in ``MainScreen.set_focus``).
    def _on_focus(self, event: events.Focus) -> None:
        event.prevent_default()
        self.has_focus = True

    def _on_blur(self, event: events.Blur) -> None:
        event.prevent_default()
        self.has_focus = False

    async def _on_key(self, event: events.Key) -> None:
        # Textual looks a key's binding up once the key has bubbled from the focused
        # widget through each container to the app: a message hop each (~0.1 ms),
        # three from a pane. The same lookup runs here, from this pane outwards
        # through the same bindings in the same order, and a key it answers goes no
        # further. A key without a binding bubbles on as before.
        event.prevent_default()  # Widget._on_key's key_ methods: called here
        if await self.handle_key(event):
            return
        if await self.app._check_bindings(event.key):
            event.stop()

    def watch_has_focus(self, has_focus: bool) -> None:
        show_frame(self, has_focus)
        self.focus_changed(has_focus)

    def focus_changed(self, has_focus: bool) -> None:
        """Repaint what besides the frame shows focus (nothing, here)."""

    def notify_style_update(self) -> None:
        super().notify_style_update()
        frame_after_restyle(self, lambda: self.has_focus)
