"""``lede export --format json``: the whole library in one JSON file that restores it.

Layout (version 1)::

    {"format": "lede-backup", "version": 1, "exported": "<ISO time>",
     "user": {collection: {key: value}},          # UserData.export_data()
     "articles": [{"meta": {ArticleMeta fields},
                   "body": {"standfirst", "blocks", "related_headlines", "analysis"}}]}

The body is the stored record minus the pointer into the raw packs: raw page
bytes are not backed up, so a restored article cannot be re-extracted. The
file is streamed (one article in memory at a time) to a temp file that is
fsynced and renamed, so a crash leaves the old backup or the new one.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.store import CorruptFileError
from tui.store.atomic import fsync_dir

if TYPE_CHECKING:
    from tui.library import Library

BACKUP_FORMAT = "lede-backup"
BACKUP_VERSION = 1
DEFAULT_FILE = Path("lede-backup.json")
#: What a backup keeps of a body record (not "raw": the page bytes stay behind).
BODY_KEYS = ("standfirst", "blocks", "related_headlines", "analysis")


@dataclass(slots=True)
class BackupSummary:
    """What a backup holds, and the articles left out because their body was unreadable."""

    path: Path
    articles: int = 0
    user_records: int = 0
    unreadable: list[str] = field(default_factory=list)


def _encode(value: Any) -> bytes:
    try:
        return json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:  # A lone surrogate: JSON's \\u escapes carry it intact.
        return json.dumps(value).encode("ascii")


def _chunks(library: Library, notes_only: bool, summary: BackupSummary) -> Iterator[bytes]:
    user = library.store.user.export_data()
    summary.user_records = sum(len(rows) for rows in user.values() if isinstance(rows, dict))
    head = {
        "format": BACKUP_FORMAT,
        "version": BACKUP_VERSION,
        "exported": datetime.now(UTC).isoformat(timespec="seconds"),
        "user": user,
    }
    yield _encode(head)[:-1] + b', "articles": ['
    if notes_only:
        yield b"]}\n"
        return
    first = True
    for meta in library.articles():
        try:
            body = library.store.bodies.read_body(meta.id)
        except CorruptFileError:
            body = None
        if body is None:
            summary.unreadable.append(meta.id)
            continue
        record = {"meta": meta.to_dict(), "body": {k: body[k] for k in BODY_KEYS if k in body}}
        yield (b"\n" if first else b",\n") + _encode(record)
        first = False
        summary.articles += 1
    yield b"\n]}\n"


def write_atomic(path: Path, chunks: Iterable[bytes]) -> None:
    """``path`` replaced by the concatenated ``chunks`` (temp file, fsync, rename)."""
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    fsync_dir(path.parent)


def write_backup(
    library: Library, path: Path = DEFAULT_FILE, *, notes_only: bool = False
) -> BackupSummary:
    """Back up the user data and (unless ``notes_only``) every article to ``path``;
    an existing directory gets ``lede-backup.json`` inside it."""
    if path.is_dir():
        path = path / DEFAULT_FILE.name
    path.parent.mkdir(parents=True, exist_ok=True)
    summary = BackupSummary(path)
    write_atomic(path, _chunks(library, notes_only, summary))
    return summary
