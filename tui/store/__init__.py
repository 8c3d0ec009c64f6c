"""The library on disk: catalog (TinyDB), one body file per article, and user data.

Layout of a library directory::

    lede.lock        advisory lock: one writing process at a time
    catalog.json     TinyDB: schema version + list metadata of every article
    listing.bin      derived: the list's columns, fast to load at start (binary)
    bodies/ab/ID.json  one per article: blocks, standfirst, analysis (written once)
    raw/*.pack       the imported bytes, zlib-compressed, appended (see rawpack.py)
    user.json        user data snapshot: read state, positions, bookmarks, notes, settings
    user.log         user data journal: one checksummed line per save since the snapshot

A damaged file is kept aside as ``<name>.damaged-<time>`` and never written
over; what was found and done is listed in ``LibraryStore.damage``.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from functools import cached_property
from pathlib import Path

from tui.model import ArticleMeta

from .aside import Damage
from .atomic import remove_stale_temp_files
from .bodies import BodyStore, sync_all
from .catalog import CATALOG_FILE, Catalog, SchemaTooNewError
from .journal import UserDataWriteError
from .json_storage import CorruptFileError
from .listing import Listing, file_stamp, listing_damage, read_listing, write_listing
from .lock import LibraryLock, LibraryLockedError
from .rawpack import RawPacks
from .userdata import UserData

__all__ = [
    "BodyStore",
    "Catalog",
    "CorruptFileError",
    "Damage",
    "LibraryLockedError",
    "LibraryStore",
    "Listing",
    "SchemaTooNewError",
    "UserData",
    "UserDataWriteError",
]


class LibraryStore:
    """Opens every part of one library directory, holding the write lock unless read-only."""

    def __init__(
        self, root: Path, *, read_only: bool = False, user_writable: bool = False
    ) -> None:
        """``user_writable`` opens articles read-only but lets the user data be saved.

        That is how a second Lede process shares a library: the journal locks each
        save and reads the other process's saves first, so neither loses a write.
        """
        self.root = root
        self.read_only = read_only
        self.lock = LibraryLock(root)
        #: Damaged files found (and moved aside or refused) by this store; see aside.py.
        self.store_damage: list[Damage] = []
        if not read_only:
            self.lock.acquire()
        try:
            if not read_only:
                _check_writable(root)  # A read-only folder fails here, not mid-save.
                remove_stale_temp_files(root)
            self.bodies = BodyStore(root)
            self.raw = RawPacks(root)
            self.user = UserData(root, read_only=read_only and not user_writable)
            if not read_only and not (root / CATALOG_FILE).exists():
                _ = self.catalog  # Creates the file with its schema version.
        except BaseException:
            self.lock.release()
            raise

    @property
    def damage(self) -> list[Damage]:
        """Every damaged or refused file found so far, with what was done about it."""
        return self.store_damage + self.user.damage

    @cached_property
    def catalog(self) -> Catalog:
        """The full catalog, parsed on first use (the app starts from the listing instead).

        A damaged one is rebuilt from the bodies' copies of the metadata."""
        try:
            if not (self.root / CATALOG_FILE).exists() and next(self.bodies.ids(), None):
                raise CorruptFileError(self.root / CATALOG_FILE, "missing, but bodies/ is not")
            return Catalog(self.root, read_only=self.read_only)
        except CorruptFileError as exc:
            from .repair import recover_catalog

            catalog, damage = recover_catalog(
                self.root, self.bodies, exc, writable=not self.read_only
            )
            self.store_damage.append(damage)
            return catalog

    def commit(self, metas: list[ArticleMeta]) -> None:
        """Add a batch of articles to the catalog, then refresh the listing."""
        if not metas:
            return
        # Bodies and raw pages written without fsync become durable before the
        # catalog names them.
        self.raw.sync()
        sync_all()
        self.catalog.add_many(metas)
        self._write_listing()

    def _write_listing(self) -> Listing:
        listing = Listing.from_metas(self.catalog.all(), file_stamp(self.catalog.path))
        if not self.read_only:
            # Derived: a full disk must not stop the app from starting; the stale
            # stamp gets it rebuilt at the next start.
            with contextlib.suppress(OSError):
                write_listing(self.root, listing)
        return listing

    def rebuild_listing(self) -> Listing:
        """The listing made again from the catalog and written (``lede doctor --repair``)."""
        self.listing()  # Moves a damaged one aside first.
        return self._write_listing()

    def listing(self) -> Listing:
        """The article list's columns: from listing.bin when fresh, else rebuilt
        (a damaged one moved aside first)."""
        listing = read_listing(self.root)
        if listing is not None and listing.stamp == file_stamp(self.root / CATALOG_FILE):
            return listing
        if listing is None:
            from .repair import set_listing_aside

            problem = listing_damage(self.root)
            if problem is not None:
                damage = set_listing_aside(self.root, problem, writable=not self.read_only)
                self.store_damage.append(damage)
        return self._write_listing()

    def close(self) -> None:
        if "catalog" in self.__dict__:
            self.catalog.close()
        self.user.close()
        self.raw.close()
        self.lock.release()


def _check_writable(root: Path) -> None:
    """Create and remove a file in ``root``: ``OSError`` (EACCES, EROFS) when it cannot.

    Write permission checks (``os.access``) are no use to root or on a read-only
    mount; trying is the only answer that holds.
    """
    try:
        fd, name = tempfile.mkstemp(prefix=".lede-probe.", suffix=".tmp", dir=root)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(root)) from exc
    os.close(fd)
    os.unlink(name)
