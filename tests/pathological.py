"""Pathological inputs for issue 6, generated (never committed): shared by the tests
in ``tests/integration/test_pathological_pages.py`` and by ``bench/pathological.py``,
so the benchmark measures exactly what the tests check.

Each generator returns the file's bytes; sizes are parameters so the tests can
use the sizes the issue names and the benchmark can scale them.
"""

from __future__ import annotations

#: A sentence of news prose with names, a place and a quotation, so the analyser
#: has real work on every repetition (plain lorem ipsum would flatter it).
PROSE = (
    "\u201cWe will keep the harbour open,\u201d said Maria Lopez of the Harbour Trust "
    "in Lisbon on Tuesday, as the council met again. "
)

NESTED_STORY = (
    "The mayor, Anna Berg, said the new bridge over the river would open in the "
    "spring after years of delay and argument in the council chamber."
)

#: Right-to-left and mixed scripts, in logical (stored) order.
ARABIC_TITLE = "\u0627\u0644\u0645\u062c\u0644\u0633 \u064a\u0648\u0627\u0641\u0642 \u0639\u0644\u0649 \u0627\u0644\u0645\u064a\u0632\u0627\u0646\u064a\u0629 2025"  # noqa: E501
HEBREW_MIXED = (
    "\u05e8\u05d0\u05e9 \u05d4\u05e2\u05d9\u05e8 \u05d0\u05de\u05e8 \u05db\u05d9 "
    "Tel Aviv \u05ea\u05e4\u05ea\u05d7 \u05d0\u05ea \u05d4\u05ea\u05d7\u05e0\u05d4 "
    "\u05d1-2026, "
    "\u05d5\u05e9\u05d4\u05e2\u05dc\u05d5\u05ea \u05d4\u05d9\u05d0 120 "
    "\u05de\u05d9\u05dc\u05d9\u05d5\u05df \u20aa (NIS), said Dana Cohen."
)
ARABIC_MIXED = (
    "\u0642\u0627\u0644 \u0627\u0644\u0648\u0632\u064a\u0631 \u0625\u0646 "
    "\u0627\u0644\u0645\u0634\u0631\u0648\u0639 \u0633\u064a\u0628\u062f\u0623 "
    "\u0641\u064a \u0645\u0627\u0631\u0633 with support from the World Bank "
    "\u0648\u0628\u062a\u0643\u0644\u0641\u0629 3.5 \u0645\u0644\u064a\u0627\u0631."
)
CJK = (
    "\u6771\u4eac\u90fd\u306f\u6c34\u66dc\u65e5\u3001\u65b0\u3057\u3044\u6a4b\u306e"
    "\u5efa\u8a2d\u8a08\u753b\u3092\u767a\u8868\u3057\u305f\u3002\u5e02\u9577\u306f"
    "\u300c\u6765\u5e74\u306e\u6625\u306b\u958b\u901a\u3059\u308b\u300d\u3068\u8a9e"
    "\u3063\u305f\u3002\u4e2d\u6587\u4e5f\u5728\u8fd9\u91cc\uff1a\u5e02\u653f\u5e9c"
    "\u5ba3\u5e03\u4e86\u65b0\u7684\u9884\u7b97\u3002\ud55c\uad6d\uc5b4 \ubb38\uc7a5\ub3c4 "
    "\uc788\uc2b5\ub2c8\ub2e4."
)

#: Zero-width and combining characters: ZWSP, ZWNJ (Persian needs it), ZWJ in an
#: emoji sequence, a BOM mid-text, a decomposed accent and a "Zalgo" pile-up.
ZERO_WIDTH = (
    "Zero\u200bwidth space, \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 "
    "(ZWNJ), a family \U0001f468\u200d\U0001f469\u200d\U0001f467 (ZWJ), a "
    "stray\ufeffBOM and a word joiner\u2060here."
)
COMBINING = (
    "Cafe\u0301 and na\u0131\u0308ve are decomposed; Z" + "\u0336\u0334\u0335" * 60 + "algo "
    "text stacks many marks on one letter, and the story goes on after it."
)


