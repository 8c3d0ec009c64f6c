"""Pathological pages (issue 6): each imports into a real library, or is refused with
one line naming the file and the reason, and what is imported reads right.

Inputs come from ``tests/pathological.py`` (generated, never committed); their time
and memory are measured by ``bench/pathological.py`` (docs/BENCHMARKS.md), never
asserted here. The heaviest cases (the 50 MB line, the 100,000-item feed) cost a
few seconds each: they run in the normal suite on purpose.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from rich.cells import cell_len

from tests import pathological as gen
from tui.cli import main
from tui.ingest import IngestError, parse_bytes
from tui.ingest.dispatch import MAX_ARTICLE_CHARS
from tui.library import ImportCancelled, Library
from tui.model import Article, ParsedArticle
from tui.nlp import analyze
from tui.reading.layout import Layout, layout

CONTROL_OR_BIDI = {"\x00", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e"}


def import_one(library_dir: Path, folder: Path, name: str, data: bytes) -> Article:
    """Write ``data`` as ``name``, import it, and open the one article it gave."""
    folder.mkdir(exist_ok=True)
    (folder / name).write_bytes(data)
    with Library.open(library_dir) as library:
        report = library.import_paths([folder / name])
        assert not report.failures, report.failures
        ((_path, meta),) = report.imported
        article = library.article(meta.id)
    assert article is not None
    return article


def refusal(library_dir: Path, folder: Path, name: str, data: bytes) -> str:
    """Import ``data`` as ``name``; the one failure's reason (nothing may be stored)."""
    folder.mkdir(exist_ok=True)
    (folder / name).write_bytes(data)
    with Library.open(library_dir) as library:
        report = library.import_paths([folder / name])
        assert not report.imported
        ((path, reason),) = report.failures
        assert path.name == name
        assert len(library) == 0
    assert "\n" not in reason
    return reason


def check_layout(article: Article, width: int) -> Layout:
    """Lay the article out as the reader does and check every line fits the pane and
    every highlight lands on a line."""
    lines = layout(article, width)
    for line in lines.lines:
        assert cell_len(line.text) <= width, line.text
        assert not set(line.text) & CONTROL_OR_BIDI
    assert len(lines.highlight_lines) == len(lines.highlights)
    return lines


def check_analysis(article: Article) -> None:
    """Offsets returned are inside the text and in order (the issue's property)."""
    assert article.analysis is not None
    text = article.text
    for span in [*article.analysis.entities, *article.analysis.quotes]:
        assert 0 <= span.start < span.end <= len(text)
    starts = [q.start for q in article.analysis.quotes]
    assert starts == sorted(starts)


# -- 1 MB of nested <div>s ------------------------------------------------------


@pytest.mark.parametrize("closed", [False, True], ids=["unclosed", "closed"])
def test_a_megabyte_of_nested_divs_imports_the_story_inside(
    library_dir: Path, tmp_path: Path, closed: bool
) -> None:
    data = gen.nested_divs(1 << 20, closed=closed)
    assert len(data) >= 1_000_000
    article = import_one(library_dir, tmp_path / "in", "deep.html", data)
    assert article.title == "Deep page"
    assert article.text == gen.NESTED_STORY
    check_analysis(article)
    assert "Anna Berg" in {e.canonical for e in article.analysis.entities}  # type: ignore[union-attr]
    check_layout(article, 60)


# -- a 50 MB single-line text ------------------------------------------------------


def test_a_50_mb_single_line_is_refused_at_once_with_the_limit(
    library_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "line.txt").write_bytes(gen.long_line(50_000_000))
    code = main(["--library", str(library_dir), "import", str(folder / "line.txt")])
    err = capsys.readouterr().err.splitlines()
    assert code == 1
    assert err[0] == (
        f"lede: {folder / 'line.txt'}: 48.4 million characters: one article may have "
        "2 million; split it"
    )
    with Library.open(library_dir, read_only=True) as library:
        assert len(library) == 0


def test_a_long_single_line_under_the_limit_imports_whole_and_wraps(
    library_dir: Path, tmp_path: Path
) -> None:
    data = gen.long_line(1_500_000)
    article = import_one(library_dir, tmp_path / "in", "line.txt", data)
    text = data.decode()
    assert len(article.blocks) == 1
    assert article.text == text.strip()  # One paragraph, every character kept.
    check_analysis(article)
    assert len(article.analysis.quotes) > 10_000  # type: ignore[union-attr]
    lines = check_layout(article, 80)
    assert len(lines) > len(text) // 80


def test_the_article_limit_holds_for_html_and_feed_items_too() -> None:
    paragraph = "<p>" + "word " * 100_000 + "</p>"
    page = f"<!DOCTYPE html><html><head><title>Big</title></head><body>{paragraph * 5}"
    limit = r"2\.5 million characters: one article may have 2 million"
    with pytest.raises(IngestError, match=limit) as error:
        parse_bytes(page.encode(), "big.html")
    assert str(error.value).startswith("big.html: ")
    item = f"<item><title>Big</title><description>{'word ' * 500_000}</description></item>"
    small = "<item><title>Small</title><description>A short story.</description></item>"
    feed = f'<?xml version="1.0"?><rss><channel>{small}{item}</channel></rss>'
    with pytest.raises(IngestError, match=r"item 2: 2\.5 million characters"):
        parse_bytes(feed.encode(), "feed.xml")
    fits = "x" * (MAX_ARTICLE_CHARS - 10)
    assert parse_bytes(fits.encode(), "long.txt")[0].blocks[0].text == fits


