"""Fuzz the article renderer: ``layout`` at several widths, lines drawn by the Reader.

Builds an Article from fuzzed blocks, title, standfirst and a (possibly stale)
analysis, lays it out at widths 1, 7, 40 and 120 and draws every line through
``Reader._render_full_line``/``render_line`` without an app. Checks: no control
character (C0, DEL, C1) in any segment, no link or action style, each strip's
text equal to the laid-out line, each body line showing exactly the body
characters its offsets name, the whole body drawn literally (markup too), and
layout within 1 s per MB (plus a floor).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("LEDE_FUZZ_SLACK", "5")  # instrumented Python is several times slower

import textual.strip  # noqa: F401  (imported first: only tui is instrumented)

with atheris.instrument_imports(include=["tui"]):
    import tui.app.widgets.reader  # noqa: F401  (instrumented for common)
    from tui.model import BLOCK_KINDS, Analysis, EntityMention, Quotation
    from tui.reading.layout import layout  # noqa: F401
    from tui.textsafe import strip_controls  # noqa: F401

from fuzz import common

KINDS = [*BLOCK_KINDS, "unknown"]
TYPES = ["PERSON", "ORG", "PLACE", "MISC"]


def article_from(data: bytes) -> common.Article:
    """An Article whose every part comes from the fuzzer."""
    fdp = atheris.FuzzedDataProvider(data)
    title = fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 80))
    standfirst = fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 80))
    meta = {
        "bylines": [
            fdp.ConsumeUnicodeNoSurrogates(20) for _ in range(fdp.ConsumeIntInRange(0, 2))
        ],
        "source": fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 20)) or None,
        "published": fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 25)) or None,
    }
    blocks = [
        (fdp.PickValueInList(KINDS), fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 400)))
        for _ in range(fdp.ConsumeIntInRange(0, 6))
    ]
    size = sum(len(text) for _kind, text in blocks) + 2 * max(0, len(blocks) - 1)
    entities: list[EntityMention] = []
    quotes: list[Quotation] = []
    for _ in range(fdp.ConsumeIntInRange(0, 8)):
        start = fdp.ConsumeIntInRange(-2, size + 2)
        end = fdp.ConsumeIntInRange(-2, size + 2)
        name = fdp.ConsumeUnicodeNoSurrogates(12)
        if fdp.ConsumeBool():
            entities.append(EntityMention(name, fdp.PickValueInList(TYPES), name, start, end))
        else:
            quotes.append(Quotation(name, name or None, None, start, end))
    analysis = Analysis(entities, quotes) if fdp.ConsumeBool() else None
    return common.make_article(
        blocks, title=title, standfirst=standfirst, meta=meta, analysis=analysis
    )


def TestOneInput(data: bytes) -> None:
    common.render_article(article_from(data))


def main() -> None:
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
