"""Notes, highlights and bookmarks as a person makes them: on the real app and library.

Each test drives the app the command line builds (``make_app``) with Pilot on a
copy of the imported sample library, then checks what the screen shows and
what a fresh open of the library's user data holds.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from textual import events
from textual.keys import _character_to_key
from textual.widgets import OptionList

from tests.ui.test_reading_flows import main, open_seed, option_texts, step_to_quote_by
from tui.app.app import LedeApp
from tui.app.factory import make_app
from tui.app.screens.collections import BookmarksScreen, NotesScreen
from tui.app.screens.note_editor import NoteEditor
from tui.library import Library
from tui.notes import Note
from tui.store.userdata import UserData


def stored_notes(library_dir: Path) -> list[Note]:
    """The notes a fresh process would find on disk, newest first."""
    user = UserData(library_dir, read_only=True)
    try:
        return user.all_notes()
    finally:
        user.close()


async def write_note(app: LedeApp, pilot: object, key: str, text: str) -> NoteEditor:
    await pilot.press(key)  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    editor = app.screen
    assert isinstance(editor, NoteEditor)
    editor.text_area.insert(text)
    await pilot.press("ctrl+s")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    return editor


def sidebar_notes(app: LedeApp) -> list[str]:
    return option_texts(main(app).query_one("#notes", OptionList))


async def test_a_note_on_the_top_paragraph_is_saved_marked_and_listed(
    sample_library: Path, seed_id: str
) -> None:
    app = make_app(sample_library)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_seed(app, pilot, seed_id)
        reader = screen.reader
        assert reader.has_focus and reader.focused is None
        await write_note(app, pilot, "a", "Why *stay tuned*?")
        assert app.screen is screen  # Saved: the editor closed.
        assert sidebar_notes(app)[0].startswith("✎ Why *stay tuned*?")
        marks = [y for y in range(reader.line_count) if reader.gutter_mark(y) == "✎"]
        assert len(marks) == 1
        (note,) = stored_notes(sample_library)
        assert note.kind == "paragraph" and note.text == "Why *stay tuned*?"
        assert note.anchor is not None
        paragraph = screen.article.text[note.anchor.start : note.anchor.end]  # type: ignore[union-attr]
        assert paragraph == note.anchor.exact and paragraph.startswith("Beijing has demanded")
        assert reader.line_text(marks[0]).strip().startswith("Beijing has demanded")


async def test_ctrl_s_right_after_fast_typing_saves_every_key_typed(
    sample_library: Path, seed_id: str
) -> None:
    # Keys typed faster than the app handles them (a paste, a quick typist, tmux
    # send-keys) are queued on the TextArea; Ctrl+S must not overtake them.
    app = make_app(sample_library)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_seed(app, pilot, seed_id)
        await pilot.press("A")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        typed = "Beijing demands a reversal."
        driver = app._driver
        assert driver is not None
        # What the terminal driver does with bytes it reads, without waiting between keys.
        for char in typed:
            key = char if char.isalnum() else _character_to_key(char)
            driver.send_message(events.Key(key, char))
        driver.send_message(events.Key("ctrl+s", None))
        await pilot.pause()
        await pilot.pause()
        assert not isinstance(app.screen, NoteEditor)
        (note,) = stored_notes(sample_library)
        assert note.text == typed


async def test_a_note_on_a_quotation_and_a_highlighted_passage(
    sample_library: Path, seed_id: str
) -> None:
    app = make_app(sample_library)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_seed(app, pilot, seed_id)
        await step_to_quote_by(pilot, screen, "Geng Shuang")
        quote = screen.reader.highlights[screen.reader.focused]  # type: ignore[index]
        await write_note(app, pilot, "a", "The official line.")
        # A passage: v selects the focused quotation; l completes its last word (the
        # closing quotation mark), then adds the next word; saved empty.
        await pilot.press("v", "l", "l")
        start, end = screen.reader.selection  # type: ignore[misc]
        selected = screen.article.text[start:end]  # type: ignore[union-attr]
        assert quote.text == "stay tuned" and selected == "stay tuned” when"
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.reader.selection is None
    notes = {note.kind: note for note in stored_notes(sample_library)}
    assert notes["quote"].anchor.exact == quote.text  # type: ignore[union-attr]
    assert notes["quote"].label == quote.text
    assert notes["passage"].is_highlight and notes["passage"].anchor.exact == selected  # type: ignore[union-attr]


async def test_edit_delete_and_undo_from_the_sidebar(sample_library: Path, seed_id: str) -> None:
    app = make_app(sample_library)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_seed(app, pilot, seed_id)
        await write_note(app, pilot, "A", "First thought")
        notes_list = screen.query_one("#notes", OptionList)
        notes_list.focus()
        notes_list.highlighted = 0
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        assert editor.text_area.text == "First thought"
        editor.text_area.insert(", revised")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [n.text for n in stored_notes(sample_library)] == ["First thought, revised"]
        notes_list.highlighted = 0
        await pilot.press("d")
        await pilot.pause()
        assert stored_notes(sample_library) == []
        assert sidebar_notes(app) == ["No notes yet. a adds one."]
        await pilot.press("z")
        await pilot.pause()
        assert [n.text for n in stored_notes(sample_library)] == ["First thought, revised"]
        assert sidebar_notes(app)[0].startswith("✎ First thought, revised")


async def test_all_notes_view_lists_newest_first_and_opens_at_the_place(
    sample_library: Path, seed_id: str
) -> None:
    app = make_app(sample_library)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_seed(app, pilot, seed_id)
        await write_note(app, pilot, "A", "older note on the article")
        await step_to_quote_by(pilot, screen, "Geng Shuang")
        await write_note(app, pilot, "a", "newer note on a quote")
        await pilot.press("g")  # Back to the top, so opening must scroll to the quote.
        screen.article_list.focus()
        await pilot.press("M")
        await pilot.pause()
        view = app.screen
        assert isinstance(view, NotesScreen)
        texts = option_texts(view.option_list)
        assert texts[0].startswith("✎ newer note on a quote")
        assert texts[1].startswith("✎ older note on the article")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        note = stored_notes(sample_library)[0]
        assert note.anchor is not None
        assert screen.reader.position == note.anchor.start


async def test_bookmarks_view_filter_and_place_bookmark(
    sample_library: Path, seed_id: str
) -> None:
    app = make_app(sample_library)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_seed(app, pilot, seed_id)
        await pilot.press("space")  # One page down: bookmark this place.
        place = screen.reader.position
        assert place > 0
        await pilot.press("m")
        await pilot.press("g")
        await pilot.press("apostrophe")
        await pilot.pause()
        view = app.screen
        assert isinstance(view, BookmarksScreen)
        assert len(option_texts(view.option_list)) == 1
        await pilot.press("enter")
        await pilot.pause()
        assert screen.reader.position == place
        await pilot.press("B")  # The bookmarked-only filter shows the seed.
        await pilot.pause()
        assert len(screen.browse) == 1 and screen.browse.article_id(0) == seed_id
    with Library.open(sample_library, read_only=True) as library:
        (mark,) = library.store.user.bookmarks()
        assert (mark.article_id, mark.offset) == (seed_id, place)


async def test_with_notes_filter_shows_only_annotated_articles(
    sample_library: Path, seed_id: str
) -> None:
    app = make_app(sample_library)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_seed(app, pilot, seed_id)
        await write_note(app, pilot, "A", "keep")
        await pilot.press("f")
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        index = next(
            i for i in range(options.option_count) if options.get_option_at_index(i).id == "noted"
        )
        options.highlighted = index
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert [screen.browse.article_id(i) for i in range(len(screen.browse))] == [seed_id]
        assert "with notes" in str(screen.article_list.border_title)


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (errno.ENOSPC, "disk is full"),
        (errno.EROFS, "read-only"),
        (errno.EACCES, "permission denied"),
    ],
)
async def test_a_failing_disk_keeps_the_note_in_the_editor(
    sample_library: Path, seed_id: str, monkeypatch: pytest.MonkeyPatch, code: int, reason: str
) -> None:
    # A full disk, a library remounted read-only, a directory whose permissions
    # changed under us (injected: CI runs as root, which chmod does not stop).
    app = make_app(sample_library)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_seed(app, pilot, seed_id)
        real_pwrite = os.pwrite

        def disk_full(fd: int, data: bytes, offset: int) -> int:
            raise OSError(code, os.strerror(code))

        monkeypatch.setattr(os, "pwrite", disk_full)
        editor = await write_note(app, pilot, "A", "Do not lose me")
        assert app.screen is editor  # Still open, the text still in it.
        assert editor.text_area.text == "Do not lose me"
        assert reason in editor.error and "still here" in editor.error
        assert stored_notes(sample_library) == []
        monkeypatch.setattr(os, "pwrite", real_pwrite)
        await pilot.press("ctrl+s")  # Space freed: the same note saves.
        await pilot.pause()
        assert app.screen is not editor
    assert [n.text for n in stored_notes(sample_library)] == ["Do not lose me"]


async def test_notes_survive_a_restart_and_are_found_by_search(
    sample_library: Path, seed_id: str
) -> None:
    app = make_app(sample_library)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_seed(app, pilot, seed_id)
        await write_note(app, pilot, "A", "zygomorphic observation")
    app = make_app(sample_library)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.pause()
        assert main(app).article is not None and main(app).article.id == seed_id  # type: ignore[union-attr]
        assert sidebar_notes(app)[0].startswith("✎ zygomorphic observation")
    with Library.open(sample_library) as library:
        hits = library.search("zygomorphic")
        assert [hit.article_id for hit in hits] == [seed_id]


async def test_a_second_lede_shares_the_library_and_no_save_is_lost(
    sample_library: Path, seed_id: str
) -> None:
    first = Library.open(sample_library)  # The first process, holding the lock.
    try:
        app = make_app(sample_library)
        assert "Another Lede" in app.notice
        async with app.run_test(size=(140, 45)) as pilot:
            await pilot.pause()
            screen = await open_seed(app, pilot, seed_id)
            await write_note(app, pilot, "A", "from the second")
            first.store.user.refresh()
            assert [n.text for n in first.store.user.notes_for(seed_id)] == ["from the second"]
            first.store.user.set_bookmark(seed_id, True)  # The first saves too...
            screen._poll_user_data()  # ...and the second picks it up.
            await pilot.pause()
            assert seed_id in screen.browse.bookmarked_ids
    finally:
        first.close()
    user = UserData(sample_library, read_only=True)
    assert user.is_bookmarked(seed_id) and len(user.notes_for(seed_id)) == 1
