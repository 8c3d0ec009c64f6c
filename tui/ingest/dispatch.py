"""One entry point for every importer: bytes and a file name in, articles out.

The sniffer picks the importer from the content (the name only breaks ties), so
callers never choose a parser.

One article may hold at most :data:`MAX_ARTICLE_CHARS` characters of text. No
news article comes near it (a long feature is ~100,000), and the reader lays
an article out on opening it, at about 0.6 s per million characters, so a 50 MB
one-line file would freeze the app for half a minute each time it is opened.
Plain text and Markdown are measured before they are parsed, so refusing a
huge file costs only reading and decoding it. A Lede backup is recognised but not read here:
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
from tui.ingest.textclean import first_sentence, fold, strip_controls
from tui.model import ParsedArticle

__all__ = ["MAX_ARTICLE_CHARS", "parse_bytes"]

#: Characters of text one article may have (about 300,000 words).
MAX_ARTICLE_CHARS = 2_000_000


def _too_long(chars: int) -> str:
    # Under 80 characters: the app's import report shows no more of a reason.
    limit = MAX_ARTICLE_CHARS // 1_000_000
    return f"{chars / 1e6:.1f} million characters: one article may have {limit} million; split it"


def _check_size(articles: list[ParsedArticle]) -> list[ParsedArticle]:
    """Refuse a file with an article too long to read (see the module doc)."""
    for n, article in enumerate(articles, 1):
        chars = sum(len(block.text) for block in article.blocks)
        if chars > MAX_ARTICLE_CHARS:
            where = f"item {n}: " if len(articles) > 1 else ""
            raise IngestError(where + _too_long(chars))
    return articles


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
        # Control characters are no text (a page can hold a lone BEL in a <p>): a
        # block or title made of them alone must not stand for one.
        for block in article.blocks:
            block.text = strip_controls(block.text)
        article.blocks = [block for block in article.blocks if block.text.strip()]
        if not article.blocks:
            raise IngestError("no article text found", name)
        article.title = fold(article.title)
        if not article.title:
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
            return _check_size(_checked(_parse_html(data, name), name))
        if kind in ("rss", "atom"):
            return _check_size(parse_feed(data, path=name))
        text, _encoding = decode_bytes(data)
        if len(text) > MAX_ARTICLE_CHARS:
            raise IngestError(_too_long(len(text)), name)
        if kind == "markdown":
            return [parse_markdown(text, path=name)]
        if kind == "text":
            return [parse_text_page(text, path=name)]
    except IngestError as error:
        if error.path is None:
            error.path = name
        raise
    raise IngestError(f"unsupported format: {kind}", name)
