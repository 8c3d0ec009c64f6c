"""Key presses in every pane of the real app, on a large library with an article open.

    python bench/keys.py [--articles 100000] [--presses 60] [--terminal]

Builds a library from ``sample_articles/`` (a real import: bodies, analyses,
indexes) plus --articles synthetic catalog entries (the list needs no bodies) that
share the seed's names the way a news library does: its most frequent names in
most articles, the rest in a few percent, and its speakers quoted in some. The
related index holds all of them, so a highlight's leads and the related section
are looked up across the whole library.

The real app (``tui.app.factory.make_app``) then runs headless at 120x40 with
the seed open, and each kind of key is pressed --presses times. A press is timed
with ``time.process_time`` (the whole process: worker threads count) from the
key until everything it started has finished: Pilot's wait for the screen, the
app's workers (a highlight's leads load in a thread) and the repaint they cause.
The sidebar follows a focused highlight once it rests (80 ms): its update is
timed on its own line, from the end of the press until the sidebar caught up.
The app's own cost is the median minus the median of a key bound to nothing,
pressed and waited for the same way (Pilot's waiting, which grows with the
number of widgets on screen, and Textual's key routing).

It prints a machine reference (``bench/machine.py``, a fixed pure-Python
workload) before and after the presses: the VM's speed moves every figure.

Headless, Textual builds no escape sequences for an update; ``--terminal`` builds
them as a terminal's driver would, so "to frame" is what a real terminal costs
(less Pilot's posting of the key, ~0.3 ms, which a terminal's input thread does).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from textual.widgets import OptionList  # noqa: E402

from bench.machine import reference_ms  # noqa: E402
from bench.startup import NOOP_KEY, synthetic_metas  # noqa: E402

SAMPLES = REPO / "sample_articles"
SEED_FILE = "000_8274fb328f49e36a.txt"
SIZE = (120, 40)
LONG_READ = "The Xinjiang blacklist, a long read"
LONG_READ_MARKER = "bench-long-read-id"


def build_library(root: Path, count: int, seed: int = 11) -> str:
    """The samples imported, then ``count`` synthetic articles; returns the seed's id."""
    from tui.index.store import DerivedIndexes
    from tui.library import Library
    from tui.store.catalog import Catalog
    from tui.store.listing import Listing, file_stamp, write_listing

    with Library.open(root) as library:
        library.import_paths([SAMPLES])
        seed_id = next(m.id for m in library.articles() if m.origin_file == SEED_FILE)
        with tempfile.TemporaryDirectory() as tmp:
            library.import_paths([long_read(library, Path(tmp))])
        long_id = next(m.id for m in library.articles() if m.title == LONG_READ)
        (root / LONG_READ_MARKER).write_text(long_id)
    indexes = DerivedIndexes(root)
    related = indexes.related
    seed_keys = related.features_of(seed_id)
    rng = random.Random(seed)
    metas = synthetic_metas(count, seed=seed)
    catalog = Catalog(root)
    catalog.add_many(metas)
    every = catalog.all()
    catalog.close()
    write_listing(root, Listing.from_metas(every, file_stamp(root / "catalog.json")))

    common = {key for key, _label in seed_keys[:3]}
    for meta in metas:
        features: dict[str, str] = {}
        for key, label in seed_keys:
            share = 0.6 if key in common else 0.2 if key.startswith("S:") else 0.05
            if rng.random() < share:
                features[key] = label
        for _ in range(10):
            n = int(rng.paretovariate(0.8)) % 20_000
            features[f"{'POL'[n % 3]}:Name {n}"] = f"Name {n}"
        related.add(meta.id, features)
    indexes.save()
    return seed_id


