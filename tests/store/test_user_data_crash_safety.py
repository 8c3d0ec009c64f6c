"""Two processes save notes, bookmarks and read state at once and are SIGKILLed at random.

Each round forks two children that write to one library's user data in a loop
(new notes, edits, deletes, position bookmarks, read marks), with compaction
forced often so kills also land mid-compaction. In half the rounds the second
child opens the library a little later, while the first is saving and
compacting. A child acknowledges each save on a pipe only after the call
returned. The parent kills both after a random delay, reopens the user data, and
checks that every acknowledged save is there, intact: each key holds the value
of its last acknowledged operation, or of the one operation that may have been
in flight when the child died. Every earlier round's keys are checked again, so a
later round that loses them (a compaction from a stale view) fails too.
"""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path
from typing import Any

import tui.store.journal as journal
from tui.notes import Note, make_anchor
from tui.store.userdata import UserData

ROUNDS = 110  # Two children killed per round: 220 kills.
TEXT = "Geng Shuang said the company was a normal commercial operator. " * 4

WHEN = "2026-11-28T12:00:00+00:00"  # Fixed, so the parent can compare whole records.
Op = tuple[str, str, Any]  # (collection, key, value; None for a delete)


def _op(tag: str, n: int) -> Op:
    """The ``n``-th save of the child tagged ``tag``: deterministic, so the parent can replay."""
    cycle, step = divmod(n, 5)
    note_id = f"{tag}-note-{cycle}"
    if step == 0:
        note = Note(
            note_id,
            f"{tag}-article",
            "passage",
            f"note {n}",
            make_anchor(TEXT, 0, 10),
            "",
            WHEN,
            WHEN,
        )
        return ("notes", note_id, note.to_dict())
    if step == 1:
        note = Note(note_id, f"{tag}-article", "paragraph", f"edited {n}", None, "", WHEN, WHEN)
        return ("notes", note_id, note.to_dict())
    if step == 2:
        return ("bookmarks", f"{tag}-article@{n}", {"article": f"{tag}-article", "offset": n})
    if step == 3:
        return ("state", f"{tag}-read-{cycle}", {"read": True, "position": n})
    if cycle % 2:
        return ("notes", note_id, None)
    return ("settings", f"{tag}-setting", n)


def _child(library_dir: Path, tag: str, ack_fd: int, start: float = 0.0) -> None:
    journal.COMPACT_BYTES = 16 * 1024  # Compact every ~60 saves: kills land mid-compaction too.
    time.sleep(start)
    user = UserData(library_dir)
    for n in range(100_000):
        collection, key, value = _op(tag, n)
        if value is None:
            user.journal.delete(collection, key)
        else:
            user.journal.put(collection, key, value)
        os.write(ack_fd, f"{n}\n".encode())
    os._exit(0)


def _last_acked(read_fd: int) -> int:
    chunks = []
    while chunk := os.read(read_fd, 65536):
        chunks.append(chunk)
    done = [int(x) for x in b"".join(chunks).decode().split("\n")[:-1]]
    return done[-1] if done else -1


def _allowed(tag: str, last: int) -> dict[tuple[str, str], list[Any]]:
    """For each key: the values it may hold (last acknowledged, or the in-flight one)."""
    final: dict[tuple[str, str], Any] = {}
    for n in range(last + 1):
        collection, key, value = _op(tag, n)
        final[(collection, key)] = value
    allowed = {key: [value] for key, value in final.items()}
    collection, key, value = _op(tag, last + 1)
    allowed.setdefault((collection, key), [None]).append(value)
    return allowed


def test_saves_that_returned_survive_sigkill_of_two_writers(library_dir: Path) -> None:
    library_dir.mkdir(parents=True, exist_ok=True)
    UserData(library_dir).close()
    rng = random.Random(5)
    kills = saves = 0
    earlier: dict[tuple[str, str], Any] = {}  # What the rounds before left, key by key.
    for round_no in range(ROUNDS):
        children = []
        late = rng.uniform(0.002, 0.03) if round_no % 2 else 0.0
        for side in "ab":
            tag = f"r{round_no}{side}"
            read_fd, write_fd = os.pipe()
            pid = os.fork()
            if pid == 0:  # pragma: no cover - runs in the child
                os.close(read_fd)
                try:
                    _child(library_dir, tag, write_fd, late if side == "b" else 0.0)
                finally:
                    os._exit(1)
            os.close(write_fd)
            children.append((tag, pid, read_fd))
        time.sleep(late + rng.uniform(0.005, 0.05))
        for _tag, pid, _fd in children:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            kills += 1

        user = UserData(library_dir, read_only=True)
        assert user.journal.bad_lines == 0
        for (collection, key), value in earlier.items():
            assert user.journal.get(collection, key) == value, (round_no, collection, key)
        for tag, _pid, read_fd in children:
            last = _last_acked(read_fd)
            os.close(read_fd)
            saves += last + 1
            for (collection, key), values in _allowed(tag, last).items():
                assert user.journal.get(collection, key) in values, (tag, last, collection, key)
                earlier[(collection, key)] = user.journal.get(collection, key)
        user.close()
    assert kills >= 200
    assert saves > kills  # The children really saved between kills.
    # Everything still opens for writing, and the log was compacted along the way.
    user = UserData(library_dir)
    assert user.journal.log_size() < 64 * 1024 or user.journal.collection("notes")
    user.close()
