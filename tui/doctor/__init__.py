"""``lede doctor``: check a library file by file, and repair what is safe to repair.

``checks.py`` reads and never writes; ``repairs.py`` makes only repairs that
lose nothing. The command prints one line per finding (the file, what is
wrong, what to do) and a summary; the exit status is 0 for a healthy library.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from tui.store.aside import shown
from tui.textsafe import one_line

from .checks import Finding, check_library


def run_doctor(root: Path, out: TextIO, *, repair: bool = False) -> int:
    """Check (and with ``repair``, repair) the library at ``root``; 0 when healthy."""
    findings, census = check_library(root)
    out.write(f"Checking {one_line(str(root))}\n")
    _print(root, findings, out)
    if repair and any(f.repairable for f in findings):
        from .repairs import repair_library

        done, refused = repair_library(root, findings, census)
        if refused:
            out.write(f"Not repaired: {refused}\n")
        else:
            out.write("Repaired:\n")
            for line in done:
                out.write(f"  {one_line(line)}\n")
            findings, census = check_library(root)
            out.write("After repair:\n")
            _print(root, findings, out)
    problems = [f for f in findings if f.serious]
    if problems:
        repairable = sum(1 for f in problems if f.repairable)
        plural = "s" if len(problems) != 1 else ""
        hint = f" ({repairable} can be repaired: lede doctor --repair)" if repairable else ""
        out.write(f"{len(problems)} problem{plural}{hint}\n")
        return 1
    out.write(
        f"Healthy: {census.articles} articles, {census.notes} notes, "
        f"{census.bookmarks} bookmarks\n"
    )
    return 0


def _print(root: Path, findings: list[Finding], out: TextIO) -> None:
    for finding in findings:
        mark = "" if finding.serious else "note: "
        out.write(
            f"{mark}{one_line(shown(finding.path, root))}: {one_line(finding.problem)}"
            f" — {one_line(finding.advice)}\n"
        )
