"""Fuzz the RSS/Atom importer: ``parse_feed`` and ``parse_bytes`` as .xml.

Checks: only IngestError escapes (entity declarations included), every item is
an article with a title and non-blank blocks, 1 s per MB (plus a floor; one input
in 64 is also run repeated to ~256 KB, which for a feed mostly tests rejection).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("LEDE_FUZZ_SLACK", "5")  # instrumented Python is several times slower

with atheris.instrument_imports(include=["tui"]):
    from tui.ingest.dispatch import parse_bytes  # noqa: F401  (instrumented for common)
    from tui.ingest.feed import parse_feed

from fuzz import common


def one(data: bytes) -> None:
    common.run_importer(lambda: parse_feed(data, path="fuzz.xml"), len(data), "parse_feed")
    common.import_bytes(data, "fuzz.xml")


def TestOneInput(data: bytes) -> None:
    one(data)
    if (big := common.amplified(data)) is not None:
        one(big)


def main() -> None:
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
