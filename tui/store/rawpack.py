"""Imported bytes, kept for re-extraction, appended to pack files.

One file per raw page cost a file creation (~0.7 ms here) per article; a pack
is opened once per import and appended to. Each page is zlib-compressed
(about 5x smaller) and addressed by (pack, offset, length), which the
article's body file records. Packs are append-only: a crash can leave a tail
that no body refers to, never damage a page already referenced.
"""

from __future__ import annotations

import os
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

RAW_DIR = "raw"
#: Compressed bytes fed to zlib at a time when walking a pack.
_CHUNK = 1 << 16


class RawPacks:
    """Appends raw pages to this process's pack; reads any pack's pages back."""

    def __init__(self, root: Path) -> None:
        self.dir = root / RAW_DIR
        self._handle: BinaryIO | None = None
        self._name = ""

    def _open(self) -> BinaryIO:
        if self._handle is None:
            import secrets  # Deferred: hmac and hashlib, only needed to write a pack.

            self.dir.mkdir(parents=True, exist_ok=True)
            self._name = f"{time.strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(4)}.pack"
            self._handle = open(self.dir / self._name, "ab")  # noqa: SIM115 - kept open
        return self._handle

    def append(self, data: bytes) -> dict[str, object]:
        """Store ``data``; returns the reference to keep in the body file."""
        handle = self._open()
        blob = zlib.compress(data, 1)
        offset = handle.tell()
        handle.write(blob)
        return {"pack": self._name, "offset": offset, "length": len(blob)}

    def sync(self) -> None:
        """Make everything appended so far durable (called before a catalog commit)."""
        if self._handle is not None:
            self._handle.flush()
            os.fsync(self._handle.fileno())

    def read(self, ref: dict[str, object]) -> bytes | None:
        name = str(ref.get("pack", ""))
        if not name or "/" in name or name.startswith("."):
            return None
        if self._handle is not None and name == self._name:
            self._handle.flush()
        try:
            with open(self.dir / name, "rb") as handle:
                handle.seek(int(ref["offset"]))  # type: ignore[call-overload]
                return zlib.decompress(handle.read(int(ref["length"])))  # type: ignore[call-overload]
        except (OSError, KeyError, ValueError, zlib.error):
            return None

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None


def iter_pages(path: Path) -> Iterator[tuple[int, int, bytes]]:
    """Every page in a pack as (offset, length, bytes), walking its zlib streams.

    Packs have no index (bodies hold the references), so a body that was lost
    can only be restored by finding its page this way. Stops quietly at a torn
    or damaged tail.
    """
    try:
        view = memoryview(path.read_bytes())
    except OSError:
        return
    pos = 0
    while pos < len(view):
        start, stream, parts = pos, zlib.decompressobj(), []
        try:
            while not stream.eof:
                if pos >= len(view):
                    return  # A page cut short: nothing refers to it.
                chunk = view[pos : pos + _CHUNK]
                parts.append(stream.decompress(chunk))
                pos += len(chunk)
        except zlib.error:
            return
        pos -= len(stream.unused_data)
        yield start, pos - start, b"".join(parts)
