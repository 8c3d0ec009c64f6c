"""Build the app: one factory that the command line and the tests both call."""

from __future__ import annotations

from pathlib import Path

from tui.app.app import LedeApp
from tui.library import Library
from tui.textsafe import one_line


def make_app(library_dir: Path) -> LedeApp:
    """The app on ``library_dir``, with the article list read from its listing."""
    with Library.open(library_dir, read_only=True) as library:
        listing = library.store.listing()
    order = sorted(range(len(listing)), key=lambda i: listing.published[i], reverse=True)
    titles = [one_line(listing.titles[i]) for i in order]
    return LedeApp(library_dir, titles)
