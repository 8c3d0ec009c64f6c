"""Build the app: one factory that the command line and the tests both call."""

from __future__ import annotations

import errno
from pathlib import Path

from tui.app.app import LedeApp
from tui.browse import Browse
from tui.library import Library
from tui.store import LibraryLockedError
from tui.store.journal import os_reason

#: A library that cannot be written for these reasons is opened read-only.
READ_ONLY_ERRORS = (errno.EACCES, errno.EPERM, errno.EROFS)


def make_app(library_dir: Path) -> LedeApp:
    """The app on ``library_dir``: the list from the listing, marks from the user data.

    The library stays open (and locked against a second writer) until the app ends;
    when another Lede holds the lock, this one shares the library (see below);
    nothing slow (article bodies, indexes, the analyser) is read here.
    """
    notice = ""
    try:
        library = Library.open(library_dir)
    except LibraryLockedError as exc:
        # A second Lede on the same library: articles read-only, but notes, bookmarks
        # and read marks are still saved (the journal shares them safely).
        library = Library.open(library_dir, read_only=True, user_writable=True)
        who = f" (pid {exc.holder})" if exc.holder else ""
        notice = (
            f"Another Lede{who} has this library open. Both can read and keep notes; "
            "your notes, bookmarks and read marks are saved and shared."
        )
    except OSError as exc:
        if exc.errno not in READ_ONLY_ERRORS:
            raise
        # A read-only folder or mount: everything can be read, nothing saved.
        library = Library.open(library_dir, read_only=True)
        reason = os_reason(exc)
        library.store.user.refuse_writes(f"the library folder is read-only ({reason})")
        notice = (
            f"{library_dir} cannot be written ({reason}): opened read-only. Notes, "
            "bookmarks and read marks are not saved; make the folder writable and "
            "restart Lede to save them."
        )
    try:
        listing = library.store.listing()
        user = library.store.user
        browse = Browse(listing, user.read_ids(), set(user.bookmarked_ids()))
    except BaseException:
        library.close()
        raise
    # Damaged or refused files found while opening (moved aside, rebuilt, read-only).
    notices = [notice, *(damage.message(library_dir) for damage in library.store.damage)]
    return LedeApp(library, browse, notice="\n".join(n for n in notices if n))
