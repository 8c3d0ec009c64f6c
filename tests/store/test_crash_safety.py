"""Kill a writing process at random moments: every write that returned must survive.

A forked child writes to the library in a loop (real imports, catalog batches
with their body files, read state, positions, bookmarks, settings) and reports each write on a
pipe only after the call returned. The parent SIGKILLs it after a random delay,
reopens the library, and checks that the files parse and every reported write
is there. This runs well over 100 times against one growing library.
"""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

import tui.ingest.dispatch  # noqa: F401 - loaded once here, inherited by every forked child
from tui.library import Library
from tui.model import ArticleMeta

KILLS = 120


def _child(library_dir: Path, pages: Path, round_no: int, ack_fd: int) -> None:
    library = Library.open(library_dir)
    store = library.store
    os.write(ack_fd, b"R\n")  # Open: the parent's random delay starts now.
    for n in range(10_000):
        key = f"{round_no:04x}{n:012x}"
        kind = (n + 4) % 5  # The first write of each round is an import.
        if kind == 4:
            # The real import path: bodies and raw pages synced once, then the catalog.
            page = pages / f"{key}.md"
            page.write_text(f"# Page {key}\n\nBody text of page {key}, long enough to keep.\n")
            report = library.import_paths([page], analyze=False)
            ((_path, meta),) = report.imported
            key = meta.id
        elif kind == 0:
            meta = ArticleMeta(id=key, title=f"t{key}", text_hash=f"h{key}")
            store.bodies.write_body(key, {"blocks": [["paragraph", f"body {key}"]]})
            store.catalog.add_many([meta])
        elif kind == 1:
            store.user.set_position(key, n)
        elif kind == 2:
            store.user.set_bookmark(key, True)
        else:
            store.user.set_setting(key, n)
        os.write(ack_fd, f"{kind} {key} {n}\n".encode())
    os._exit(0)


def _acked(read_fd: int) -> list[tuple[int, str, int]]:
    chunks = []
    while chunk := os.read(read_fd, 65536):
        chunks.append(chunk)
    lines = b"".join(chunks).decode().splitlines()
    # A line cut by the kill was never fully reported: the write is not owed.
    fields = (line.split() for line in lines if line.count(" ") == 2)
    return [(int(kind), key, int(n)) for kind, key, n in fields]


def test_writes_that_returned_survive_sigkill(library_dir: Path, tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    rng = random.Random(20261128)
    owed: list[tuple[int, str, int]] = []
    for round_no in range(KILLS):
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child
            os.close(read_fd)
            try:
                _child(library_dir, pages, round_no, write_fd)
            finally:
                os._exit(1)
        os.close(write_fd)
        # Most rounds kill during writes (timed from the child's "open" signal, so
        # a loaded machine does not turn them into kills during start-up); every
        # fourth kills at any moment, opening included.
        if round_no % 4:
            os.read(read_fd, 2)
        time.sleep(rng.uniform(0.0, 0.04))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        owed += _acked(read_fd)
        os.close(read_fd)

        # The library must open (no torn file) and hold every acknowledged write.
        library = Library.open(library_dir)
        store = library.store
        for kind, key, n in owed:
            if kind == 4:
                article = library.article(key)
                assert article is not None, key
                assert article.text.startswith("Body text of page")
                assert library.raw_bytes(key) is not None
            elif kind == 0:
                assert store.catalog.get(key) is not None, key
                assert store.bodies.read_body(key)["blocks"] == [["paragraph", f"body {key}"]]
            elif kind == 1:
                assert store.user.position(key) == n
            elif kind == 2:
                assert store.user.is_bookmarked(key)
            else:
                assert store.user.get_setting(key) == n
        library.close()
    assert len(owed) >= KILLS // 2  # The child really did write between kills...
    assert {kind for kind, _key, _n in owed} == {0, 1, 2, 3, 4}  # ...of every kind.