def long_read(library: Any, folder: Path) -> Path:
    """A long article for paging: every sample's text in turn, as a Markdown file.

    The samples are a few pages each; this is ~10,000 words of the same real prose,
    names and quotations, imported and analysed like any other article.
    """
    parts = [f"# {LONG_READ}\n"]
    for meta in sorted(library.articles(), key=lambda meta: meta.title):
        article = library.article(meta.id)
        if article is None or not meta.origin_file:
            continue
        parts.append(f"## {meta.title}\n")
        parts.extend(block.text + "\n" for block in article.blocks if block.kind == "paragraph")
    path = folder / "long-read.md"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


class Frames:
    """Process CPU time at each update the app sends to the terminal.

    Textual's headless driver sends nothing, so the escape sequences of an update
    are not built; with ``terminal`` they are, as a real terminal's driver would
    (``render_segments``: 0.5-1 ms for a Tab's frame), and the time includes it.
    """

    def __init__(self, app: Any, *, terminal: bool = False) -> None:
        self.at: list[float] = []
        display = app._display

        def display_and_note(screen: Any, renderable: Any) -> None:
            display(screen, renderable)
            if renderable is not None:
                if terminal and hasattr(renderable, "render_segments"):
                    renderable.render_segments(app.console)
                self.at.append(time.process_time())

        app._display = display_and_note


async def workers_done(app: Any) -> None:
    """Wait for the app's workers. One cancelled by a newer one (opening an article
    cancels the loading of the last) counts as done: Textual's wait would raise."""
    await app.workers.wait_for_complete([w for w in app.workers if not w.is_cancelled])


async def read_a_while(pilot: Any, reader: Any) -> None:
    """Rest on a page until the reader has drawn the pages around it."""
    await pilot.pause(0.3)
    while reader.reading_ahead:
        await pilot.pause(0.01)


async def timed(pilot: Any, frames: Frames, action: Callable[[], Awaitable[None]]) -> Cost:
    """CPU from the action to its first frame, and until the app is idle again."""
    app = pilot.app
    seen = len(frames.at)
    start = time.process_time()
    await action()
    await workers_done(app)
    await pilot.pause()
    screen = app.screen
    while getattr(screen, "sidebar_behind", False):  # the sidebar follows a highlight
        await asyncio.sleep(0.005)
        await workers_done(app)
        await pilot.pause()
    idle = time.process_time() - start
    frame = frames.at[seen] - start if len(frames.at) > seen else None
    return Cost(frame, idle)


@dataclass(frozen=True, slots=True)
class Cost:
    frame: float | None  # None: nothing was drawn
    idle: float


async def measure(
    library: Path, seed_id: str, presses: int, *, terminal: bool = False
) -> dict[str, list[Cost]]:
    from tui.app.factory import make_app
    from tui.app.widgets.article_list import ArticleList
    from tui.app.widgets.reader import Reader

    app = make_app(library)
    costs: dict[str, list[Cost]] = {}

    async with app.run_test(size=SIZE) as pilot:
        frames = Frames(app, terminal=terminal)
        screen = app.screen
        await pilot.pause()
        screen.open_article(seed_id, offset=0)  # from the top, whatever a run saved
        await workers_done(app)
        await pilot.pause()

        async def press(label: str, key: str, times: int = presses) -> None:
            for _ in range(times):
                costs.setdefault(label, []).append(
                    await timed(pilot, frames, lambda: pilot.press(key))
                )

        await press(FLOOR, NOOP_KEY)
        reader = screen.query_one(Reader)
        reader.focus()
        await press("reader: j, a line down", "j")
        await press("reader: n, next highlight (the sidebar follows)", "n")
        await press("reader: ], next quotation", "right_square_bracket")
        await press("reader: }, next name", "right_curly_bracket")
        leads = screen.query_one("#focus-leads", OptionList)
        if leads.display and leads.option_count > 2:
            leads.focus()
            await press("sidebar: j in the leads", "j", times=leads.option_count - 1)
        article_list = screen.query_one(ArticleList)
        article_list.focus()
        await pilot.pause()
        for _ in range(presses):
            top = article_list.scroll_offset.y
            cost = await timed(pilot, frames, lambda: pilot.press("j"))
            moved = article_list.scroll_offset.y != top
            label = "list: j, scrolls a line" if moved else "list: j, within the view"
            costs.setdefault(label, []).append(cost)
        for _ in range(min(presses, 35)):
            before = pane_of(app.focused)
            cost = await timed(pilot, frames, lambda: pilot.press("tab"))
            costs.setdefault("tab: focus to the next pane", []).append(cost)
            costs.setdefault(f"  tab from {before} to {pane_of(app.focused)}", []).append(cost)

        # Paging through the longest article three ways: the key held down (the
        # terminal repeats it every KEY_REPEAT seconds), back to back (no time between
        # presses at all: the worst case), and reading between pages.
        # Its id from the build: library.articles() makes 100k objects, and their
        # collection would land in the presses.
        long_id = (library / LONG_READ_MARKER).read_text()
        reader.focus()
        for label, gap, rest in [
            (f"reader: space held ({1 / KEY_REPEAT:.0f}/s key repeat)", KEY_REPEAT, False),
            ("reader: space back to back (no gap)", 0.0, False),
            ("reader: space after reading (drawn ahead)", 0.0, True),
        ]:
            screen.open_article(long_id, offset=0)
            await workers_done(app)
            await read_a_while(pilot, reader)
            for _ in range(min(presses, PAGES)):
                if rest:
                    await read_a_while(pilot, reader)
                elif gap:
                    await asyncio.sleep(gap)
                costs.setdefault(label, []).append(
                    await timed(pilot, frames, lambda: pilot.press("space"))
                )
    return costs


