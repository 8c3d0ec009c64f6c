"""Fuzz the Lede backup route: the sniffer, ``parse_bytes`` and the backup validator.

The sniffer's JSON path must name a backup, name another format, or raise
IngestError; a file it calls a backup must be a JSON object with ``"format":
"lede-backup"``, and ``parse_bytes`` must return ``[]`` for it. When
``tui.export.restore`` is there, every input that decodes as JSON also goes
through ``parse_backup`` (what ``load_backup`` runs after reading the file),
which may raise only its documented BackupError. All within 1 s per MB.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("LEDE_FUZZ_SLACK", "5")  # instrumented Python is several times slower

with atheris.instrument_imports(include=["tui"]):
    from tui.ingest.dispatch import parse_bytes  # noqa: F401  (instrumented for common)
    from tui.ingest.sniff import FORMATS, sniff

    try:
        from tui.export.restore import BackupError, parse_backup
    except ImportError:  # an older tree without the backup reader: sniffing only
        parse_backup = None  # type: ignore[assignment]

from fuzz import common

PATH = Path("fuzz-backup.json")


def one(data: bytes) -> None:
    with common.timed(len(data), "sniff"):
        kind = common.guarded(lambda: sniff(data, "backup.json"))
    common.check(kind is None or kind in FORMATS, f"sniff returned {kind!r}")
    articles = common.import_bytes(data, "backup.json")
    if kind == "lede-backup":
        value = json.loads(data)
        common.check(
            isinstance(value, dict) and value.get("format") == "lede-backup",
            "sniffed as a backup without the backup marker",
        )
        common.check(articles == [], "parse_bytes read a backup as articles")
    if parse_backup is not None:
        validate(data)


def validate(data: bytes) -> None:
    """``parse_backup`` on the decoded JSON, as ``load_backup`` calls it."""
    try:
        value = json.loads(data)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return  # load_backup turns these into BackupError itself
    with common.timed(len(data), "parse_backup"):
        try:
            backup = parse_backup(value, PATH)
        except BackupError as error:
            common.check(error.reason.strip(), "BackupError without a reason")
            return
    common.check(backup.path == PATH, "backup lost its path")


def TestOneInput(data: bytes) -> None:
    one(data)
    if (big := common.amplified(data)) is not None:
        one(big)


def main() -> None:
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
