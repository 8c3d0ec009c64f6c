"""JSON files of the store: read with a readable reason when damaged, written compact.

The catalog's TinyDB storage is in ``tinydb_storage``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


class CorruptFileError(Exception):
    """A store file exists but cannot be parsed: it is never overwritten silently."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def read_json_file(path: Path) -> Any:
    """Parse ``path`` as JSON, raising CorruptFileError with a readable reason."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    if not raw.strip():
        raise CorruptFileError(path, "file is empty")
    try:
        return json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CorruptFileError(path, f"not valid JSON ({exc})") from exc


def dumps_compact(data: Any) -> bytes:
    """JSON without spaces and with non-ASCII kept as UTF-8: smaller and faster to parse."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