FLOOR = "nothing (f20)"
#: Seconds between the presses of a held key: terminals repeat at 25-33 per second.
KEY_REPEAT = 1 / 30
#: Pages down per way of paging (the longest sample article has more).
PAGES = 8


def pane_of(widget: Any) -> str:
    """Where focus is, for the Tab lines: the list, the reader, or a section."""
    if isinstance(widget, OptionList):
        return "a section"
    return str(getattr(widget, "id", None) or type(widget).__name__)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--presses", type=int, default=60)
    parser.add_argument("--keep", type=Path, help="build the library here (or reuse it)")
    parser.add_argument(
        "--terminal",
        action="store_true",
        help="also build each update's escape sequences, as a real terminal's driver does",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp) / "library"
        start = time.perf_counter()
        marker = root / "bench-seed-id"
        if marker.is_file():
            seed_id = marker.read_text()
            print(f"library: reusing {root}")
        else:
            seed_id = build_library(root, args.articles)
            marker.write_text(seed_id)
            print(
                f"library: samples + {args.articles:,} synthetic articles, "
                f"built in {time.perf_counter() - start:.1f} s"
            )
        machine_before = reference_ms()
        costs = asyncio.run(measure(root, seed_id, args.presses, terminal=args.terminal))
        machine_after = reference_ms()
    print(
        f"machine reference (bench/machine.py): {machine_before:.1f} ms before,"
        f" {machine_after:.1f} ms after"
    )
    floor = statistics.median(cost.idle for cost in costs.pop(FLOOR))
    print(
        f"CPU per press at 120x40{' (escape sequences built)' if args.terminal else ''}"
        " (median, max over presses): to the key's first frame,"
        f" and until idle less the {floor * 1000:.2f} ms of a key bound to nothing"
    )
    print(f"  {'key':50} {'to frame':>9} {'max':>7}  {'until idle':>10} {'max':>7} {'n':>4}")
    for label, values in costs.items():
        frame = [c.frame for c in values if c.frame is not None]
        idle = [max(0.0, c.idle - floor) for c in values]
        shown = (
            f"{statistics.median(frame) * 1000:7.2f}ms {max(frame) * 1000:5.1f}ms"
            if frame
            else f"{'–':>9} {'':>7}"
        )
        print(
            f"  {label:50} {shown}  {statistics.median(idle) * 1000:8.2f}ms"
            f" {max(idle) * 1000:5.1f}ms {len(values):4}"
        )


if __name__ == "__main__":
    main()
