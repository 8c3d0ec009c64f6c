"""The sniffer trusts content over the file name, and refuses what is not text."""

from __future__ import annotations

import time

import pytest

from tui.ingest.errors import IngestError
from tui.ingest.sniff import sniff

RSS = b'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>T</title></channel></rss>'
RDF = (
    b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
    b' xmlns="http://purl.org/rss/1.0/"><channel/></rdf:RDF>'
)
ATOM = b'<?xml version="1.0"?>\n<!-- a comment -->\n<feed xmlns="http://www.w3.org/2005/Atom"/>'
HTML = b"<!DOCTYPE html>\n<html><head><title>x</title></head><body><p>Hi</p></body></html>"
FRAGMENT = b"<p>First paragraph.</p>\n<p>Second paragraph.</p>"
MARKDOWN_FRONT = b"---\ntitle: A story\ntags: [a, b]\n---\n\nHello there.\n"
MARKDOWN_HEADING = b"# A story\n\nSome **bold** text and a [link](https://example.com).\n"
TEXT = b"Example Times\n\nA headline here\n\nA paragraph of text. It ends.\n"
BACKUP = b'{"version": 1, "format": "lede-backup", "articles": []}'


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (RSS, "feed.html", "rss"),
        (RSS, "feed.txt", "rss"),
        (RDF, "feed.xml", "rss"),
        (ATOM, "page.html", "atom"),
        (ATOM, "notes.md", "atom"),
        (HTML, "page.txt", "html"),
        (HTML, "page.md", "html"),
        (b"\xef\xbb\xbf  " + HTML, "page", "html"),
        (FRAGMENT, "fragment.txt", "html"),
        (b"Just text, <b>bold</b> once.", "page.html", "html"),
        (MARKDOWN_FRONT, "story.txt", "markdown"),
        (MARKDOWN_HEADING, "story.txt", "markdown"),
        (b"Plain words only.\n", "story.md", "markdown"),
        (TEXT, "story.html", "text"),
        (TEXT, "story.txt", "text"),
        (TEXT, "no-suffix", "text"),
        (BACKUP, "backup.txt", "lede-backup"),
        ("A story in UTF-16.\n".encode("utf-16"), "story.txt", "text"),
        (b"{ not json but text", "a.txt", "text"),
    ],
)
def test_sniff_by_content(data: bytes, name: str, expected: str) -> None:
    assert sniff(data, name) == expected


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", b"\xef\xbb\xbf\n"])
def test_empty_input_is_an_error(data: bytes) -> None:
    with pytest.raises(IngestError, match="empty file"):
        sniff(data, "empty.txt")


@pytest.mark.parametrize(
    ("data", "label"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"GIF89a\x01\x00", "GIF"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "PDF"),
        (b"PK\x03\x04\x14\x00", "ZIP"),
        (b"\x1f\x8b\x08\x00", "gzip"),
        (b"Some text\x00with a NUL byte", "NUL"),
        (bytes(range(1, 32)) * 40, "control"),
    ],
)
def test_binary_input_is_an_error(data: bytes, label: str) -> None:
    with pytest.raises(IngestError, match=label):
        sniff(data, "article.txt")


def test_text_that_starts_like_a_magic_number_is_still_text() -> None:
    assert sniff(b"BMW recalls cars\n\nThe carmaker said so.", "a.txt") == "text"
    assert sniff(b"ID3 tags explained\n\nA short piece.", "a.txt") == "text"


def test_json_that_is_not_a_backup_is_refused() -> None:
    with pytest.raises(IngestError, match="not a Lede backup"):
        sniff(b'{"format": "something-else"}', "data.json")


def test_unknown_xml_is_refused() -> None:
    with pytest.raises(IngestError, match="unsupported XML"):
        sniff(b'<?xml version="1.0"?><catalog/>', "data.xml")


@pytest.mark.parametrize(
    "data",
    [b"---\n" + b"-a: b\n" * 40, b"**" + b"a" * 60_000, b"[a](" * 20_000, b"<p " * 20_000],
)
def test_hostile_input_is_sniffed_fast(data: bytes) -> None:
    started = time.perf_counter()
    sniff(data, "x.txt")
    assert time.perf_counter() - started < 0.5


def test_text_that_mentions_a_tag_is_still_text() -> None:
    data = b"Web basics\n\nPut the stylesheet link inside the <head> element, not the body.\n"
    assert sniff(data, "notes.txt") == "text"
