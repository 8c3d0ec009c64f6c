"""One article as a Markdown file for Obsidian or any notes app.

Front matter (quoted YAML), the body with headings as ``##``, highlights as
``==marks==`` inside their paragraph and each note as a callout right after the
paragraph it belongs to. Whole-article notes and bookmarked places come first,
notes whose passage is no longer in the text last, with their stored words:
a note is never dropped.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter

from tui.annotate import block_spans
from tui.model import Article, Block
from tui.notes import Note, PlacedNote, excerpt, place_notes
from tui.store.userdata import Bookmark
from tui.textsafe import one_line, strip_controls

from .md_text import escape_md, quote_lines
from .yaml_scalar import IsoDate, Value, front_matter

#: Entity types as front-matter keys, in the order written.
ENTITY_KEYS = {"PERSON": "people", "ORG": "organizations", "PLACE": "places"}
_HEADING = {
    "paragraph": "On this paragraph",
    "entity": "On {}",
    "quote": "On the quotation “{}”",
    "passage": "On “{}”",
}


def article_fields(
    article: Article, notes: list[Note], bookmarks: list[Bookmark]
) -> dict[str, Value]:
    """The front matter: what a notes app lists, filters and links by."""
    meta = article.meta
    fields: dict[str, Value] = {"title": meta.title}
    if meta.source:
        fields["source"] = meta.source
    if meta.url:
        fields["url"] = meta.url
    if meta.published:
        fields["date"] = IsoDate(meta.published)
    if meta.bylines:
        fields["authors"] = list(meta.bylines)
    fields["tags"] = tags_of(notes, bookmarks)
    entities = entities_of(article)
    if entities:
        fields["entities"] = entities
    fields["lede_id"] = meta.id
    return fields


def tags_of(notes: list[Note], bookmarks: list[Bookmark]) -> list[str]:
    """``lede``, ``bookmarked``, ``highlight`` and one ``<kind>-note`` per kind of note."""
    tags = ["lede"]
    if bookmarks:
        tags.append("bookmarked")
    if any(note.is_highlight for note in notes):
        tags.append("highlight")
    kinds = {note.kind for note in notes if not note.is_highlight}
    tags += [
        f"{kind}-note"
        for kind in ("article", "paragraph", "entity", "quote", "passage")
        if kind in kinds
    ]
    return tags


def entities_of(article: Article) -> dict[str, list[str]]:
    """Canonical names by type (as the user sees them: merges applied), most named first."""
    if article.analysis is None:
        return {}
    counts: dict[str, Counter[str]] = {}
    for mention in article.analysis.entities:
        if mention.type in ENTITY_KEYS and mention.canonical.strip():
            counts.setdefault(mention.type, Counter())[mention.canonical] += 1
    return {
        ENTITY_KEYS[kind]: [
            name for name, _ in sorted(counts[kind].items(), key=lambda kv: (-kv[1], kv[0]))
        ]
        for kind in ENTITY_KEYS
        if kind in counts
    }


# Body ------------------------------------------------------------------------------
def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _mark(segment: str, line_start: bool) -> str:
    """``==segment==`` line by line, the marks tight around the words (as Obsidian needs)."""
    out = []
    for i, piece in enumerate(segment.split("\n")):
        starts_line = line_start or i > 0
        core = piece.strip()
        if not core:
            out.append(escape_md(piece, line_start=starts_line))
            continue
        lead = "" if starts_line else piece[: len(piece) - len(piece.lstrip())]
        trail = piece[len(piece.rstrip()) :]
        out.append(f"{lead}=={escape_md(core, line_start=False)}=={trail}")
    return "\n".join(out)


def marked_text(text: str, marks: list[tuple[int, int]]) -> str:
    """``text`` escaped, with the (block-relative) ``marks`` highlighted."""
    pieces: list[str] = []
    pos = 0

    def at_line_start(i: int) -> bool:
        return i == 0 or text[i - 1] == "\n"

    for start, end in _merged(marks):
        pieces.append(escape_md(text[pos:start], line_start=at_line_start(pos)))
        pieces.append(_mark(text[start:end], at_line_start(start)))
        pos = end
    pieces.append(escape_md(text[pos:], line_start=at_line_start(pos)))
    return "".join(pieces)


def render_block(block: Block, marks: list[tuple[int, int]]) -> str:
    if block.kind == "heading":
        return "## " + marked_text(block.text.replace("\n", " "), marks).strip()
    text = marked_text(block.text, marks)
    if block.kind == "quote":
        return quote_lines(text)
    if block.kind == "list_item":
        return "- " + text.replace("\n", "\n  ")
    return text


def note_callout(item: PlacedNote, article_text: str) -> str:
    """A note as an Obsidian callout (a plain blockquote elsewhere)."""
    note = item.note
    if note.anchor is None:
        title = "On the whole article"
    elif item.span is None:
        title = "On a passage no longer in the text"
    else:
        words = note.label if note.kind == "entity" else article_text[item.span[0] : item.span[1]]
        title = _HEADING[note.kind].format(escape_md(excerpt(words, 60), line_start=False))
    lines = [f"> [!{'quote' if note.is_highlight else 'note'}] {title}"]
    if item.span is None and note.anchor is not None:
        lines.append(quote_lines(escape_md(note.anchor.exact)))
        if note.text.strip():
            lines.append(">")
    if note.text.strip():
        lines.append(quote_lines(strip_controls(note.text.strip())))
    return "\n".join(lines)


def _block_of(starts: list[int], offset: int) -> int:
    return max(0, bisect_right(starts, offset) - 1)


def _bookmark_lines(article: Article, bookmarks: list[Bookmark]) -> list[str]:
    lines = []
    for mark in sorted(bookmarks, key=lambda b: (b.offset is not None, b.offset or 0)):
        if mark.offset is None:
            lines.append("- The whole article")
            continue
        words = article.text[mark.offset : mark.offset + 80] or mark.label
        lines.append(f"- “{escape_md(excerpt(words, 60), line_start=False)}”")
    return lines


def render_markdown(
    article: Article,
    notes: list[Note],
    bookmarks: list[Bookmark],
    *,
    notes_only: bool = False,
) -> str:
    """The whole file. ``notes_only``: only the paragraphs that carry notes or highlights."""
    text = article.text
    placed = place_notes(notes, text)
    spans = block_spans(article)
    starts = [start for start, _end in spans]
    marks: dict[int, list[tuple[int, int]]] = {}
    callouts: dict[int, list[PlacedNote]] = {}
    for item in placed:
        if item.span is None:
            continue
        start, end = item.span
        first, last = _block_of(starts, start), _block_of(starts, max(start, end - 1))
        if item.note.kind == "passage":
            for index in range(first, last + 1):
                base = spans[index][0]
                marks.setdefault(index, []).append((start - base, end - base))
        else:
            marks.setdefault(last, [])
        if not item.note.is_highlight:
            callouts.setdefault(last, []).append(item)

    parts = [front_matter(article_fields(article, notes, bookmarks)).rstrip("\n")]
    parts.append("# " + escape_md(one_line(article.title), line_start=False))
    if article.standfirst.strip() and not notes_only:
        parts.append(f"*{escape_md(one_line(article.standfirst), line_start=False)}*")
    whole = [item for item in placed if item.note.anchor is None]
    if whole:
        parts.append("## Notes")
        parts += [note_callout(item, text) for item in whole]
    if bookmarks:
        parts.append("## Bookmarks")
        parts.append("\n".join(_bookmark_lines(article, bookmarks)))
    shown = sorted(marks) if notes_only else range(len(article.blocks))
    if shown and (notes_only or whole or bookmarks):
        parts.append("## Noted passages" if notes_only else "## Article")
    for index in shown:
        block = article.blocks[index]
        local = [(max(0, s), min(len(block.text), e)) for s, e in marks.get(index, [])]
        parts.append(render_block(block, [(s, e) for s, e in local if e > s]))
        parts += [note_callout(item, text) for item in callouts.get(index, [])]
    detached = [item for item in placed if item.detached]
    if detached:
        parts.append("## Detached notes")
        parts += [note_callout(item, text) for item in detached]
    return "\n\n".join(part for part in parts if part) + "\n"
