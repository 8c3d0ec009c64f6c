"""The user-data journal: torn tails, damaged lines, old files, two writers, failed writes."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

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
