"""Injected disk faults for tests: a disk that fills up mid-write, a read-only library.

CI runs as root, where ``chmod`` stops nothing, and a small filesystem needs
mount rights, so the faults are injected at the system calls our store makes:
``os.open``, ``os.fdopen`` (atomic replacements), ``os.pwrite`` (journal
appends) and ``open`` in the raw packs. Only files under the library are
affected, so pytest's own files are not.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import tui.store.rawpack as rawpack

_REAL_OPEN = os.open
_REAL_FDOPEN = os.fdopen
_REAL_PWRITE = os.pwrite
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


def _fd_path(fd: int) -> Path | None:
    try:
        return Path(os.readlink(f"/proc/self/fd/{fd}"))
    except OSError:
        return None


class FullDisk:
    """Writes under ``root`` go through until ``room`` bytes are used, then the write
    in progress is cut short and fails with ENOSPC, as on a disk filling up.

    ``only`` narrows the fault to the files it accepts (by path); ``free()`` makes
    room again, for the retry.
    """

    def __init__(
        self,
        monkeypatch: pytest.MonkeyPatch,
        root: Path,
        room: int = 0,
        only: Callable[[Path], bool] | None = None,
    ) -> None:
        self.root = root.resolve()
        self.room = room
        self.only = only
        self.failures = 0
        monkeypatch.setattr(os, "fdopen", self._fdopen)
        monkeypatch.setattr(os, "pwrite", self._pwrite)
        monkeypatch.setattr(rawpack, "open", self._open_pack, raising=False)

    def free(self) -> None:
        self.room = 1 << 40

    def _applies(self, path: Path | None) -> bool:
        if path is None or not path.is_relative_to(self.root):
            return False
        return self.only is None or self.only(path)

    def take(self, wanted: int) -> int:
        """Bytes that fit; records a failure when not all of them do."""
        allowed = min(wanted, self.room)
        self.room -= allowed
        if allowed < wanted:
            self.failures += 1
        return allowed

    def _pwrite(self, fd: int, data: bytes, offset: int) -> int:
        if not self._applies(_fd_path(fd)):
            return _REAL_PWRITE(fd, data, offset)
        fits = self.take(len(data))
        if fits:
            _REAL_PWRITE(fd, bytes(data[:fits]), offset)
        if fits < len(data):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return fits

    def _fdopen(self, fd: int, *args: Any, **kwargs: Any) -> Any:
        handle = _REAL_FDOPEN(fd, *args, **kwargs)
        mode = args[0] if args else kwargs.get("mode", "r")
        if any(c in mode for c in "wa+") and self._applies(_fd_path(fd)):
            return _Limited(handle, self)
        return handle

    def _open_pack(self, file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = open(file, mode, *args, **kwargs)  # noqa: SIM115 - handed back open
        if any(c in mode for c in "wa+") and self._applies(Path(file).resolve()):
            return _Limited(handle, self)
        return handle


class _Limited:
    """A file object whose writes stop when the disk is full."""

    def __init__(self, handle: Any, disk: FullDisk) -> None:
        self._handle = handle
        self._disk = disk

    def write(self, data: bytes) -> int:
        fits = self._disk.take(len(data))
        if fits:
            self._handle.write(data[:fits])
            self._handle.flush()
        if fits < len(data):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return fits

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)

    def __enter__(self) -> _Limited:
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.close()


def read_only_folder(monkeypatch: pytest.MonkeyPatch, root: Path, code: int = errno.EROFS) -> None:
    """Every attempt to create or write a file under ``root`` fails with ``code``
    (EROFS: a read-only mount; EACCES: a folder without write permission)."""
    inside = root.resolve()

    def guarded_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        target = Path(os.fsdecode(path))
        if flags & _WRITE_FLAGS and target.resolve().is_relative_to(inside):
            raise OSError(code, os.strerror(code), str(target))
        return _REAL_OPEN(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded_open)
    for name in ("replace", "rename", "link", "unlink", "mkdir", "ftruncate"):
        monkeypatch.setattr(os, name, _refusing(getattr(os, name), inside, code))


def _refusing(real: Callable[..., Any], inside: Path, code: int) -> Callable[..., Any]:
    """``real``, failing with ``code`` for a path (or file descriptor) under ``inside``."""

    def call(target: Any, *args: Any, **kwargs: Any) -> Any:
        path = _fd_path(target) if isinstance(target, int) else Path(os.fsdecode(target))
        if path is not None and path.resolve().is_relative_to(inside):
            raise OSError(code, os.strerror(code), str(path))
        return real(target, *args, **kwargs)

    return call


def tree_bytes(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (but the lock files) by relative path: to compare
    a library before and after."""
    skip = {"lede.lock", "user.lock"}
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and path.name not in skip
    }
