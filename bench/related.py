"""Related-article lookup time on a synthetic library (default 100,000 articles).

Each synthetic article mentions ~15 entities drawn from a Zipf-like
distribution over 50,000 names (so a few appear in most articles, as "United
States" does, and most are rare) and quotes 0-3 speakers. Prints build time,
median and 99th-percentile lookup time over 500 random articles.

    python bench/related.py [--articles N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from tui.index.related import RelatedIndex


def synthetic_features(rng: random.Random, names: int) -> dict[str, str]:
    features: dict[str, str] = {}
    for _ in range(15):
        n = min(int(rng.paretovariate(0.8)), names) - 1
        kind = "POL"[n % 3]
        features[f"{kind}:Name {n}"] = f"Name {n}"
    for _ in range(rng.randint(0, 3)):
        n = min(int(rng.paretovariate(1.0)), names) - 1
        features[f"S:Name {n}"] = f"Name {n}"
    return features


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    args = parser.parse_args()
    rng = random.Random(7)
    index = RelatedIndex()
    start = time.perf_counter()
    for n in range(args.articles):
        index.add(f"{n:016x}", synthetic_features(rng, 50_000))
    built = time.perf_counter() - start
    timings = []
    for _ in range(500):
        article = f"{rng.randrange(args.articles):016x}"
        t0 = time.perf_counter()
        index.related(article, limit=20)
        timings.append((time.perf_counter() - t0) * 1000)
    timings.sort()
    print(f"articles: {args.articles:,}  build: {built:.1f} s")
    print(
        f"related lookup: median {statistics.median(timings):.2f} ms, "
        f"p99 {timings[int(len(timings) * 0.99)]:.2f} ms, max {timings[-1]:.2f} ms"
    )
    t0 = time.perf_counter()
    hits = index.articles_with("P:Name 0")
    print(
        f"articles_with (common entity, {len(hits):,} hits): "
        f"{(time.perf_counter() - t0) * 1000:.2f} ms"
    )


if __name__ == "__main__":
    main()
