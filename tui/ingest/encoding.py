"""Bytes to text without ever crashing on bad bytes.

Order: a byte-order mark, then a declared charset (``<meta charset>`` or an XML
declaration, found by the caller or sniffed here), then strict UTF-8, then
Windows-1252 (a superset of Latin-1's printable range, and what pages without a
charset really use when they are not UTF-8).
"""

from __future__ import annotations

import codecs
import re

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")


def _known(name: str) -> str | None:
    try:
        codec = codecs.lookup(name)
    except LookupError:
        return None
    # Pages that declare latin-1 or ascii are nearly always windows-1252 in fact
    # (the WHATWG encoding standard maps them so); decode them the same way.
    if codec.name in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    # A page cannot really be UTF-16 if we are reading its declaration as ASCII.
    if codec.name.startswith("utf-16") or codec.name.startswith("utf-32"):
        return "utf-8"
    return codec.name


def declared_encoding(data: bytes) -> str | None:
    """The charset a document declares in its first 4 KiB, if it is one we know."""
    head = data[:4096]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if match is None:
        return None
    return _known(match.group(1).decode("ascii", "replace"))


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data``; returns the text and the encoding used. Never raises."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(name, errors="replace"), name
    encoding = _known(declared) if declared else declared_encoding(data)
    if encoding and encoding != "utf-8":
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            pass  # The declaration lied; fall through to detection.
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if encoding == "utf-8":
        # Declared UTF-8 but not valid: mostly UTF-8 with a few stray bytes is far
        # more common than a wrong declaration, so keep UTF-8 and replace the strays.
        text = data.decode("utf-8", errors="replace")
        if text.count("\ufffd") * 200 < len(text):
            return text, "utf-8"
    return data.decode("cp1252", errors="replace"), "cp1252"
