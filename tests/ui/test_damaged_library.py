"""The app on a damaged or unwritable library: it opens, says which file and what to
do, and the user's notes are there (Pilot, on a real library on disk)."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from tests.store.faults import read_only_folder
from tests.store.library_damage import kept_aside, make_note
from tests.ui.test_notes_flows import sidebar_notes, stored_notes, write_note
from tests.ui.test_reading_flows import main, open_seed
from tui.app.factory import make_app
from tui.library import Library


def toasts(app: object) -> list[str]:
    return [str(n.message) for n in app._notifications]  # type: ignore[attr-defined]


def _save_note(library_dir: Path, article_id: str, text: str) -> None:
    with Library.open(library_dir) as library:
        library.store.user.save_note(make_note(article_id, text))
        library.store.user.journal.compact()  # Into user.json, the file damaged below.


async def test_the_app_opens_on_a_damaged_catalog_and_user_data_and_says_so(
    sample_library: Path, seed_id: str
) -> None:
    _save_note(sample_library, seed_id, "a note from before the damage")
    with Library.open(sample_library, read_only=True) as library:
        count = len(library.articles())
    for name in ("catalog.json", "user.json"):
        path = sample_library / name
        path.write_bytes(path.read_bytes()[:-40])  # Cut short.
    app = make_app(sample_library)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.pause()
        (shown,) = toasts(app)
        for name in ("catalog.json", "user.json"):
            assert f"{name}: not valid JSON" in shown
            assert kept_aside(sample_library / name).name in shown
        assert "lede doctor" in shown
        screen = main(app)
        assert len(screen.browse) == count  # Every article still listed.
        await open_seed(app, pilot, seed_id)
        assert sidebar_notes(app)[0].startswith("✎ a note from before the damage")


async def test_opening_an_article_with_a_damaged_body_says_what_to_do(
    sample_library: Path, seed_id: str
) -> None:
    with Library.open(sample_library, read_only=True) as library:
        path = library.store.bodies.body_path(seed_id)
    path.write_bytes(b'{"schema": 1, "blocks": [["paragraph", "cut')
    app = make_app(sample_library)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.pause()
        screen = main(app)
        assert screen.article_list.select_id(seed_id)
        screen.article_list.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert screen.article is None or screen.article.id != seed_id
        (shown,) = [t for t in toasts(app) if "text of this article" in t]
        assert str(path.relative_to(sample_library)) in shown
        assert "lede doctor --repair" in shown and "moved aside" in shown
        other = next(
            screen.browse.article_id(i)
            for i in range(len(screen.browse))
            if screen.browse.article_id(i) != seed_id
        )
        assert screen.article_list.select_id(other)
        await pilot.press("enter")  # The app carries on with another one.
        await pilot.pause()
        assert screen.article is not None and screen.article.id == other
    assert kept_aside(path).read_bytes() == b'{"schema": 1, "blocks": [["paragraph", "cut'


async def test_a_read_only_library_opens_and_a_note_save_says_why_it_failed(
    sample_library: Path, seed_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = stored_notes(sample_library)
    read_only_folder(monkeypatch, sample_library, errno.EROFS)
    app = make_app(sample_library)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.pause()
        assert any("cannot be written" in t and "opened read-only" in t for t in toasts(app))
        await open_seed(app, pilot, seed_id)
        editor = await write_note(app, pilot, "A", "Keep me in the editor")
        assert app.screen is editor  # Not saved, and not lost: still in the editor.
        assert "library folder is read-only" in editor.error
    monkeypatch.undo()
    assert stored_notes(sample_library) == before


def test_a_read_only_library_without_its_related_index_rebuilds_it_once(
    sample_library: Path, seed_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Related articles on a read-only library that lost its related index and a
    body: the index is rebuilt from the bodies once (it cannot be saved), not at every
    lookup (a body short, it covers fewer articles than the catalog lists: that read
    as lost again), and lookups are then ready for the UI thread."""
    (sample_library / "index" / "related.json").unlink()
    with Library.open(sample_library, read_only=True) as library:
        other = next(m.id for m in library.articles() if m.id != seed_id)
        library.store.bodies.body_path(other).unlink()
    rebuilds: list[int] = []
    rebuild = Library.rebuild_indexes

    def counted(self: Library) -> int:
        rebuilds.append(1)
        return rebuild(self)

    monkeypatch.setattr(Library, "rebuild_indexes", counted)
    with Library.open(sample_library, read_only=True) as library:
        first = library.related(seed_id)
        assert first  # the seed shares names with the other samples
        for _ in range(3):
            assert library.related(seed_id) == first
        assert library.related_ready
    assert len(rebuilds) == 1
    assert not (sample_library / "index" / "related.json").exists()  # nothing written
