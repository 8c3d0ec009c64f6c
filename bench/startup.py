"""Cold start: from process start to the article list's first rows on screen.

    python bench/startup.py [--sizes 10000 100000] [--runs 7] [--keys 200]

Builds synthetic libraries (catalog.json and listing.bin written straight
through the store; the list needs no bodies) in a temp dir, then for each size
starts fresh interpreters, each running one app headless (``App.run_test``) and
reporting the wall time from its launch (the parent passes ``time.time()`` in
an environment variable) to the moment ``ArticleList`` first drew rows, and its
peak RSS then. Each app is started once first and that run discarded, so bytecode
caches exist and files are in the page cache, as on a user's every start but the
first after installing; PYTHONDONTWRITEBYTECODE is cleared for the children.
The runs are interleaved: each round starts every app once (trivial first), so
a change in the machine's speed during the benchmark (this shared VM drifts by
tens of percent within minutes) touches every app alike; "x trivial" is the
median over rounds of each run's time over that round's trivial run. Apps
measured:

* ``trivial``: a Textual app showing one Static, the floor any Textual app pays;
* ``minimal``: Header + ArticleList on ``Browse(read_listing(...))``;
* ``real``: ``tui.app.factory.make_app(library)``, when it shows an ArticleList.

It also times key presses at the largest size, in the minimal and the real app:
``time.process_time`` around each ``pilot.press`` of --keys presses of a key
bound to nothing (Pilot's own waiting and Textual's key routing: the floor every
press pays here) and of --keys ``j`` from the top, split into presses that move
the cursor within the view and presses that scroll the list. Each is reported as
the median (and max) per press, and the app's own cost as median minus the floor.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

T0_ENV = "LEDE_BENCH_T0"
SIZE = (120, 40)
#: Give up on a child that has not painted after this long (seconds).
PAINT_TIMEOUT = 30.0

WORDS = [
    *(
        [
            "minister",
            "talks",
            "trade",
            "China",
            "tariffs",
            "election",
            "court",
            "ruling",
            "climate",
            "deal",
            "market",
        ]
    ),
    *(
        [
            "shares",
            "storm",
            "warning",
            "police",
            "report",
            "health",
            "service",
            "budget",
            "vote",
            "strike",
            "energy",
        ]
    ),
    *(
        [
            "prices",
            "war",
            "ceasefire",
            "summit",
            "bank",
            "rates",
            "housing",
            "crisis",
            "school",
            "funding",
            "football",
        ]
    ),
]
OUTLETS = [
    f"{name} {kind}"
    for name in ("North", "City", "Daily", "Global", "Evening", "Morning", "Weekly", "National")
    for kind in ("Times", "Post", "Herald", "News", "Wire", "Standard", "Gazette", "Observer")
] + ["BBC", "Reuters", "AP", "AFP"]


# Building libraries --------------------------------------------------------------------
def synthetic_metas(count: int, seed: int = 7) -> list[Any]:
    from tui.model import ArticleMeta

    rng = random.Random(seed)
    metas = []
    for i in range(count):
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 14))).capitalize()
        day = rng.randint(0, 3650)
        published = f"{2015 + day // 365:04d}-{day % 12 + 1:02d}-{day % 28 + 1:02d}T08:00:00Z"
        metas.append(
            ArticleMeta(
                id=f"{rng.getrandbits(64):016x}",
                title=title,
                source=rng.choice(OUTLETS),
                published=published if rng.random() > 0.05 else None,
                url=f"https://example.org/{i}/{title[:30].replace(' ', '-')}",
                word_count=rng.randint(150, 3000),
                imported_at="2025-01-01T00:00:00+00:00",
                format="html",
                origin_file=f"page-{i}.html",
                text_hash=f"{rng.getrandbits(64):016x}",
            )
        )
    return metas


def build_library(root: Path, count: int) -> None:
    """A library of ``count`` articles: the catalog and its listing, as an import leaves them."""
    from tui.store.catalog import Catalog
    from tui.store.listing import Listing, file_stamp, write_listing

    root.mkdir(parents=True, exist_ok=True)
    metas = synthetic_metas(count)
    catalog = Catalog(root)
    catalog.add_many(metas)
    catalog.close()
    write_listing(root, Listing.from_metas(metas, file_stamp(root / "catalog.json")))


# The child: one app, one measurement --------------------------------------------------
def make_child_app(kind: str, library: Path) -> Any:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    if kind == "trivial":

        class Hello(Static):
            first_paint_at: float | None = None

            def render(self) -> Any:
                if self.first_paint_at is None:
                    self.first_paint_at = time.perf_counter()
                return super().render()

        class Trivial(App[None]):
            def compose(self) -> ComposeResult:
                yield Hello("hello")

        return Trivial()

    if kind == "minimal":
        from textual.widgets import Header

        from tui.app.paths import stylesheet
        from tui.app.widgets.article_list import ArticleList
        from tui.browse import Browse
        from tui.store.listing import read_listing

        class Minimal(App[None]):
            CSS_PATH = [stylesheet("list.tcss")]  # noqa: RUF012 - Textual's class attribute

            def compose(self) -> ComposeResult:
                listing = read_listing(library)
                assert listing is not None, "no listing.bin"
                yield Header()
                yield ArticleList(Browse(listing, set(), set()))

        return Minimal()

    from tui.app.factory import make_app

    return make_app(library)


def peak_rss_kib() -> int:
    """This process's peak RSS. ru_maxrss would count the parent's memory before
    exec (Linux carries it over), so VmHWM (this image only) where there is one."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def painted_at(app: Any) -> float | None:
    for node in app.screen.walk_children():
        stamp = getattr(node, "first_paint_at", None)
        if stamp is not None:
            return float(stamp)
    return None


