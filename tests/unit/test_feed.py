"""RSS and Atom import: every item an article, full content when there is some, XML kept safe."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tui.ingest.errors import IngestError
from tui.ingest.feed import parse_feed

RSS_FULL = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>The Daily Example</title>
  <link>https://example.com/</link>
  <language>en-gb</language>
  <item>
    <title>Council approves marsh plan &amp;amp; budget</title>
    <link>https://example.com/marsh</link>
    <description>A short summary.</description>
    <content:encoded><![CDATA[<p>The council <b>voted</b> on Tuesday.</p>
      <h2>What next</h2>
      <blockquote><p>It is a good day.</p></blockquote>
      <ul><li>Forty hectares</li><li>Five years</li></ul>
      <p>Work starts&nbsp;soon.<script>alert(1)</script></p>]]></content:encoded>
    <pubDate>Wed, 14 Jan 2026 10:00:00 +0000</pubDate>
    <dc:creator>Jane Doe</dc:creator>
    <author>jd@example.com (Jane Doe)</author>
    <category>Politics</category>
    <category>Local</category>
  </item>
  <item>
    <title>Second story</title>
    <guid>https://example.com/second</guid>
    <content:encoded>&lt;p&gt;Second body.&lt;/p&gt;</content:encoded>
  </item>
</channel>
</rss>"""

RSS_SUMMARY = b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Summaries</title>
  <item>
    <title>Only a summary</title>
    <link>https://example.com/s</link>
    <description>&lt;p&gt;First line of the story&lt;/p&gt;
      &lt;p&gt;and a second.&lt;/p&gt;</description>
    <pubDate>Tue, 13 Jan 2026 08:30:00 GMT</pubDate>
  </item>
  <item><title>Plain</title><description>Plain text summary.</description></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
  <title type="html">Le &lt;b&gt;Site&lt;/b&gt;</title>
  <link href="https://example.fr/"/>
  <entry>
    <title>Entry one</title>
    <link rel="alternate" href="/one"/>
    <published>2026-01-13T09:00:00+01:00</published>
    <updated>2026-01-14T10:00:00Z</updated>
    <author><name>Ann Roe</name></author>
    <author><name>Bob Poe</name></author>
    <category term="tech" label="Tech"/>
    <summary>The summary.</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">
      <p>Full <em>text</em> one.</p><p>Full text two.</p></div></content>
  </entry>
  <entry>
    <title type="text">Entry two</title>
    <link href="https://example.fr/two"/>
    <updated>2026-01-14</updated>
    <summary type="html">&lt;p&gt;Only the summary.&lt;/p&gt;</summary>
  </entry>
  <entry>
    <title>Entry three</title>
    <content type="html">&lt;h3&gt;Head&lt;/h3&gt;&lt;p&gt;Body.&lt;/p&gt;</content>
  </entry>
</feed>"""

RDF = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://example.org/"><title>RDF Site</title></channel>
  <item rdf:about="https://example.org/1">
    <title>RDF item</title><description>RDF text.</description><dc:date>2026-01-02</dc:date>
    <dc:subject>Science</dc:subject>
  </item>
</rdf:RDF>"""


def test_rss_with_full_content() -> None:
    first, second = parse_feed(RSS_FULL, path="feed.xml")
    assert first.title == "Council approves marsh plan & budget"
    assert first.source == "The Daily Example"
    assert first.url == "https://example.com/marsh"
    assert first.published == "2026-01-14T10:00:00+00:00"
    assert first.bylines == ["Jane Doe"]
    assert first.tags == ["Politics", "Local"]
    assert first.language == "en-gb"
    assert first.format == "rss"
    assert not first.summary_only
    assert [(b.kind, b.text) for b in first.blocks] == [
        ("paragraph", "The council voted on Tuesday."),
        ("heading", "What next"),
        ("quote", "It is a good day."),
        ("list_item", "Forty hectares"),
        ("list_item", "Five years"),
        ("paragraph", "Work starts soon."),
    ]
    assert second.url == "https://example.com/second"
    assert [b.text for b in second.blocks] == ["Second body."]


def test_rss_summary_only() -> None:
    first, second = parse_feed(RSS_SUMMARY)
    assert first.summary_only and second.summary_only
    assert [b.text for b in first.blocks] == ["First line of the story", "and a second."]
    assert first.published == "2026-01-13T08:30:00+00:00"
    assert first.source == "Summaries"
    assert [b.text for b in second.blocks] == ["Plain text summary."]


