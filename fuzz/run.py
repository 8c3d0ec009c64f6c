"""Run one fuzz harness for a CPU budget and record what it did.

    python fuzz/run.py NAME --cpu-minutes 30 [--jobs 1]

NAME is a harness (``html``, ``text_page``, ``feed``, ``markdown``, ``backup``,
``analyzer``, ``render``: ``fuzz/fuzz_NAME.py``). The budget is CPU time, summed
over the ``--jobs N`` independent processes and read from ``/proc``, so a niced
run on a busy machine still gets all of it (it just takes longer).
libFuzzer stops at the first crash, so the runner restarts a job until its time
is used up (crashing inputs stay in ``fuzz/crashes/NAME/``). New corpus units go
to ``fuzz/work/NAME/`` (not committed); ``fuzz/corpus/NAME/`` is the read-only seed.

At the end it prints one Markdown table row (executions, final ``cov:``/``ft:``,
crashes, wall and CPU time) and appends it to ``fuzz/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import resource
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

FUZZ = Path(__file__).resolve().parent
REPO = FUZZ.parent
HARNESSES = ("html", "text_page", "feed", "markdown", "backup", "analyzer", "render")
RESULTS = FUZZ / "RESULTS.md"
HEADER = (
    "| date | harness | jobs | execs | cov | ft | crashes | wall | CPU | note |\n"
    "|---|---|---|---|---|---|---|---|---|---|\n"
)
#: Progress lines ("#1234 NEW cov: 512 ft: 900 ...") and the final statistics.
_PROGRESS = re.compile(r"^#(\d+)\s+\w+\s+cov: (\d+) ft: (\d+)", re.M)
_EXECUTED = re.compile(r"stat::number_of_executed_units: (\d+)")
_CRASH_PREFIXES = ("crash-", "timeout-", "oom-", "leak-")


@dataclass
class Tally:
    """What the jobs of one run added up to."""

    execs: int = 0
    cov: int = 0
    ft: int = 0
    restarts: int = 0
    logs: list[Path] = field(default_factory=list)


def _crashes(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if p.name.startswith(_CRASH_PREFIXES)}


def _read_log(log: Path, tally: Tally) -> None:
    """Add one libFuzzer log's executions and coverage to ``tally``."""
    text = log.read_text(encoding="utf-8", errors="replace")
    progress = _PROGRESS.findall(text)
    executed = _EXECUTED.findall(text)
    if executed:
        tally.execs += int(executed[-1])
    elif progress:
        tally.execs += int(progress[-1][0])
    if progress:
        tally.cov = max(tally.cov, int(progress[-1][1]))
        tally.ft = max(tally.ft, int(progress[-1][2]))


def _command(name: str, seconds: int, crashes: Path, work: Path, extra: list[str]) -> list[str]:
    return [
        sys.executable,
        str(FUZZ / f"fuzz_{name}.py"),
        f"-max_total_time={seconds}",
        "-rss_limit_mb=2048",
        # A hang backstop in wall time: the harnesses check CPU time per input
        # themselves (1 s per MB), and a niced job on a busy machine can wait for
        # the CPU far longer than 10 s without being slow.
        "-timeout=120",
        f"-artifact_prefix={crashes}/",
        "-print_final_stats=1",
        *extra,
        str(work),
        str(FUZZ / "corpus" / name),
    ]


def _cpu_seconds(pid: int) -> float:
    """User + system CPU of a running process (0 once it has gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(name: str, cpu_minutes: float, jobs: int, nice: int, extra: list[str]) -> Tally:
    """Run ``jobs`` processes of harness ``name``, restarting after crashes, until
    they have used ``cpu_minutes`` of CPU between them."""
    crashes = FUZZ / "crashes" / name
    work = FUZZ / "work" / name
    logs = work / "logs"
    for folder in (crashes, work, logs):
        folder.mkdir(parents=True, exist_ok=True)
    budget = cpu_minutes * 60
    start_cpu = _children_cpu()
    tally = Tally()
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    running: dict[int, tuple[subprocess.Popen[bytes], Path]] = {}
    launches = 0

    def used() -> float:
        live = sum(_cpu_seconds(process.pid) for process, _ in running.values())
        return _children_cpu() - start_cpu + live

    def launch(job: int) -> None:
        nonlocal launches
        if budget - used() < 5:
            return
        log = logs / f"{stamp}-job{job}-{launches}.log"
        launches += 1
        with log.open("wb") as out:
            process = subprocess.Popen(
                # The runner stops the job on CPU; the wall limit is only a backstop.
                _command(name, int(budget * 50), crashes, work, extra),
                cwd=REPO,
                stdout=out,
                stderr=subprocess.STDOUT,
                preexec_fn=(lambda: os.nice(nice)) if nice else None,
            )
        running[job] = (process, log)
        tally.logs.append(log)

    for job in range(jobs):
        launch(job)
    while running:
        time.sleep(1)
        if used() >= budget:
            for process, _log in running.values():
                process.send_signal(signal.SIGINT)  # libFuzzer prints its final stats
            for process, _log in running.values():
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
            running.clear()
            break
        for job, (process, _log) in list(running.items()):
            if process.poll() is None:
                continue
            del running[job]
            if process.returncode != 0:  # a crash: go on with the time left
                tally.restarts += 1
                launch(job)
    for log in tally.logs:
        _read_log(log, tally)
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("name", choices=HARNESSES)
    parser.add_argument("--cpu-minutes", type=float, default=30.0)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--nice", type=int, default=10, help="niceness of the fuzz processes")
    parser.add_argument("--note", default="", help="free text for the results row")
    parser.add_argument("--no-record", action="store_true", help="do not append to RESULTS.md")
    parser.add_argument("libfuzzer", nargs="*", help="extra libFuzzer flags (after --)")
    args = parser.parse_args(argv)

    crashes = FUZZ / "crashes" / args.name
    crashes.mkdir(parents=True, exist_ok=True)
    before = _crashes(crashes)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.monotonic()
    tally = run(args.name, args.cpu_minutes, max(1, args.jobs), args.nice, args.libfuzzer)
    wall = time.monotonic() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - usage.ru_utime) + (after.ru_stime - usage.ru_stime)
    new = sorted(_crashes(crashes) - before)

    row = (
        f"| {dt.date.today().isoformat()} | {args.name} | {args.jobs} | {tally.execs:,} "
        f"| {tally.cov} | {tally.ft} | {len(new)} | {wall / 60:.1f} min | {cpu / 60:.1f} min "
        f"| {args.note} |"
    )
    print(row)
    for crash in new:
        print(f"crash: {crashes / crash}")
    print(f"logs: {', '.join(str(log.relative_to(REPO)) for log in tally.logs)}")
    if not args.no_record:
        if not RESULTS.exists():
            RESULTS.write_text("# Fuzzing results\n\n" + HEADER, encoding="utf-8")
        with RESULTS.open("a", encoding="utf-8") as out:
            out.write(row + "\n")
    return 1 if new else 0


if __name__ == "__main__":
    sys.exit(main())
