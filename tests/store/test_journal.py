"""The user-data journal: torn tails, damaged lines, old files, two writers, failed writes."""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tui.notes import Note
from tui.store.journal import Journal, UserDataWriteError
from tui.store.userdata import UserData, migrate_v1


def test_saves_survive_reopen_and_compaction(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    journal.put("notes", "a", {"text": "first"})
    journal.put("notes", "b", {"text": "second"})
    journal.delete("notes", "a")
    assert Journal(tmp_path, read_only=True).data["notes"] == {"b": {"text": "second"}}
    journal.compact()
    assert (tmp_path / "user.log").read_bytes() == b""
    snapshot = json.loads((tmp_path / "user.json").read_text())
    assert snapshot["data"]["notes"] == {"b": {"text": "second"}}
    assert Journal(tmp_path).data["notes"] == {"b": {"text": "second"}}


def test_a_torn_last_line_is_ignored_and_cut_off_by_the_next_save(tmp_path: Path) -> None:
    journal = Journal(tmp_path)
    journal.put("settings", "theme", "nord")
    with (tmp_path / "user.log").open("ab") as log:
        log.write(b'1234abcd {"c":"settings","k":"th')  # A writer killed mid-line.
    reopened = Journal(tmp_path)
    assert reopened.data["settings"] == {"theme": "nord"}
    reopened.put("settings", "font", "mono")
    assert Journal(tmp_path).data["settings"] == {"theme": "nord", "font": "mono"}
    assert (tmp_path / "user.log").read_bytes().count(b"\n") == 2


def test_damaged_lines_are_skipped_a_hand_edit_kept_and_the_log_kept_aside(
    tmp_path: Path,
) -> None:
    journal = Journal(tmp_path)
    for n in range(4):
        journal.put("state", f"a{n}", {"read": True})
    lines = (tmp_path / "user.log").read_bytes().split(b"\n")
    lines[1] = lines[1].replace(b"a1", b"zz")  # Edited by hand: the checksum no longer matches.
    lines[2] = b"\x00\xff garbage"  # Not a record at all.
    damaged = b"\n".join(lines)
    (tmp_path / "user.log").write_bytes(damaged)
    read_only = Journal(tmp_path, read_only=True)
    assert set(read_only.data["state"]) == {"a0", "zz", "a3"}
    assert read_only.bad_lines == 2
    # A writer keeps the damaged log aside, byte for byte, and starts a sound one.
    reopened = Journal(tmp_path)
    assert set(reopened.data["state"]) == {"a0", "zz", "a3"}
    assert [d.path.name for d in reopened.damage] == ["user.log"]
    (kept,) = tmp_path.glob("user.log.damaged-*")
    assert kept.read_bytes() == damaged
    assert set(Journal(tmp_path).data["state"]) == {"a0", "zz", "a3"}


def test_two_writers_see_each_other_and_lose_nothing(tmp_path: Path) -> None:
    first, second = Journal(tmp_path), Journal(tmp_path)
    first.put("notes", "from-first", 1)
    second.put("notes", "from-second", 2)  # Reads the first's line before appending.
    assert second.data["notes"] == {"from-first": 1, "from-second": 2}
    assert first.refresh() is True
    assert first.data["notes"] == {"from-first": 1, "from-second": 2}
    second.compact()  # The first's log is replaced under it...
    first.put("notes", "after", 3)  # ...so it reloads the snapshot before appending.
    assert Journal(tmp_path).data["notes"] == {"from-first": 1, "from-second": 2, "after": 3}


def test_a_failed_write_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    journal = Journal(tmp_path)
    journal.put("notes", "kept", "saved before")
    before = (tmp_path / "user.log").read_bytes()

    real_pwrite = os.pwrite

    def disk_full(fd: int, data: bytes, offset: int) -> int:
        real_pwrite(fd, data[:7], offset)  # Part of the line lands, then the disk is full.
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "pwrite", disk_full)
    with pytest.raises(UserDataWriteError, match=r"user\.log: the disk is full"):
        journal.put("notes", "new", "not saved")
    monkeypatch.undo()
    assert "new" not in journal.data["notes"]
    assert (tmp_path / "user.log").read_bytes() == before
    assert Journal(tmp_path).data["notes"] == {"kept": "saved before"}


def test_read_only_user_data_refuses_to_write(tmp_path: Path) -> None:
    Journal(tmp_path).put("settings", "theme", "nord")
    journal = Journal(tmp_path, read_only=True)
    with pytest.raises(UserDataWriteError, match="read-only"):
        journal.put("settings", "theme", "gruvbox")
    assert Journal(tmp_path).data["settings"]["theme"] == "nord"


def test_schema_1_user_data_is_migrated(tmp_path: Path) -> None:
    old = {
        "meta": {"1": {"schema": 1}},
        "state": {"1": {"article": "a1", "read": True, "position": 40}},
        "bookmarks": {"1": {"article": "a2", "position": None, "created": "2026-01-01"}},
        "settings": {"1": {"key": "theme", "value": "nord"}},
        "aliases": {"1": {"kind": "merge", "name": "Geng", "into": "Geng Shuang"}},
    }
    (tmp_path / "user.json").write_text(json.dumps(old))
    user = UserData(tmp_path)
    assert user.is_read("a1") and user.position("a1") == 40
    assert user.bookmarked_ids() == ["a2"]
    assert user.get_setting("theme") == "nord"
    assert user.merges() == {"Geng": "Geng Shuang"}
    user.set_setting("font", "x")  # The first write rewrites the snapshot in schema 2.
    assert json.loads((tmp_path / "user.json").read_text())["meta"] == {"schema": 2}
    assert UserData(tmp_path).merges() == {"Geng": "Geng Shuang"}
    assert migrate_v1({"meta": {}})["state"] == {}


