"""End-to-end import speed: a directory of 1,000 HTML pages into an empty library.

Pages are the extraction bench's real pages (``../shared/extraction-bench``),
each copied ~11 times with a unique canonical URL and text so that none is a
duplicate; without ``../shared`` a synthetic page stands in.
Analysis is excluded (``--analyze`` includes it). Prints pages/s, best of
``--runs``.

    python bench/import_speed.py [--pages 1000] [--runs 3] [--analyze]
"""

from __future__ import annotations

import argparse
import gzip
import re
import tempfile
import time
from pathlib import Path

from tui.library import Library

DEV = Path(__file__).resolve().parents[2] / "shared" / "extraction-bench" / "dev" / "html"

SYNTHETIC = """<!doctype html><html lang="en"><head><title>Synthetic page {n} | Bench</title>
<link rel="canonical" href="https://bench.invalid/page/{n}"></head><body>
<nav><a href="/">Home</a><a href="/world">World</a></nav><article><h1>Synthetic page {n}</h1>
{paras}</article><footer>Copyright Bench</footer></body></html>"""


def source_pages() -> list[bytes]:
    if DEV.is_dir():
        return [gzip.decompress(p.read_bytes()) for p in sorted(DEV.glob("*.html.gz"))]
    para = "<p>" + "Words in a synthetic paragraph about the economy and trade. " * 8 + "</p>"
    return [SYNTHETIC.replace("{paras}", para * 12).encode()]


def make_corpus(directory: Path, count: int) -> None:
    """Write ``count`` distinct pages: a unique canonical URL first in <head> (the
    extractor takes the first), and a copy number in every paragraph so that the
    texts differ too."""
    pages = source_pages()
    head = re.compile(rb"<head[^>]*>", re.I)
    for n in range(count):
        page = pages[n % len(pages)].replace(b"{n}", str(n).encode())
        link = f'<link rel="canonical" href="https://bench.invalid/copy/{n}">'.encode()
        page, found = head.subn(lambda m, link=link: m.group(0) + link, page, count=1)
        if not found:
            page = link + page
        page = page.replace(b"</p>", f" (copy {n})</p>".encode())
        (directory / f"page{n:05d}.html").write_bytes(page)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--analyze", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "pages"
        corpus.mkdir()
        make_corpus(corpus, args.pages)
        rates = []
        for run in range(args.runs):
            with Library.open(Path(tmp) / f"lib{run}") as library:
                start = time.perf_counter()
                report = library.import_paths([corpus], analyze=args.analyze)
                elapsed = time.perf_counter() - start
            done = len(report.imported) + len(report.duplicates) + len(report.failures)
            rates.append(done / elapsed)
            print(
                f"run {run + 1}: {done} files in {elapsed:.2f} s = {done / elapsed:.0f} pages/s "
                f"({len(report.imported)} articles, {len(report.duplicates)} duplicates, "
                f"{len(report.failures)} failed)"
            )
    source = "extraction-bench pages" if DEV.is_dir() else "synthetic pages"
    print(
        f"import, {source}, analysis {'on' if args.analyze else 'off'}: "
        f"best {max(rates):.0f} pages/s"
    )


if __name__ == "__main__":
    main()
