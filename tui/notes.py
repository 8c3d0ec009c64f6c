"""Notes and highlights, and the anchors that tie them to a place in an article's text.

An anchor keeps the exact text it covers, some text before and after, and its
offsets. Offsets alone break when an article is re-extracted (a changed
extractor moves every character), so ``locate`` first trusts the offsets, then
looks for the exact text (choosing the occurrence whose context matches best,
nearest the old place), then for the text with whitespace normalised. An anchor
it cannot place is *detached*: the note is kept and shown with its quoted text,
never dropped.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, Literal

#: What a note is attached to. "passage" with empty text is a plain highlight.
NoteKind = Literal["article", "paragraph", "entity", "quote", "passage"]
NOTE_KINDS: tuple[NoteKind, ...] = ("article", "paragraph", "entity", "quote", "passage")
#: Characters of context stored on each side of an anchor.
CONTEXT = 32

_SPACE = re.compile(r"\s+")


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def new_note_id() -> str:
    """Time-ordered and unique across processes: sorts newest last, never collides."""
    import secrets  # Deferred: hmac and hashlib, not needed until a note is made.

    stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S%f")
    return f"{stamp}-{secrets.token_hex(3)}"


@dataclass(frozen=True, slots=True)
class Anchor:
    """A span of ``Article.text``: ``text[start:end] == exact`` when it was made."""

    start: int
    end: int
    exact: str
    prefix: str = ""
    suffix: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Anchor:
        return cls(
            start=int(data.get("start", 0)),
            end=int(data.get("end", 0)),
            exact=str(data.get("exact", "")),
            prefix=str(data.get("prefix", "")),
            suffix=str(data.get("suffix", "")),
        )


def make_anchor(text: str, start: int, end: int) -> Anchor:
    """The anchor for ``text[start:end]`` (clamped to the text)."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    return Anchor(
        start=start,
        end=end,
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT) : start],
        suffix=text[end : end + CONTEXT],
    )


def _context_score(text: str, start: int, end: int, anchor: Anchor) -> int:
    """How many characters of the stored context still surround ``text[start:end]``."""
    score = 0
    before = text[max(0, start - len(anchor.prefix)) : start]
    for a, b in zip(reversed(before), reversed(anchor.prefix), strict=False):
        if a != b:
            break
        score += 1
    after = text[end : end + len(anchor.suffix)]
    for a, b in zip(after, anchor.suffix, strict=False):
        if a != b:
            break
        score += 1
    return score


def locate(anchor: Anchor, text: str) -> tuple[int, int] | None:
    """Where ``anchor`` is in ``text`` now, or None when it cannot be placed (detached)."""
    if not anchor.exact:
        return None
    if text[anchor.start : anchor.end] == anchor.exact:
        return anchor.start, anchor.end
    found: list[int] = []
    at = text.find(anchor.exact)
    while at != -1 and len(found) < 1000:
        found.append(at)
        at = text.find(anchor.exact, at + 1)
    if found:
        size = len(anchor.exact)
        best = max(
            found,
            key=lambda s: (_context_score(text, s, s + size, anchor), -abs(s - anchor.start)),
        )
        return best, best + size
    return _locate_loose(anchor.exact, text)


def _locate_loose(exact: str, text: str) -> tuple[int, int] | None:
    """The exact words with any whitespace between them (re-wrapped or re-spaced text)."""
    words = exact.split()
    if not words:
        return None
    pattern = r"\s+".join(re.escape(word) for word in words)
    match = re.search(pattern, text)
    return (match.start(), match.end()) if match else None


@dataclass(frozen=True, slots=True)
class Note:
    """A note (Markdown) or a highlight (a passage note with no text) on one article."""

    id: str
    article_id: str
    kind: NoteKind
    text: str = ""
    anchor: Anchor | None = None
    #: What the note is on, for lists: the entity's name, the speaker, the paragraph's start.
    label: str = ""
    created: str = field(default_factory=now_iso)
    updated: str = field(default_factory=now_iso)

    @property
    def is_highlight(self) -> bool:
        return self.kind == "passage" and not self.text.strip()

    def edited(self, text: str) -> Note:
        return replace(self, text=text, updated=now_iso())

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article": self.article_id,
            "kind": self.kind,
            "text": self.text,
            "anchor": self.anchor.to_dict() if self.anchor else None,
            "label": self.label,
            "created": self.created,
            "updated": self.updated,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Note:
        kind = data.get("kind")
        anchor = data.get("anchor")
        return cls(
            id=str(data["id"]),
            article_id=str(data["article"]),
            kind=kind if kind in NOTE_KINDS else "article",
            text=str(data.get("text") or ""),
            anchor=Anchor.from_dict(anchor) if isinstance(anchor, dict) else None,
            label=str(data.get("label") or ""),
            created=str(data.get("created") or ""),
            updated=str(data.get("updated") or data.get("created") or ""),
        )


@dataclass(frozen=True, slots=True)
class PlacedNote:
    """A note with where its anchor is in the article as it is now (None: detached)."""

    note: Note
    span: tuple[int, int] | None

    @property
    def detached(self) -> bool:
        return self.note.anchor is not None and self.span is None


def place_notes(notes: list[Note], text: str) -> list[PlacedNote]:
    """Each note placed in ``text``, in reading order; whole-article notes first."""
    placed = [
        PlacedNote(note, locate(note.anchor, text) if note.anchor else None) for note in notes
    ]
    return sorted(
        placed,
        key=lambda p: (
            p.note.anchor is not None,
            p.span[0] if p.span else len(text) + 1,
            p.note.created,
        ),
    )


def excerpt(text: str, width: int = 60) -> str:
    """One line of ``text``, whitespace folded, cut at a word with an ellipsis."""
    flat = _SPACE.sub(" ", text).strip()
    if len(flat) <= width:
        return flat
    cut = flat[: width - 1]
    space = cut.rfind(" ")
    if space > width // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"
