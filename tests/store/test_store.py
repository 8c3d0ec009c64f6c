"""The library store: schema versions, locking, user data and catalog persistence."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tui.model import ArticleMeta
from tui.store import (
    LibraryLockedError,
    LibraryStore,
    SchemaTooNewError,
    UserDataWriteError,
)


def _meta(n: int, **extra: object) -> ArticleMeta:
    return ArticleMeta(id=f"{n:016x}", title=f"Article {n}", text_hash=f"h{n}", **extra)  # type: ignore[arg-type]


def test_new_library_records_schema_versions(library_dir: Path) -> None:
    LibraryStore(library_dir).close()
    catalog = json.loads((library_dir / "catalog.json").read_text())
    user = json.loads((library_dir / "user.json").read_text())
    assert catalog["meta"]["1"]["schema"] == 1
    assert user["meta"]["schema"] == 2


def test_catalog_and_user_data_survive_reopen(library_dir: Path) -> None:
    store = LibraryStore(library_dir)
    store.catalog.add_many([_meta(1, url="https://example.org/a"), _meta(2)])
    store.user.set_read(_meta(1).id)
    store.user.set_position(_meta(2).id, 42)
    assert store.user.toggle_bookmark(_meta(2).id) is True
    store.user.set_setting("theme", "textual-light")
    store.close()

    again = LibraryStore(library_dir)
    assert {m.title for m in again.catalog.all()} == {"Article 1", "Article 2"}
    assert again.user.is_read(_meta(1).id)
    assert not again.user.is_read(_meta(2).id)
    assert again.user.position(_meta(2).id) == 42
    assert again.user.bookmarked_ids() == [_meta(2).id]
    assert again.user.get_setting("theme") == "textual-light"
    assert again.catalog.find_duplicate("http://www.example.org/a/", "zzz") == _meta(1).id
    again.close()


def test_saving_user_data_does_not_rewrite_the_catalog(library_dir: Path) -> None:
    store = LibraryStore(library_dir)
    store.catalog.add_many([_meta(1)])
    before = (library_dir / "catalog.json").stat().st_mtime_ns
    store.user.set_position(_meta(1).id, 7)
    store.user.toggle_bookmark(_meta(1).id)
    assert (library_dir / "catalog.json").stat().st_mtime_ns == before
    store.close()


def test_second_writer_is_refused_with_a_clear_message(library_dir: Path) -> None:
    first = LibraryStore(library_dir)
    with pytest.raises(LibraryLockedError, match="open in another Lede process"):
        LibraryStore(library_dir)
    # Reading alongside the writer is fine.
    reader = LibraryStore(library_dir, read_only=True)
    reader.close()
    first.close()
    LibraryStore(library_dir).close()  # The lock is free again once the first one closes.


def test_second_process_is_told_the_library_is_in_use(library_dir: Path, tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("# A title\n\nSome body text that is long enough to be an article.\n")
    holder = LibraryStore(library_dir)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "tui", "--library", str(library_dir), "import", str(page)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        holder.close()
    assert result.returncode == 2
    assert "open in another Lede process" in result.stderr
    assert result.stderr.count("\n") == 1


def test_user_data_from_a_newer_version_is_read_but_never_written(library_dir: Path) -> None:
    store = LibraryStore(library_dir)
    store.user.set_setting("theme", "nord")
    store.user.journal.compact()
    store.close()
    path = library_dir / "user.json"
    data = json.loads(path.read_text())
    data["meta"]["schema"] = 99
    path.write_text(json.dumps(data))
    before = path.read_bytes()
    store = LibraryStore(library_dir)
    try:
        assert store.user.read_only and store.user.get_setting("theme") == "nord"
        (damage,) = store.damage
        assert damage.path == path and "newer Lede" in damage.problem
        with pytest.raises(UserDataWriteError, match="newer Lede"):
            store.user.set_setting("theme", "dark")
    finally:
        store.close()
    assert path.read_bytes() == before
    assert not list(library_dir.glob("user.json.damaged-*"))


def test_a_catalog_from_a_newer_version_is_refused_not_damaged(library_dir: Path) -> None:
    LibraryStore(library_dir).close()
    path = library_dir / "catalog.json"
    data = json.loads(path.read_text())
    data["meta"]["1"]["schema"] = 99
    path.write_text(json.dumps(data))
    before = path.read_bytes()
    store = LibraryStore(library_dir)
    with pytest.raises(SchemaTooNewError, match="newer Lede"):
        _ = store.catalog
    store.close()
    assert path.read_bytes() == before


def test_corrupt_catalog_is_moved_aside_and_rebuilt_from_the_bodies(library_dir: Path) -> None:
    store = LibraryStore(library_dir)
    store.bodies.write_body(_meta(1).id, {"meta": _meta(1).to_dict(), "blocks": []})
    store.commit([_meta(1)])
    store.close()
    path = library_dir / "catalog.json"
    path.write_text('{"articles": {"1": {"id": "x", ')
    store = LibraryStore(library_dir)
    assert [m.id for m in store.catalog.all()] == [_meta(1).id]
    store.close()
    (kept,) = library_dir.glob("catalog.json.damaged-*")
    assert kept.read_text() == '{"articles": {"1": {"id": "x", '


def test_corrupt_user_data_is_moved_aside_and_what_is_readable_kept(library_dir: Path) -> None:
    LibraryStore(library_dir).close()
    (library_dir / "user.json").write_text("{not json")
    store = LibraryStore(library_dir)
    assert [d.path.name for d in store.damage] == ["user.json"]
    store.close()
    (kept,) = library_dir.glob("user.json.damaged-*")
    assert kept.read_text() == "{not json"
    LibraryStore(library_dir).close()  # Repaired: no second copy.
    assert len(list(library_dir.glob("user.json.damaged-*"))) == 1


def test_listing_is_rebuilt_when_stale_or_damaged(library_dir: Path) -> None:
    store = LibraryStore(library_dir)
    store.commit([_meta(1), _meta(2)])
    store.close()
    fresh = LibraryStore(library_dir)
    assert fresh.listing().titles == ["Article 1", "Article 2"]
    assert "catalog" not in fresh.__dict__  # A fresh listing needs no catalog parse.
    fresh.close()
    (library_dir / "listing.bin").write_text("garbage")
    again = LibraryStore(library_dir)
    assert again.listing().ids == [_meta(1).id, _meta(2).id]
    again.close()
