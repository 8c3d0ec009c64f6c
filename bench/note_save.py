"""Saving a note durably in a large library: issue 5's "<= 5 ms median with 100,000
articles and 10,000 notes".

    python bench/note_save.py [--articles 100000] [--notes 10000] [--saves 1000]

A note is the user's own work, so ``Library.save_note`` returns only once the
note is on disk. User data is a snapshot (``user.json``) plus an append-only,
checksummed journal (``user.log``, see ``tui/store/journal.py``): a save is one
appended line and one ``fsync``, whatever the size of the library or of the
notes collection. This measures that claim on a realistic library:

* 100,000 articles (catalog.json + listing.bin, built by ``bench/startup.py``'s
  builder; no bodies) and 10,000 notes on ~4,000 of them (50-400 characters of
  text, half anchored to a passage), written through ``UserData`` and then
  compacted once, so they sit in the snapshot as in a long-lived library;
* the library reopened with ``Library.open`` and ``--saves`` saves through
  ``Library.save_note`` (the app's path), new notes and edits of existing ones
  mixed, each timed alone with ``time.perf_counter``: median, p90, p99, max;
* around it: loading the user data (snapshot, then snapshot + the saves' log),
  the files' sizes, one compaction, ``notes_for`` and ``all_notes``;
* for contrast, the cost per save of the old approach: the whole user data
  rewritten as one JSON file, atomically and with ``fsync``.

It prints figures and asserts nothing: timing depends on the disk. The library
is built in a temp dir (``--dir`` to put it elsewhere, e.g. on the disk to test).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.startup import WORDS, build_library  # noqa: E402
from tui.library import Library  # noqa: E402
from tui.notes import Note, NoteKind, make_anchor, new_note_id  # noqa: E402
from tui.store.atomic import atomic_write_bytes  # noqa: E402
from tui.store.journal import SCHEMA  # noqa: E402
from tui.store.json_storage import dumps_compact  # noqa: E402
from tui.store.listing import read_listing  # noqa: E402
from tui.store.userdata import NOTES, UserData  # noqa: E402

#: Notes per journal write while building (one ``fsync`` each, as an import would).
BUILD_BATCH = 500
NAMES = ["Olaf Scholz", "Reuters", "European Central Bank", "Kamala Harris", "Hikvision"]
ANCHORED: list[NoteKind] = ["passage", "passage", "quote", "paragraph"]
UNANCHORED: list[NoteKind] = ["article", "article", "entity"]


# Synthetic notes --------------------------------------------------------------------
def prose(rng: random.Random, low: int, high: int) -> str:
    """Sentences of news words, between ``low`` and ``high`` characters long."""
    target = rng.randint(low, high)
    sentences: list[str] = []
    size = 0
    while size < target:
        words = [rng.choice(WORDS) for _ in range(rng.randint(4, 14))]
        if rng.random() < 0.15:
            words[rng.randrange(len(words))] = f"**{rng.choice(WORDS)}**"
        sentence = " ".join(words).capitalize() + rng.choice([".", ".", ".", "?", " -"])
        sentences.append(sentence)
        size += len(sentence) + 1
    return " ".join(sentences)[:target].rstrip()


def note_id_at(moment: datetime, rng: random.Random) -> str:
    """An id in ``new_note_id``'s format, for a note made at ``moment``."""
    return f"{moment.strftime('%Y%m%d%H%M%S%f')}-{rng.getrandbits(24):06x}"


def make_note(rng: random.Random, article_id: str, note_id: str, created: str) -> Note:
    """A note with 50-400 characters of text; half are anchored to a passage."""
    text = prose(rng, 50, 400)
    if rng.random() < 0.5:
        paragraph = prose(rng, 600, 1500)
        start = rng.randrange(0, len(paragraph) - 200)
        anchor = make_anchor(paragraph, start, start + rng.randint(20, 200))
        kind = rng.choice(ANCHORED)
        label = paragraph[:40] if kind == "paragraph" else ""
        return Note(note_id, article_id, kind, text, anchor, label, created, created)
    kind = rng.choice(UNANCHORED)
    label = rng.choice(NAMES) if kind == "entity" else ""
    return Note(note_id, article_id, kind, text, None, label, created, created)


