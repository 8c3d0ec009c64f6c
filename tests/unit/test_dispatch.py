"""parse_bytes: one call for every format, the sniffer choosing the importer."""

from __future__ import annotations

import importlib.util

import pytest

from tui.ingest import IngestError, parse_bytes
from tui.ingest.sniff import sniff
from tui.model import Block, ParsedArticle

TEXT = (
    "Valley Post\n\nMonday, 2 June 2025\n\nFloods close the valley road for a week\n\n"
    + "The river rose again overnight and crews worked until dawn to clear the road. " * 3
).encode("cp1252")
FEED = (
    b"<rss><channel><title>Feed</title>"
    b"<item><title>One</title><description>First.</description></item>"
    b"<item><title>Two</title><description>Second.</description></item>"
    b"</channel></rss>"
)
MARKDOWN = "# Café notes\n\nSome *text* here.\n".encode()


def test_text_page_dispatch() -> None:
    (article,) = parse_bytes(TEXT, "page.html")
    assert article.format == "text"
    assert article.title == "Floods close the valley road for a week"
    assert article.published == "2025-06-02"


def test_feed_dispatch_returns_every_item() -> None:
    articles = parse_bytes(FEED, "feed.txt")
    assert [a.title for a in articles] == ["One", "Two"]
    assert {a.source for a in articles} == {"Feed"}


def test_markdown_dispatch_decodes_utf8() -> None:
    (article,) = parse_bytes(MARKDOWN, "notes.txt")
    assert article.title == "Café notes"
    assert article.blocks[0].text == "Some text here."


def test_backup_is_left_to_the_library() -> None:
    data = b'{"format": "lede-backup", "articles": []}'
    assert sniff(data, "backup.json") == "lede-backup"
    assert parse_bytes(data, "backup.json") == []


@pytest.mark.parametrize("data", [b"", b"\x89PNG\r\n\x1a\n", b"<rss><channel>"])
def test_errors_carry_the_file_name(data: bytes) -> None:
    with pytest.raises(IngestError) as caught:
        parse_bytes(data, "bad.xml")
    assert caught.value.path == "bad.xml"


@pytest.mark.skipif(
    importlib.util.find_spec("tui.ingest.html_page") is None, reason="HTML importer not yet there"
)
def test_html_dispatch() -> None:
    body = "<p>" + "The council voted on Tuesday to approve the plan. " * 6 + "</p>"
    page = (
        "<!DOCTYPE html><html><head><title>Marsh plan</title></head><body><article>"
        f"<h1>Marsh plan approved</h1>{body}</article></body></html>"
    )
    (article,) = parse_bytes(page.encode(), "page.txt")
    assert article.format == "html"
    assert article.blocks


@pytest.mark.skipif(
    importlib.util.find_spec("tui.ingest.html_page") is None, reason="HTML importer not yet there"
)
def test_dispatch_holds_the_html_importer_to_the_contract(monkeypatch: pytest.MonkeyPatch) -> None:
    import tui.ingest.html_page as html_page

    def untitled(data: bytes, *, path: str | None = None) -> ParsedArticle:
        return ParsedArticle(
            title=" ", blocks=[Block("paragraph", "Body text. More.")], format="html"
        )

    monkeypatch.setattr(html_page, "parse_html", untitled)
    (article,) = parse_bytes(b"<html><body><p>x</p></body></html>", "page.html")
    assert article.title == "Body text."

    def empty(data: bytes, *, path: str | None = None) -> ParsedArticle:
        return ParsedArticle(title="Title", blocks=[Block("paragraph", " ")], format="html")

    monkeypatch.setattr(html_page, "parse_html", empty)
    with pytest.raises(IngestError, match="no article text found"):
        parse_bytes(b"<html><body><p>x</p></body></html>", "page.html")
