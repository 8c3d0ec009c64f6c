"""Damaged files are moved aside, never overwritten or deleted, and reported.

A file that cannot be read may still hold the user's work (a hand edit gone
wrong, a disk error in one sector), so whatever happens next, its bytes stay on
disk under a name that says what happened: ``catalog.json.damaged-20261129T021500``
next to the original. Each such event becomes a :class:`Damage`, which the
app shows at start and ``lede doctor`` lists.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from .atomic import fsync_dir

#: What a moved-aside file's name carries after the original name.
DAMAGED_MARK = ".damaged-"


@dataclass(frozen=True, slots=True)
class Damage:
    """One unreadable or refused file found while opening a library, and what was done.

    ``record`` is True for the user's record (catalog, bodies, user data), whose
    loss matters; False for derived files, which are simply rebuilt.
    """

    path: Path
    problem: str
    action: str
    advice: str
    record: bool = True

    def message(self, root: Path | None = None) -> str:
        """One line: the file, what is wrong, what was done, what to do."""
        return f"{shown(self.path, root)}: {self.problem}; {self.action}. {self.advice}".strip()


def shown(path: Path, root: Path | None = None) -> str:
    """A path as the user should see it: relative to the library when inside it."""
    if root is not None:
        with contextlib.suppress(ValueError):
            return str(path.relative_to(root))
    return str(path)


def aside_name(path: Path, when: float | None = None) -> Path:
    """A free name next to ``path`` marked with the time: never an existing file."""
    stamp = time.strftime("%Y%m%dT%H%M%S", time.localtime(when))
    candidate = path.with_name(f"{path.name}{DAMAGED_MARK}{stamp}")
    number = 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.name}{DAMAGED_MARK}{stamp}-{number}")
    return candidate


def _link_free(path: Path) -> Path:
    """Hard-link ``path`` to a free aside name (``link`` never replaces a file)."""
    while True:
        target = aside_name(path)
        try:
            os.link(path, target)
        except FileExistsError:
            continue  # Taken between the check and the link: try the next name.
        return target


def keep_aside(path: Path) -> Path:
    """Keep ``path``'s bytes under an aside name and leave ``path`` in place.

    For a record file that is about to be replaced atomically by a repaired one:
    the damaged bytes are on disk under the new name first, so a crash in
    between leaves either the damaged file (repaired again next time) or both.
    A hard link costs nothing; where links are refused, a durable copy is made.
    """
    try:
        target = _link_free(path)
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EMLINK, errno.ENOTSUP, errno.EXDEV):
            raise
        target = aside_name(path)
        with open(path, "rb") as src, open(target, "xb") as dst:
            shutil.copyfileobj(src, dst)
            dst.flush()
            os.fsync(dst.fileno())
    fsync_dir(path.parent)
    return target


def move_aside(path: Path) -> Path:
    """Rename ``path`` to an aside name (never over an existing file); returns it."""
    target = keep_aside(path)
    path.unlink()
    fsync_dir(path.parent)
    return target


def derived_set_aside(path: Path, problem: str, source: str, *, writable: bool) -> Damage:
    """A damaged derived file (listing, index): moved aside when the library can be
    written, and rebuilt from ``source`` (in memory only when it cannot)."""
    if writable:
        action = f"moved aside to {move_aside(path).name}; rebuilt from {source}"
    else:
        action = f"rebuilt from {source} in memory (file left in place: read-only)"
    return Damage(path, problem, action, "Nothing was lost.", record=False)


def damaged_copies(root: Path) -> list[Path]:
    """Every moved-aside file in the library (top level, bodies, index), sorted."""
    found: list[Path] = []
    for pattern in (f"*{DAMAGED_MARK}*", f"index/*{DAMAGED_MARK}*", f"bodies/*/*{DAMAGED_MARK}*"):
        found.extend(path for path in root.glob(pattern) if path.is_file())
    return sorted(found)
