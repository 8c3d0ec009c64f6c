"""Which importer a file needs, decided by its content first and its name second.

Saved files lie about themselves: a feed saved as ``.html``, a page saved as
``.txt``. So the bytes decide whenever they are clear (magic numbers, the XML
root element, an HTML doctype, a Lede backup's JSON marker), and the suffix only
breaks ties (``.md`` means Markdown, ``.html`` with tags means HTML).
"""

from __future__ import annotations

import json
import re

from tui.ingest.encoding import decode_bytes
from tui.ingest.errors import IngestError

__all__ = ["FORMATS", "sniff"]

FORMATS: tuple[str, ...] = ("html", "text", "rss", "atom", "markdown", "lede-backup")

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"\x7fELF", "executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Office document"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"OggS", "Ogg media"),
    (b"fLaC", "FLAC audio"),
    (b"ID3\x02", "MP3 audio"),
    (b"ID3\x03", "MP3 audio"),
    (b"ID3\x04", "MP3 audio"),
    (b"wOFF", "font"),
    (b"wOF2", "font"),
    (b"\x00\x00\x01\x00", "icon"),
)
_UNICODE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")

_BLANK = re.compile(rb"(?:\s|\xef\xbb\xbf)*")

_MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mkdn")
_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")

# Comments, processing instructions and the doctype come before the root element.
_PROLOG = re.compile(
    r"\A(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>)*", re.S | re.I
)
_ROOT = re.compile(r"<\s*(?:([A-Za-z_][\w.-]*):)?([A-Za-z_][\w.-]*)")
_HTML_DOCTYPE = re.compile(r"<!DOCTYPE\s+html", re.I)
_HTML_TAG = re.compile(
    r"<(?:html|head|body|meta|title|div|p|article|section|span|a\s|h[1-6]|br|ul|ol|li|table|"
    r"script|style|link|main|header|footer|nav|img|em|strong|b|i|blockquote|pre)\b[^<>]{0,2000}>",
    re.I,
)
_HTML_STRONG = re.compile(r"<(?:html|head|body)\b[^<>]{0,2000}>", re.I)
_ATX = re.compile(r"^#{1,6}[ \t]+\S", re.M)
_FENCE = re.compile(r"^(?:```|~~~)", re.M)
_MD_LINK = re.compile(r"!?\[[^\[\]\n]{1,300}\]\([^()\s\[\]]{1,500}(?:\s+\"[^\"\n]{0,300}\")?\)")
_MD_EMPH = re.compile(r"(?:\*\*|__)\w[^*_\n]{0,200}\w(?:\*\*|__)")
_MD_LIST = re.compile(r"^[ \t]{0,3}(?:[-*+]|\d{1,3}[.)])[ \t]+\S", re.M)
_MD_QUOTE = re.compile(r"^[ \t]{0,3}>[ \t]?\S", re.M)
_SETEXT = re.compile(r"^\S[^\n]*\n(?:=+|-+)[ \t]*$", re.M)
# The three line shapes are disjoint (a key cannot start with "-" or a space), so
# a front matter that never closes fails in one pass instead of backtracking.
_FRONT_MATTER = re.compile(
    r"\A---[ \t]*\n(?:\w[\w-]*[ \t]*:.*\n|[ \t]*-.*\n|[ \t]*\n)+?---[ \t]*(?:\n|\Z)"
)


def _suffix(name: str) -> str:
    base = name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1].lower()
    return base[base.rfind(".") :] if "." in base else ""