def synthetic_notes(article_ids: list[str], count: int, seed: int = 5) -> list[Note]:
    """``count`` notes on ~``count * 0.4`` articles, a few articles with many, over 2 years."""
    rng = random.Random(seed)
    noted = rng.sample(article_ids, min(len(article_ids), max(1, count * 2 // 5)))
    weights = [1 / (rank + 1) ** 0.8 for rank in range(len(noted))]
    targets = noted[:count] + rng.choices(noted, weights=weights, k=max(0, count - len(noted)))
    start = datetime(2024, 1, 1, tzinfo=UTC)
    moments = sorted(start + timedelta(seconds=rng.uniform(0, 2 * 365 * 86400)) for _ in targets)
    rng.shuffle(targets)
    return [
        make_note(rng, article, note_id_at(at, rng), at.isoformat(timespec="seconds"))
        for article, at in zip(targets, moments, strict=True)
    ]


def build(root: Path, articles: int, notes: int) -> tuple[list[str], list[Note]]:
    """The library: articles, then notes through the journal, then one compaction."""
    started = time.perf_counter()
    build_library(root, articles)
    listing = read_listing(root)
    assert listing is not None, "no listing.bin"
    built = time.perf_counter()
    print(f"built {articles:,} articles in {built - started:.1f} s", flush=True)
    made = synthetic_notes(listing.ids, notes)
    user = UserData(root)
    for at in range(0, len(made), BUILD_BATCH):
        batch = made[at : at + BUILD_BATCH]
        user.import_data({NOTES: {note.id: note.to_dict() for note in batch}})
    user.journal.compact()
    user.close()
    noted = len({note.article_id for note in made})
    print(
        f"wrote {len(made):,} notes on {noted:,} articles through UserData and compacted "
        f"in {time.perf_counter() - built:.1f} s",
        flush=True,
    )
    return listing.ids, made


# Measuring ---------------------------------------------------------------------------
def ms(seconds: float) -> float:
    return seconds * 1000


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(fraction * len(ordered)) - 1))
    return ordered[rank]


def timed(action: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def load_ms(root: Path, runs: int = 5) -> tuple[float, int]:
    """Median time to open the user data (snapshot + log replay), and the notes seen."""
    count = 0

    def load() -> None:
        nonlocal count
        # read_only: the same load; and close() never compacts what we measure.
        count = len(UserData(root, read_only=True).journal.collection(NOTES))

    return ms(statistics.median(timed(load, runs))), count


def size_kib(path: Path) -> str:
    return f"{path.stat().st_size / 1024:,.0f} KiB" if path.exists() else "absent"


def row(label: str, value: str) -> None:
    print(f"  {label:<58} {value}")


def measure(root: Path, article_ids: list[str], notes: list[Note], saves: int) -> None:
    rng = random.Random(11)
    print()
    print("user data on disk after the build:")
    row("user.json (snapshot)", size_kib(root / "user.json"))
    row("user.log (journal)", size_kib(root / "user.log"))
    opened, count = load_ms(root)
    row(f"open UserData, snapshot only ({count:,} notes), median of 5", f"{opened:.1f} ms")

    library = Library.open(root)
    try:
        user = library.store.user
        existing = [note.id for note in notes]
        noted = sorted({note.article_id for note in notes})
        kinds = {"new": 0, "edit": 0}
        times: list[float] = []
        for _ in range(saves):
            if rng.random() < 0.5:
                note = user.note(rng.choice(existing))
                assert note is not None
                note = note.edited(prose(rng, 50, 400))
                kinds["edit"] += 1
            else:
                # Mostly on articles that already have notes, sometimes on a fresh one.
                article = rng.choice(noted) if rng.random() < 0.8 else rng.choice(article_ids)
                note = make_note(rng, article, new_note_id(), datetime.now(UTC).isoformat())
                existing.append(note.id)
                kinds["new"] += 1
            start = time.perf_counter()
            library.save_note(note)
            times.append(time.perf_counter() - start)

        print()
        print(
            f"Library.save_note x{saves:,} ({kinds['new']} new, {kinds['edit']} edits), "
            "durable (append + fsync):"
        )
        values = [ms(t) for t in times]
        row("median", f"{statistics.median(values):.2f} ms")
        row("p90", f"{percentile(values, 0.90):.2f} ms")
        row("p99", f"{percentile(values, 0.99):.2f} ms")
        row("max", f"{max(values):.2f} ms")
        row("user.log after the saves", size_kib(root / "user.log"))
        opened, count = load_ms(root)
        row(f"open UserData, snapshot + log ({count:,} notes), median of 5", f"{opened:.1f} ms")

        print()
        print("reading notes (median of 50):")
        sample = [rng.choice(noted) for _ in range(50)]
        per_article = iter(sample)
        warm = timed(lambda: user.notes_for(next(per_article)), 50)
        row("notes_for(article), index cached", f"{ms(statistics.median(warm)):.3f} ms")
        cold: list[float] = []
        for article in sample:
            user.journal.version += 1  # As after a save: the per-article index is rebuilt.
            cold.extend(timed(lambda a=article: user.notes_for(a), 1))
        row(
            "notes_for(article) after a save (index rebuilt)",
            f"{ms(statistics.median(cold)):.2f} ms",
        )
        everything = timed(user.all_notes, 50)
        row(
            f"all_notes() ({len(user.all_notes()):,} notes)",
            f"{ms(statistics.median(everything)):.1f} ms",
        )

        print()
        print("whole-file rewrites (median):")
        compactions = timed(user.journal.compact, 5)
        row(
            "compaction: snapshot + empty log, atomic, fsynced (5)",
            f"{ms(statistics.median(compactions)):.1f} ms",
        )
        row("user.json after compaction", size_kib(root / "user.json"))
        document = {"meta": {"schema": SCHEMA}, "data": user.export_data()}
        old_path = root / "old-user.json"
        rewrites = timed(lambda: atomic_write_bytes(old_path, dumps_compact(document)), 20)
        row(
            "old approach per save: dumps + atomic write + fsync (20)",
            f"{ms(statistics.median(rewrites)):.1f} ms",
        )
    finally:
        library.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--notes", type=int, default=10_000)
    parser.add_argument("--saves", type=int, default=1000)
    parser.add_argument("--dir", type=Path, default=None, help="where to build (a temp dir in it)")
    args = parser.parse_args(argv)
    if args.dir is not None:
        args.dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lede-notes-", dir=args.dir) as tmp:
        root = Path(tmp) / "library"
        print(f"library in {root}", flush=True)
        article_ids, notes = build(root, args.articles, args.notes)
        measure(root, article_ids, notes, args.saves)


if __name__ == "__main__":
    main()
