"""Fuzz the entity/quotation analyser: ``analyze`` on any text, with and without a library.

Checks: no exception at all (the analyser has no error of its own), entity and
quotation offsets inside the text, ``text[start:end]`` equal to the span's text,
each list sorted and non-overlapping, speakers among the text's canonicals,
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
    import tui.nlp.analyzer
    import tui.nlp.known_names  # noqa: F401  (both instrumented for common)

from fuzz import common

NAMES = common.sample_library()


def one(data: bytes) -> None:
    # The first byte picks the library (odd) or none; the rest is the text.
    names = NAMES if data[:1] and data[0] & 1 else None
    common.analyze_text(data[1:].decode("utf-8", "replace"), names)


def TestOneInput(data: bytes) -> None:
    one(data)
    if (big := common.amplified(data)) is not None:
        one(data[:1] + big)


def main() -> None:
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