def test_notes_by_article_follow_saves_and_deletes(tmp_path: Path) -> None:
    user = UserData(tmp_path)
    one = Note("n1", "art", "article", "first")
    two = Note("n2", "art", "article", "second")
    user.save_note(one)
    user.save_note(two)
    assert [n.text for n in user.notes_for("art")] == ["first", "second"]
    assert user.delete_note("n1") == one
    assert [n.id for n in user.notes_for("art")] == ["n2"]
    assert user.noted_ids() == {"art"}
    assert [n.id for n in UserData(tmp_path).all_notes()] == ["n2"]


# Two writers: each must know which log continues the snapshot it read -------------------


def test_a_writer_idle_through_compactions_reloads_before_it_saves(tmp_path: Path) -> None:
    """ext4 gives a new log the inode number the log before last had (compaction frees
    it), so after two compactions the log's name shows the number an idle writer
    remembers: a file that is not the one it read. It must still reload the snapshot."""
    writer = Journal(tmp_path)
    for n in range(4):  # The inode numbers settle into their cycle.
        writer.put("settings", f"warm-{n}", n)
        writer.compact()
    for compactions in range(1, 5):
        idle = Journal(tmp_path)
        for n in range(compactions):
            writer.put("notes", f"by-writer-{compactions}-{n}", n)
            writer.compact()
        idle.put("notes", f"by-idle-{compactions}", compactions)
        idle.compact()  # A snapshot written from a stale view would drop the writer's notes.
        writer.put("notes", f"after-{compactions}", 0)
    notes = Journal(tmp_path).data["notes"]
    for compactions in range(1, 5):
        assert f"by-idle-{compactions}" in notes and f"after-{compactions}" in notes
        for n in range(compactions):
            assert f"by-writer-{compactions}-{n}" in notes


class _Opening(Journal):
    """A journal whose opening pauses after reading the snapshot, before the log, for
    the next of ``between`` to run there (another process's saves)."""

    def __init__(self, root: Path, between: list[Callable[[], None]]) -> None:
        self.between = between
        super().__init__(root)

    def _read_snapshot(self) -> dict[str, dict[str, Any]]:
        data = super()._read_snapshot()
        if self.between:
            self.between.pop(0)()
        return data


def test_a_compaction_while_another_process_opens_loses_nothing(tmp_path: Path) -> None:
    """The snapshot is read before the log: if another process compacts in between,
    the log is a newer one than the snapshot read, and the saves the compaction
    folded in are in neither. The pair is read again."""
    writer = Journal(tmp_path)
    writer.put("notes", "before", 0)

    def save_and_compact(key: str) -> Callable[[], None]:
        def run() -> None:
            writer.put("notes", key, 1)
            writer.compact()

        return run

    # Compacted under it twice: it reads the pair three times.
    opening = _Opening(tmp_path, [save_and_compact("first"), save_and_compact("second")])
    assert set(opening.data["notes"]) == {"before", "first", "second"}
    opening.put("notes", "opened", 2)
    opening.compact()
    assert set(Journal(tmp_path).data["notes"]) == {"before", "first", "second", "opened"}


def test_a_missing_log_is_reloaded_before_a_save(tmp_path: Path) -> None:
    """A compaction killed after moving the log to user.log.prev and before writing
    the new one leaves no log. A process that opened then holds no log to compare;
    when another saves and compacts, it must not append to the new log as if it
    continued the snapshot it read."""
    writer = Journal(tmp_path)
    writer.put("notes", "before", 0)
    writer.compact()
    os.replace(tmp_path / "user.log", tmp_path / "user.log.prev")  # The killed compaction.
    opened, reader = Journal(tmp_path), Journal(tmp_path, read_only=True)
    writer.put("notes", "by-writer", 1)
    writer.compact()
    assert reader.refresh() is True
    assert set(reader.data["notes"]) == {"before", "by-writer"}
    opened.put("notes", "by-opened", 2)
    opened.compact()
    assert set(Journal(tmp_path).data["notes"]) == {"before", "by-writer", "by-opened"}
    os.replace(tmp_path / "user.log", tmp_path / "user.log.prev")
    writer.compact()  # A snapshot written while there is no log at all.
    os.replace(tmp_path / "user.log", tmp_path / "user.log.prev")
    assert reader.refresh() is True
    assert set(reader.data["notes"]) == {"before", "by-writer", "by-opened"}
    assert reader.refresh() is False  # Still no log, and the same snapshot.
    writer.put("notes", "late", 3)
    writer.compact()
    os.replace(tmp_path / "user.log", tmp_path / "user.log.prev")
    assert reader.refresh() is True  # Still no log, but a new snapshot.
    assert "late" in reader.data["notes"]
