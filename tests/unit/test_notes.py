"""Anchors find their passage again after re-extraction; detached notes are kept."""

from __future__ import annotations

import sys

import pytest

from tui.annotate import paragraph_at
from tui.external_editor import EditorError, edit_externally
from tui.model import Article, ArticleMeta, Block
from tui.notes import Note, excerpt, locate, make_anchor, place_notes
from tui.reading.selection import move_end, snap_end, word_at

TEXT = (
    "Geng Shuang told reporters to “stay tuned”.\n\n"
    "He said China would act. Officials said China would act soon."
)


def test_an_anchor_is_found_where_it_was() -> None:
    start = TEXT.index("China would act soon")
    anchor = make_anchor(TEXT, start, start + len("China would act"))
    assert locate(anchor, TEXT) == (anchor.start, anchor.end)
    assert anchor.prefix.endswith("Officials said ") and anchor.suffix.startswith(" soon")


def test_an_anchor_follows_its_text_when_the_article_is_re_extracted() -> None:
    start = TEXT.index("China would act soon")
    anchor = make_anchor(TEXT, start, start + len("China would act"))
    moved = "Breaking update.\n\n" + TEXT  # Everything shifted; the phrase occurs twice.
    span = locate(anchor, moved)
    assert span is not None and moved[span[0] : span[1]] == "China would act"
    assert moved[span[1] : span[1] + 5] == " soon"  # The occurrence whose context matches.


def test_re_wrapped_whitespace_still_places_the_anchor() -> None:
    anchor = make_anchor(TEXT, 0, len("Geng Shuang told reporters"))
    rewrapped = TEXT.replace("Shuang told", "Shuang\n told")
    span = locate(anchor, rewrapped)
    assert span is not None and rewrapped[span[0] : span[1]] == "Geng Shuang\n told reporters"


def test_an_anchor_whose_text_is_gone_is_detached_but_the_note_kept() -> None:
    anchor = make_anchor(TEXT, 0, 11)
    note = Note("n1", "a", "passage", "mine", anchor)
    (placed,) = place_notes([note], "A different article body.")
    assert placed.detached and placed.note == note
    assert Note.from_dict(note.to_dict()) == note


def test_paragraph_at_an_offset() -> None:
    meta = ArticleMeta(id="a", title="t", text_hash="h")
    blocks = [Block("paragraph", "One."), Block("paragraph", "Two.")]
    article = Article(meta=meta, standfirst="", blocks=blocks)
    assert paragraph_at(article, 0) == (0, 4)
    assert paragraph_at(article, 5) == (6, 10)  # In the gap: the next paragraph.
    assert paragraph_at(article, 7) == (6, 10)


def test_word_selection_moves_by_whole_words() -> None:
    start, end = word_at(TEXT, 6)  # type: ignore[misc]
    assert TEXT[start:end] == "Shuang"
    end = move_end(TEXT, start, end, 2)
    assert TEXT[start:end] == "Shuang told reporters"
    assert TEXT[start : move_end(TEXT, start, end, -5)] == "Shuang"
    assert TEXT[start : snap_end(TEXT, start, TEXT.index("He") - 1)].endswith("“stay tuned”.")
    assert excerpt("a  b\nc", 10) == "a b c"


def test_editing_in_an_external_editor_returns_its_text(tmp_path: object) -> None:
    script = f"{sys.executable} -c \"import sys; p=sys.argv[1]; open(p,'a').write(' edited')\""
    assert edit_externally("note", script) == "note edited"
    with pytest.raises(EditorError, match="could not run"):
        edit_externally("note", "/nonexistent/editor")
    with pytest.raises(EditorError, match="status 3"):
        edit_externally("note", f'{sys.executable} -c "raise SystemExit(3)"')
