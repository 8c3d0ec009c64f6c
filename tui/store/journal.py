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

A process knows which log continues the snapshot it read by holding that log
open: an inode number names one file only while the file exists, and a
compaction frees the log before last, whose number the next log often gets
(ext4 hands it straight back), so a number remembered without the file could
name a newer log and hide two compactions. Snapshot and log are read as one
pair: the log opened first, then the snapshot, then the log's name checked to
still be that file (compaction replaces the snapshot before the log, so the
snapshot read is the one that log continues, or the next, which already holds
the whole log); otherwise the pair is read again. With no log at all there is
nothing to hold, so a writer reloads the snapshot under the lock and creates
the log before it appends.

A crash mid-append leaves a line without its newline or with a bad checksum at
the end of the log; it was never acknowledged, is ignored on load, and is cut
off by the next writer. Replaying a log over a snapshot that already contains
it gives the same state (puts and deletes are idempotent and ordered), so a
crash between writing the snapshot and emptying the log loses nothing.

Damage is never written over: a snapshot that does not parse is salvaged (every
whole record before the damage, see ``salvage.py``) and kept aside under a
``.damaged-<time>`` name before a new one replaces it; a log with bad lines in
it is moved aside before it is emptied. Records of a shape the readers cannot
use are skipped and counted like bad lines. A snapshot from a newer Lede is
read as far as it can be and never written: the journal turns read-only.

One generation back is kept for that case: compaction keeps the snapshot it
replaces as ``user.json.prev`` and the log it folded in as ``user.log.prev``
(renames, so no extra write and no shared inode). The previous snapshot plus
both logs replayed in order always give the current state, so a snapshot
damaged later (truncated, a hand edit gone wrong) is rebuilt in full from
them, with any record only the damaged one still holds.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import weakref
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from .aside import Damage, aside_name, keep_aside, move_aside
from .atomic import atomic_write_bytes, fsync_dir, write_temp
from .catalog import SchemaTooNewError
from .json_storage import CorruptFileError, dumps_compact, read_json_file
from .salvage import salvage_object

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

SNAPSHOT_FILE = "user.json"
LOG_FILE = "user.log"
#: The previous generation: the snapshot and log the last compaction replaced.
PREV_SUFFIX = ".prev"
LOCK_FILE = "user.lock"
SCHEMA = 2
#: Compact once the log holds this many bytes (a snapshot write costs more than an append).
COMPACT_BYTES = 4 * 1024 * 1024
#: Reads of the snapshot and log pair before one is kept though another process compacted
#: meanwhile (the next catch-up then sees a log it does not hold and reads them again).
PAIR_ATTEMPTS = 20

Data = dict[str, dict[str, Any]]
#: Turns an older snapshot's top-level object into ``Data`` (see userdata.migrate_v1).
Migrator = Callable[[dict[str, Any]], Data]
#: Why a put's value cannot be read back (collection, key, value), or None.
Validator = Callable[[str, str, Any], "str | None"]

_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is exceeded",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
}


def os_reason(exc: OSError) -> str:
    """Why the system refused a write, in words a user knows ("the disk is full")."""
    return _REASONS.get(exc.errno or 0, exc.strerror or str(exc))


class UserDataWriteError(Exception):
    """A save did not reach the disk; nothing in memory or on disk changed."""

    def __init__(self, path: Path, exc: OSError, reason: str | None = None) -> None:
        reason = reason or os_reason(exc)
        super().__init__(f"could not save to {path}: {reason}")
        self.path = path
        self.reason = reason
        self.errno = exc.errno


def encode_line(record: dict[str, Any]) -> bytes:
    body = dumps_compact(record)
    return b"%08x %s\n" % (zlib.crc32(body), body)


def decode_lines(
    blob: bytes, validate: Validator | None = None
) -> tuple[list[dict[str, Any]], int, int]:
    """Records in ``blob``, the length of its complete lines, and how many lines were bad.

    A final fragment without a newline is not consumed (a writer may be mid-append,
    or died there). A complete line whose JSON is wrong, or whose value
    ``validate`` refuses, is skipped. A complete line whose checksum is wrong but
    whose JSON still reads as a record is a hand edit (an append torn by a crash
    never ends in a newline): it is applied, and counted as bad all the same, so
    the log is kept aside and the user told.
    """
    records: list[dict[str, Any]] = []
    bad = 0
    end = blob.rfind(b"\n") + 1
    for line in blob[:end].split(b"\n")[:-1]:
        crc, _, body = line.partition(b" ")
        try:
            ok = len(crc) == 8 and int(crc, 16) == zlib.crc32(body)
        except ValueError:
            ok = False
        try:
            record = json.loads(body)
        except (ValueError, UnicodeDecodeError, RecursionError):
            record = None
        if _usable(record, validate):
            records.append(record)
        if not ok or not _usable(record, validate):
            bad += 1
    return records, end, bad


