"""The article list in a compact, columnar file that loads fast at start.

``catalog.json`` is the record, but at 100k articles it is ~50 MB of JSON
objects and takes seconds to parse. The list needs five short columns, so
``listing.bin`` keeps just those, in catalog order. It is derived: rewritten
after each catalog commit, and rebuilt from the catalog when missing, damaged,
from another schema or stale (the catalog file's size and mtime no longer match
the stamp it holds).

It also keeps the list's default order, newest first, so the first screen needs
no sort (~45 ms at 100k articles).

The file is binary (schema 4) because reading it was most of what the app's
start cost beyond Textual's own at 100k articles. Schemas 2-3 were JSON with
packed columns (base64 int32 arrays, each text column one long string): ~55 ms
to read at 100k in a fresh process, JSON string scanning, UTF-8 decoding and
base64 of a 15 MB file, and as much again in page faults for the memory. Now:

    LEDE-LISTING 4\n                        the magic line, with the schema
    {"stamp": [...], "count": N, "bytes": {"id": n, ...}}\n    a JSON header
    then for each text column (id, title, source, published):
        int32 byte offsets [N + 1], then its UTF-8 text [bytes[column]]
    then int32 words [N] and int32 order [N]        (little-endian throughout)

The file is mapped, not read, and each text column is a ``PackedStrings`` over
it that decodes a row when it is asked for: opening checks the header, the
lengths, the ends of each column's offsets and the order (~15 ms at 100k), and
the first screen decodes its forty rows. A damaged byte inside a row's text is
shown replaced, never fatal; ``lede doctor`` decodes every row to find it.
"""

from __future__ import annotations

