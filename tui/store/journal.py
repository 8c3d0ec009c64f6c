"""User data as a snapshot plus an append-only journal: small, durable, shareable saves.

Notes, bookmarks, read state and positions are the user's own work, so every
save must be durable when it returns, yet cheap with 10,000 notes in the
library. Rewriting one JSON file per save grows with the data; appending one
checksummed line and one ``fsync`` does not. So:

* ``user.json`` is the snapshot: ``{"meta": {"schema": 2}, "data": {collection:
  {key: value}}}``, replaced atomically when the journal is compacted.
* ``user.log`` holds the changes since, one per line: ``<crc32 hex> <json>``
  where the JSON is ``{"c": collection, "k": key, "v": value}`` (a put) or
  ``{"c": ..., "k": ..., "d": 1}`` (a delete). State = snapshot + log replayed.
* ``user.lock`` is ``flock``ed around each append, so two Lede processes on one
  library can both save: each first reads what the other appended.

A crash mid-append leaves a line without its newline or with a bad checksum at
the end of the log; it was never acknowledged, is ignored on load, and is cut
off by the next writer. Replaying a log over a snapshot that already contains
it gives the same state (puts and deletes are idempotent and ordered), so a
crash between writing the snapshot and emptying the log loses nothing.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from .atomic import atomic_write_bytes, fsync_dir
from .catalog import SchemaTooNewError
from .json_storage import CorruptFileError, dumps_compact, read_json_file

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

SNAPSHOT_FILE = "user.json"
LOG_FILE = "user.log"
LOCK_FILE = "user.lock"
SCHEMA = 2
#: Compact once the log holds this many bytes (a snapshot write costs more than an append).
COMPACT_BYTES = 4 * 1024 * 1024

Data = dict[str, dict[str, Any]]
#: Turns an older snapshot's top-level object into ``Data`` (see userdata.migrate_v1).
Migrator = Callable[[dict[str, Any]], Data]

_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is exceeded",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
}


class UserDataWriteError(Exception):
    """A save did not reach the disk; nothing in memory or on disk changed."""

    def __init__(self, path: Path, exc: OSError) -> None:
        reason = _REASONS.get(exc.errno or 0, exc.strerror or str(exc))
        super().__init__(f"could not save to {path}: {reason}")
        self.path = path
        self.reason = reason
        self.errno = exc.errno


def encode_line(record: dict[str, Any]) -> bytes:
    body = dumps_compact(record)
    return b"%08x %s\n" % (zlib.crc32(body), body)


def decode_lines(blob: bytes) -> tuple[list[dict[str, Any]], int, int]:
    """Records in ``blob``, the length of its complete lines, and how many lines were bad.

    A final fragment without a newline is not consumed (a writer may be mid-append,
    or died there). A complete line whose checksum or JSON is wrong is skipped.
    """
    records: list[dict[str, Any]] = []
    bad = 0
    end = blob.rfind(b"\n") + 1
    for line in blob[:end].split(b"\n")[:-1]:
        crc, _, body = line.partition(b" ")
        try:
            ok = len(crc) == 8 and int(crc, 16) == zlib.crc32(body)
            record = json.loads(body) if ok else None
        except (ValueError, UnicodeDecodeError):
            record = None
        if isinstance(record, dict) and isinstance(record.get("c"), str) and "k" in record:
            records.append(record)
        else:
            bad += 1
    return records, end, bad


def snapshot_schema(raw: dict[str, Any]) -> int | None:
    """The schema a snapshot declares: ``meta.schema`` (v2) or TinyDB's ``meta["1"]`` (v1)."""
    meta = raw.get("meta")
    if not isinstance(meta, dict):
        return None
    if isinstance(meta.get("schema"), int):
        return meta["schema"]
    row = meta.get("1")
    found = row.get("schema") if isinstance(row, dict) else None
    return found if isinstance(found, int) else None


def apply_record(data: Data, record: dict[str, Any]) -> None:
    collection = data.setdefault(record["c"], {})
    key = str(record["k"])
    if record.get("d"):
        collection.pop(key, None)
    else:
        collection[key] = record.get("v")


