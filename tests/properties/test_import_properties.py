"""Every importer, any input: articles with a title and text, or IngestError, in time.

Hypothesis builds bytes, tag soup, feeds, Markdown, text pages and JSON that
look enough like the real thing to get past the sniffer; the checks are
``fuzz.common``'s, the same the atheris harnesses make.
"""

from __future__ import annotations

import json
from typing import Any
from xml.sax.saxutils import escape

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz import common
from tui.ingest.encoding import decode_bytes
from tui.ingest.feed import parse_feed
from tui.ingest.html_page import parse_html
from tui.ingest.markdown import parse_markdown
from tui.ingest.sniff import FORMATS, sniff
from tui.ingest.text_page import parse_text_page

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NAMES = ["page.html", "page.txt", "page.md", "feed.xml", "feed.rss", "backup.json", "noext"]

#: Characters that break parsers: markup, entities, quotes, controls, odd spaces.
SPECIAL = list("<>&\"'`*_#[]()!-=|:;/\\\t\n\r\x00\x07\x1b\x85\xa0\u2028\u3000\ufeff“”‘’—…")
words = st.sampled_from(
    ["the", "Marco", "Rubio", "said", "U.S.", "Commerce", "Department", "By", "Jane", "Doe"]
)
text = st.lists(st.one_of(words, st.sampled_from(SPECIAL), st.text(max_size=6)), max_size=30).map(
    " ".join
)


def _name_and_bytes() -> st.SearchStrategy[tuple[bytes, str]]:
    return st.tuples(st.binary(max_size=600), st.sampled_from(NAMES))


@SETTINGS
@given(_name_and_bytes())
def test_any_bytes_under_any_name(case: tuple[bytes, str]) -> None:
    data, name = case
    common.import_bytes(data, name)


# HTML ---------------------------------------------------------------------------------
TAGS = ["p", "div", "article", "span", "b", "a", "h1", "h2", "li", "ul", "blockquote", "br",
        "script", "style", "table", "td", "header", "nav", "pre", "img", "dgv"]  # fmt: skip
ATTRS = st.sampled_from(
    ['', ' class="ad"', ' class="article-body"', ' id="content"', ' itemprop="articleBody"',
     ' href="javascript:x"', ' class="share social"', " hidden", ' role="main"']
)  # fmt: skip
html_node = st.recursive(
    text.map(escape) | text,
    lambda children: st.builds(
        lambda tag, attrs, inner, close: (
            f"<{tag}{attrs}>{''.join(inner)}" + (f"</{tag}>" if close else "")
        ),
        st.sampled_from(TAGS),
        ATTRS,
        st.lists(children, max_size=4),
        st.booleans(),
    ),
    max_leaves=25,
)
HEADS = [
    "",
    "<!DOCTYPE html>",
    "<!DOCTYPE html><html><head><title>T &amp; x</title></head>",
    '<html><head><meta property="og:title" content="OG"><script type="application/ld+json">'
    '{"@type": "NewsArticle", "headline": "H", "author": [{"name": "A"}]}</script></head>',
]


@SETTINGS
@given(st.sampled_from(HEADS), st.lists(html_node, max_size=6))
def test_html_ish(head: str, body: list[str]) -> None:
    data = (head + "<body>" + "".join(body)).encode("utf-8", "surrogatepass")
    common.run_importer(lambda: parse_html(data, path="x.html"), len(data), "parse_html")
    common.import_bytes(data, "x.html")


# Feeds --------------------------------------------------------------------------------
def _field(tag: str, value: str, mode: str) -> str:
    if mode == "cdata":
        return f"<{tag}><![CDATA[{value}]]></{tag}>"
    if mode == "raw":
        return f"<{tag}>{value}</{tag}>"  # often invalid XML: IngestError is fine
    return f"<{tag}>{escape(value)}</{tag}>"


feed_field = st.tuples(
    st.sampled_from(["title", "description", "content:encoded", "pubDate", "author",
                     "dc:creator", "link", "guid", "category", "summary", "content"]),
    st.one_of(text, html_node),
    st.sampled_from(["escaped", "cdata", "raw"]),
)  # fmt: skip


