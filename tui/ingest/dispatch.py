"""One entry point for every importer: bytes and a file name in, articles out.

The sniffer picks the importer from the content (the name only breaks ties), so
callers never choose a parser. A Lede backup is recognised but not read here:
restoring one touches the library (ids, notes, bookmarks), so :func:`parse_bytes`
returns an empty list for it and the library layer, which also calls
:func:`tui.ingest.sniff.sniff`, restores it itself.
"""

from __future__ import annotations

from tui.ingest.encoding import decode_bytes
from tui.ingest.errors import IngestError
from tui.ingest.feed import parse_feed
from tui.ingest.markdown import parse_markdown
from tui.ingest.sniff import sniff
from tui.ingest.text_page import parse_text_page
from tui.ingest.textclean import first_sentence
from tui.model import ParsedArticle

__all__ = ["parse_bytes"]


def _parse_html(data: bytes, name: str) -> list[ParsedArticle]:
    # Imported here so the other importers work even while html_page is missing.
    try:
        from tui.ingest.html_page import parse_html
    except ImportError:
        raise IngestError("HTML import is not available", name) from None
    return [parse_html(data, path=name)]


def _checked(articles: list[ParsedArticle], name: str) -> list[ParsedArticle]:
    """Hold every importer to the contract: a title and at least one block of text."""
    for article in articles:
        article.blocks = [block for block in article.blocks if block.text.strip()]
        if not article.blocks:
            raise IngestError("no article text found", name)
        if not article.title.strip():
            article.title = first_sentence(article.blocks[0].text)
    return articles


def parse_bytes(data: bytes, name: str) -> list[ParsedArticle]:
    """Articles in one file's bytes; IngestError (with the name) for unusable input.

    A "lede-backup" file yields ``[]``: the library restores backups itself.
    """
    try:
        kind = sniff(data, name)
        if kind == "lede-backup":
            return []
        if kind == "html":
            return _checked(_parse_html(data, name), name)
        if kind in ("rss", "atom"):
            return parse_feed(data, path=name)
        text, _encoding = decode_bytes(data)
        if kind == "markdown":
            return [parse_markdown(text, path=name)]
        if kind == "text":
            return [parse_text_page(text, path=name)]
    except IngestError as error:
        if error.path is None:
            error.path = name
        raise
    raise IngestError(f"unsupported format: {kind}", name)
