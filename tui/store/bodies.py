"""One body file per article, written once at import: opening an article reads one file."""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any

from .atomic import atomic_write_bytes
from .json_storage import dumps_compact, read_json_file

BODY_SCHEMA = 1


def _shard(root: Path, key: str, suffix: str) -> Path:
    # Two hex characters of fan-out keep directories small at 100k articles.
    return root / key[:2] / f"{key}{suffix}"


class BodyStore:
    """Article bodies (blocks, standfirst, analysis) in ``bodies/``; raw pages in ``raw/``."""

    def __init__(self, root: Path) -> None:
        self.bodies_dir = root / "bodies"
        self.raw_dir = root / "raw"

    def body_path(self, article_id: str) -> Path:
        return _shard(self.bodies_dir, article_id, ".json")

    def raw_path(self, sha256: str) -> Path:
        return _shard(self.raw_dir, sha256, ".z")

    def write_body(self, article_id: str, body: dict[str, Any]) -> None:
        record = {"schema": BODY_SCHEMA, "id": article_id, **body}
        atomic_write_bytes(self.body_path(article_id), dumps_compact(record))

    def read_body(self, article_id: str) -> dict[str, Any] | None:
        data = read_json_file(self.body_path(article_id))
        return data if isinstance(data, dict) else None

    def has_body(self, article_id: str) -> bool:
        return self.body_path(article_id).is_file()

    def write_raw(self, sha256: str, data: bytes) -> None:
        """Keep the imported bytes (compressed) so an article can be re-extracted later."""
        path = self.raw_path(sha256)
        if not path.exists():
            atomic_write_bytes(path, zlib.compress(data, 1))

    def read_raw(self, sha256: str) -> bytes | None:
        try:
            return zlib.decompress(self.raw_path(sha256).read_bytes())
        except FileNotFoundError:
            return None