#: A key bound to nothing anywhere in the app: pressing it costs Pilot's own waiting
#: plus Textual's key routing (bindings checked, nothing run, nothing repainted).
NOOP_KEY = "f20"


async def measure_keys(app: Any, pilot: Any, keys: int) -> dict[str, Any]:
    """CPU per key press (``time.process_time`` around ``pilot.press``), in three kinds.

    ``noop``: NOOP_KEY, the floor any key pays under Pilot; ``move``: ``j`` moving
    the cursor within the view (two lines repainted); ``scroll``: ``j`` at the
    bottom of the view, so the list scrolls by a line (every line repainted). The
    app's own cost of a key is its figure minus ``noop``.
    """
    from tui.app.widgets.article_list import ArticleList

    article_list = app.screen.query_one(ArticleList)
    article_list.focus()
    await pilot.pause()
    assert NOOP_KEY not in app.active_bindings, f"{NOOP_KEY} is bound"
    costs: dict[str, list[float]] = {"noop": [], "move": [], "scroll": []}
    for _ in range(keys):
        start = time.process_time()
        await pilot.press(NOOP_KEY)
        costs["noop"].append(time.process_time() - start)
    for _ in range(keys):
        top = article_list.scroll_offset.y
        start = time.process_time()
        await pilot.press("j")
        cost = time.process_time() - start
        costs["scroll" if article_list.scroll_offset.y != top else "move"].append(cost)
    assert article_list.cursor == keys, article_list.cursor
    return {
        f"key_{kind}": [statistics.median(c) * 1000, max(c) * 1000, len(c)]
        for kind, c in costs.items()
        if c
    }


async def measure_child(kind: str, library: Path, keys: int) -> dict[str, Any]:
    app = make_child_app(kind, library)
    result: dict[str, Any] = {"kind": kind}
    async with app.run_test(size=SIZE) as pilot:
        deadline = time.perf_counter() + PAINT_TIMEOUT
        stamp = None
        while stamp is None and time.perf_counter() < deadline:
            await asyncio.sleep(0.001)
            stamp = painted_at(app)
        rss = peak_rss_kib()
        if stamp is None:
            result["error"] = "nothing painted"
            return result
        launched = float(os.environ[T0_ENV])
        result["ms"] = (stamp + (time.time() - time.perf_counter()) - launched) * 1000
        result["rss_mib"] = rss / 1024
        result["has_list"] = any(
            type(node).__name__ == "ArticleList" for node in app.screen.walk_children()
        )
        if keys:
            result.update(await measure_keys(app, pilot, keys))
        # Leave at once: shutting down is not part of starting up.
    return result


def child_main(kind: str, library: Path, keys: int) -> None:
    try:
        result = asyncio.run(measure_child(kind, library, keys))
    except Exception as exc:  # Reported, not raised: the parent carries on.
        result = {"kind": kind, "error": f"{type(exc).__name__}: {exc}"}
    print(json.dumps(result), flush=True)


