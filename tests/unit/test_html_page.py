"""The HTML article extractor: metadata, body, boilerplate, encodings, bad input.

Every page here is small and written for the test; none is a benchmark page.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tui.ingest.errors import IngestError
from tui.ingest.html_meta import normalise_date, normalise_language, strip_site_suffix
from tui.ingest.html_page import parse_html
from tui.model import ParsedArticle


def _load_scoring() -> ModuleType:
    """bench/ is not an installed package: load the scorer from its file."""
    path = Path(__file__).resolve().parents[2] / "bench" / "scoring.py"
    spec = importlib.util.spec_from_file_location("lede_bench_scoring", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


scoring = _load_scoring()

PARAS = [
    "The harbour council voted on Tuesday to approve the new sea wall, ending a dispute "
    "that had lasted for more than three years.",
    "Residents, who packed the town hall, said the plan would protect homes on the "
    "lower quay from winter storms, though some worried about the cost.",
    "Work is due to start in the spring and should be finished before the end of next "
    "year, according to the council's engineering department.",
]


def page(body: str, head: str = "", lang: str = "en") -> bytes:
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">{head}</head>'
        f"<body>{body}</body></html>"
    ).encode()


def article_body(extra: str = "") -> str:
    paras = "".join(f"<p>{p}</p>" for p in PARAS)
    return f"<article><h1>Sea wall approved</h1>{paras}{extra}</article>"


def parse(data: bytes) -> ParsedArticle:
    return parse_html(data, path="test.html")


# --- metadata ---------------------------------------------------------------


def test_open_graph_metadata() -> None:
    head = (
        '<meta property="og:title" content="Sea wall approved | Harbour Times">'
        '<meta property="og:site_name" content="Harbour Times">'
        '<meta property="og:url" content="https://example.org/sea-wall">'
        '<meta property="og:description" content="A three-year dispute ends.">'
        '<meta property="article:published_time" content="2024-03-05T09:30:00Z">'
        '<meta name="author" content="By Ann Lee and Bob Roy">'
    )
    art = parse(page(article_body(), head))
    assert art.format == "html"
    assert art.title == "Sea wall approved"
    assert art.source == "Harbour Times"
    assert art.url == "https://example.org/sea-wall"
    assert art.published == "2024-03-05T09:30:00+00:00"
    assert art.bylines == ["Ann Lee", "Bob Roy"]
    assert art.standfirst == "A three-year dispute ends."
    assert art.language == "en"


def test_json_ld_graph_and_author_list() -> None:
    data = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": "Ignored"},
            {
                "@type": ["NewsArticle"],
                "headline": "Council backs sea wall",
                "datePublished": "2024-03-05",
                "author": [{"@type": "Person", "name": "Ann Lee"}, {"name": "Bob Roy"}],
                "publisher": {"@type": "Organization", "name": "Harbour Times"},
            },
        ],
    }
    head = f'<script type="application/ld+json">{json.dumps(data)}</script>'
    art = parse(page(article_body(), head))
    assert art.title == "Council backs sea wall"
    assert art.published == "2024-03-05"
    assert art.bylines == ["Ann Lee", "Bob Roy"]
    assert art.source == "Harbour Times"


def test_json_ld_top_level_list_and_broken_json() -> None:
    good = [{"@type": "BlogPosting", "headline": "From a list", "author": "Cy Doe"}]
    head = (
        '<script type="application/ld+json">{not json</script>'
        f'<script type="application/ld+json">{json.dumps(good)}</script>'
    )
    art = parse(page(article_body(), head))
    assert art.title == "From a list"
    assert art.bylines == ["Cy Doe"]


def test_time_element_canonical_and_title_suffix() -> None:
    head = (
        "<title>Sea wall approved - The Harbour Times</title>"
        '<link rel="canonical" href="https://example.org/a/1">'
    )
    body = article_body().replace(
        "<h1>",
        '<p class="byline">By Dee Fox</p><time datetime="2024-03-05T10:00:00+01:00">'
        "5 March</time><h1>",
    )
    art = parse(page(body, head))
    assert art.url == "https://example.org/a/1"
    assert art.published == "2024-03-05T10:00:00+01:00"
    assert art.title == "Sea wall approved"
    assert art.bylines == ["Dee Fox"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("By Sarah E. Needleman", ["Sarah E. Needleman"]),
        ("ANN LEE AND BOB ROY", ["ANN LEE", "BOB ROY"]),
        ("João e Maria", ["João", "Maria"]),
        ("https://facebook.com/someone", []),
    ],
)
def test_byline_splitting(raw: str, expected: list[str]) -> None:
    head = f'<meta name="author" content="{raw}">'
    assert parse(page(article_body(), head)).bylines == expected


def test_url_is_not_a_source_name() -> None:
    head = '<meta property="og:site_name" content="https://www.example.org">'
    assert parse(page(article_body(), head)).source is None


def test_title_falls_back_to_h1_and_not_repeated_in_body() -> None:
    art = parse(page(article_body()))
    assert art.title == "Sea wall approved"
    assert art.blocks[0].text == PARAS[0]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2024-03-05T09:30:00Z", "2024-03-05T09:30:00+00:00"),
        ("2024-03-05 09:30", "2024-03-05T09:30:00"),
        ("20240305", "2024-03-05"),
        ("2024/3/5", "2024-03-05"),
        ("Tue, 05 Mar 2024 09:30:00 GMT", "2024-03-05T09:30:00+00:00"),
        ("March 5, 2024", "2024-03-05"),
        ("soon", None),
    ],
)
def test_normalise_date(raw: str, expected: str | None) -> None:
    assert normalise_date(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"), [("en", "en"), ("EN-us", "en-US"), ("pt_BR", "pt-BR"), ("", None)]
)
def test_normalise_language(raw: str, expected: str | None) -> None:
    assert normalise_language(raw) == expected


def test_language_from_og_locale_when_html_has_none() -> None:
    data = page(article_body(), '<meta property="og:locale" content="pt_BR">', lang="")
    assert parse(data).language == "pt-BR"


def test_strip_site_suffix_keeps_dashed_headlines() -> None:
    assert strip_site_suffix("Storm hits coast | BBC News", "BBC News") == "Storm hits coast"
    assert strip_site_suffix("Storm hits coast - Daily Post", None) == "Storm hits coast"
    assert strip_site_suffix("Mid-term results", None) == "Mid-term results"


def test_standfirst_dropped_when_it_is_the_first_paragraph() -> None:
    head = f'<meta name="description" content="{PARAS[0][:80]}...">'
    assert parse(page(article_body(), head)).standfirst == ""


# --- body and boilerplate ---------------------------------------------------------

JUNK = {
    "nav": '<nav><ul><li><a href="/">Home</a></li><li><a href="/w">World news</a></li></ul></nav>',
    "share": '<div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Tweet'
    " this story</a></div>",
    "cookie": '<div id="cookie-notice"><p>We use cookies to improve your experience on '
    "this site. Accept all cookies?</p></div>",
    "comments": '<section class="comments"><p>Great article, I completely agree with the '
    "council on this one.</p><p>Terrible decision, what a waste of money for everyone."
    "</p></section>",
    "related": '<div class="related-stories"><h3>More stories</h3><ul><li><a href="/x">'
    "Lighthouse keeper retires after forty years</a></li></ul></div>",
    "footer": "<footer><p>Copyright 2024 Harbour Times. All rights reserved worldwide.</p>"
    "</footer>",
    "newsletter": '<div class="newsletter-signup"><p>Get the morning briefing in your '
    "inbox every day.</p></div>",
}


@pytest.mark.parametrize("name", sorted(JUNK))
def test_boilerplate_removed(name: str) -> None:
    body = JUNK["nav"] + article_body(JUNK[name]) + JUNK["footer"]
    art = parse(page(body))
    assert [b.text for b in art.blocks] == PARAS


def test_all_boilerplate_at_once() -> None:
    body = JUNK["nav"] + JUNK["cookie"] + article_body("".join(JUNK.values())) + JUNK["footer"]
    assert parse(page(body)).text == "\n\n".join(PARAS)


def test_block_kinds_in_reading_order() -> None:
    body = (
        "<article><h1>Title here</h1>"
        f"<p>{PARAS[0]}</p><h2>What happens next</h2><p>{PARAS[1]}</p>"
        "<blockquote><p>We have waited long enough for this wall.</p></blockquote>"
        "<ul><li>Phase one: the foundations</li><li>Phase two: the wall itself</li></ul>"
        f"<p>{PARAS[2]}</p></article>"
    )
    kinds = [(b.kind, b.text) for b in parse(page(body)).blocks]
    assert kinds == [
        ("paragraph", PARAS[0]),
        ("heading", "What happens next"),
        ("paragraph", PARAS[1]),
        ("quote", "We have waited long enough for this wall."),
        ("list_item", "Phase one: the foundations"),
        ("list_item", "Phase two: the wall itself"),
        ("paragraph", PARAS[2]),
    ]


def test_whitespace_normalised_and_br_separates_words() -> None:
    body = f"<article><p>  {PARAS[0]}\n\n   more<br>words   here </p><p>{PARAS[1]}</p></article>"
    first = parse(page(body)).blocks[0].text
    assert first == f"{PARAS[0]} more words here"


def test_captions_are_not_body_text() -> None:
    figure = '<figure><img src="a.jpg" alt="The quay"><figcaption>Photo: J. Smith</figcaption>'
    art = parse(page(article_body(figure + "</figure>")))
    assert "Smith" not in art.text


def test_text_outside_paragraphs_is_found() -> None:
    text = "<br><br>".join(PARAS)
    body = f'<div class="menu"><a href="/">Home</a></div><div class="story">{text}</div>'
    art = parse(page(body))
    assert [b.text for b in art.blocks] == PARAS


def test_embedded_post_in_social_wrapper_is_kept() -> None:
    tweet = (
        '<div class="social-embed"><blockquote class="twitter-tweet"><p>The wall is a '
        "long overdue step for the lower quay.</p></blockquote></div>"
    )
    assert "long overdue" in parse(page(article_body(tweet))).text


def test_wrapper_named_like_a_sidebar_is_not_dropped() -> None:
    body = f'<div class="page-with-sidebar">{article_body()}</div><aside>Ads</aside>'
    assert parse(page(body)).text == "\n\n".join(PARAS)


# --- encodings ---------------------------------------------------------------


def test_latin1_without_charset() -> None:
    data = (
        "<html><body><article><p>Le café du port a rouvert ses portes après des mois de "
        "travaux, et les habitués sont revenus dès le premier matin.</p></article></body></html>"
    ).encode("latin-1")
    assert "café" in parse(data).text


def test_cp1252_curly_quotes_without_charset() -> None:
    sentence = "\u201cWe are delighted,\u201d said the harbour master after the long meeting."
    data = f"<html><body><p>{sentence}</p></body></html>".encode("cp1252")
    assert b"\x93" in data
    assert parse(data).text == sentence


def test_declared_charset_is_used() -> None:
    sentence = "Привет, гавань: совет одобрил строительство новой морской стены в среду."
    data = (
        f'<html><head><meta charset="windows-1251"></head><body><p>{sentence}</p></body></html>'
    ).encode("cp1251")
    assert parse(data).text == sentence


def test_invalid_utf8_bytes_do_not_crash() -> None:
    data = page(article_body()).replace(b"council", b"coun\xff\xfecil", 1)
    art = parse(data)
    assert len(art.blocks) == 3


def test_utf8_bom() -> None:
    assert parse(b"\xef\xbb\xbf" + page(article_body())).text == "\n\n".join(PARAS)


# --- bad input -----------------------------------------------------------------


def test_malformed_html() -> None:
    data = (
        "<html><body><div><p>" + PARAS[0] + "<p>" + PARAS[1] + "</b></i></div></span>"
        "<table><tr><td><p>" + PARAS[2] + "</div></div><!-- never closed"
    ).encode()
    assert [b.text for b in parse(data).blocks] == PARAS


@pytest.mark.parametrize("depth", [2_000, 100_000])
def test_deeply_nested_divs(depth: int) -> None:
    data = ("<div>" * depth + f"<p>{PARAS[0]}</p>" + "</div>" * depth).encode()
    assert parse(data).text == PARAS[0]


def test_a_megabyte_of_unclosed_divs() -> None:
    data = ("<div>Some words " * 70_000).encode()
    assert len(data) > 1_000_000
    assert parse(data).text.startswith("Some words Some words")


def test_no_article_text() -> None:
    data = page(JUNK["nav"] + "<div><p>Hi</p></div>" + JUNK["footer"])
    with pytest.raises(IngestError, match="no article text found"):
        parse(data)


@pytest.mark.parametrize(
    "data",
    [b"", b"\x00" * 100, os.urandom(4096), b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8],
)
def test_garbage_raises_only_ingest_error(data: bytes) -> None:
    with pytest.raises(IngestError) as caught:
        parse(data)
    assert caught.value.path == "test.html"


# --- the benchmark scorer ------------------------------------------------------------


def test_scorer_tokens_and_f1() -> None:
    tokens, f1 = scoring.tokens, scoring.f1
    assert tokens("Ｃafé ﬁne, 2019! 東京タワー") == [
        "café",
        "fine",
        "2019",
        "東",
        "京",
        "タ",
        "ワ",
        "ー",
    ]
    assert f1("a b c", "a b c") == 1.0
    assert f1("", "a") == 0.0
    assert f1("a a b", "a b b") == pytest.approx(2 / 3)
