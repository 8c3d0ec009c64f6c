"""A TinyDB storage that writes atomically and keeps the parsed data in memory.

TinyDB's own JSONStorage truncates and rewrites the file in place (a crash
mid-write tears it) and re-reads and re-parses the whole file on every query.
This storage replaces the file with a rename and serves reads from memory: the
library lock guarantees no other process writes the file behind our back.

Apart from ``json_storage`` so that TinyDB loads only when the catalog is opened
(the app starts from the listing).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from .atomic import atomic_write_bytes
from .json_storage import CorruptFileError, dumps_compact, read_json_file


class AtomicJSONStorage(Storage):
    """TinyDB storage: atomic, fsynced writes; reads served from a memory copy."""

    def __init__(self, path: str | Path, *, read_only: bool = False, durable: bool = True) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.durable = durable
        self._cache: dict[str, Any] | None = None
        self._loaded = False

    def read(self) -> dict[str, Any] | None:
        if not self._loaded:
            data = read_json_file(self.path)
            if data is not None and not isinstance(data, dict):
                raise CorruptFileError(self.path, "top level is not a JSON object")
            self._cache = data
            self._loaded = True
        return self._cache

    def write(self, data: dict[str, Any]) -> None:
        if self.read_only:
            raise PermissionError(f"{self.path}: library is open read-only")
        try:
            atomic_write_bytes(self.path, dumps_compact(data), durable=self.durable)
        except BaseException:
            # TinyDB mutated our cached dict before calling write; the disk still
            # holds the old state, so forget the cache and re-read it next time.
            self._cache = None
            self._loaded = False
            raise
        self._cache = data
        self._loaded = True

    def close(self) -> None:
        self._cache = None
        self._loaded = False
