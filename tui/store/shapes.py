"""What the code reading our own files needs of them, checked before it reads them.

A file can be valid JSON yet not ours in shape (hand-edited, written by a
bug or by another program): a title that is a number, a note without an
article, a block that is not ``[kind, text]``. Code further up assumes the
shapes we write, so a wrong shape would crash it far from the cause. Each
check here returns None when the value can be read, else a few words saying
what is wrong; the caller then treats the file (or the record) as damaged.

These are lenient on purpose: they refuse only what our readers cannot
handle. Backups, which are untrusted input, are checked strictly in
``tui/export/validate.py``.
"""

from __future__ import annotations

from typing import Any

_NONE = type(None)
#: The exact types each metadata field may have (bool is not taken for a number).
_META_TYPES: dict[str, tuple[type, ...]] = {
    "id": (str,),
    "title": (str,),
    "source": (str, _NONE),
    "published": (str, _NONE),
    "url": (str, _NONE),
    "language": (str, _NONE),
    "bylines": (list,),
    "tags": (list,),
    "word_count": (int,),
    "summary_only": (bool,),
    "imported_at": (str,),
    "format": (str,),
    "origin_file": (str,),
    "origin_sha256": (str,),
    "text_hash": (str,),
}


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def meta_problem(row: Any) -> str | None:
    """An article's metadata (a catalog row or a body's copy); ~2 us a row."""
    if type(row) is not dict:
        return "not an object"
    if not row.get("id") or "title" not in row:
        return "no id or title"
    for name, value in row.items():
        types = _META_TYPES.get(name)
        if types is not None and type(value) not in types:
            return f"{name} has the wrong type"
    for name in ("bylines", "tags"):
        items = row.get(name)
        if items and not all(type(item) is str for item in items):
            return f"{name} is not a list of text"
    return None


def _analysis_problem(analysis: Any) -> str | None:
    if not isinstance(analysis, dict):
        return "analysis is not an object"
    entities, quotes = analysis.get("entities", []), analysis.get("quotes", [])
    if not isinstance(entities, list) or not isinstance(quotes, list):
        return "analysis is malformed"
    for mention in entities:
        if not (
            isinstance(mention, dict)
            and all(isinstance(mention.get(k), str) for k in ("text", "type", "canonical"))
            and all(_is_int(mention.get(k)) for k in ("start", "end"))
        ):
            return "an entity in the analysis is malformed"
    for quote in quotes:
        if not (
            isinstance(quote, dict)
            and isinstance(quote.get("text"), str)
            and all(_is_int(quote.get(k)) for k in ("start", "end"))
            and all(isinstance(quote.get(k), str | None) for k in ("speaker", "cue"))
        ):
            return "a quotation in the analysis is malformed"
    return None


def body_problem(body: Any, article_id: str) -> str | None:
    """A body file's content, which must belong to ``article_id``."""
    if not isinstance(body, dict):
        return "top level is not a JSON object"
    if body.get("id", article_id) != article_id:
        return f"it belongs to article {body.get('id')!r}"
    blocks = body.get("blocks", [])
    if not isinstance(blocks, list) or not all(
        isinstance(b, list) and len(b) == 2 and isinstance(b[0], str) and isinstance(b[1], str)
        for b in blocks
    ):
        return "blocks are not a list of [kind, text]"
    if not isinstance(body.get("standfirst", ""), str):
        return "standfirst is not text"
    if not _strings(body.get("related_headlines", [])):
        return "related_headlines is not a list of text"
    if body.get("analysis") is not None:
        problem = _analysis_problem(body["analysis"])
        if problem:
            return problem
    if body.get("meta") is not None:
        problem = meta_problem(body["meta"])
        if problem:
            return f"its metadata copy: {problem}"
    raw = body.get("raw")
    if raw is not None and not (
        isinstance(raw, dict)
        and isinstance(raw.get("pack"), str)
        and _is_int(raw.get("offset"))
        and _is_int(raw.get("length"))
    ):
        return "its reference to the imported page is malformed"
    return None


def _note_problem(key: str, row: dict[str, Any]) -> str | None:
    if not isinstance(row.get("id"), str) or not isinstance(row.get("article"), str):
        return "a note without its id or article"
    anchor = row.get("anchor")
    if anchor is not None and not (
        isinstance(anchor, dict) and all(_is_int(anchor.get(k, 0)) for k in ("start", "end"))
    ):
        return "a note's anchor is malformed"
    return None


def user_record_problem(collection: str, key: str, value: Any) -> str | None:
    """One user data record (a put) as the readers in ``userdata.py`` use it."""
    if collection == "settings":
        return None  # Any JSON value; readers check the type of the one they want.
    if not isinstance(value, dict):
        return f"a {collection} record is not an object"
    if collection == "notes":
        return _note_problem(key, value)
    if collection == "bookmarks":
        if not isinstance(value.get("article", key), str):
            return "a bookmark without its article"
        offset = value.get("offset")
        if offset is not None and not _is_int(offset):
            return "a bookmark's offset is not a number"
    elif collection == "state":
        if not _is_int(value.get("position", 0)):
            return "a reading position is not a number"
    elif collection == "aliases":
        fields = {"merge": ("name", "into"), "split": ("surface", "canonical")}
        kind = value.get("kind")
        names = fields.get(kind) if isinstance(kind, str) else None
        if names and not all(isinstance(value.get(k), str) for k in names):
            return "an entity fix is malformed"
    return None
