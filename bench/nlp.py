"""Score the entity and quotation analyser on the hand-annotated development set.

    python -m bench.nlp [--verbose] [--reps N] [--library]

Gold: bench/nlp_dev/<doc>.json (guidelines in docs/NLP_GUIDELINES.md). Texts are read
from ../shared (news-corpus/*.txt) and sample_articles/ (the seed), exactly as stored.
Metrics: entity F1 (exact span + type; micro over the set and mean per document),
canonical F1 (set of (canonical, type) per document, averaged), quote span F1 (exact
start/end), quote-with-speaker F1 (overlapping span and the same speaker, None
included), and throughput in words/s (whitespace tokens) for the whole analysis.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.nlp import KnownNames, analyze  # noqa: E402

GOLD_DIR = ROOT / "bench" / "nlp_dev"
SHARED = ROOT.parent / "shared"


def _text_path(doc: str) -> Path | None:
    for candidate in (
        SHARED / "news-corpus" / f"{doc}.txt",
        ROOT / "sample_articles" / f"{doc}.txt",
        SHARED / "seeds" / f"{doc}.txt",
    ):
        if candidate.exists():
            return candidate
    return None


def _f1(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _quote_speaker_tp(pred: list[dict], gold: list[dict]) -> int:
    used: set[int] = set()
    tp = 0
    for q in pred:
        for i, g in enumerate(gold):
            if i in used:
                continue
            if q["start"] < g["end"] and g["start"] < q["end"] and q["speaker"] == g["speaker"]:
                used.add(i)
                tp += 1
                break
    return tp


def load_docs() -> list[tuple[str, str, dict]]:
    docs = []
    for path in sorted(GOLD_DIR.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        src = _text_path(path.stem)
        if src is None:
            continue
        docs.append((path.stem, src.read_bytes().decode("utf-8"), gold))
    return docs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print errors per document")
    parser.add_argument("--reps", type=int, default=30, help="timing repetitions")
    parser.add_argument(
        "--library", action="store_true", help="share KnownNames across the documents"
    )
    args = parser.parse_args(argv)
    if not (SHARED / "news-corpus").is_dir():
        print(f"bench/nlp: {SHARED / 'news-corpus'} not found; nothing to score.")
        return 0
    docs = load_docs()
    if not docs:
        print("bench/nlp: no gold documents found.")
        return 0
    names = KnownNames() if args.library else None
    ent_tp = ent_pred = ent_gold = 0
    per_doc_f: list[float] = []
    canon_f: list[float] = []
    qs_tp = qs_pred = qs_gold = 0
    qk_tp = 0
    for doc, text, gold in docs:
        analysis = analyze(text, names)
        if names is not None:
            names.add(analysis)
        pred_e = {(e.start, e.end, e.type) for e in analysis.entities}
        gold_e = {(g["start"], g["end"], g["type"]) for g in gold["entities"]}
        for g in gold["entities"]:
            assert text[g["start"] : g["end"]] == g["text"], (doc, g)
        tp = len(pred_e & gold_e)
        ent_tp += tp
        ent_pred += len(pred_e)
        ent_gold += len(gold_e)
        per_doc_f.append(_f1(tp, len(pred_e), len(gold_e))[2])
        pc = {(e.canonical, e.type) for e in analysis.entities}
        gc = {(g["canonical"], g["type"]) for g in gold["entities"]}
        canon_f.append(_f1(len(pc & gc), len(pc), len(gc))[2])
        pred_q = [q.to_dict() for q in analysis.quotes]
        gold_q = gold["quotes"]
        for g in gold_q:
            assert text[g["start"] : g["end"]] == g["text"], (doc, g)
        ps = {(q["start"], q["end"]) for q in pred_q}
        gs = {(g["start"], g["end"]) for g in gold_q}
        qs_tp += len(ps & gs)
        qs_pred += len(ps)
        qs_gold += len(gs)
        qk_tp += _quote_speaker_tp(pred_q, gold_q)
        if args.verbose:
            _report(doc, text, pred_e, gold_e, pc, gc, pred_q, gold_q)
    words = sum(len(text.split()) for _, text, _ in docs)
    best = _best_time([text for _, text, _ in docs], args.reps)
    news = [text for doc, text, _ in docs if doc.startswith("wn")]
    news_words = sum(len(text.split()) for text in news)
    news_best = _best_time(news, args.reps)
    p, r, f = _f1(ent_tp, ent_pred, ent_gold)
    print(f"documents                 {len(docs)}  ({words} words)")
    print(f"entity F1 (micro)         {f:.3f}  (P {p:.3f} R {r:.3f})")
    print(f"entity F1 (mean per doc)  {sum(per_doc_f) / len(per_doc_f):.3f}")
    print(f"canonical F1 (per doc)    {sum(canon_f) / len(canon_f):.3f}")
    p, r, f = _f1(qs_tp, qs_pred, qs_gold)
    print(f"quote span F1             {f:.3f}  (P {p:.3f} R {r:.3f})")
    p, r, f = _f1(qk_tp, qs_pred, qs_gold)
    print(f"quote+speaker F1          {f:.3f}  (P {p:.3f} R {r:.3f})")
    print(f"speed (all documents)     {words / best:,.0f} words/s  ({best * 1000:.1f} ms/set)")
    print(
        f"speed (news corpus only)  {news_words / news_best:,.0f} words/s  "
        f"({news_best * 1000:.1f} ms for {news_words} words)"
    )
    return 0


def _best_time(texts: list[str], reps: int) -> float:
    """Best wall time of analysing all ``texts`` once, over ``reps`` repetitions."""
    best = float("inf")
    for _ in range(max(1, reps)):
        t0 = time.perf_counter()
        for text in texts:
            analyze(text)
        best = min(best, time.perf_counter() - t0)
    return best


def _report(doc, text, pred_e, gold_e, pc, gc, pred_q, gold_q) -> None:
    print(f"--- {doc}")
    for s, e, t in sorted(pred_e - gold_e):
        print(f"  FP {t:6} {text[s:e]!r} @{s}")
    for s, e, t in sorted(gold_e - pred_e):
        print(f"  FN {t:6} {text[s:e]!r} @{s}")
    for c in sorted(pc - gc):
        print(f"  canon FP {c}")
    for c in sorted(gc - pc):
        print(f"  canon FN {c}")
    gold_by = {(g["start"], g["end"]): g for g in gold_q}
    pred_by = {(q["start"], q["end"]): q for q in pred_q}
    for key in sorted(set(gold_by) | set(pred_by)):
        g, q = gold_by.get(key), pred_by.get(key)
        if g and q and g["speaker"] == q["speaker"]:
            continue
        label = "Q miss" if q is None else "Q extra" if g is None else "Q speaker"
        snippet = text[key[0] : key[1]][:40]
        print(f"  {label:9} {snippet!r} gold={g and g['speaker']!r} pred={q and q['speaker']!r}")


if __name__ == "__main__":
    raise SystemExit(main())
