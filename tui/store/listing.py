"""The article list in a compact, columnar file that loads fast at start.

``catalog.json`` is the record, but at 100k articles it is ~50 MB of JSON
objects and takes seconds to parse. The list needs five short columns, so
``listing.bin`` keeps just those, in catalog order. It is derived: rewritten
after each catalog commit, and rebuilt from the catalog when missing, damaged,
from another schema or stale (the catalog file's size and mtime no longer match
the stamp it holds).

It also keeps the list's default order, newest first, so the first screen needs
no sort (~45 ms at 100k articles).

The file is binary (schema 4) because reading it is most of what the app's
start costs beyond Textual's own at 100k articles. Schemas 2-3 were JSON with
packed columns (base64 int32 arrays, each text column one long string): ~50 ms
to read at 100k, of which JSON string scanning ~20 ms and base64 ~7 ms. Now:

    LEDE-LISTING 4\n                        the magic line, with the schema
    {"stamp": [...], "count": N, "bytes": {"id": n, ...}}\n    a JSON header
    then for each text column (id, title, source, published):
        int32 character offsets [N + 1], then its UTF-8 text [bytes[column]]
    then int32 words [N] and int32 order [N]        (little-endian throughout)

read as ``PackedStrings``, which cut a row's text out only when asked: ~15 ms at
100k, mostly decoding the UTF-8.
"""

from __future__ import annotations

import json
import sys
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import overload

from tui.model import ArticleMeta

from .atomic import atomic_write_bytes

LISTING_FILE = "listing.bin"
#: What schemas 1-3 were called (JSON): removed when a listing.bin is written.
OLD_LISTING_FILE = "listing.json"
#: 2 added "order" (newest first); 3 packed the columns; 4 is binary. A file of
#: another schema is rebuilt.
LISTING_SCHEMA = 4
MAGIC = b"LEDE-LISTING "
COLUMNS = ("id", "title", "source", "published", "words")
TEXT_COLUMNS = COLUMNS[:4]
#: array typecode of a 4-byte int (C int on every platform CPython runs on).
INT32 = "i"
assert array(INT32).itemsize == 4


