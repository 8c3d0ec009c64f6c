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
"""

from __future__ import annotations

import base64
import binascii
import sys
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.model import ArticleMeta

from .atomic import atomic_write_bytes
from .json_storage import CorruptFileError, dumps_compact, read_json_file

LISTING_FILE = "listing.json"
#: 2 added "order" (newest first); a file of another schema is rebuilt.
LISTING_SCHEMA = 2
COLUMNS = ("id", "title", "source", "published", "words")
#: array typecode of a 4-byte int (C int on every platform CPython runs on).
INT32 = "i"
assert array(INT32).itemsize == 4


def newest_first(published: Sequence[str | None]) -> list[int]:
    """Listing indices by date, newest first: equal dates keep listing order, undated last.

    ``Browse`` sorts by date the same way; this is the order ``listing.json`` keeps.
    """
    keys = [p or "" for p in published]
    return sorted(range(len(keys)), key=keys.__getitem__, reverse=True)


@dataclass(slots=True)
class Listing:
    """Parallel columns, one entry per article, in catalog order.

    ``order`` is ``newest_first(published)`` when known (read from the file or
    computed when built from the catalog), else None and ``Browse`` sorts.
    """

    stamp: list[int] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    published: list[str] = field(default_factory=list)
    words: list[int] = field(default_factory=list)
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
            "id": self.ids,
            "title": self.titles,
            "source": self.sources,
            "published": self.published,
            "words": self.words,
            "order": pack_indices(order),
        }


def pack_indices(indices: list[int]) -> str:
    """Non-negative ints below 2**31 as base64 of little-endian int32s."""
    packed = array(INT32, indices)
    if sys.byteorder == "big":  # pragma: no cover
        packed.byteswap()
    return base64.b64encode(packed.tobytes()).decode("ascii")


def unpack_order(text: object, count: int) -> list[int] | None:
    """The packed order, or None unless it holds ``count`` indices into ``count`` rows.

    Checks the bounds (an index out of range would crash the list) and the sum (a
    permutation of 0..count-1 sums to count*(count-1)/2), which catches damage at
    a fraction of the cost of a full permutation check.
    """
    if not isinstance(text, str):
        return None
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    packed = array(INT32)
    if len(raw) != 4 * count:
        return None
    packed.frombytes(raw)
    if sys.byteorder == "big":  # pragma: no cover
        packed.byteswap()
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
    try:
        columns = [data[name] for name in COLUMNS]
    except KeyError:
        return None
    if not all(isinstance(c, list) and len(c) == len(columns[0]) for c in columns):
        return None
    order = unpack_order(data.get("order"), len(columns[0]))
    if order is None:
        return None
    stamp = data.get("stamp")
    return Listing(stamp if isinstance(stamp, list) else [], *columns, order=order)


def file_stamp(path: Path) -> list[int]:
    """Size and modification time: changes whenever the catalog is replaced."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return [0, 0]
    return [info.st_size, info.st_mtime_ns]
