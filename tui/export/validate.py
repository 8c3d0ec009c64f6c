"""A backup checked in full before anything is stored.

A backup may be damaged, hand-edited or not ours. Ids become file names,
user records are read back by code that expects their shape, so every field
is checked for its type here; the first problem refuses the whole file.
"""

from __future__ import annotations

import re
from typing import Any

from tui.model import BLOCK_KINDS, ArticleMeta
from tui.notes import NOTE_KINDS

from .backup import BODY_KEYS


class Damaged(ValueError):
    """One thing wrong with a backup, said in a few words."""


_ID = re.compile(r"[0-9a-f]{16}")
_STR = (str,)
_OPT_STR = (str, type(None))
_META_TYPES: dict[str, tuple[type, ...]] = {
    "id": _STR,
    "title": _STR,
    "source": _OPT_STR,
    "published": _OPT_STR,
    "url": _OPT_STR,
    "bylines": (list,),
    "language": _OPT_STR,
    "word_count": (int,),
    "imported_at": _STR,
    "format": _STR,
    "summary_only": (bool,),
    "tags": (list,),
    "origin_file": _STR,
    "origin_sha256": _STR,
    "text_hash": _STR,
}
USER_COLLECTIONS = ("state", "bookmarks", "settings", "aliases", "notes")


def _need(ok: bool, what: str) -> None:
    if not ok:
        raise Damaged(what)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def check_meta(meta: Any) -> ArticleMeta:
    _need(isinstance(meta, dict), "meta is not an object")
    _need(
        isinstance(meta.get("id"), str) and bool(_ID.fullmatch(meta["id"])),
        "meta.id is not an article id",
    )
    _need("title" in meta, "meta has no title")
    for name, types in _META_TYPES.items():
        if name not in meta:
            continue
        value = meta[name]
        ok = _is_int(value) if types == (int,) else isinstance(value, types)
        if types == (list,):
            ok = _strings(value)
        _need(ok, f"meta.{name} has the wrong type")
    return ArticleMeta.from_dict(meta)


def _check_analysis(analysis: Any) -> None:
    _need(isinstance(analysis, dict), "body.analysis is not an object")
    entities, quotes = analysis.get("entities", []), analysis.get("quotes", [])
    _need(isinstance(entities, list) and isinstance(quotes, list), "body.analysis is malformed")
    for mention in entities:
        _need(
            isinstance(mention, dict)
            and all(isinstance(mention.get(k), str) for k in ("text", "type", "canonical"))
            and all(_is_int(mention.get(k)) for k in ("start", "end")),
            "an entity in body.analysis is malformed",
        )
    for quote in quotes:
        _need(
            isinstance(quote, dict)
            and isinstance(quote.get("text"), str)
            and all(_is_int(quote.get(k)) for k in ("start", "end"))
            and all(
                isinstance(quote.get(k), str | None) for k in ("speaker", "cue", "speaker_type")
            ),
            "a quotation in body.analysis is malformed",
        )


def check_body(body: Any) -> dict[str, Any]:
    """The body as stored; keys other than a body's own are dropped."""
    _need(isinstance(body, dict), "body is not an object")
    blocks = body.get("blocks")
    _need(isinstance(blocks, list), "body.blocks is not a list")
    for block in blocks:
        _need(
            isinstance(block, list)
            and len(block) == 2
            and block[0] in BLOCK_KINDS
            and isinstance(block[1], str),
            "a block in body.blocks is malformed",
        )
    _need(isinstance(body.get("standfirst", ""), str), "body.standfirst is not text")
    _need(_strings(body.get("related_headlines", [])), "body.related_headlines is malformed")
    if body.get("analysis") is not None:
        _check_analysis(body["analysis"])
    return {k: body[k] for k in BODY_KEYS if k in body}


def _check_note(key: str, row: Any) -> None:
    _need(isinstance(row, dict), "a note is not an object")
    _need(row.get("id") == key, "a note's id differs from its key")
    _need(isinstance(row.get("article"), str), "a note has no article")
    _need(row.get("kind") in NOTE_KINDS, "a note has an unknown kind")
    _need(isinstance(row.get("text", ""), str), "a note's text is not text")
    anchor = row.get("anchor")
    if anchor is not None:
        _need(
            isinstance(anchor, dict)
            and isinstance(anchor.get("exact"), str)
            and all(_is_int(anchor.get(k, 0)) for k in ("start", "end")),
            "a note's anchor is malformed",
        )


def _check_alias(row: Any) -> None:
    _need(isinstance(row, dict), "an entity fix is not an object")
    kind = row.get("kind")
    fields = {"merge": ("name", "into"), "split": ("surface", "canonical")}
    names = fields.get(kind) if isinstance(kind, str) else None
    _need(names is not None, "an entity fix has an unknown kind")
    _need(all(isinstance(row.get(k), str) for k in names or ()), "an entity fix is malformed")


def check_user(user: Any) -> dict[str, dict[str, Any]]:
    _need(isinstance(user, dict), "user data is not an object")
    for name, rows in user.items():
        _need(name in USER_COLLECTIONS, f"unknown user data collection {name!r}")
        _need(isinstance(rows, dict), f"user data {name!r} is not an object")
        for key, row in rows.items():
            if name == "notes":
                _check_note(key, row)
            elif name == "aliases":
                _check_alias(row)
            elif name == "bookmarks":
                _need(
                    isinstance(row, dict) and isinstance(row.get("article"), str),
                    "a bookmark is malformed",
                )
                _need(
                    row.get("offset") is None or _is_int(row.get("offset")),
                    "a bookmark's offset is not a number",
                )
            elif name == "state":
                _need(isinstance(row, dict), "a read state is not an object")
                _need(_is_int(row.get("position", 0)), "a reading position is not a number")
    return user