def newest_first(published: Sequence[str | None]) -> list[int]:
    """Listing indices by date, newest first: equal dates keep listing order, undated last.

    ``Browse`` sorts by date the same way; this is the order ``listing.bin`` keeps.
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

    def parts(self) -> tuple[bytes, bytes]:
        """The offsets (little-endian int32s) and the text (UTF-8), as written."""
        return _int32_bytes(self._offsets), self._text.encode("utf-8", "surrogatepass")

    @classmethod
    def from_parts(cls, offsets: bytes, text: bytes) -> PackedStrings | None:
        """The column, or None if it is damaged (offsets out of step with the text)."""
        try:
            decoded = text.decode("utf-8", "surrogatepass")
        except UnicodeDecodeError:
            return None
        numbers = _int32_array(offsets)
        # Offsets only grow: checking the ends and that each step is non-negative
        # would cost a pass; the ends catch truncation and a mismatched text.
        if not numbers or numbers[0] != 0 or numbers[-1] != len(decoded):
            return None
        return cls(decoded, numbers)


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

    def to_bytes(self) -> bytes:
        """The ``listing.bin`` file (see the module docstring)."""
        order = self.order if self.order is not None else newest_first(self.published)
        columns = (self.ids, self.titles, self.sources, self.published)
        parts = [_packed(column).parts() for column in columns]
        header = {
            "stamp": self.stamp,
            "count": len(self.ids),
            "bytes": {
                name: len(text) for name, (_, text) in zip(TEXT_COLUMNS, parts, strict=True)
            },
        }
        chunks = [
            MAGIC + str(LISTING_SCHEMA).encode() + b"\n",
            json.dumps(header).encode() + b"\n",
        ]
        for offsets, text in parts:
            chunks += [offsets, text]
        chunks += [_int32_bytes(self.words), _int32_bytes(order)]
        return b"".join(chunks)


def _packed(values: Sequence[str]) -> PackedStrings:
    return values if isinstance(values, PackedStrings) else PackedStrings.pack(values)


def _int32_bytes(values: Sequence[int]) -> bytes:
    packed = values if isinstance(values, array) else array(INT32, values)
    if sys.byteorder == "big":  # pragma: no cover
        packed = array(INT32, packed)
        packed.byteswap()
    return packed.tobytes()


def _int32_array(raw: bytes) -> array[int]:
    packed = array(INT32)
    packed.frombytes(raw)
    if sys.byteorder == "big":  # pragma: no cover
        packed.byteswap()
    return packed


def checked_order(packed: array[int], count: int) -> list[int] | None:
    """``packed`` as a list, or None unless it holds ``count`` indices into ``count`` rows.

    Checks the bounds (an index out of range would crash the list) and the sum (a
    permutation of 0..count-1 sums to count*(count-1)/2), which catches damage at
    a fraction of the cost of a full permutation check.
    """
    if len(packed) != count:
        return None
    order = packed.tolist()
    if count and (min(order) < 0 or max(order) >= count):
        return None
    if sum(order) != count * (count - 1) // 2:
        return None
    return order


def write_listing(root: Path, listing: Listing) -> None:
    # Derived data: no fsync needed, a lost write is rebuilt from the catalog.
    atomic_write_bytes(root / LISTING_FILE, listing.to_bytes(), durable=False)
    (root / OLD_LISTING_FILE).unlink(missing_ok=True)  # Derived too: no longer read.


class ListingDamage(ValueError):
    """Why a listing file cannot be read: a short reason a user can act on."""


def decode_listing(raw: bytes) -> Listing:
    """The listing in ``raw``; ListingDamage when it is damaged, ValueError (and not
    ListingDamage) when it is a listing of another schema."""
    magic, newline, rest = raw.partition(b"\n")
    if not newline or not magic.startswith(MAGIC):
        raise ListingDamage("not a Lede listing (its first line is wrong)")
    if magic != MAGIC + str(LISTING_SCHEMA).encode():
        raise ValueError("a listing of another schema")
    line, newline, body = rest.partition(b"\n")
    try:
        header = json.loads(line) if newline else None
    except ValueError:
        header = None
    if not isinstance(header, dict):
        raise ListingDamage("its header is not valid JSON")
    count, sizes, stamp = header.get("count"), header.get("bytes"), header.get("stamp")
    if (
        not isinstance(count, int)
        or count < 0
        or not isinstance(sizes, dict)
        or not all(isinstance(sizes.get(name), int) and sizes[name] >= 0 for name in TEXT_COLUMNS)
        or not isinstance(stamp, list)
    ):
        raise ListingDamage("its header is not what Lede writes")
    expected = (
        4 * (count + 1) * len(TEXT_COLUMNS) + sum(sizes[n] for n in TEXT_COLUMNS) + 8 * count
    )
    if len(body) != expected:
        raise ListingDamage(
            f"truncated or padded: {len(body):,} bytes of columns, not {expected:,}"
        )
    view = memoryview(body)
    at = 0
    columns: list[PackedStrings] = []
    for name in TEXT_COLUMNS:
        offsets = view[at : at + 4 * (count + 1)]
        at += len(offsets)
        text = view[at : at + sizes[name]]
        at += len(text)
        column = PackedStrings.from_parts(bytes(offsets), bytes(text))
        if column is None:
            raise ListingDamage("its columns are out of step with each other")
        columns.append(column)
    words = _int32_array(bytes(view[at : at + 4 * count]))
    order = checked_order(_int32_array(bytes(view[at + 4 * count :])), count)
    if order is None:
        raise ListingDamage("its columns are out of step with each other")
    return Listing(stamp, *columns, words, order=order)


def listing_damage(root: Path) -> str | None:
    """Why ``listing.bin`` is damaged; None when it is fine, missing or of another
    schema (those are rebuilt without a word)."""
    try:
        decode_listing((root / LISTING_FILE).read_bytes())
    except FileNotFoundError:
        return None
    except ListingDamage as exc:
        return str(exc)
    except ValueError:
        return None
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    return None


def read_listing(root: Path) -> Listing | None:
    """The listing on disk, or None when it is missing, damaged or from another schema."""
    try:
        return decode_listing((root / LISTING_FILE).read_bytes())
    except (OSError, ValueError):
        return None


def file_stamp(path: Path) -> list[int]:
    """Size and modification time: changes whenever the catalog is replaced."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return [0, 0]
    return [info.st_size, info.st_mtime_ns]
