"""``lede import BACKUP``: a JSON backup back into a library.

The file is read and checked in full first (``validate.py``); a damaged,
foreign or newer backup is refused with one line and nothing is stored.
Articles go through the library's own commit path with their stored
analyses (never re-analysed, so a round trip is lossless); articles already
present are skipped. User records are merged: new keys are added, and a note
or read state present on both sides keeps the newer ``updated``; anything else
already in the library wins.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.gather import describe_os_error
from tui.model import ArticleMeta
from tui.textsafe import path_text

from .backup import BACKUP_FORMAT, BACKUP_VERSION
from .validate import Damaged, check_body, check_meta, check_user

if TYPE_CHECKING:
    from tui.library import Library

_MARKER = re.compile(rb'"format"\s*:\s*"lede-backup"')
_HEAD = 4096

Data = dict[str, dict[str, Any]]


class BackupError(Exception):
    """A backup that cannot be restored; the message names the file and the reason."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path_text(path)}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(slots=True)
class Backup:
    """A checked backup, ready to restore."""

    path: Path
    user: Data
    articles: list[tuple[ArticleMeta, dict[str, Any]]] = field(default_factory=list)


@dataclass(slots=True)
class RestoreReport:
    path: Path
    restored: int = 0
    present: int = 0
    added: int = 0
    updated: int = 0
    kept: int = 0

    def line(self) -> str:
        return (
            f"{self.path}: {self.restored} articles restored, {self.present} already present; "
            f"{self.added} user records added, {self.updated} updated, {self.kept} kept"
        )


def parse_backup(value: Any, path: Path) -> Backup:
    """A decoded backup checked in full; BackupError with the first problem."""
    if not isinstance(value, dict) or value.get("format") != BACKUP_FORMAT:
        raise BackupError(path, "not a Lede backup")
    version = value.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise BackupError(path, "damaged backup: no valid version")
    if version > BACKUP_VERSION:
        raise BackupError(
            path,
            f"made by a newer Lede (backup version {version}; this Lede reads up to "
            f"{BACKUP_VERSION}); upgrade Lede to restore it",
        )
    articles = value.get("articles")
    try:
        if not isinstance(articles, list):
            raise Damaged("articles is not a list")
        backup = Backup(path, check_user(value.get("user")))
        for number, item in enumerate(articles, 1):
            try:
                if not isinstance(item, dict):
                    raise Damaged("not an object")
                backup.articles.append(
                    (check_meta(item.get("meta")), check_body(item.get("body")))
                )
            except Damaged as exc:
                raise Damaged(f"article {number}: {exc}") from None
    except Damaged as exc:
        raise BackupError(path, f"damaged backup: {exc}") from None
    return backup


def probe_backup(path: Path) -> Backup | None:
    """The checked backup in ``path``, None when the file is not a backup at all (the
    importers take it), BackupError when it is one that cannot be restored."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(_HEAD)
            if not head.lstrip(b" \t\r\n\xef\xbb\xbf").startswith(b"{"):
                return None
            data = head + handle.read()
    except OSError:
        return None  # Not a readable file: the importer reports why.
    try:
        value = json.loads(data)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        if _MARKER.search(head):
            raise BackupError(path, f"damaged backup: not valid JSON ({_short(exc)})") from None
        return None
    if isinstance(value, dict) and value.get("format") == BACKUP_FORMAT:
        return parse_backup(value, path)
    return None


def load_backup(path: Path) -> Backup:
    """The checked backup in ``path``; BackupError for anything else."""
    backup = probe_backup(path)
    if backup is not None:
        return backup
    try:
        path.stat()
    except OSError as exc:
        raise BackupError(path, describe_os_error(exc)) from None
    raise BackupError(path, "not a Lede backup")


def _short(exc: Exception) -> str:
    return str(exc).split("\n", 1)[0][:80]


def _newer(incoming: Any, existing: Any) -> bool:
    """Whether an incoming note or read state replaces the stored one (newer ``updated``)."""
    if not (isinstance(incoming, dict) and isinstance(existing, dict)):
        return False
    new, old = incoming.get("updated"), existing.get("updated")
    return isinstance(new, str) and (not isinstance(old, str) or new > old)


def merge_user(existing: Data, incoming: Data, report: RestoreReport) -> Data:
    """The records of ``incoming`` to write: new ones, and newer notes and states."""
    to_write: Data = {}
    for name, rows in incoming.items():
        have = existing.get(name) or {}
        for key, value in rows.items():
            if key not in have:
                report.added += 1
            elif have[key] != value and name in ("notes", "state") and _newer(value, have[key]):
                report.updated += 1
            else:
                report.kept += 1
                continue
            to_write.setdefault(name, {})[key] = value
    return to_write


def restore_backup(library: Library, backup: Backup) -> RestoreReport:
    """Restore a checked backup: articles first (notes refer to them), then user data
    in one durable write."""
    report = RestoreReport(backup.path)
    restored, present = library.restore_articles(backup.articles)
    report.restored, report.present = len(restored), len(present)
    user = library.store.user
    to_write = merge_user(user.export_data(), backup.user, report)
    if to_write:
        user.import_data(to_write)
    for article_id in {str(row.get("article")) for row in to_write.get("notes", {}).values()}:
        library.index_notes(article_id)
    return report
