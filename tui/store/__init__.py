"""The library on disk: catalog (TinyDB), one body file per article, and user data.

Layout of a library directory::

    lede.lock        advisory lock: one writing process at a time
    catalog.json     TinyDB: schema version + list metadata of every article
    bodies/ab/ID.json  one per article: blocks, standfirst, analysis (written once)
    raw/ab/SHA.z     the imported bytes, zlib-compressed, for re-extraction
    user.json        TinyDB: read state, positions, bookmarks, settings
"""

from __future__ import annotations

from pathlib import Path

from .atomic import remove_stale_temp_files
from .bodies import BodyStore
from .catalog import Catalog, SchemaTooNewError
from .json_storage import CorruptFileError
from .lock import LibraryLock, LibraryLockedError
from .userdata import UserData

__all__ = [
    "BodyStore",
    "Catalog",
    "CorruptFileError",
    "LibraryLockedError",
    "LibraryStore",
    "SchemaTooNewError",
    "UserData",
]


class LibraryStore:
    """Opens every part of one library directory, holding the write lock unless read-only."""

    def __init__(self, root: Path, *, read_only: bool = False) -> None:
        self.root = root
        self.read_only = read_only
        self.lock = LibraryLock(root)
        if not read_only:
            self.lock.acquire()
            remove_stale_temp_files(root)
        try:
            self.catalog = Catalog(root, read_only=read_only)
            self.bodies = BodyStore(root)
            self.user = UserData(root, read_only=read_only)
        except BaseException:
            self.lock.release()
            raise

    def close(self) -> None:
        self.catalog.close()
        self.user.close()
        self.lock.release()
