"""One writer per library: an advisory lock file held for the life of the process."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LOCK_NAME = "lede.lock"


class LibraryLockedError(Exception):
    """Another process holds the library open for writing."""

    def __init__(self, directory: Path, holder: str) -> None:
        who = f" (pid {holder})" if holder else ""
        super().__init__(
            f"{directory}: the library is open in another Lede process{who}; "
            "close it first, or open this one read-only"
        )
        self.directory = directory
        self.holder = holder


class LibraryLock:
    """An exclusive, non-blocking ``flock`` on ``<library>/lede.lock``.

    The kernel drops the lock when the process dies, so a crash never leaves a
    library locked for good.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.path = directory / LOCK_NAME
        self._fd: int | None = None

    def acquire(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                holder = ""
                with contextlib.suppress(OSError):
                    holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
                os.close(fd)
                raise LibraryLockedError(self.directory, holder) from None
        with contextlib.suppress(OSError):  # The pid only names us in messages.
            os.ftruncate(fd, 0)
            os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        if fcntl is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None