def _check_binary(data: bytes) -> None:
    for magic, label in _MAGIC:
        if data.startswith(magic):
            raise IngestError(f"binary file ({label}), not an article")
    if data[:2] == b"BM" and data[6:10] == b"\x00\x00\x00\x00":
        raise IngestError("binary file (BMP image), not an article")
    if re.match(rb"BZh[1-9]1AY&SY", data):
        raise IngestError("binary file (bzip2 archive), not an article")
    if data[4:8] == b"ftyp":
        raise IngestError("binary file (MP4 media), not an article")
    if data.startswith(b"RIFF") and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        raise IngestError("binary file (RIFF media), not an article")
    if data.startswith(_UNICODE_BOMS):
        return  # UTF-16/32 text is full of NUL bytes by design.
    head = data[:1024]
    # Binary formats are full of NULs; a page with a stray one (a bad save, a
    # NUL-padded field) is still a page, and the importers drop the NULs.
    if head.count(b"\x00") * 100 > len(head):
        raise IngestError("binary file (NUL bytes), not an article")
    controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13, 27))
    if controls * 10 > len(head):
        raise IngestError("binary file (control characters), not an article")


def _markdown_score(text: str) -> int:
    """How strongly ``text`` reads as Markdown: 3 or more is Markdown."""
    if _FRONT_MATTER.match(text):
        return 3
    first = text.lstrip().split("\n", 1)[0]
    score = 0
    if _ATX.match(first):
        score += 3
    elif _ATX.search(text):
        score += 2
    if _FENCE.search(text):
        score += 2
    if _MD_LINK.search(text):
        score += 2
    if _MD_EMPH.search(text):
        score += 1
    if _MD_LIST.search(text):
        score += 1
    if _MD_QUOTE.search(text):
        score += 1
    if _SETEXT.search(text):
        score += 1
    return score


#: A backup's marker near its start: a truncated backup is refused, not read as text.
_BACKUP_MARKER = re.compile(rb'"format"\s*:\s*"lede-backup"')


def _json_kind(data: bytes) -> str | None:
    try:
        value = json.loads(data)
    except (ValueError, UnicodeDecodeError, RecursionError):
        if _BACKUP_MARKER.search(data[:4096]):
            raise IngestError("damaged Lede backup (not valid JSON)") from None
        return None  # Not JSON after all: let the text rules look at it.
    if isinstance(value, dict) and value.get("format") == "lede-backup":
        return "lede-backup"
    raise IngestError("JSON file that is not a Lede backup")


def _xml_kind(head: str) -> str | None:
    """The feed or page kind from the root element of an XML/HTML document."""
    body = head[_PROLOG.match(head).end() :]  # type: ignore[union-attr]
    match = _ROOT.match(body)
    if match is None:
        return None
    prefix, local = match.group(1), match.group(2).lower()
    if local == "rss":
        return "rss"
    if local == "rdf" and (prefix or "").lower() == "rdf":
        return "rss"  # RSS 1.0 is an RDF document.
    if local == "feed":
        return "atom"
    if local in ("html", "head", "body"):
        return "html"
    if head.lstrip().startswith("<?xml"):
        raise IngestError(f"unsupported XML document <{match.group(0).lstrip('<').strip()}>")
    return None


def sniff(data: bytes, name: str) -> str:
    """The importer for ``data``: one of :data:`FORMATS`, else IngestError."""
    if _BLANK.fullmatch(data):
        raise IngestError("empty file")
    _check_binary(data)
    suffix = _suffix(name)
    stripped = data.lstrip(b" \t\r\n\xef\xbb\xbf")
    if stripped[:1] in (b"{", b"[") and (kind := _json_kind(data)) is not None:
        return kind
    head, _encoding = decode_bytes(data[:65536])
    head = head.lstrip("\ufeff \t\r\n")
    if not head.strip():
        raise IngestError("empty file")
    if head.startswith("<"):
        kind = _xml_kind(head)
        if kind is not None:
            return kind
    tags = len(_HTML_TAG.findall(head[:8192]))
    # A doctype, or <html>/<body> among other tags: text that merely mentions
    # "<head>" once is still text.
    if _HTML_DOCTYPE.search(head[:1024]) or (_HTML_STRONG.search(head[:4096]) and tags >= 3):
        return "html"
    if suffix in _MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in _HTML_SUFFIXES and tags:
        return "html"
    if head.startswith("<") and tags >= 2:
        return "html"  # A fragment of HTML saved under any name.
    if _markdown_score(head) >= 3:
        return "markdown"
    return "text"
