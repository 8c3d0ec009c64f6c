"""Build the app: one factory that the command line and the tests both call."""

from __future__ import annotations

from pathlib import Path

from tui.app.app import LedeApp
from tui.browse import Browse
from tui.library import Library


def make_app(library_dir: Path) -> LedeApp:
    """The app on ``library_dir``: the list from the listing, marks from the user data.

    The library stays open (and locked against a second writer) until the app ends;
    nothing slow (article bodies, indexes, the analyser) is read here.
    """
    library = Library.open(library_dir)
    try:
        listing = library.store.listing()
        user = library.store.user
        browse = Browse(listing, user.read_ids(), set(user.bookmarked_ids()))
    except BaseException:
        library.close()
        raise
    return LedeApp(library, browse)