# The parent: libraries, runs, the table -----------------------------------------------
def child_env() -> dict[str, str]:
    """The environment a user's ``lede`` runs in: bytecode caching on.

    With PYTHONDONTWRITEBYTECODE set (as in some sandboxes and CI images) our
    modules would be compiled from source on every start while Textual's, which
    pip compiled at install, would not: an unfair 100+ ms on the app's side.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_child(kind: str, library: Path, keys: int = 0) -> dict[str, Any]:
    env = dict(child_env(), **{T0_ENV: repr(time.time())})
    done = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(library), "--keys", str(keys)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if not lines:
        return {"kind": kind, "error": (done.stderr.strip().splitlines() or ["no output"])[-1]}
    return json.loads(lines[-1])


def listing_load_ms(library: Path, runs: int) -> float:
    code = (
        "import time,sys;from pathlib import Path;from tui.store.listing import read_listing;"
        "t=time.perf_counter();read_listing(Path(sys.argv[1]));"
        "print((time.perf_counter()-t)*1000)"
    )
    times = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", code, str(library)],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        )
        times.append(float(out.stdout))
    return statistics.median(times)


def summarise(
    kind: str, size: int | str, results: list[dict[str, Any]], trivial: list[dict[str, Any]]
) -> dict[str, Any]:
    """Median, range and peak memory of ``results``; ``ratio``: the median over rounds
    of each run over the trivial run of the same round."""
    errors = [r["error"] for r in results if "error" in r]
    good = [r for r in results if "ms" in r]
    if not good:
        return {"kind": kind, "size": size, "error": errors[0] if errors else "no runs"}
    times = [r["ms"] for r in good]
    ratios = [
        r["ms"] / t["ms"] for r, t in zip(results, trivial, strict=True) if "ms" in r and "ms" in t
    ]
    return {
        "ratio": statistics.median(ratios) if ratios else None,
        "kind": kind,
        "size": size,
        "median": statistics.median(times),
        "min": min(times),
        "max": max(times),
        "rss": statistics.median(r["rss_mib"] for r in good),
        "has_list": all(r.get("has_list") for r in good),
        "runs": len(good),
    }


def key_report(kind: str, size: int, keyed: dict[str, Any]) -> list[str]:
    if "key_noop" not in keyed:
        return [f"key cost ({kind} app): {keyed.get('error', 'not measured')}"]
    floor = keyed["key_noop"][0]
    lines = [f"keys at {size:,} ({kind} app), CPU per press: median (max, presses); app's own"]
    names = {
        "noop": f"{NOOP_KEY}, bound to nothing",
        "move": "j, cursor moves in view",
        "scroll": "j, list scrolls a line",
    }
    for kind_key, name in names.items():
        if f"key_{kind_key}" not in keyed:
            continue
        median, worst, count = keyed[f"key_{kind_key}"]
        own = "(Pilot's floor)" if kind_key == "noop" else f"{median - floor:5.2f} ms"
        lines.append(f"  {name:<26} {median:6.2f} ms ({worst:5.2f}, {count:>3})  {own}")
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keys", type=int, default=200, help="presses of each key timed")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "LIBRARY"), help=argparse.SUPPRESS)
    parser.add_argument("--build", nargs=2, metavar=("LIBRARY", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.build:
        build_library(Path(args.build[0]), int(args.build[1]))
        return
    if args.child:
        child_main(args.child[0], Path(args.child[1]), args.keys)
        return

    rows: list[dict[str, Any]] = []
    key_lines: list[str] = []
    with tempfile.TemporaryDirectory(prefix="lede-startup-") as tmp:
        empty = Path(tmp) / "empty"
        empty.mkdir()
        plan: list[tuple[str, int | str, Path]] = [("trivial", "-", empty)]
        for size in args.sizes:
            library = Path(tmp) / f"lib{size}"
            started = time.perf_counter()
            # In a child, so this process stays small (the runs are its children).
            subprocess.run(
                [sys.executable, __file__, "--build", str(library), str(size)], check=True
            )
            print(f"built {size:,} articles in {time.perf_counter() - started:.1f} s", flush=True)
            print(f"  read_listing: {listing_load_ms(library, args.runs):.0f} ms median")
            plan += [("minimal", size, library), ("real", size, library)]
        for kind, _size, library in plan:
            run_child(kind, library)  # Warm-up: bytecode caches written, files in page cache.
        results: dict[tuple[str, int | str], list[dict[str, Any]]] = {}
        for _round in range(args.runs):
            for kind, size, library in plan:
                results.setdefault((kind, size), []).append(run_child(kind, library))
        trivial_runs = results[("trivial", "-")]
        for kind, size, _library in plan:
            summary = summarise(kind, size, results[(kind, size)], trivial_runs)
            if kind == "real" and "error" not in summary and not summary["has_list"]:
                summary = {"kind": kind, "size": size, "error": "the app has no ArticleList"}
            rows.append(summary)
        if args.keys:
            size = max(args.sizes)
            library = Path(tmp) / f"lib{size}"
            for kind in ("minimal", "real"):
                key_lines += key_report(kind, size, run_child(kind, library, keys=args.keys))

    print()
    print(
        f"{'app':<8} {'size':>8} {'median ms':>10} {'min':>7} {'max':>7} {'peak MiB':>9} "
        f"{'x trivial':>9}"
    )
    for row in rows:
        if "error" in row:
            print(f"{row['kind']:<8} {row['size']!s:>8}  unavailable: {row['error']}")
            continue
        ratio = f"{row['ratio']:.2f}" if row.get("ratio") is not None else "-"
        size = f"{row['size']:,}" if isinstance(row["size"], int) else row["size"]
        print(
            f"{row['kind']:<8} {size:>8} {row['median']:>10.0f} {row['min']:>7.0f} "
            f"{row['max']:>7.0f} {row['rss']:>9.1f} {ratio:>9}"
        )
    if key_lines:
        print()
        print("\n".join(key_lines))


if __name__ == "__main__":
    main()
