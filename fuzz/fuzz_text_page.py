"""Fuzz the plain-text page importer: ``parse_text_page`` and ``parse_bytes`` as .txt.

Checks: only IngestError escapes, articles have a title and non-blank blocks,
1 s per MB (plus a floor; one input in 64 is also run repeated to ~256 KB).
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
    from tui.ingest.encoding import decode_bytes
    from tui.ingest.text_page import parse_text_page

from fuzz import common


def one(data: bytes) -> None:
    text, _encoding = decode_bytes(data)
    common.run_importer(lambda: parse_text_page(text, path="fuzz.txt"), len(data), "text page")
    common.import_bytes(data, "fuzz.txt")


def TestOneInput(data: bytes) -> None:
    one(data)
    if (big := common.amplified(data)) is not None:
        one(big)


def main() -> None:
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