import json
import mmap
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
    """A column of strings kept as UTF-8 bytes and the byte offsets between them.

    Reads like a tuple of strings; each item is decoded when it is asked for, so
    opening a listing decodes only the rows drawn (the bytes may be a slice of the
    mapped file: nothing is copied or decoded up front).
    """

    __slots__ = ("_data", "_offsets", "_start")

    def __init__(self, data: bytes | mmap.mmap, offsets: Sequence[int], start: int = 0) -> None:
        self._data = data
        self._offsets = offsets
        self._start = start

    @classmethod
    def pack(cls, values: Sequence[str]) -> PackedStrings:
        encoded = [value.encode("utf-8", "surrogatepass") for value in values]
        offsets = array(INT32, [0])
        end = 0
        for value in encoded:
            end += len(value)
            offsets.append(end)
        return cls(b"".join(encoded), offsets)

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def _item(self, index: int) -> str:
        start = self._start
        raw = self._data[start + self._offsets[index] : start + self._offsets[index + 1]]
        try:
            return str(raw, "utf-8", "surrogatepass")
        except UnicodeDecodeError:  # Damaged bytes: shown, never fatal (doctor names them).
            return str(raw, "utf-8", "replace")

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self._item(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._item(index)

    def __iter__(self) -> Iterator[str]:
        return map(self._item, range(len(self)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(self) == len(other) and all(
                a == b for a, b in zip(self, other, strict=True)
            )
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def parts(self) -> tuple[bytes, bytes]:
        """The offsets (little-endian int32s) and the text (UTF-8), as written."""
        first, last = self._start, self._start + self._offsets[-1]
        return _int32_bytes(self._offsets), bytes(self._data[first:last])

    @classmethod
    def from_parts(
        cls, data: bytes | mmap.mmap, offsets_at: int, count: int, size: int
    ) -> PackedStrings | None:
        """The column whose ``count + 1`` offsets start at ``offsets_at`` in ``data``,
        followed by its ``size`` bytes of text; None if the offsets do not fit the text.

        Offsets only grow: checking each step would cost a pass; the ends catch
        truncation and a mismatched text, and a damaged offset inside only garbles
        the rows it bounds (``lede doctor`` decodes every row).
        """
        offsets = _int32_array(data[offsets_at : offsets_at + 4 * (count + 1)])
        if not offsets or offsets[0] != 0 or offsets[-1] != size:
            return None
        return cls(data, offsets, offsets_at + 4 * (count + 1))

    def check_text(self) -> bool:
        """Whether every row is whole UTF-8 (a full pass: for ``lede doctor``)."""
        first, last = self._start, self._start + self._offsets[-1]
        try:
            str(self._data[first:last], "utf-8", "surrogatepass")
        except UnicodeDecodeError:
            return False
        return True


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
    order: Sequence[int] | None = None

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


def checked_order(packed: array[int], count: int) -> array[int] | None:
    """``packed``, or None unless it holds ``count`` indices into ``count`` rows.

    Checks the bounds (an index out of range would crash the list) and the sum (a
    permutation of 0..count-1 sums to count*(count-1)/2), which catches damage at
    a fraction of the cost of a full permutation check.
    """
    if len(packed) != count:
        return None
    # Kept as the array: as a list, 100k ints were ~3.6 MB of fresh memory at start.
    if count and (min(packed) < 0 or max(packed) >= count):
        return None
    if sum(packed) != count * (count - 1) // 2:
        return None
    return packed


def write_listing(root: Path, listing: Listing) -> None:
    # Derived data: no fsync needed, a lost write is rebuilt from the catalog.
    atomic_write_bytes(root / LISTING_FILE, listing.to_bytes(), durable=False)
    (root / OLD_LISTING_FILE).unlink(missing_ok=True)  # Derived too: no longer read.


class ListingDamage(ValueError):
    """Why a listing file cannot be read: a short reason a user can act on."""


def decode_listing(raw: bytes | mmap.mmap, *, check_text: bool = False) -> Listing:
    """The listing in ``raw``; ListingDamage when it is damaged, ValueError (and not
    ListingDamage) when it is a listing of another schema. The text is checked to
    be whole UTF-8 only when asked (a full pass the start does not pay for)."""
    end = raw.find(b"\n")
    magic = raw[: max(end, 0)]
    if end < 0 or not magic.startswith(MAGIC):
        raise ListingDamage("not a Lede listing (its first line is wrong)")
    if magic != MAGIC + str(LISTING_SCHEMA).encode():
        raise ValueError("a listing of another schema")
    header_end = raw.find(b"\n", end + 1)
    try:
        header = json.loads(raw[end + 1 : header_end]) if header_end > 0 else None
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
    at = header_end + 1
    expected = (
        4 * (count + 1) * len(TEXT_COLUMNS) + sum(sizes[n] for n in TEXT_COLUMNS) + 8 * count
    )
    if len(raw) - at != expected:
        raise ListingDamage(
            f"truncated or padded: {len(raw) - at:,} bytes of columns, not {expected:,}"
        )
    columns: list[PackedStrings] = []
    for name in TEXT_COLUMNS:
        column = PackedStrings.from_parts(raw, at, count, sizes[name])
        if column is None or (check_text and not column.check_text()):
            raise ListingDamage("its columns are out of step with each other")
        columns.append(column)
        at += 4 * (count + 1) + sizes[name]
    words = _int32_array(raw[at : at + 4 * count])
    order = checked_order(_int32_array(raw[at + 4 * count :]), count)
    if order is None:
        raise ListingDamage("its columns are out of step with each other")
    return Listing(stamp, *columns, words, order=order)


def _mapped(path: Path) -> bytes | mmap.mmap:
    """The file's bytes, mapped rather than read where the system allows: the text
    columns stay on the page cache's pages and only the rows drawn are touched."""
    with path.open("rb") as file:
        try:
            return mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):  # Empty, or a file system without mmap.
            return file.read()


def listing_damage(root: Path) -> str | None:
    """Why ``listing.bin`` is damaged; None when it is fine, missing or of another
    schema (those are rebuilt without a word)."""
    try:
        decode_listing((root / LISTING_FILE).read_bytes(), check_text=True)
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
        return decode_listing(_mapped(root / LISTING_FILE))
    except (OSError, ValueError):
        return None


def file_stamp(path: Path) -> list[int]:
    """Size and modification time: changes whenever the catalog is replaced."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return [0, 0]
    return [info.st_size, info.st_mtime_ns]
