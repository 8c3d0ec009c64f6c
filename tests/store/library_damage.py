"""A small real library with notes and bookmarks in both generations, and ways to
damage its files: shared by the corrupt-library, random-damage and doctor tests.

Its fixtures (``built``, ``lib``, ``work``) are a pytest plugin (``pytest_plugins``
in ``tests/conftest.py``): the library is built once per session and each test
that may change it gets its own copy."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, SEED
from tui.library import Library
from tui.notes import Note, new_note_id

FILES = [
    SEED,
    SAMPLES / "001_us-adds-28-chinese-entities-to-blacklist.html",
    SAMPLES / "003_explainer-what-is-the-us-entity-list.md",
]


@dataclass(frozen=True)
class Work:
    """What the user saved: every note (id -> text) and bookmark key; the articles."""

    notes: dict[str, str]
    bookmarks: frozenset[str]
    ids: tuple[str, ...]


def saved_work(root: Path) -> Work:
    with Library.open(root, read_only=True) as library:
        user = library.store.user
        return Work(
            notes={note.id: note.text for note in user.all_notes()},
            bookmarks=frozenset(mark.key for mark in user.bookmarks()),
            ids=tuple(meta.id for meta in library.articles()),
        )


def make_note(article_id: str, text: str) -> Note:
    return Note(new_note_id(), article_id, "article", text)


def build_library(root: Path) -> Path:
    """Three sample pages imported; a note on each and a bookmark folded into
    user.json; a note, a place bookmark and a read mark after, in user.log."""
    with Library.open(root) as library:
        library.import_paths(FILES)
        library.search("warm up")  # Builds index/search.sqlite.
        ids = [meta.id for meta in library.articles()]
        user = library.store.user
        for n, article_id in enumerate(ids):
            user.save_note(make_note(article_id, f"first generation note {n}"))
        user.set_bookmark(ids[0], True)
        user.journal.compact()  # The first generation goes into user.json...
        user.save_note(make_note(ids[1], "second generation note"))  # ...the rest in user.log.
        user.add_position_bookmark(ids[1], 40, "a place")
        user.set_read(ids[2])
    return root


def copy_library(built: Path, to: Path) -> Path:
    shutil.copytree(built, to)
    return to


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The library as build_library leaves it: never changed by a test."""
    return build_library(tmp_path_factory.mktemp("damage") / "library")


@pytest.fixture
def lib(built: Path, tmp_path: Path) -> Path:
    """A private copy of ``built`` to damage."""
    return copy_library(built, tmp_path / "library")


@pytest.fixture(scope="session")
def work(built: Path) -> Work:
    """What the user saved in ``built``: every test checks it survives."""
    found = saved_work(built)
    assert len(found.ids) == 3 and len(found.notes) == 4 and len(found.bookmarks) == 2
    return found


def kept_aside(path: Path) -> Path:
    """The one copy of ``path`` moved aside."""
    (kept,) = path.parent.glob(f"{path.name}.damaged-*")
    return kept


def assert_work_kept(root: Path, work: Work) -> None:
    found = saved_work(root)
    assert found.notes == work.notes
    assert found.bookmarks == work.bookmarks


# Damage -------------------------------------------------------------------------------
def truncated(_name: str, raw: bytes) -> bytes:
    return raw[: len(raw) // 2]


def hand_edited(_name: str, raw: bytes) -> bytes:
    """A comment, as people add to JSON files they edit by hand (the listing's
    header is a JSON line too)."""
    return raw.replace(b"{", b"{ // edited by hand\n", 1)


def wrong_shape(name: str, raw: bytes) -> bytes:
    """Valid JSON, but not what Lede writes (the listing: a sound header over
    columns that do not add up)."""
    if name == "listing.bin":
        magic, header, columns = raw.split(b"\n", 2)
        shape = json.loads(header)
        shape["count"] += 1
        return b"\n".join([magic, json.dumps(shape).encode(), columns])
    data = json.loads(raw)
    if name == "catalog.json":
        first = next(iter(data["articles"]))
        data["articles"][first]["title"] = 42
    elif name == "user.json":
        notes = data["data"]["notes"]
        notes[next(iter(notes))] = "a note that is only text"
        data["data"]["bookmarks"] = ["not", "an", "object"]
    elif name == "related.json":
        data["docs"] = 5
    elif name == "names.json":
        data = ["a", "list"]
    elif name == "body":
        data["blocks"] = "the text, not a list of blocks"
    return json.dumps(data).encode()


DAMAGE: dict[str, Callable[[str, bytes], bytes]] = {
    "truncated": truncated,
    "hand-edited": hand_edited,
    "wrong shape": wrong_shape,
}


def damage(path: Path, how: str, name: str | None = None) -> bytes:
    damaged = DAMAGE[how](name or path.name, path.read_bytes())
    path.write_bytes(damaged)
    return damaged
