"""What a new note attaches to, and how notes show in the reader: pure, no Textual.

The reader knows offsets and highlights; this module turns "the paragraph at
the top of the view", "the focused quotation" or "the selected passage" into a
``Note`` with an anchor, and placed notes back into marks the reader draws.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Literal

from tui.model import BLOCK_SEPARATOR, Article
from tui.notes import Note, NoteKind, PlacedNote, excerpt, make_anchor, new_note_id, now_iso


@dataclass(frozen=True, slots=True)
class NoteTarget:
    """What the editor is about to attach a note to, and how to say so."""

    article_id: str
    kind: NoteKind
    start: int = 0
    end: int = 0
    label: str = ""

    @property
    def heading(self) -> str:
        """The editor's title: the kind and the words it is on."""
        what = {
            "article": "the whole article",
            "paragraph": "this paragraph",
            "entity": "this name",
            "quote": "this quotation",
            "passage": "this passage",
        }[self.kind]
        return f"Note on {what}" + (f": “{excerpt(self.label, 60)}”" if self.label else "")

    def new_note(self, article: Article, text: str) -> Note:
        text_of = article.text
        anchor = None if self.kind == "article" else make_anchor(text_of, self.start, self.end)
        when = now_iso()
        note_id = new_note_id()
        return Note(note_id, self.article_id, self.kind, text, anchor, self.label, when, when)


def block_spans(article: Article) -> list[tuple[int, int]]:
    """Body offsets ``[start, end)`` of each block, as ``Article.text`` joins them."""
    spans: list[tuple[int, int]] = []
    base = 0
    for block in article.blocks:
        spans.append((base, base + len(block.text)))
        base += len(block.text) + len(BLOCK_SEPARATOR)
    return spans


def paragraph_at(article: Article, offset: int) -> tuple[int, int] | None:
    """The block holding ``offset``, or the next non-empty one (None for no text)."""
    spans = [span for span in block_spans(article) if span[1] > span[0]]
    if not spans:
        return None
    starts = [start for start, _end in spans]
    k = max(0, bisect_right(starts, offset) - 1)
    if spans[k][1] <= offset and k + 1 < len(spans):
        k += 1
    return spans[k]


def article_target(article: Article) -> NoteTarget:
    return NoteTarget(article.id, "article", label=article.title)


def paragraph_target(article: Article, offset: int) -> NoteTarget | None:
    span = paragraph_at(article, offset)
    if span is None:
        return None
    return NoteTarget(article.id, "paragraph", *span, label=article.text[span[0] : span[1]])


def span_target(article: Article, kind: NoteKind, start: int, end: int, label: str) -> NoteTarget:
    return NoteTarget(article.id, kind, start, end, label)


MarkKind = Literal["note", "highlight"]


@dataclass(frozen=True, slots=True)
class Mark:
    """A placed note as the reader draws it: a gutter mark, and a tint for passages."""

    start: int
    end: int
    kind: MarkKind
    tint: bool  # passages and highlights tint their words; other notes only mark the margin


def marks_of(placed: list[PlacedNote]) -> list[Mark]:
    marks: list[Mark] = []
    for item in placed:
        if item.span is None:
            continue  # Whole-article and detached notes show in the sidebar only.
        note = item.note
        kind: MarkKind = "highlight" if note.is_highlight else "note"
        marks.append(Mark(*item.span, kind, note.kind == "passage"))
    return marks


def notes_search_text(notes: list[Note]) -> str:
    """What search keeps of an article's notes: their words and what they are on."""
    return "\n".join(f"{note.text}\n{note.label}" for note in notes if note.text.strip())
