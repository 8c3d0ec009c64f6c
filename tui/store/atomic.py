"""Crash-safe file replacement: a reader sees the old file or the new one, never a torn one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def fsync_dir(directory: Path) -> None:
    """Make a rename inside ``directory`` durable (POSIX needs the directory synced too)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return  # Platforms without directory fds (Windows) make renames durable themselves.
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace ``path`` with ``data`` via a temp file in the same directory and a rename.

    With ``durable`` the data and the rename are fsynced before returning, so a
    write that returned survives a crash or power loss. On any error the temp
    file is removed and ``path`` is left exactly as it was. The parent directory
    must exist.
    """
    tmp = write_temp(path, data, durable=durable)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if durable:
        fsync_dir(path.parent)


def write_temp(path: Path, data: bytes, *, durable: bool = True) -> Path:
    """``data`` in a new temp file next to ``path`` (fsynced if ``durable``), for the
    caller to rename over ``path``; on any error nothing is left behind."""
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    return Path(tmp_name)


def remove_stale_temp_files(directory: Path) -> int:
    """Delete temp files a crashed writer left behind; returns how many."""
    removed = 0
    if not directory.is_dir():
        return 0
    for tmp in directory.glob(".*.tmp"):
        with contextlib.suppress(OSError):
            tmp.unlink()
            removed += 1
    return removed