# -- 10,000 paragraphs ----------------------------------------------------------------


def test_ten_thousand_paragraphs_import_in_order_and_analyse(
    library_dir: Path, tmp_path: Path
) -> None:
    article = import_one(library_dir, tmp_path / "in", "many.html", gen.many_paragraphs(10_000))
    assert article.title == "Ten thousand paragraphs"
    assert len(article.blocks) == 10_000
    numbers = [int(b.text.split(":", 1)[0].removeprefix("Paragraph ")) for b in article.blocks]
    assert numbers == list(range(10_000))
    check_analysis(article)
    quotes = article.analysis.quotes  # type: ignore[union-attr]
    assert len(quotes) == 10_000
    assert {q.speaker for q in quotes} == {"Maria Lopez"}
    lines = check_layout(article, 100)
    assert len(lines) >= 20_000  # Every paragraph and the blank line before it.


# -- all quotation marks ------------------------------------------------------------


def test_a_text_page_of_only_quotation_marks_is_refused_as_no_text(
    library_dir: Path, tmp_path: Path
) -> None:
    reason = refusal(library_dir, tmp_path / "in", "quotes.txt", gen.all_quotes(1 << 20))
    assert reason == "no article text found"


def test_an_html_page_of_only_quotation_marks_is_analysed_without_blow_up(
    library_dir: Path, tmp_path: Path
) -> None:
    article = import_one(library_dir, tmp_path / "in", "quotes.html", gen.all_quotes(html=True))
    assert article.title == "Quotation marks"
    assert set(article.text) <= set(gen.QUOTE_MARKS) | {" "}
    assert len(article.text) > 700_000
    check_analysis(article)
    assert article.analysis.entities == []  # type: ignore[union-attr]
    check_layout(article, 50)


def test_the_analyser_takes_a_megabyte_of_quotation_marks_with_newlines() -> None:
    text = gen.all_quotes(1 << 20).decode()
    analysis = analyze(text)
    for quote in analysis.quotes:
        assert 0 <= quote.start < quote.end <= len(text)
    assert analysis.entities == []


def test_ten_thousand_quotations_that_never_close_stay_paragraphs(
    library_dir: Path, tmp_path: Path
) -> None:
    article = import_one(library_dir, tmp_path / "in", "open.html", gen.unclosed_quotes())
    assert len(article.blocks) == 10_000
    check_analysis(article)
    # An opening mark with no closing one is not a quotation: none swallows the page.
    assert all(q.end - q.start < 200 for q in article.analysis.quotes)  # type: ignore[union-attr]
    check_layout(article, 70)


# -- right-to-left and mixed scripts --------------------------------------------------


def test_right_to_left_and_mixed_scripts_keep_their_logical_order(
    library_dir: Path, tmp_path: Path
) -> None:
    article = import_one(library_dir, tmp_path / "in", "scripts.html", gen.mixed_scripts())
    # Stored exactly as written (logical order, no reordering, no added bidi marks):
    # the terminal's bidi handling, if any, displays it.
    assert article.title == gen.ARABIC_TITLE
    assert [b.text for b in article.blocks] == [gen.ARABIC_MIXED, gen.HEBREW_MIXED, gen.CJK]
    assert article.meta.language == "ar"
    check_analysis(article)
    names = {(e.text, e.type) for e in article.analysis.entities}  # type: ignore[union-attr]
    assert {("Dana Cohen", "PERSON"), ("World Bank", "ORG"), ("Tel Aviv", "PLACE")} <= names
    for mention in article.analysis.entities:  # type: ignore[union-attr]
        assert article.text[mention.start : mention.end] == mention.text
    lines = check_layout(article, 24)
    # CJK has no spaces: it is cut between characters, two cells each, in order.
    body = "".join(line.text[line.body :] for line in lines.lines if line.body >= 0)
    assert gen.CJK.replace(" ", "") in body.replace(" ", "")


def test_right_to_left_titles_list_and_search(library_dir: Path, tmp_path: Path) -> None:
    import_one(library_dir, tmp_path / "in", "scripts.html", gen.mixed_scripts())
    with Library.open(library_dir) as library:
        # Reopened from listing.bin (what the app starts on): the title survives
        # the packed column byte for byte.
        assert list(library.store.listing().titles) == [gen.ARABIC_TITLE]
        hits = library.search("Cohen")
        assert [hit.title for hit in hits] == [gen.ARABIC_TITLE]


# -- zero-width and combining characters -----------------------------------------------


