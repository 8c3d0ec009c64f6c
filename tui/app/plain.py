"""Text Textual must show as it is: border titles.

Textual reads a ``str`` border title as content markup. A source called
``[@click=app.quit]Wire`` in the list's title ("· source: …") became a link that
quits, and a name with a stray ``[/]`` raised ``MarkupError`` and ended the app.
Titles carry sources and names from articles, so they go in as ``Content``,
which Textual shows as it is. (Notifications: ``LedeApp.notify``.)
"""

from __future__ import annotations

from textual.content import Content

from tui.textsafe import one_line


def plain(text: str) -> Content:
    """``text`` on one line, controls removed, as content never read as markup."""
    return Content(one_line(text))
