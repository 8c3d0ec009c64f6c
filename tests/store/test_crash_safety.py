"""Kill a writing process at random moments: every write that returned must survive.

A forked child writes to the library in a loop (catalog batches with their body
files, read state, positions, bookmarks, settings) and reports each write on a
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

from tui.model import ArticleMeta
from tui.store import LibraryStore

KILLS = 120


def _child(library_dir: Path, round_no: int, ack_fd: int) -> None:
    store = LibraryStore(library_dir)
    for n in range(10_000):
        key = f"{round_no:04x}{n:012x}"
        kind = n % 4
        if kind == 0:
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


def test_writes_that_returned_survive_sigkill(library_dir: Path) -> None:
    rng = random.Random(20261128)
    owed: list[tuple[int, str, int]] = []
    for round_no in range(KILLS):
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child
            os.close(read_fd)
            try:
                _child(library_dir, round_no, write_fd)
            finally:
                os._exit(1)
        os.close(write_fd)
        time.sleep(rng.uniform(0.0, 0.04))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        owed += _acked(read_fd)
        os.close(read_fd)

        # The library must open (no torn file) and hold every acknowledged write.
        store = LibraryStore(library_dir)
        for kind, key, n in owed:
            if kind == 0:
                assert store.catalog.get(key) is not None, key
                assert store.bodies.read_body(key)["blocks"] == [["paragraph", f"body {key}"]]
            elif kind == 1:
                assert store.user.position(key) == n
            elif kind == 2:
                assert store.user.is_bookmarked(key)
            else:
                assert store.user.get_setting(key) == n
        store.close()
    assert len(owed) > KILLS  # The child really did write between kills.