def test_zero_width_and_combining_characters_are_kept_as_written(
    library_dir: Path, tmp_path: Path
) -> None:
    data = gen.zero_width_and_combining()
    article = import_one(library_dir, tmp_path / "in", "invisible.md", data)
    # The cleaner removes control characters only: zero-width format characters
    # (ZWNJ is spelling in Persian, ZWJ builds emoji) and combining marks are text.
    assert article.title == "Invisible\u200b characters"
    assert [b.text for b in article.blocks] == [gen.ZERO_WIDTH, gen.COMBINING]
    assert unicodedata.normalize("NFC", article.text).startswith("Zero\u200bwidth")
    check_analysis(article)
    lines = check_layout(article, 30)
    # Sixty stacked marks take no cells: the line holding them still fits 30 cells.
    zalgo = next(line for line in lines.lines if "\u0336" in line.text)
    assert cell_len(zalgo.text) <= 30 < len(zalgo.text)


# -- NUL bytes -----------------------------------------------------------------------


def test_nul_bytes_in_a_text_page_are_removed(library_dir: Path, tmp_path: Path) -> None:
    data = gen.nul_text(1 << 20)
    assert data.count(b"\x00") > 5_000
    article = import_one(library_dir, tmp_path / "in", "nul.txt", data)
    assert "\x00" not in article.text
    assert article.title == "Harbour stays open"
    assert article.text.count("Maria Lopez") == data.count(b"Maria Lopez")
    check_analysis(article)


def test_nul_bytes_in_html_and_feeds_are_removed(tmp_path: Path) -> None:
    # One NUL per paragraph: under the 1 % of the first KiB that makes a file binary.
    para = (
        b"<p>The council met in Lisbon and agreed\x00 the harbour budget after a long "
        b"debate, and the mayor said the work on the quay would start in the spring.</p>"
    )
    page = b"<!DOCTYPE html><html><head><title>Nul\x00 page</title></head><body><article>"
    (article,) = parse_bytes(page + para * 20 + b"</article></body></html>", "nul.html")
    assert article.title == "Nul page"
    assert article.blocks[0].text.startswith("The council met in Lisbon and agreed the harbour")
    story = "The council met in Lisbon and agreed the harbour budget after a long debate. " * 3
    feed = (
        b'<?xml version="1.0"?><rss><channel><item><title>Nul\x00 item</title>'
        b"<description>Text\x00 with a NUL. " + story.encode() + b"</description></item>"
        b"</channel></rss>"
    )
    (item,) = parse_bytes(feed, "nul.xml")
    assert (item.title, item.text) == ("Nul item", "Text with a NUL. " + story.strip())


def test_a_file_mostly_of_nul_bytes_is_refused_as_binary(
    library_dir: Path, tmp_path: Path
) -> None:
    data = b"Title\n\n" + b"\x00\x00\x00\x00 text " * 2000
    reason = refusal(library_dir, tmp_path / "in", "nul.txt", data)
    assert reason == "binary file (NUL bytes), not an article"


# -- a feed with 100,000 items ------------------------------------------------------


def test_a_feed_of_100000_items_gives_100000_articles_in_order() -> None:
    articles: list[ParsedArticle] = parse_bytes(gen.big_feed(100_000), "feed.xml")
    assert len(articles) == 100_000
    assert [a.title for a in articles[:2]] == ["Item 0", "Item 1"]
    assert articles[-1].title == "Item 99999"
    assert articles[-1].url == "https://example.com/story/99999"
    assert {a.source for a in articles} == {"Big Feed"}


def test_a_big_feed_is_stored_in_chunks_with_its_raw_page_once(
    library_dir: Path, tmp_path: Path
) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_bytes(gen.big_feed(1_200))
    with Library.open(library_dir) as library:
        report = library.import_paths([feed], analyze=False)
        assert len(report.imported) == 1_200
        ids = [meta.id for _path, meta in report.imported]
        refs = {str(library.store.bodies.read_body(i)["raw"]) for i in ids}  # type: ignore[index]
        assert len(refs) == 1  # Three chunks, one copy of the feed's bytes.
        assert library.raw_bytes(ids[-1]) == feed.read_bytes()
        packs = list((library_dir / "raw").iterdir())
        assert sum(p.stat().st_size for p in packs) < len(feed.read_bytes())
        last = library.article(ids[-1])
        assert last is not None and last.title == "Item 1199"


def test_a_big_feed_can_be_cancelled_between_chunks_and_resumed(
    library_dir: Path, tmp_path: Path
) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_bytes(gen.big_feed(1_200))
    calls: list[tuple[int, int]] = []

    def cancel_in_the_file(done: int, total: int, _path: Path) -> None:
        calls.append((done, total))
        raise ImportCancelled

    with Library.open(library_dir) as library:
        report = library.import_paths([feed], analyze=False, progress=cancel_in_the_file)
        assert report.cancelled
        assert calls == [(0, 1)]  # Still on the one file: 0 of 1 done.
        assert len(report.imported) == 500  # The first chunk, committed.
    with Library.open(library_dir) as library:
        assert len(library) == 500
        report = library.import_paths([feed], analyze=False)
        assert (len(report.imported), len(report.duplicates)) == (700, 500)
        assert len(library) == 1_200
