"""Damaged, foreign and unwritable library files.

Every case uses a real library on disk (three sample pages, notes and bookmarks
saved in two generations: folded into user.json, then in user.log) and checks
the same things: the app (``make_app``) still opens what it can; the message
names the file and says what to do; the damaged file is kept aside byte for
byte (``<name>.damaged-<time>``), never written over; and no note or bookmark
saved before is lost.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, SEED
from tests.store.faults import FullDisk, read_only_folder, tree_bytes
from tests.store.library_damage import (
    DAMAGE,
    Work,
    assert_work_kept,
    copy_library,
    damage,
    kept_aside,
    make_note,
    saved_work,
)
from tui.app.factory import make_app
from tui.library import Library
from tui.store import UserDataWriteError
from tui.store.journal import encode_line
from tui.store.listing import read_listing


# Files read at start: catalog (record), listing (derived), user data (record) ----------
@pytest.mark.parametrize("how", list(DAMAGE))
@pytest.mark.parametrize("name", ["catalog.json", "listing.bin", "user.json"])
def test_a_damaged_file_read_at_start_is_kept_aside_and_the_app_opens(
    lib: Path, work: Work, name: str, how: str
) -> None:
    path = lib / name
    damaged = damage(path, how)
    app = make_app(lib)
    try:
        assert len(app.browse) == len(work.ids)  # Every article is still listed.
        kept = kept_aside(path)
        assert f"{name}: " in app.notice and kept.name in app.notice
        assert ("lede doctor" in app.notice) or ("Nothing was lost" in app.notice)
    finally:
        app.library.close()
    assert kept.read_bytes() == damaged
    # A sound file in its place.
    assert (
        read_listing(lib) is not None if name == "listing.bin" else json.loads(path.read_bytes())
    )
    assert_work_kept(lib, work)
    assert sorted(saved_work(lib).ids) == sorted(work.ids)


def test_a_damaged_catalog_is_rebuilt_with_every_field(lib: Path, built: Path) -> None:
    damage(lib / "catalog.json", "truncated")
    with Library.open(lib) as library, Library.open(built, read_only=True) as before:
        assert sorted(library.articles(), key=lambda m: m.id) == sorted(
            before.articles(), key=lambda m: m.id
        )


def test_a_damaged_catalog_in_a_read_only_open_is_read_from_the_bodies_and_left(
    lib: Path, work: Work
) -> None:
    damaged = damage(lib / "catalog.json", "truncated")
    with Library.open(lib, read_only=True) as library:
        assert sorted(m.id for m in library.articles()) == sorted(work.ids)
        (found,) = library.store.damage
        assert "read-only" in found.message(lib) and found.path.name == "catalog.json"
    assert (lib / "catalog.json").read_bytes() == damaged
    assert not list(lib.glob("catalog.json.damaged-*"))


def test_a_damaged_user_json_without_a_previous_generation_keeps_its_whole_records(
    lib: Path,
) -> None:
    (lib / "user.json.prev").unlink()
    path = lib / "user.json"
    raw = path.read_bytes()
    data = json.loads(raw)
    notes = list(data["data"]["notes"].items())
    # Cut inside the last note: the records before it are whole and come back.
    cut = raw.index(json.dumps(notes[-1][1]["text"]).encode())
    path.write_bytes(raw[:cut])
    with Library.open(lib) as library:
        found = {note.id for note in library.store.user.all_notes()}
        (user_damage,) = [d for d in library.store.damage if d.path == path]
    assert {note_id for note_id, _ in notes[:-1]} <= found
    assert notes[-1][0] not in found  # Its bytes are gone; the cut file is kept aside.
    assert "Check your notes" in user_damage.advice
    assert kept_aside(path).read_bytes() == raw[:cut]


# Derived indexes: moved aside and rebuilt on first use -------------------------------
@pytest.mark.parametrize("how", list(DAMAGE))
@pytest.mark.parametrize("name", ["related.json", "names.json"])
def test_a_damaged_index_file_is_kept_aside_and_rebuilt(
    lib: Path, built: Path, work: Work, name: str, how: str
) -> None:
    path = lib / "index" / name
    damaged = damage(path, how)
    with Library.open(built, read_only=True) as before:
        expected = [(r.article_id, r.score) for r in before.related(work.ids[0])]
    with Library.open(lib) as library:
        library.analyze_text("Marco Rubio said so.")  # Reads names.json.
        assert [(r.article_id, r.score) for r in library.related(work.ids[0])] == expected
        messages = [d.message(lib) for d in library.store.damage]
    kept = kept_aside(path)
    assert kept.read_bytes() == damaged
    assert any(m.startswith(f"index/{name}: ") and kept.name in m for m in messages)
    assert json.loads(path.read_bytes())  # Rebuilt, not empty.
    assert_work_kept(lib, work)


@pytest.mark.parametrize(
    "how",
    [
        lambda raw: raw[: len(raw) // 2],
        lambda raw: b"edited by hand!!" + raw[16:],  # The header, overwritten.
        lambda raw: b"\x00" * len(raw),
    ],
    ids=["truncated", "header edited", "zeroed"],
)
def test_a_damaged_search_index_is_kept_aside_and_rebuilt(
    lib: Path, built: Path, work: Work, how: Callable[[bytes], bytes]
) -> None:
    path = lib / "index" / "search.sqlite"
    damaged = how(path.read_bytes())
    path.write_bytes(damaged)
    with Library.open(built, read_only=True) as before:
        expected = [hit.article_id for hit in before.search("blacklist")]
    with Library.open(lib) as library:
        hits = library.search("blacklist") or library.search("blacklist")
        assert [hit.article_id for hit in hits] == expected
    assert kept_aside(path).read_bytes() == damaged
    assert_work_kept(lib, work)


# The journal -------------------------------------------------------------------------
def _log_lines(root: Path) -> list[bytes]:
    return (root / "user.log").read_bytes().split(b"\n")


def start_on_log(lib: Path, log: bytes) -> tuple[str, Path]:
    """Lede started on ``lib`` with ``log`` as its user.log: the notice it shows and
    the copy of the log it kept aside."""
    (lib / "user.log").write_bytes(log)
    app = make_app(lib)
    app.library.close()
    return app.notice, kept_aside(lib / "user.log")


def test_a_hand_edited_journal_line_is_honoured_and_the_log_kept_aside(
    lib: Path, work: Work
) -> None:
    lines = _log_lines(lib)
    at = next(i for i, line in enumerate(lines) if b"second generation note" in line)
    lines[at] = lines[at].replace(b"second generation note", b"second generation, edited")
    damaged = b"\n".join(lines)
    notice, kept = start_on_log(lib, damaged)
    assert "user.log: " in notice and kept.name in notice
    assert kept.read_bytes() == damaged
    edited = {
        k: "second generation, edited" if v == "second generation note" else v
        for k, v in work.notes.items()
    }
    assert saved_work(lib).notes == edited
    assert saved_work(lib).bookmarks == work.bookmarks


@pytest.mark.parametrize(
    "line",
    [
        encode_line({"c": "notes", "k": "x", "v": "a note that is only text"}),  # Wrong shape.
        encode_line({"c": "bookmarks", "k": "y", "v": {"article": 5}}),
        b"\x00\xff\xfe not a line of ours\n",
    ],
    ids=["note not an object", "bookmark without article", "garbage"],
)
def test_a_bad_journal_line_is_skipped_and_the_log_kept_aside(
    lib: Path, work: Work, line: bytes
) -> None:
    lines = _log_lines(lib)
    damaged = b"\n".join(lines[:1]) + b"\n" + line + b"\n".join(lines[1:])
    notice, kept = start_on_log(lib, damaged)
    assert "user.log: 1 damaged save(s) skipped" in notice and kept.name in notice
    assert kept.read_bytes() == damaged
    assert_work_kept(lib, work)


def test_a_truncated_journal_keeps_every_whole_line_and_the_cut_file(
    lib: Path, work: Work
) -> None:
    raw = (lib / "user.log").read_bytes()
    cut = raw[: raw.rindex(b"\n", 0, len(raw) - 1) + 12]  # Inside the last line: a read mark.
    notice, kept = start_on_log(lib, cut)
    assert "user.log: its last line was cut short" in notice and kept.name in notice
    assert kept.read_bytes() == cut
    assert_work_kept(lib, work)  # Every note and bookmark was in a whole line.


# Bodies ------------------------------------------------------------------------------
@pytest.mark.parametrize("how", list(DAMAGE))
def test_a_damaged_body_is_kept_aside_and_opening_it_says_what_to_do(
    lib: Path, work: Work, how: str
) -> None:
    article_id = work.ids[0]
    with Library.open(lib, read_only=True) as library:
        path = library.store.bodies.body_path(article_id)
    damaged = damage(path, how, "body")
    app = make_app(lib)
    try:
        assert len(app.browse) == len(work.ids)  # Still listed.
        assert app.library.article(article_id) is None
        message = app.library.unavailable[article_id]
        assert str(path.relative_to(lib)) in message
        assert "moved aside" in message and "lede doctor --repair" in message
        assert app.library.article(work.ids[1]) is not None  # The others open.
    finally:
        app.library.close()
    assert kept_aside(path).read_bytes() == damaged
    assert not path.exists()
    assert_work_kept(lib, work)


def test_a_missing_body_lists_says_so_and_importing_the_page_again_restores_it(
    lib: Path, work: Work
) -> None:
    with Library.open(lib) as library:
        seed = next(m.id for m in library.articles() if m.origin_file == SEED.name)
        path = library.store.bodies.body_path(seed)
        text = library.article(seed).text  # type: ignore[union-attr]
    path.unlink()
    app = make_app(lib)
    try:
        assert app.browse.index_of(seed) is not None
        assert app.library.article(seed) is None
        message = app.library.unavailable[seed]
        assert str(path.relative_to(lib)) in message and "missing" in message
        assert "import that page again" in message
        report = app.library.import_paths([SEED])
        assert [meta.id for _path, meta in report.imported] == [seed]
        assert app.library.article(seed).text == text  # type: ignore[union-attr]
    finally:
        app.library.close()
    assert_work_kept(lib, work)
    assert sorted(saved_work(lib).ids) == sorted(work.ids)  # Restored, not added twice.


# A newer Lede's user data ----------------------------------------------------------------
def test_user_data_from_a_newer_lede_is_read_never_written_nor_moved(
    lib: Path, work: Work
) -> None:
    path = lib / "user.json"
    data = json.loads(path.read_bytes())
    data["meta"]["schema"] = 3
    path.write_bytes(json.dumps(data).encode())
    before = {name: (lib / name).read_bytes() for name in ("user.json", "user.log")}
    app = make_app(lib)
    try:
        assert "user.json: made by a newer Lede (schema 3" in app.notice
        assert "Upgrade Lede" in app.notice
        user = app.library.store.user
        assert user.read_only
        assert {n.id: n.text for n in user.all_notes()} == work.notes  # Still readable.
        with pytest.raises(UserDataWriteError, match="made by a newer Lede"):
            user.save_note(make_note(work.ids[0], "not saved"))
        with pytest.raises(UserDataWriteError, match="made by a newer Lede"):
            user.toggle_bookmark(work.ids[2])
    finally:
        app.library.close()
    assert {name: (lib / name).read_bytes() for name in before} == before
    assert not list(lib.glob("user.*.damaged-*"))


# A library that cannot be written --------------------------------------------------------
@pytest.mark.parametrize(
    ("code", "reason"), [(errno.EROFS, "read-only"), (errno.EACCES, "permission denied")]
)
def test_a_read_only_library_opens_read_only_and_says_why_saves_fail(
    lib: Path, work: Work, monkeypatch: pytest.MonkeyPatch, code: int, reason: str
) -> None:
    (lib / "listing.bin").unlink()  # Rebuilt in memory: nothing may be written.
    before = tree_bytes(lib)
    read_only_folder(monkeypatch, lib, code)
    app = make_app(lib)
    try:
        assert f"{lib} cannot be written (" in app.notice and reason in app.notice
        assert "opened read-only" in app.notice
        assert len(app.browse) == len(work.ids)
        assert app.library.article(work.ids[0]) is not None
        user = app.library.store.user
        with pytest.raises(UserDataWriteError, match=f"library folder is read-only .*{reason}"):
            user.save_note(make_note(work.ids[0], "not saved"))
    finally:
        app.library.close()
    monkeypatch.undo()
    assert tree_bytes(lib) == before
    assert_work_kept(lib, work)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes whatever the folder's mode")
def test_a_folder_without_write_permission_opens_read_only(lib: Path, work: Work) -> None:
    before = tree_bytes(lib)
    lib.chmod(0o555)
    try:
        app = make_app(lib)
        try:
            assert "cannot be written (permission denied)" in app.notice
            assert len(app.browse) == len(work.ids)
            with pytest.raises(UserDataWriteError, match="read-only"):
                app.library.store.user.save_note(make_note(work.ids[0], "not saved"))
        finally:
            app.library.close()
    finally:
        lib.chmod(0o755)
    assert tree_bytes(lib) == before


# A disk that fills up mid-write ----------------------------------------------------------
def test_a_disk_full_during_the_catalog_commit_leaves_the_old_catalog_and_retry_works(
    lib: Path, work: Work, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalog = (lib / "catalog.json").read_bytes()
    disk = FullDisk(monkeypatch, lib, room=100, only=lambda p: p.name.startswith(".catalog."))
    extra = SAMPLES / "002_beijing-demands-us-revoke-blacklist.txt"
    with Library.open(lib) as library:
        with pytest.raises(OSError) as raised:
            library.import_paths([extra])
        assert raised.value.errno == errno.ENOSPC and disk.failures
        assert (lib / "catalog.json").read_bytes() == catalog  # The old one, whole.
        disk.free()
        report = library.import_paths([extra])  # Space again: the same import works.
        assert len(report.imported) == 1
    assert len(saved_work(lib).ids) == len(work.ids) + 1
    assert not list(lib.glob(".*.tmp"))
    assert_work_kept(lib, work)


def test_a_disk_full_while_writing_bodies_commits_nothing_and_retry_works(
    lib: Path, work: Work, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = {n: (lib / n).read_bytes() for n in ("catalog.json", "listing.bin", "user.json")}
    disk = FullDisk(monkeypatch, lib, room=3000)  # The raw page fits; its body does not.
    extra = SAMPLES / "002_beijing-demands-us-revoke-blacklist.txt"
    with Library.open(lib) as library:
        with pytest.raises(OSError, match="No space left"):
            library.import_paths([extra])
        assert {n: (lib / n).read_bytes() for n in before} == before
        disk.free()
        assert len(library.import_paths([extra]).imported) == 1
    assert len(saved_work(lib).ids) == len(work.ids) + 1
    assert_work_kept(lib, work)


def test_a_disk_full_while_saving_or_compacting_user_data_changes_nothing(
    lib: Path, work: Work, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = ("user.json", "user.log", "user.json.prev", "user.log.prev")
    before = {name: (lib / name).read_bytes() for name in names}
    disk = FullDisk(monkeypatch, lib, room=10)  # Ten bytes of the line fit, then no more.
    with Library.open(lib) as library:
        user = library.store.user
        note = make_note(work.ids[0], "saved once there is room")
        with pytest.raises(UserDataWriteError, match="the disk is full"):
            user.save_note(note)
        with pytest.raises(UserDataWriteError, match="the disk is full"):
            user.journal.compact()
        assert {name: (lib / name).read_bytes() for name in names} == before
        assert user.note(note.id) is None
        disk.free()
        user.save_note(note)  # Retry: the same save works.
        user.journal.compact()
    assert saved_work(lib).notes == {**work.notes, note.id: note.text}


def test_a_full_disk_at_start_still_opens_the_app(
    lib: Path, work: Work, monkeypatch: pytest.MonkeyPatch
) -> None:
    damaged = damage(lib / "user.json", "truncated")
    os.utime(lib / "catalog.json")  # The listing is stale: rebuilt, and not writable.
    listing = (lib / "listing.bin").read_bytes()
    FullDisk(monkeypatch, lib)
    app = make_app(lib)
    try:
        assert len(app.browse) == len(work.ids)
        assert "user.json: " in app.notice and "the disk is full" in app.notice
        assert {n.id for n in app.library.store.user.all_notes()} == set(work.notes)
    finally:
        app.library.close()
    monkeypatch.undo()
    assert (lib / "user.json").read_bytes() == damaged  # Not written over.
    assert (lib / "listing.bin").read_bytes() == listing
    app = make_app(lib)  # Room again: repaired at the next start.
    app.library.close()
    assert "kept as user.json.damaged-" in app.notice
    assert_work_kept(lib, work)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 4 MiB filesystem (tmpfs), where that can be mounted (root with mount rights)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    command = ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)]
    if os.geteuid() != 0 or subprocess.run(command, capture_output=True).returncode != 0:
        pytest.skip("no small filesystem to fill: needs root with mount rights")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(disk: Path) -> Path:
    """Write zeros until the filesystem is full."""
    filler = disk / "filler"
    with open(filler, "wb") as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    return filler


def test_a_real_full_disk_refuses_saves_and_imports_cleanly_and_retry_works(
    built: Path, work: Work, small_disk: Path
) -> None:
    lib = copy_library(built, small_disk / "library")
    before = {n: (lib / n).read_bytes() for n in ("catalog.json", "user.json", "user.log")}
    extra = SAMPLES / "002_beijing-demands-us-revoke-blacklist.txt"
    note = make_note(work.ids[0], "a long note " * 2000)  # Needs new pages on the disk.
    with Library.open(lib) as library:
        filler = _fill(small_disk)
        with pytest.raises(UserDataWriteError, match="the disk is full"):
            library.store.user.save_note(note)
        with pytest.raises(OSError) as raised:
            library.import_paths([extra])
        assert raised.value.errno == errno.ENOSPC
        assert {n: (lib / n).read_bytes() for n in before} == before
        filler.unlink()  # Space again: the same save and import work.
        library.store.user.save_note(note)
        assert len(library.import_paths([extra]).imported) == 1
    assert saved_work(lib).notes == {**work.notes, note.id: note.text}
    assert len(saved_work(lib).ids) == len(work.ids) + 1


def test_show_and_export_of_an_article_whose_text_is_lost_still_say_and_keep_notes(
    lib: Path, work: Work, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.cli import main

    with Library.open(lib, read_only=True) as library:
        path = library.store.bodies.body_path(work.ids[0])
    path.unlink()
    assert main(["--library", str(lib), "show", work.ids[0]]) == 1
    err = capsys.readouterr().err
    assert err.startswith("lede: The text of this article is missing (bodies/")
    out = tmp_path / "export"
    assert main(["--library", str(lib), "export", "--notes-only", "--output", str(out)]) == 0
    exported = "".join(p.read_text() for p in out.glob("*.md"))
    assert all(text in exported for text in work.notes.values())  # Its note too.
