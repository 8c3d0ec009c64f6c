"""Full-text search time on a synthetic library (default 100,000 articles).

Each synthetic article has a title of 6-12 words and a body of 300-800 words
drawn from a Zipf-like distribution over a 40,000-word vocabulary (a few
function words in nearly every article, most words rare), with person names
mixed in; 0-3 speakers and ~10 entities from 5,000 names. Builds the index in
batches of 5,000 (then merges it, as a rebuild does) in a temp dir and times
one-word queries: common, mid, rare, prefixes as typed, a name.

    python bench/search.py [--articles N] [--runs R]
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import tempfile
import time
from pathlib import Path

from tui.search import SearchDoc, SearchIndex
from tui.search.index import INDEX_DIR, SEARCH_FILE

FUNCTION_WORDS = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "that",
    "is",
    "for",
    "on",
    "said",
    "with",
    "as",
    "was",
    "by",
    "it",
    "at",
    "from",
    "his",
    "be",
    "has",
    "have",
    "an",
    "are",
    "not",
    "but",
    "he",
    "which",
    "had",
    "they",
    "who",
    "were",
    "their",
    "been",
    "its",
    "government",
    "year",
    "would",
    "more",
    "will",
    "after",
    "people",
    "also",
    "new",
    "first",
    "two",
    "over",
]
SYLLABLES = [
    "ba",
    "be",
    "bi",
    "bo",
    "bu",
    "ka",
    "ke",
    "ki",
    "ko",
    "ku",
    "la",
    "le",
    "li",
    "lo",
    "lu",
    "ma",
    "me",
    "mi",
    "mo",
    "mu",
    "na",
    "ne",
    "ni",
    "no",
    "nu",
    "ra",
    "re",
    "ri",
    "ro",
    "ru",
    "sa",
    "se",
    "si",
    "so",
    "su",
    "ta",
    "te",
    "ti",
    "to",
    "tu",
    "va",
    "ve",
    "vi",
    "vo",
    "vu",
    "za",
    "ze",
    "zi",
    "zo",
    "zu",
]


def make_vocabulary(rng: random.Random, size: int) -> list[str]:
    words = list(FUNCTION_WORDS)
    seen = set(words)
    while len(words) < size:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def make_names(rng: random.Random, size: int) -> list[str]:
    names = ["Hikvision", "Marco Rubio", "Wang Wenbin"]
    while len(names) < size:
        first = "".join(rng.choice(SYLLABLES) for _ in range(2)).title()
        last = "".join(rng.choice(SYLLABLES) for _ in range(3)).title()
        names.append(f"{first} {last}")
    return names


def zipf_weights(size: int, s: float = 1.0) -> list[float]:
    return list(itertools.accumulate(1.0 / (rank**s) for rank in range(1, size + 1)))


def synthetic_docs(count: int, seed: int = 7) -> tuple[list[str], list[str], list[SearchDoc]]:
    rng = random.Random(seed)
    vocab = make_vocabulary(rng, 40_000)
    names = make_names(rng, 5_000)
    word_cum = zipf_weights(len(vocab))
    name_cum = zipf_weights(len(names), 1.1)
    docs = []
    for n in range(count):
        words = rng.choices(vocab, cum_weights=word_cum, k=rng.randint(300, 800))
        mentioned = rng.choices(names, cum_weights=name_cum, k=10)
        for name in mentioned:  # Names inside the text, as an article has them.
            words.insert(rng.randrange(len(words)), name)
        paragraphs = [" ".join(words[i : i + 60]) + "." for i in range(0, len(words), 60)]
        title = " ".join(rng.choices(vocab, cum_weights=word_cum, k=rng.randint(6, 12)))
        speakers = rng.sample(mentioned, rng.randint(0, 3))
        docs.append(
            SearchDoc(
                article_id=f"{n:016x}",
                title=title.capitalize(),
                body="\n\n".join(paragraphs),
                speakers=sorted(set(speakers)),
                entities=sorted(set(mentioned)),
            )
        )
    return vocab, names, docs


def timed(index: SearchIndex, query: str, runs: int) -> tuple[float, float, int]:
    timings = []
    hits = 0
    for _ in range(runs):
        t0 = time.perf_counter()
        hits = len(index.search(query, limit=50))
        timings.append((time.perf_counter() - t0) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    return statistics.median(timings), p95, hits


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    t0 = time.perf_counter()
    vocab, _names, docs = synthetic_docs(args.articles)
    words = sum(len(d.body.split()) for d in docs)
    print(
        f"articles: {args.articles:,}  words: {words:,} "
        f"(generated in {time.perf_counter() - t0:.1f} s)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        index = SearchIndex.open(root)
        t0 = time.perf_counter()
        for start in range(0, len(docs), 5_000):
            index.add_many(docs[start : start + 5_000])
        built = time.perf_counter() - t0
        t0 = time.perf_counter()
        index.optimize()
        merged = time.perf_counter() - t0
        size = (root / INDEX_DIR / SEARCH_FILE).stat().st_size
        print(
            f"index build: {built:.1f} s + optimize {merged:.1f} s, file {size / 2**20:,.0f} MiB"
        )
        del docs
        index.close()
        index = SearchIndex.open(root, read_only=True)  # As `lede search` does.
        queries = [
            ("common word (in ~every article)", "the"),
            ("frequent word", vocab[60]),
            ("mid-frequency word", vocab[2_000]),
            ("rare word", vocab[30_000]),
            ("prefix, 2 letters", vocab[500][:2]),
            ("prefix, 4 letters", vocab[500][:4]),
            ("name", "Hikvision"),
            ("name prefix as typed", "hikv"),
            ("two words", f"{vocab[60]} {vocab[2_000]}"),
        ]
        print(f"search, limit 50, {args.runs} runs each (ms):")
        for label, query in queries:
            median, p95, hits = timed(index, query, args.runs)
            print(f"  {label:<34} {query!r:<14} median {median:7.1f}  p95 {p95:7.1f}  ({hits})")
        index.close()


if __name__ == "__main__":
    main()
