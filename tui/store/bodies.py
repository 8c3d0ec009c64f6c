"""One body file per article, written once at import: opening an article reads one file."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .atomic import atomic_write_bytes
from .json_storage import CorruptFileError, dumps_compact, read_json_file
from .shapes import body_problem

BODY_SCHEMA = 1


def sync_all() -> None:
    """Flush every written file to disk at once: one sync for a whole import batch
    costs far less than an fsync per body file (measured: ~0.5 ms each)."""
    os.sync()


def _shard(root: Path, key: str, suffix: str) -> Path:
    # Two hex characters of fan-out keep directories small at 100k articles.
    return root / key[:2] / f"{key}{suffix}"


class BodyStore:
    """Article bodies (blocks, standfirst, analysis, raw-page reference) in ``bodies/``."""

    def __init__(self, root: Path) -> None:
        self.bodies_dir = root / "bodies"
        self._made_dirs: set[Path] = set()

    def _prepare(self, path: Path) -> Path:
        # One mkdir per shard directory per process, not one per file written.
        if path.parent not in self._made_dirs:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._made_dirs.add(path.parent)
        return path

    def body_path(self, article_id: str) -> Path:
        return _shard(self.bodies_dir, article_id, ".json")

    def write_body(self, article_id: str, body: dict[str, Any], *, durable: bool = True) -> None:
        """Write a body; with ``durable=False`` the caller must :func:`sync_all` before
        anything that refers to it is committed (imports do this once per batch)."""
        record = {"schema": BODY_SCHEMA, "id": article_id, **body}
        path = self._prepare(self.body_path(article_id))
        atomic_write_bytes(path, dumps_compact(record), durable=durable)

    def read_body(self, article_id: str) -> dict[str, Any] | None:
        """The body, None when there is no file, ``CorruptFileError`` when it does not
        parse or is not of a shape the reader can show."""
        path = self.body_path(article_id)
        data = read_json_file(path)
        if data is None:
            return None
        problem = body_problem(data, article_id)
        if problem is not None:
            raise CorruptFileError(path, problem)
        return data  # type: ignore[no-any-return]

    def ids(self) -> Iterator[str]:
        """The id of every body file on disk (not moved-aside or temp files), sorted."""
        if not self.bodies_dir.is_dir():
            return
        for shard in sorted(self.bodies_dir.iterdir()):
            if shard.is_dir():
                for path in sorted(shard.glob("*.json")):
                    if not path.name.startswith("."):
                        yield path.stem

    def has_body(self, article_id: str) -> bool:
        return self.body_path(article_id).is_file()
