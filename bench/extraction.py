"""Measure the HTML extractor on the shared extraction benchmark (DEV half).

Reads ``shared/extraction-bench/dev`` (found by walking up from this repo, or
``--dev DIR``), gunzips every page up front so only ``parse_html`` is timed,
and prints the mean token F1 against the ground truth, the pages below 0.5,
and pages per second on one core (best of ``--runs``).

    python -m bench.extraction [--dev DIR] [--runs N] [--verbose]
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

if __package__ in (None, ""):  # Run as a script: make the repo importable.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.scoring import f1
from tui.ingest.errors import IngestError
from tui.ingest.html_page import parse_html

DEV_PARTS = ("shared", "extraction-bench", "dev")


def find_dev_dir(start: Path) -> Path | None:
    """The first ``shared/extraction-bench/dev`` at or above ``start``."""
    for folder in (start, *start.parents):
        candidate = folder.joinpath(*DEV_PARTS)
        if candidate.is_dir():
            return candidate
    return None


def load_pages(dev: Path) -> list[tuple[str, bytes, str]]:
    """(id, html bytes, truth text) for every page that has a truth entry."""
    truth = json.loads((dev / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth):
        path = dev / "html" / f"{page_id}.html.gz"
        if path.exists():
            pages.append(
                (page_id, gzip.decompress(path.read_bytes()), truth[page_id]["articleBody"])
            )
    return pages


def extract(data: bytes, page_id: str) -> tuple[str, float]:
    """Extracted body text (``""`` on failure) and the seconds parse_html took."""
    start = time.perf_counter()
    try:
        text = parse_html(data, path=page_id).text
    except IngestError:
        text = ""
    except Exception as exc:
        print(f"CRASH {page_id}: {exc!r}", file=sys.stderr)
        text = ""
    return text, time.perf_counter() - start


def pin_one_core() -> None:
    """Run on a single core, as the target is stated per core (best effort)."""
    if hasattr(os, "sched_setaffinity"):
        with contextlib.suppress(OSError):
            os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def run(pages: list[tuple[str, bytes, str]], runs: int) -> tuple[dict[str, float], float]:
    """Per-page F1 (from the first run) and the best pages/s over ``runs``."""
    scores: dict[str, float] = {}
    best = 0.0
    for index in range(max(1, runs)):
        total = 0.0
        for page_id, data, truth in pages:
            text, seconds = extract(data, page_id)
            total += seconds
            if index == 0:
                scores[page_id] = f1(text, truth)
        best = max(best, len(pages) / total if total else 0.0)
    return scores, best


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=None, help="benchmark DEV folder")
    parser.add_argument("--runs", type=int, default=3, help="timed runs; best is kept")
    parser.add_argument("--verbose", action="store_true", help="per-page F1, worst first")
    args = parser.parse_args(argv)
    dev = args.dev or find_dev_dir(Path(__file__).resolve().parent)
    if dev is None or not (dev / "ground-truth.json").exists():
        print("extraction bench: no shared/extraction-bench/dev folder found; skipped")
        return 0
    pin_one_core()
    pages = load_pages(dev)
    scores, pages_per_second = run(pages, args.runs)
    if args.verbose:
        for page_id, value in sorted(scores.items(), key=lambda item: item[1]):
            print(f"{value:.3f}  {page_id}")
    mean = sum(scores.values()) / len(scores) if scores else 0.0
    low = sum(1 for value in scores.values() if value < 0.5)
    print(
        f"pages: {len(scores)}  mean F1: {mean:.4f}  pages F1<0.5: {low}  "
        f"pages/s: {pages_per_second:.0f} (best of {args.runs}, one core)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
