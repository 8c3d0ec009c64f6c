"""One body file per article, written once at import: opening an article reads one file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .atomic import atomic_write_bytes
from .json_storage import dumps_compact, read_json_file

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
        data = read_json_file(self.body_path(article_id))
        return data if isinstance(data, dict) else None

    def has_body(self, article_id: str) -> bool:
        return self.body_path(article_id).is_file()