class Journal:
    """The user's collections in memory, every change appended durably to ``user.log``."""

    def __init__(
        self, root: Path, *, read_only: bool = False, migrate: Migrator | None = None
    ) -> None:
        self.root = root
        self.read_only = read_only
        self.snapshot_path = root / SNAPSHOT_FILE
        self.log_path = root / LOG_FILE
        self.lock_path = root / LOCK_FILE
        self._migrate = migrate
        self.data: Data = {}
        #: Bumped on every change, so callers can cache what they derive from ``data``.
        self.version = 0
        self.bad_lines = 0
        self._log_id: tuple[int, int] | None = None  # (device, inode) of the log we read
        self._offset = 0  # bytes of the log applied to ``data``
        self._needs_snapshot = False  # an old-schema snapshot to rewrite on first write
        self.load()
        if not read_only and not self.snapshot_path.exists():
            self.compact()  # A new library records its schema version from the start.

    # Reading ---------------------------------------------------------------------------
    def load(self) -> None:
        """Read the snapshot and replay the whole log (at open, or after another compacted)."""
        self.data = self._read_snapshot()
        self.version += 1
        self._log_id = None
        self._offset = 0
        self.bad_lines = 0
        self._catch_up()

    def _read_snapshot(self) -> Data:
        raw = read_json_file(self.snapshot_path)
        if raw is None:
            return {}
        if not isinstance(raw, dict):
            raise CorruptFileError(self.snapshot_path, "top level is not a JSON object")
        schema = snapshot_schema(raw)
        if schema == SCHEMA:
            data = raw.get("data")
            if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
                raise CorruptFileError(self.snapshot_path, "no valid 'data' object")
            return data
        if isinstance(schema, int) and schema > SCHEMA:
            raise SchemaTooNewError(self.snapshot_path, schema, SCHEMA)
        if self._migrate is None:
            raise CorruptFileError(self.snapshot_path, f"unknown schema {schema!r}")
        self._needs_snapshot = True
        return self._migrate(raw)

    def _catch_up(self) -> bool:
        """Apply what was appended since we last looked; True when anything changed."""
        try:
            fd = os.open(self.log_path, os.O_RDONLY)
        except FileNotFoundError:
            changed = self._log_id is not None
            if changed:
                self.data = self._read_snapshot()
                self.version += 1
                self._offset = 0
            self._log_id = None
            return changed
        try:
            info = os.fstat(fd)
            log_id = (info.st_dev, info.st_ino)
            if self._log_id is not None and log_id != self._log_id:
                # Another process compacted: its snapshot holds everything we had.
                self.data = self._read_snapshot()
                self.version += 1
                self._offset = 0
            self._log_id = log_id
            if info.st_size <= self._offset:
                return False
            blob = os.pread(fd, info.st_size - self._offset, self._offset)
        finally:
            os.close(fd)
        records, used, bad = decode_lines(blob)
        for record in records:
            apply_record(self.data, record)
        self._offset += used
        self.bad_lines += bad
        if records:
            self.version += 1
        return bool(records)

    def refresh(self) -> bool:
        """Pick up another process's saves; True when the data changed."""
        return self._catch_up()

    def collection(self, name: str) -> dict[str, Any]:
        """A live view: read it, never mutate it (use put/delete)."""
        return self.data.get(name, {})

    def get(self, name: str, key: str, default: Any = None) -> Any:
        return self.data.get(name, {}).get(key, default)

    # Writing ---------------------------------------------------------------------------
    def put(self, name: str, key: str, value: Any) -> None:
        self.write([{"c": name, "k": key, "v": value}])

    def delete(self, name: str, key: str) -> None:
        self.write([{"c": name, "k": key, "d": 1}])

    def write(self, records: list[dict[str, Any]]) -> None:
        """Append ``records`` as one durable write; on failure nothing changes anywhere."""
        if self.read_only:
            raise UserDataWriteError(self.log_path, OSError(errno.EROFS, "read-only"))
        payload = b"".join(encode_line(r) for r in records)
        with self._locked():
            self._catch_up()
            if self._needs_snapshot:
                self._compact_locked()
            created = not self.log_path.exists()
            try:
                fd = os.open(self.log_path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as exc:
                raise UserDataWriteError(self.log_path, exc) from exc
            try:
                info = os.fstat(fd)
                if (info.st_dev, info.st_ino) != self._log_id:
                    self._log_id = (info.st_dev, info.st_ino)
                    self._offset = 0
                if info.st_size != self._offset:
                    # A writer died mid-line: cut its unacknowledged fragment off.
                    os.ftruncate(fd, self._offset)
                self._append(fd, payload)
            finally:
                os.close(fd)
            if created:
                fsync_dir(self.root)
            for record in records:
                apply_record(self.data, record)
            self.version += 1
            self._offset += len(payload)
            if self._offset > COMPACT_BYTES:
                with contextlib.suppress(UserDataWriteError):
                    self._compact_locked()

    def _append(self, fd: int, payload: bytes) -> None:
        try:
            written = os.pwrite(fd, payload, self._offset)
            if written != len(payload):
                raise OSError(errno.ENOSPC, "short write")
            os.fsync(fd)
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, self._offset)
            raise UserDataWriteError(self.log_path, exc) from exc

    def compact(self) -> None:
        """Fold the log into a new snapshot and start an empty log."""
        if self.read_only:
            return
        with self._locked():
            self._catch_up()
            self._compact_locked()

    def _compact_locked(self) -> None:
        document = {"meta": {"schema": SCHEMA}, "data": self.data}
        try:
            atomic_write_bytes(self.snapshot_path, dumps_compact(document))
            # Replace (not truncate) the log, so a process that read the old one
            # sees a new inode and reloads the snapshot.
            atomic_write_bytes(self.log_path, b"")
        except OSError as exc:
            raise UserDataWriteError(self.snapshot_path, exc) from exc
        info = os.stat(self.log_path)
        self._log_id = (info.st_dev, info.st_ino)
        self._offset = 0
        self._needs_snapshot = False

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        try:
            fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise UserDataWriteError(self.lock_path, exc) from exc
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # Closing drops the flock.

    def log_size(self) -> int:
        return self._offset

    def close(self) -> None:
        """Compact a log that has grown, so the next open replays little."""
        if not self.read_only and self._offset > 64 * 1024:
            with contextlib.suppress(UserDataWriteError, OSError):
                self.compact()
