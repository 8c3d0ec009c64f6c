"""The article list in a compact, columnar file that loads fast at start.

``catalog.json`` is the record, but at 100k articles it is ~50 MB of JSON
objects and takes seconds to parse. The list needs five short columns, so
``listing.json`` keeps just those, as parallel arrays (about a quarter of the
size, and several times faster to parse). It is derived: rewritten after each
catalog commit, and rebuilt from the catalog when missing, unreadable, from
another schema or stale (the catalog file's size and mtime no longer match the
stamp it holds).

It also keeps the list's default order, newest first, so the first screen needs
no sort (~45 ms at 100k articles). The order is packed (base64 of little-endian
int32s): a JSON array of 100k ints would cost ~12 ms more to parse than it saves.

Text columns are packed too (schema 3): one string per column plus packed
offsets, read as ``PackedStrings``, which cuts a row's text out only when asked.
Parsing 400k separate JSON strings took ~60 ms at 100k articles, a third of the
app's start beyond Textual's own; four long strings take ~25 ms, and the first
screen needs just its forty rows.
"""

from __future__ import annotations

import base64
import binascii
import sys
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, overload

from tui.model import ArticleMeta

from .atomic import atomic_write_bytes
from .json_storage import CorruptFileError, dumps_compact, read_json_file

LISTING_FILE = "listing.json"
#: 2 added "order" (newest first); 3 packed the columns. A file of another schema
#: is rebuilt.
LISTING_SCHEMA = 3
COLUMNS = ("id", "title", "source", "published", "words")
TEXT_COLUMNS = COLUMNS[:4]
#: array typecode of a 4-byte int (C int on every platform CPython runs on).
INT32 = "i"
assert array(INT32).itemsize == 4


def newest_first(published: Sequence[str | None]) -> list[int]:
    """Listing indices by date, newest first: equal dates keep listing order, undated last.

    ``Browse`` sorts by date the same way; this is the order ``listing.json`` keeps.
    """
    keys = [p or "" for p in published]
    return sorted(range(len(keys)), key=keys.__getitem__, reverse=True)


class PackedStrings(Sequence[str]):
    """A column of strings kept as one string and the offsets between them.

    Reads like a tuple of strings; each item is cut out when it is asked for.
    """

    __slots__ = ("_offsets", "_text")

    def __init__(self, text: str, offsets: Sequence[int]) -> None:
        self._text = text
        self._offsets = offsets

    @classmethod
    def pack(cls, values: Sequence[str]) -> PackedStrings:
        offsets = array(INT32, [0])
        end = 0
        for value in values:
            end += len(value)
            offsets.append(end)
        return cls("".join(values), offsets)

    def __len__(self) -> int:
        return len(self._offsets) - 1

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._text[self._offsets[index] : self._offsets[index + 1]]

    def __iter__(self) -> Iterator[str]:
        text, offsets = self._text, self._offsets
        return (text[offsets[i] : offsets[i + 1]] for i in range(len(offsets) - 1))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(self) == len(other) and all(
                a == b for a, b in zip(self, other, strict=True)
            )
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def to_dict(self) -> dict[str, str]:
        return {"text": self._text, "offsets": _pack_ints(self._offsets)}

    @classmethod
    def from_dict(cls, value: object, count: int | None) -> PackedStrings | None:
        """The column, or None if it is damaged (offsets out of step with the text)."""
        if not isinstance(value, dict):
            return None
        text, offsets = value.get("text"), _unpack_ints(value.get("offsets"))
        if not isinstance(text, str) or offsets is None or not offsets:
            return None
        if count is not None and len(offsets) != count + 1:
            return None
        # Offsets only grow: checking the ends and that each step is non-negative
        # would cost a pass; the ends catch truncation and a mismatched text.
        if offsets[0] != 0 or offsets[-1] != len(text):
            return None
        return cls(text, offsets)