@SETTINGS
@given(
    st.sampled_from(["rss", "atom", "rdf"]),
    st.lists(st.lists(feed_field, max_size=6), max_size=4),
    st.booleans(),
)
def test_feed_ish(kind: str, items: list[list[tuple[str, str, str]]], entity: bool) -> None:
    body = "".join(
        ("<item>" if kind != "atom" else "<entry>")
        + "".join(_field(*field) for field in fields)
        + ("</item>" if kind != "atom" else "</entry>")
        for fields in items
    )
    ns = ' xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="x"'
    doctype = '<!DOCTYPE r [<!ENTITY e "boom">]>' if entity else ""
    if kind == "rss":
        doc = f'<rss version="2.0"{ns}><channel><title>C</title>{body}</channel></rss>'
    elif kind == "atom":
        doc = f'<feed xmlns="http://www.w3.org/2005/Atom"{ns[:60]}>{body}</feed>'
    else:
        doc = (
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            f'xmlns="http://purl.org/rss/1.0/"{ns}>{body}</rdf:RDF>'
        )
    data = f'<?xml version="1.0" encoding="utf-8"?>{doctype}{doc}'.encode("utf-8", "replace")
    common.run_importer(lambda: parse_feed(data, path="f.xml"), len(data), "parse_feed")
    common.import_bytes(data, "f.xml")


# Markdown and text pages --------------------------------------------------------------
md_line = st.one_of(
    text,
    text.map(lambda t: "# " + t),
    text.map(lambda t: "## " + t),
    text.map(lambda t: "> " + t),
    text.map(lambda t: "- " + t),
    text.map(lambda t: "1. " + t),
    st.sampled_from(["```", "~~~", "---", "===", "", "***", "    code", "| a | b |", "|---|---|"]),
    st.tuples(text, text).map(lambda p: f"[{p[0]}]({p[1].replace(' ', '')})"),
    text.map(lambda t: f"**{t}** _{t}_ `{t}`"),
    text.map(lambda t: f"<div>{t}</div>"),
)
front_matter = st.one_of(
    st.just(""),
    st.lists(
        st.tuples(st.sampled_from(["title", "author", "date", "tags", "source", "x"]), text),
        max_size=4,
    ).map(lambda kv: "---\n" + "".join(f"{k}: {v}\n" for k, v in kv) + "---\n"),
)


@SETTINGS
@given(front_matter, st.lists(md_line, max_size=25))
def test_markdown_ish(front: str, lines: list[str]) -> None:
    source = front + "\n".join(lines)
    data = source.encode("utf-8", "surrogatepass")
    decoded, _encoding = decode_bytes(data)
    common.run_importer(lambda: parse_markdown(decoded, path="x.md"), len(data), "markdown")
    common.import_bytes(data, "x.md")


text_line = st.one_of(
    text,
    words.map(lambda w: f"By {w} {w}"),
    st.sampled_from(["", "Tuesday 14 January 2026", "2020-01-02", "Advertisement", "Share",
                     "Related:", "* * *", "Photo: Reuters", "Updated 10:00 GMT", "—"]),
)  # fmt: skip


@SETTINGS
@given(st.lists(text_line, max_size=30))
def test_text_page_ish(lines: list[str]) -> None:
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    decoded, _encoding = decode_bytes(data)
    common.run_importer(lambda: parse_text_page(decoded, path="x.txt"), len(data), "text page")
    common.import_bytes(data, "x.txt")


# JSON backups -------------------------------------------------------------------------
json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | text,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["format", "version", "articles", "x"]), children, max_size=4
        )
    ),
    max_leaves=15,
)


@SETTINGS
@given(json_value, st.sampled_from(["lede-backup", "other", None]), st.booleans())
def test_backup_ish_json(value: Any, marker: str | None, truncate: bool) -> None:
    if marker is not None:
        value = {"format": marker, "version": 1, "articles": value}
    data = json.dumps(value).encode()
    if truncate:
        data = data[: len(data) // 2]
    with common.timed(len(data), "sniff"):
        kind = common.guarded(lambda: sniff(data, "backup.json"))
    assert kind is None or kind in FORMATS
    articles = common.import_bytes(data, "backup.json")
    if kind == "lede-backup":
        assert json.loads(data)["format"] == "lede-backup"
        assert articles == []
    if marker == "lede-backup" and not truncate:
        assert kind == "lede-backup"
