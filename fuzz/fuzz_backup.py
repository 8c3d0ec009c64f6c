"""Fuzz the Lede backup route: ``sniff`` and ``parse_bytes`` on JSON-ish input.

There is no backup reader yet (restoring is the library's job, "not supported
yet"), so this covers what exists: the sniffer's JSON path must either name a
backup, name another format, or raise IngestError; a file it calls a backup
must be a JSON object with ``"format": "lede-backup"``, and ``parse_bytes``
must return ``[]`` for it. TODO: fuzz the backup reader/validator once
``tui/export`` has one.
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

from fuzz import common


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


def TestOneInput(data: bytes) -> None:
    one(data)
    if (big := common.amplified(data)) is not None:
        one(big)


def main() -> None:
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