def _usable(record: Any, validate: Validator | None) -> bool:
    """A journal record: collection and key, and a value the readers can use."""
    if not (isinstance(record, dict) and isinstance(record.get("c"), str) and "k" in record):
        return False
    if validate is None or record.get("d"):
        return True
    return validate(record["c"], str(record["k"]), record.get("v")) is None


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


def _file_id(fd: int) -> tuple[int, int]:
    info = os.fstat(fd)
    return (info.st_dev, info.st_ino)


def _path_id(path: Path) -> tuple[int, int] | None:
    """The (device, inode) ``path`` names now; None when there is no such file."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    return (info.st_dev, info.st_ino)


def _stat_key(path: Path) -> tuple[int, int, int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


def _keep_as(source: Path, target: Path) -> None:
    """Make ``target`` name ``source``'s current file (a hard link; a copy where links
    are refused), replacing ``target`` atomically. ``source`` is replaced next, so
    the two never share an inode for long: a later edit of one spares the other."""
    tmp = target.with_name(f".{target.name}.tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    try:
        os.link(source, tmp)
    except OSError:
        shutil.copyfile(source, tmp)
    os.replace(tmp, target)


class Journal:
    """The user's collections in memory, every change appended durably to ``user.log``."""

    def __init__(
        self,
        root: Path,
        *,
        read_only: bool = False,
        migrate: Migrator | None = None,
        validate: Validator | None = None,
    ) -> None:
        self.root = root
        self.read_only = read_only
        #: Why writes are refused, said to the user when one is tried.
        self.read_only_reason = "the library is open read-only"
        self.snapshot_path = root / SNAPSHOT_FILE
        self.log_path = root / LOG_FILE
        self.lock_path = root / LOCK_FILE
        self.prev_snapshot_path = root / (SNAPSHOT_FILE + PREV_SUFFIX)
        self.prev_log_path = root / (LOG_FILE + PREV_SUFFIX)
        #: How many records came back from the previous generation (a damaged snapshot).
        self.recovered = 0
        self._migrate = migrate
        self._validate = validate
        self.data: Data = {}
        #: Bumped on every change, so callers can cache what they derive from ``data``.
        self.version = 0
        self.bad_lines = 0
        #: What is wrong with the snapshot on disk (None: nothing), until it is rewritten.
        self.snapshot_problem: str | None = None
        #: Set when the snapshot is from a newer Lede: nothing is ever written then.
        self.too_new: SchemaTooNewError | None = None
        #: Damaged or refused files found and what was done (for the user).
        self.damage: list[Damage] = []
        # The log ``data`` continues, held open so its (device, inode) names no other file
        # while we compare it with the log's name (None: there was no log).
        self._log_fd: int | None = None
        self._log_id: tuple[int, int] | None = None
        self._close_log: weakref.finalize | None = None
        self._snapshot_key: tuple[int, int, int, int] | None = None  # read with no log
        self._offset = 0  # bytes of the log applied to ``data``
        self._needs_snapshot = False  # an old-schema snapshot to rewrite on first write
        self.load()
        if self.too_new is not None:
            self._refuse_newer()
        elif not read_only and (self.snapshot_problem or self.bad_lines):
            self._repair()
        elif self.snapshot_problem or self.bad_lines:
            self._report("left in place (the library is open read-only)")
        if not self.read_only and self._torn():
            self._cut_torn_tail()
        if not self.read_only and not self.snapshot_path.exists():
            self.compact()  # A new library records its schema version from the start.

    # Reading ---------------------------------------------------------------------------
    def load(self) -> None:
        """Read the snapshot and replay the whole log (at open, or after another compacted)."""
        self._reload()

    def _reload(self, *, create: bool = False) -> None:
        """Read the snapshot and the log that continues it, as one pair, holding the log.

        ``create`` (only under the lock): a missing log is created first, so the
        pair is this snapshot and an empty log that the next append continues.
        """
        self._release_log()
        for attempt in range(PAIR_ATTEMPTS):
            fd = self._open_log(create)
            try:
                key = _stat_key(self.snapshot_path)
                data = self._read_snapshot()
                held = None if fd is None else _file_id(fd)
            except BaseException:
                if fd is not None:
                    os.close(fd)
                raise
            if _path_id(self.log_path) == held or attempt == PAIR_ATTEMPTS - 1:
                break  # No compaction replaced the log while we read the snapshot.
            if fd is not None:
                os.close(fd)
        self.data = data
        self.version += 1
        self.bad_lines = 0
        self._offset = 0
        self._snapshot_key = key
        if fd is not None:
            self._hold_log(fd)
            self._read_log()

    def _open_log(self, create: bool) -> int | None:
        try:
            return os.open(self.log_path, os.O_RDONLY)
        except FileNotFoundError:
            if not create:
                return None
        try:
            fd = os.open(self.log_path, os.O_RDONLY | os.O_CREAT, 0o644)
        except OSError as exc:
            raise UserDataWriteError(self.log_path, exc) from exc
        fsync_dir(self.root)
        return fd

    def _hold_log(self, fd: int) -> None:
        self._release_log()
        self._log_fd = fd
        self._log_id = _file_id(fd)
        self._close_log = weakref.finalize(self, os.close, fd)

    def _release_log(self) -> None:
        if self._close_log is not None:
            self._close_log()  # Closes the held log once.
        self._close_log = None
        self._log_fd = None
        self._log_id = None

    def _read_snapshot(self) -> Data:
        """The snapshot's collections; whatever is wrong is noted in ``snapshot_problem``
        and only the readable records are kept (never an exception for damage).

        A damaged snapshot is rebuilt from the previous generation, which holds
        everything it held (see the module's docstring); a record only the
        damaged file still has is kept too. Where both have a record, the
        previous generation's wins: a damaged file's readable records may still
        carry the damage (a flipped byte inside a string parses)."""
        data = self._parse_snapshot()
        if self.snapshot_problem is None or self.too_new is not None:
            return data
        previous = self._previous_generation()
        if previous is None:
            return data
        self.recovered = 0
        for name, rows in previous.items():
            salvaged = data.get(name, {})
            self.recovered += sum(1 for key in rows if key not in salvaged)
            data[name] = {**salvaged, **rows}
        return data

    def _previous_generation(self) -> Data | None:
        """The previous snapshot with the previous log replayed, if both are sound."""
        try:
            raw = read_json_file(self.prev_snapshot_path)
            blob = self.prev_log_path.read_bytes() if self.prev_log_path.exists() else b""
        except (CorruptFileError, OSError):
            return None
        if not isinstance(raw, dict) or snapshot_schema(raw) != SCHEMA:
            return None
        data = raw.get("data")
        if not isinstance(data, dict):
            return None
        previous, _dropped = self._filter(data)
        records, _used, _bad = decode_lines(blob, self._validate)
        for record in records:
            apply_record(previous, record)
        return previous

    def _parse_snapshot(self) -> Data:
        self.snapshot_problem = None
        try:
            raw = read_json_file(self.snapshot_path)
        except CorruptFileError as exc:
            self.snapshot_problem = exc.reason
            try:
                raw, _whole = salvage_object(self.snapshot_path.read_bytes())
            except OSError:
                raw = {}
        if raw is None:
            return {}
        if not isinstance(raw, dict):
            self.snapshot_problem = "top level is not a JSON object"
            return {}
        schema = snapshot_schema(raw)
        if isinstance(schema, int) and schema > SCHEMA:
            self.too_new = SchemaTooNewError(self.snapshot_path, schema, SCHEMA)
            self.read_only = True
            data = raw.get("data")
            return self._readable(data) if isinstance(data, dict) else {}
        if schema == SCHEMA or (schema is None and "data" in raw):
            if schema is None:
                self.snapshot_problem = self.snapshot_problem or "no schema version"
            data = raw.get("data")
            if not isinstance(data, dict):
                self.snapshot_problem = self.snapshot_problem or "no valid 'data' object"
                return {}
            return self._readable(data)
        if self._migrate is None or not (schema is None or schema == 1):
            self.snapshot_problem = self.snapshot_problem or f"unknown schema {schema!r}"
            return {}
        try:
            migrated = self._migrate(raw)
        except (KeyError, TypeError, ValueError, AttributeError):
            self.snapshot_problem = self.snapshot_problem or "schema 1 data is malformed"
            return {}
        self._needs_snapshot = True
        return self._readable(migrated)

    def _readable(self, data: dict[str, Any]) -> Data:
        """Only the collections and records the readers can use; the rest noted."""
        kept, dropped = self._filter(data)
        if dropped and self.snapshot_problem is None:
            plural = "s" if dropped != 1 else ""
            self.snapshot_problem = f"{dropped} record{plural} of a shape Lede cannot read"
        return kept

    def _filter(self, data: dict[str, Any]) -> tuple[Data, int]:
        """The collections and records the readers can use, and how many were not."""
        kept: Data = {}
        dropped = 0
        for name, rows in data.items():
            if not isinstance(rows, dict):
                dropped += 1
                continue
            if self._validate is None:
                kept[name] = rows
                continue
            good = {k: v for k, v in rows.items() if self._validate(name, k, v) is None}
            dropped += len(rows) - len(good)
            kept[name] = good
        return kept, dropped

    def _catch_up(self, *, locked: bool = False) -> bool:
        """Apply what was appended since we last looked; True when anything changed.

        ``locked``: the caller holds the lock and is about to write or compact, so
        afterwards the held log is the one on disk (created if there was none).
        """
        now = _path_id(self.log_path)
        if self._log_fd is not None and now == self._log_id:
            return self._read_log()
        if (
            self._log_fd is None
            and now is None
            and not locked
            and _stat_key(self.snapshot_path) == self._snapshot_key
        ):
            return False  # Still no log, and no compaction wrote a snapshot since.
        # Another process compacted (or created the log): its snapshot holds all we had.
        self._reload(create=locked)
        return True

    def _read_log(self) -> bool:
        """Apply the held log's complete lines past ``_offset``; True when any were new."""
        assert self._log_fd is not None
        size = os.fstat(self._log_fd).st_size
        if size <= self._offset:
            return False
        blob = os.pread(self._log_fd, size - self._offset, self._offset)
        records, used, bad = decode_lines(blob, self._validate)
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
            raise UserDataWriteError(
                self.log_path, OSError(errno.EROFS, "read-only"), self.read_only_reason
            )
        payload = b"".join(encode_line(r) for r in records)
        with self._locked():
            self._catch_up(locked=True)  # Now ``data`` is the state on disk, the log held.
            if self._needs_snapshot:
                self._compact_locked()
            try:
                fd = os.open(self.log_path, os.O_RDWR)
            except OSError as exc:
                raise UserDataWriteError(self.log_path, exc) from exc
            try:
                info = os.fstat(fd)
                if (info.st_dev, info.st_ino) != self._log_id:
                    # Only something that ignores the lock replaces the log now.
                    replaced = OSError(errno.ESTALE, "replaced")
                    raise UserDataWriteError(
                        self.log_path, replaced, "it was replaced while saving; save again"
                    )
                if info.st_size != self._offset:
                    # A writer died mid-line: cut its unacknowledged fragment off.
                    self._cut_tail(fd, info.st_size)
                self._append(fd, payload)
            finally:
                os.close(fd)
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
            self._catch_up(locked=True)
            self._compact_locked()

    def _compact_locked(self) -> None:
        """Fold the log into a new snapshot, keeping one generation back.

        Normally the old snapshot and log become the ``.prev`` pair (the old
        snapshot first, so at every step previous + logs = the state). A repair
        keeps the damaged files aside instead and starts the pair afresh from
        the new snapshot.
        """
        blob = dumps_compact({"meta": {"schema": SCHEMA}, "data": self.data})
        repairing = self.snapshot_problem is not None or self.bad_lines > 0
        try:
            snapshot_aside = None
            new_snapshot = write_temp(self.snapshot_path, blob)  # A full disk fails here.
            try:
                if self.snapshot_problem is not None and self.snapshot_path.exists():
                    snapshot_aside = keep_aside(self.snapshot_path)  # Its bytes, first.
                elif not repairing and self.snapshot_path.exists():
                    _keep_as(self.snapshot_path, self.prev_snapshot_path)
                os.replace(new_snapshot, self.snapshot_path)
            except BaseException:
                with contextlib.suppress(OSError):
                    new_snapshot.unlink()
                raise
            fsync_dir(self.root)
            if self.snapshot_problem is not None:
                self._report_snapshot(snapshot_aside)
                self.snapshot_problem = None
            self._release_log()  # Windows renames no open file; the new log is held below.
            if self.bad_lines and self.log_path.exists():
                # Every good line is in the new snapshot; the bad ones stay readable.
                self._report_log(move_aside(self.log_path))
                self.bad_lines = 0
            elif not repairing and self.log_path.exists():
                os.replace(self.log_path, self.prev_log_path)
            if repairing:
                atomic_write_bytes(self.prev_snapshot_path, blob)
                atomic_write_bytes(self.prev_log_path, b"")
            # Replace (not truncate) the log, so a process that holds the old one
            # sees another file under its name and reloads the snapshot.
            atomic_write_bytes(self.log_path, b"")
            self._hold_log(os.open(self.log_path, os.O_RDONLY))
        except OSError as exc:
            raise UserDataWriteError(self.snapshot_path, exc) from exc
        self._offset = 0
        self._needs_snapshot = False

    # Damage ----------------------------------------------------------------------------
    def _repair(self) -> None:
        """Keep a damaged snapshot or log aside and write a sound one in its place."""
        try:
            with self._locked():
                self.load()  # Under the lock: another process may have repaired it already.
                if self.snapshot_problem or self.bad_lines:
                    self._compact_locked()
        except UserDataWriteError as exc:
            self._report(f"left in place (could not be moved aside: {exc.reason})")

    def _torn(self) -> bool:
        try:
            return os.stat(self.log_path).st_size > self._offset
        except FileNotFoundError:
            return False

    def _cut_torn_tail(self) -> None:
        """At open: a log ending in a cut line is kept aside whole, then the line is cut."""
        try:
            with self._locked():
                self._catch_up(locked=True)
                fd = os.open(self.log_path, os.O_RDWR)
                try:
                    size = os.fstat(fd).st_size
                    if size > self._offset:
                        self._cut_tail(fd, size)
                finally:
                    os.close(fd)
        except (OSError, UserDataWriteError):
            pass  # Cut by the next save, which says why if it cannot.

    def _cut_tail(self, fd: int, size: int) -> None:
        """Cut the log back to what was read; a longer one is first copied aside whole.

        Most such tails are a save interrupted by a crash (never confirmed), but a
        cut file looks the same, so its bytes are kept either way."""
        if size > self._offset:
            target = aside_name(self.log_path)
            try:
                shutil.copyfile(self.log_path, target)
            except OSError as exc:
                with contextlib.suppress(OSError):
                    target.unlink()
                raise UserDataWriteError(self.log_path, exc) from exc
            self.damage.append(
                Damage(
                    self.log_path,
                    "its last line was cut short (a save interrupted by a crash, or a cut file)",
                    f"the log is kept as {target.name} and the cut line removed",
                    "That save was never confirmed: check the note you saved last.",
                )
            )
        os.ftruncate(fd, self._offset)

    def _records(self) -> int:
        return sum(len(rows) for rows in self.data.values())

    def _report_snapshot(self, aside: Path | None) -> None:
        kept = f"the damaged file is kept as {aside.name}" if aside else "nothing was kept"
        back = f" ({self.recovered} from user.json.prev)" if self.recovered else ""
        self.damage.append(
            Damage(
                self.snapshot_path,
                str(self.snapshot_problem),
                f"{kept}; {self._records()} records were kept{back}",
                "Check your notes and bookmarks: anything missing is in the kept file "
                "(run lede doctor).",
            )
        )

    def _report_log(self, aside: Path) -> None:
        self.damage.append(
            Damage(
                self.log_path,
                f"{self.bad_lines} damaged save(s) skipped",
                f"the log is kept as {aside.name}; every readable save was kept",
                "Check the notes you saved last (run lede doctor).",
            )
        )

    def _report(self, action: str) -> None:
        """Damage that could not be moved aside now (read-only, disk full)."""
        advice = "Open the library in Lede, or run lede doctor --repair, to repair it."
        if self.snapshot_problem:
            problem = f"{self.snapshot_problem}; {self._records()} readable records in use"
            self.damage.append(Damage(self.snapshot_path, problem, action, advice))
        if self.bad_lines:
            problem = f"{self.bad_lines} damaged save(s) skipped"
            self.damage.append(Damage(self.log_path, problem, action, advice))

    def _refuse_newer(self) -> None:
        assert self.too_new is not None
        found, supported = self.too_new.found, self.too_new.supported
        self.read_only_reason = "it was made by a newer Lede; upgrade Lede to save here"
        self.damage.append(
            Damage(
                self.snapshot_path,
                f"made by a newer Lede (schema {found}; this one reads up to {supported})",
                "opened read-only and left untouched",
                "Upgrade Lede to save notes, bookmarks and read marks here.",
            )
        )

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
        """Compact a log that has grown, so the next open replays little; let go of the log.

        The journal still works after this (it reloads the snapshot first)."""
        if not self.read_only and self._offset > 64 * 1024:
            with contextlib.suppress(UserDataWriteError, OSError):
                self.compact()
        self._release_log()