@dataclass(slots=True)
class Listing:
    """Parallel columns, one entry per article, in catalog order.

    ``order`` is ``newest_first(published)`` when known (read from the file or
    computed when built from the catalog), else None and ``Browse`` sorts.
    """

    stamp: list[int] = field(default_factory=list)
    ids: Sequence[str] = field(default_factory=list)
    titles: Sequence[str] = field(default_factory=list)
    sources: Sequence[str] = field(default_factory=list)
    published: Sequence[str] = field(default_factory=list)
    words: Sequence[int] = field(default_factory=list)
    order: list[int] | None = None

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def from_metas(cls, metas: list[ArticleMeta], stamp: list[int]) -> Listing:
        published = [m.published or "" for m in metas]
        return cls(
            stamp=stamp,
            ids=[m.id for m in metas],
            titles=[m.title for m in metas],
            sources=[m.source or "" for m in metas],
            published=published,
            words=[m.word_count for m in metas],
            order=newest_first(published),
        )

    def to_dict(self) -> dict[str, Any]:
        order = self.order if self.order is not None else newest_first(self.published)
        return {
            "schema": LISTING_SCHEMA,
            "stamp": self.stamp,
            "id": _packed(self.ids).to_dict(),
            "title": _packed(self.titles).to_dict(),
            "source": _packed(self.sources).to_dict(),
            "published": _packed(self.published).to_dict(),
            "words": _pack_ints(self.words),
            "order": pack_indices(order),
        }


def _packed(values: Sequence[str]) -> PackedStrings:
    return values if isinstance(values, PackedStrings) else PackedStrings.pack(values)


def _pack_ints(values: Sequence[int]) -> str:
    packed = array(INT32, values)
    if sys.byteorder == "big":  # pragma: no cover
        packed.byteswap()
    return base64.b64encode(packed.tobytes()).decode("ascii")


def _unpack_ints(text: object) -> array[int] | None:
    if not isinstance(text, str):
        return None
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    if len(raw) % 4:
        return None
    packed = array(INT32)
    packed.frombytes(raw)
    if sys.byteorder == "big":  # pragma: no cover
        packed.byteswap()
    return packed


def pack_indices(indices: Sequence[int]) -> str:
    """Non-negative ints below 2**31 as base64 of little-endian int32s."""
    return _pack_ints(indices)


def unpack_order(text: object, count: int) -> list[int] | None:
    """The packed order, or None unless it holds ``count`` indices into ``count`` rows.

    Checks the bounds (an index out of range would crash the list) and the sum (a
    permutation of 0..count-1 sums to count*(count-1)/2), which catches damage at
    a fraction of the cost of a full permutation check.
    """
    packed = _unpack_ints(text)
    if packed is None or len(packed) != count:
        return None
    order = packed.tolist()
    if count and (min(order) < 0 or max(order) >= count):
        return None
    if sum(order) != count * (count - 1) // 2:
        return None
    return order


def write_listing(root: Path, listing: Listing) -> None:
    # Derived data: no fsync needed, a lost write is rebuilt from the catalog.
    atomic_write_bytes(root / LISTING_FILE, dumps_compact(listing.to_dict()), durable=False)


def read_listing(root: Path) -> Listing | None:
    """The listing on disk, or None when it is missing, damaged or from another schema."""
    try:
        data = read_json_file(root / LISTING_FILE)
    except CorruptFileError:
        return None
    if not isinstance(data, dict) or data.get("schema") != LISTING_SCHEMA:
        return None
    ids = PackedStrings.from_dict(data.get("id"), None)
    if ids is None:
        return None
    count = len(ids)
    text_columns = [ids] + [PackedStrings.from_dict(data.get(n), count) for n in TEXT_COLUMNS[1:]]
    words = _unpack_ints(data.get("words"))
    if any(c is None for c in text_columns) or words is None or len(words) != count:
        return None
    order = unpack_order(data.get("order"), count)
    if order is None:
        return None
    stamp = data.get("stamp")
    return Listing(stamp if isinstance(stamp, list) else [], *text_columns, words, order=order)  # type: ignore[arg-type]


def file_stamp(path: Path) -> list[int]:
    """Size and modification time: changes whenever the catalog is replaced."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return [0, 0]
    return [info.st_size, info.st_mtime_ns]