def nested_divs(size: int = 1 << 20, *, closed: bool = False) -> bytes:
    """A page of ``size`` bytes that is nothing but nested ``<div>``s around one story."""
    head = b"<!DOCTYPE html><html><head><title>Deep page</title></head><body>"
    story = f"<p>{NESTED_STORY}</p>".encode()
    depth = (size - len(head) - len(story)) // (11 if closed else 5)
    tail = b"</div>" * depth if closed else b""
    return head + b"<div>" * depth + story + tail + b"</body></html>"


def long_line(size: int = 50_000_000) -> bytes:
    """A text file of ``size`` bytes of prose on one line (no newline at all)."""
    unit = PROSE.encode()
    return (unit * (size // len(unit) + 1))[:size]


def many_paragraphs(count: int = 10_000) -> bytes:
    """An HTML article of ``count`` paragraphs, each numbered so order can be checked."""
    paragraphs = "".join(
        f"<p>Paragraph {n}: \u201cWe will keep going,\u201d said Maria Lopez of the "
        f"Harbour Trust in Lisbon, as talks went on.</p>\n"
        for n in range(count)
    )
    return (
        "<!DOCTYPE html><html><head><title>Ten thousand paragraphs</title></head><body>"
        f"<article><h1>Ten thousand paragraphs</h1>{paragraphs}</article></body></html>"
    ).encode()


QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u201a\u2039\u203a\u300c\u300d"


def all_quotes(size: int = 1 << 20, *, html: bool = False) -> bytes:
    """A page of about ``size`` bytes that is only quotation marks (mixed kinds): as
    plain text, one line of marks after another; as HTML, one paragraph of them."""
    unit = " ".join(QUOTE_MARKS) + " " + '"' * 40 + "\n"
    text = (unit * (size // len(unit.encode()) + 1)).encode()
    text = text[: text.rfind(b"\n", 0, size) + 1]
    if not html:
        return text
    head = b"<!DOCTYPE html><html><head><title>Quotation marks</title></head><body><p>"
    return head + text[: size - len(head) - 18] + b"</p></body></html>"


def unclosed_quotes(count: int = 10_000) -> bytes:
    """An HTML page of ``count`` paragraphs, each opening a quotation it never closes."""
    paragraphs = "".join(
        f"<p>\u201cParagraph {n} opens a quotation by Anna Berg and never closes it</p>\n"
        for n in range(count)
    )
    return (
        "<!DOCTYPE html><html><head><title>Open quotes</title></head><body>"
        f"<article>{paragraphs}</article></body></html>"
    ).encode()


def mixed_scripts() -> bytes:
    """An HTML page in Arabic, Hebrew, Latin and CJK (right-to-left and wide text)."""
    return (
        '<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">'
        f"<title>{ARABIC_TITLE}</title></head><body><article>"
        f"<h1>{ARABIC_TITLE}</h1><p>{ARABIC_MIXED}</p>"
        f'<p dir="rtl">{HEBREW_MIXED}</p><p lang="ja">{CJK}</p>'
        "</article></body></html>"
    ).encode()


def zero_width_and_combining() -> bytes:
    """A Markdown page whose paragraphs carry zero-width and combining characters."""
    return f"# Invisible\u200b characters\n\n{ZERO_WIDTH}\n\n{COMBINING}\n".encode()


def nul_text(size: int = 1 << 20) -> bytes:
    """A text page of prose with a NUL byte after every sentence past the first KiB."""
    head = ("Harbour stays open\n\n" + PROSE * 10).encode()
    body = (PROSE.encode() + b"\x00") * (max(0, size - len(head)) // (len(PROSE.encode()) + 1))
    return head + body


def big_feed(items: int = 100_000) -> bytes:
    """An RSS feed of ``items`` distinct items, each with a link and a short story."""
    parts = [
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        "<title>Big Feed</title><link>https://example.com/</link>"
    ]
    parts.extend(
        f"<item><title>Item {n}</title><link>https://example.com/story/{n}</link>"
        f"<description>Story {n}: the council of Lisbon met Maria Lopez again."
        "</description></item>"
        for n in range(items)
    )
    parts.append("</channel></rss>")
    return "".join(parts).encode()
