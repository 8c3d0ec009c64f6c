"""Find the files an import should read: explicit files, and directories walked safely.

Directory walks follow no symlinked directory (so no loops, and nothing outside
the tree), follow a symlinked file only when it points inside the tree, skip
hidden entries and files whose suffix no importer reads, and report every
unreadable entry instead of stopping. A symlink out of the tree, to a file or
a folder, is reported as not followed.

Asked to (``follow_links``, ``lede import --follow-links``), a walk follows
every symlink, wherever it points, and still enters each real folder once, so a
link back up the tree is no loop. Paths named on the command line are always
read, links or not: naming one is asking.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

#: Files larger than this are refused before reading: no real article or feed
#: comes near it, and reading it whole would cost the app its memory budget.
MAX_FILE_BYTES = 64 * 1024 * 1024

IMPORTABLE_SUFFIXES = frozenset(
    {
        ".html", ".htm", ".xhtml", ".shtml", ".txt", ".text", ".md", ".markdown",
        ".xml", ".rss", ".atom", ".rdf", ".json", "",
    }
)  # fmt: skip


@dataclass(slots=True)
class Candidate:
    """A file to import, or the reason it cannot be read."""

    path: Path
    error: str | None = None


def describe_os_error(exc: OSError) -> str:
    """A short, human reason for a filesystem error."""
    if exc.errno == errno.ELOOP:
        return "symlink loop"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.ENOENT:
        return "no such file or directory"
    if exc.errno == errno.EISDIR:
        return "is a directory"
    return exc.strerror or str(exc)


def _within(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


def _check_file(path: Path) -> Candidate:
    try:
        info = path.stat()
    except OSError as exc:
        return Candidate(path, describe_os_error(exc))
    if not stat.S_ISREG(info.st_mode):
        # A FIFO or device would block or never end; only plain files are read.
        return Candidate(path, "not a regular file")
    size = info.st_size
    if size > MAX_FILE_BYTES:
        return Candidate(
            path,
            f"file is {size / 1_048_576:.1f} MiB, over the "
            f"{MAX_FILE_BYTES // 1_048_576} MiB import limit",
        )
    return Candidate(path)


#: Why a link out of the tree was not read (short: the app shows 80 characters).
OUTSIDE = "symlink to outside the imported folder; not followed (see --follow-links)"


def _outside_links(dirpath: str, dirnames: list[str], real_root: Path) -> Iterator[Candidate]:
    """The symlinked folders of one directory that lead out of the tree (os.walk
    lists them but does not enter them; links back into the tree say nothing)."""
    for name in dirnames:
        path = Path(dirpath) / name
        if path.is_symlink() and not _within(path.resolve(), real_root):
            yield Candidate(path, OUTSIDE)


def _first_visit(path: Path, seen: set[tuple[int, int]]) -> bool:
    """Whether the real folder behind ``path`` is new to this walk (then remembered)."""
    try:
        info = path.stat()
    except OSError:
        return True  # os.walk reports it.
    key = (info.st_dev, info.st_ino)
    if key in seen:
        return False
    seen.add(key)
    return True


def _walk(root: Path, follow_links: bool = False) -> Iterator[Candidate]:
    real_root = root.resolve()
    errors: list[Candidate] = []
    seen: set[tuple[int, int]] = set()
    _first_visit(root, seen)

    def on_error(exc: OSError) -> None:
        errors.append(Candidate(Path(exc.filename or root), describe_os_error(exc)))

    for dirpath, dirnames, filenames in os.walk(root, onerror=on_error, followlinks=follow_links):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        if follow_links:
            dirnames[:] = [d for d in dirnames if _first_visit(Path(dirpath) / d, seen)]
        else:
            yield from _outside_links(dirpath, dirnames, real_root)
        yield from errors
        errors.clear()
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(dirpath) / name
            if path.suffix.lower() not in IMPORTABLE_SUFFIXES:
                continue
            if path.is_symlink():
                try:
                    target = path.resolve(strict=True)
                except (OSError, RuntimeError) as exc:
                    reason = describe_os_error(exc) if isinstance(exc, OSError) else "symlink loop"
                    yield Candidate(path, reason)
                    continue
                if not follow_links and not _within(target, real_root):
                    yield Candidate(path, OUTSIDE)
                    continue
            yield _check_file(path)
    yield from errors


def gather(paths: list[Path], *, follow_links: bool = False) -> Iterator[Candidate]:
    """Every file to import under ``paths``, in a stable order, with per-file errors.

    ``follow_links`` follows symlinks out of the folders walked (see the module doc).
    """
    for path in paths:
        try:
            is_dir = path.is_dir()
        except OSError as exc:
            yield Candidate(path, describe_os_error(exc))
            continue
        if is_dir:
            yield from _walk(path, follow_links)
        elif path.exists() or path.is_symlink():
            yield _check_file(path)
        else:
            yield Candidate(path, "no such file or directory")