def test_atom_content_and_summary() -> None:
    one, two, three = parse_feed(ATOM)
    assert one.source == "Le Site"
    assert one.format == "atom"
    assert one.url == "https://example.fr/one"
    assert one.published == "2026-01-13T09:00:00+01:00"
    assert one.bylines == ["Ann Roe", "Bob Poe"]
    assert one.tags == ["Tech"]
    assert one.language == "fr"
    assert not one.summary_only
    assert [b.text for b in one.blocks] == ["Full text one.", "Full text two."]
    assert two.summary_only
    assert two.published == "2026-01-14"
    assert [b.text for b in two.blocks] == ["Only the summary."]
    assert [(b.kind, b.text) for b in three.blocks] == [
        ("heading", "Head"),
        ("paragraph", "Body."),
    ]


def test_rss_1_rdf() -> None:
    (item,) = parse_feed(RDF)
    assert item.title == "RDF item"
    assert item.source == "RDF Site"
    assert item.url == "https://example.org/1"
    assert item.published == "2026-01-02"
    assert item.tags == ["Science"]


def test_item_without_title_takes_its_first_sentence() -> None:
    data = (
        b"<rss><channel><item><description>No title here. More text.</description>"
        b"</item></channel></rss>"
    )
    (item,) = parse_feed(data)
    assert item.title == "No title here."


def test_broken_xml_names_the_line() -> None:
    data = b"<rss>\n<channel>\n<item><title>x</title>\n</channel></rss>"
    with pytest.raises(IngestError, match=r"not well-formed XML: line 4"):
        parse_feed(data, path="broken.xml")


def test_billion_laughs_is_rejected_fast() -> None:
    entities = "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    data = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol0 "lol">{entities}]>'
        "<rss><channel><item><title>&lol9;</title><description>x</description></item>"
        "</channel></rss>"
    ).encode()
    started = time.perf_counter()
    with pytest.raises(IngestError, match="XML entity declarations are not allowed"):
        parse_feed(data)
    assert time.perf_counter() - started < 0.5


def test_external_entity_is_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    data = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        "<rss><channel><item><title>t</title><description>&xxe;</description></item>"
        "</channel></rss>"
    ).encode()
    with pytest.raises(IngestError, match="entity") as caught:
        parse_feed(data)
    assert "TOP SECRET" not in str(caught.value)


def test_external_dtd_is_never_fetched() -> None:
    data = (
        b'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "http://127.0.0.1:9/rss.dtd">'
        b"<rss><channel><item><title>T</title><description>a &copy; b</description>"
        b"</item></channel></rss>"
    )
    (item,) = parse_feed(data)
    assert item.blocks[0].text == "a © b"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<rss><channel><title>Empty</title></channel></rss>", "feed has no items"),
        (b'<feed xmlns="http://www.w3.org/2005/Atom"><title>E</title></feed>', "no items"),
        (
            b"<rss><channel><item><title>Headline only</title></item></channel></rss>",
            "no article text",
        ),
        (b"<html><body/></html>", "not an RSS or Atom feed"),
    ],
)
def test_feeds_without_articles_are_errors(data: bytes, reason: str) -> None:
    with pytest.raises(IngestError, match=reason):
        parse_feed(data)


def test_latin1_feed_and_stray_control_characters() -> None:
    data = (
        '<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><title>Caf\xe9</title>'
        "<item><title>Cr\xe8me\x0b</title><description>D\xe9j\xe0 vu.</description></item>"
        "</channel></rss>"
    ).encode("latin-1")
    (item,) = parse_feed(data)
    assert item.source == "Café"
    assert item.title == "Crème"
    assert item.blocks[0].text == "Déjà vu."


def test_two_thousand_items() -> None:
    item = "<item><title>Item {0}</title><description>Text {0}.</description></item>"
    data = "<rss><channel>" + "".join(item.format(i) for i in range(2000)) + "</channel></rss>"
    articles = parse_feed(data.encode())
    assert len(articles) == 2000
    assert articles[-1].title == "Item 1999"


def test_absurdly_nested_item_is_skipped_not_fatal() -> None:
    deep = b"<div>" * 5000 + b"deep" + b"</div>" * 5000
    data = (
        b'<feed xmlns="http://www.w3.org/2005/Atom">'
        b'<entry><title>Deep</title><content type="xhtml">'
        b'<div xmlns="http://www.w3.org/1999/xhtml">' + deep + b"</div></content></entry>"
        b"<entry><title>Fine</title><summary>Ok.</summary></entry></feed>"
    )
    (article,) = parse_feed(data)
    assert article.title == "Fine"
