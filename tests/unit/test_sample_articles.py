"""The bundled sample library: the seed is untouched, every format is present, files are
well formed, and every quotation of a real person is one the seed reports word for word.

Only the standard library is used, so these checks do not depend on the importers.
"""

from __future__ import annotations

import hashlib
import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "sample_articles"
SEED = SAMPLES / "000_8274fb328f49e36a.txt"
SEED_SHA256 = "83dbf71efb3e9f4f1debd76edd681dddee8c30691e096bc78d66e0e87601d9ed"

ATOM_NS = "{http://www.w3.org/2005/Atom}"
CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"

# Real people whose words may only be quoted as the seed reports them.
REAL_SPEAKERS = re.compile(r"\b(?:Geng|Lu Xiang|Lu|Ku|Rubio)\b")
# The invented people who may say new things; nobody else may.
FICTIONAL_SPEAKERS = re.compile(r"\b(?:Ellison|Wren|Okafor)\b")
QUOTE = re.compile(r"“([^“”]+)”|\"([^\"\n]+)\"")
# Scare quotes and quoted titles: too short to be anybody's statement.
MAX_UNATTRIBUTED_WORDS = 3

BLOCK_END = re.compile(
    r"</(?:p|li|h[1-6]|blockquote|div|section|ul|ol|header)\s*>|<br\s*/?>", re.I
)
SCRIPT_STYLE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.I | re.S)
TAG = re.compile(r"<[^>]+>")
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
RICH_MARKUP = re.compile(r"\[/?[a-z][a-z0-9 #_.=-]*\]")


def _seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def _articles() -> list[Path]:
    return sorted(p for p in SAMPLES.iterdir() if p.is_file() and p != SEED)


def _by_suffix(*suffixes: str) -> list[Path]:
    return [p for p in _articles() if p.suffix in suffixes]


def _html_to_text(markup: str) -> str:
    markup = SCRIPT_STYLE.sub("", markup)
    markup = BLOCK_END.sub("\n\n", markup)
    return html.unescape(TAG.sub("", markup))


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


def _feed_items(path: Path) -> list[ET.Element]:
    root = ET.parse(path).getroot()
    if root.tag == "rss":
        return root.findall("./channel/item")
    return root.findall(f"{ATOM_NS}entry")


def _item_text(item: ET.Element) -> str:
    """An item's text; the HTML inside content/description is turned into paragraphs."""
    chunks = [el.text for el in item.iter() if el.text and el.text.strip()]
    return _html_to_text("\n\n".join(chunks))


def _documents() -> list[tuple[str, str]]:
    """(name, prose) for every article: one per file, one per feed item."""
    docs: list[tuple[str, str]] = []
    for path in _articles():
        raw = path.read_text(encoding="utf-8")
        if path.suffix in (".rss", ".xml", ".atom"):
            for n, item in enumerate(_feed_items(path)):
                docs.append((f"{path.name}#{n}", _item_text(item)))
        elif path.suffix == ".html":
            docs.append((path.name, _html_to_text(raw)))
        elif path.suffix == ".md":
            body = FRONT_MATTER.sub("", raw)
            docs.append((path.name, re.sub(r"(?m)^>\s?", "", body)))
        else:
            docs.append((path.name, raw))
    return docs


def _quotes(paragraph: str) -> list[str]:
    return [(a or b).strip().rstrip(",.;:").strip() for a, b in QUOTE.findall(paragraph)]


DOCUMENTS = _documents()


def test_seed_is_present_and_unchanged() -> None:
    assert hashlib.sha256(SEED.read_bytes()).hexdigest() == SEED_SHA256


def test_enough_articles_and_sensible_names() -> None:
    articles = _articles()
    assert len(articles) >= 20
    for path in articles:
        assert re.fullmatch(r"\d{3}_[a-z0-9-]+\.(?:html|md|txt|rss|xml|atom)", path.name), path


def test_every_format_is_present() -> None:
    assert len(_by_suffix(".html")) >= 6
    assert len(_by_suffix(".md")) >= 4
    assert len(_by_suffix(".txt")) >= 4  # the seed is not counted
    roots = {ET.parse(p).getroot().tag for p in _by_suffix(".rss", ".xml", ".atom")}
    assert "rss" in roots
    assert f"{ATOM_NS}feed" in roots


def test_xml_files_are_well_formed_feeds() -> None:
    for path in _by_suffix(".rss", ".xml", ".atom"):
        root = ET.parse(path).getroot()
        items = _feed_items(path)
        if root.tag == "rss":
            assert root.get("version") == "2.0"
            assert root.findtext("./channel/title")
            assert len(items) >= 4
            assert any(i.find(CONTENT_ENCODED) is not None for i in items)
            assert any(i.find(CONTENT_ENCODED) is None for i in items)
        else:
            assert root.findtext(f"{ATOM_NS}title")
            assert len(items) >= 3
            contents = [i.find(f"{ATOM_NS}content") for i in items]
            assert any(c is not None and c.get("type") == "html" for c in contents)
            assert any(c is None for c in contents)


def test_html_pages_have_canonical_and_og_title() -> None:
    for path in _by_suffix(".html"):
        raw = path.read_text(encoding="utf-8")
        canonical = re.search(r'<link rel="canonical" href="(https://[^"]+\.example/[^"]*)"', raw)
        assert canonical, path.name
        assert re.search(r'<meta property="og:title" content="[^"]+"', raw), path.name
        assert re.search(r"<title>[^<]+ \| [^<]+</title>", raw), path.name
        assert "<article" in raw and "<h1" in raw, path.name
        assert re.search(r"<time\b[^>]*\bdatetime=", raw), path.name


def test_markdown_front_matter() -> None:
    for path in _by_suffix(".md"):
        match = FRONT_MATTER.match(path.read_text(encoding="utf-8"))
        assert match, path.name
        keys = dict(line.split(":", 1) for line in match.group(1).splitlines())
        assert {"title", "source", "url", "date", "author", "tags"} <= keys.keys(), path.name
        assert re.fullmatch(r" 20\d\d-\d\d-\d\d", keys["date"]), path.name


def test_every_article_quotes_someone() -> None:
    for name, text in DOCUMENTS:
        assert any(_quotes(p) for p in _paragraphs(text)), name


def test_real_speakers_are_quoted_only_as_the_seed_reports() -> None:
    seed = _seed_text()
    for name, text in DOCUMENTS:
        for paragraph in _paragraphs(text):
            if not REAL_SPEAKERS.search(paragraph):
                continue
            for quote in _quotes(paragraph):
                assert quote in seed, f"{name}: {quote!r}"


def test_new_quotations_come_only_from_invented_people() -> None:
    seed = _seed_text()
    for name, text in DOCUMENTS:
        for paragraph in _paragraphs(text):
            for quote in _quotes(paragraph):
                if quote in seed or len(quote.split()) <= MAX_UNATTRIBUTED_WORDS:
                    continue
                assert FICTIONAL_SPEAKERS.search(paragraph), f"{name}: {quote!r}"
                assert not REAL_SPEAKERS.search(paragraph), f"{name}: {quote!r}"


@pytest.mark.parametrize("path", _articles(), ids=lambda p: p.name)
def test_clean_text(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    assert not CONTROL.search(raw.replace("\n", "")), path.name
    prose = FRONT_MATTER.sub("", raw) if path.suffix == ".md" else raw
    assert not RICH_MARKUP.search(prose), path.name
