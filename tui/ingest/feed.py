"""RSS 2.0, RSS 1.0 (RDF) and Atom files: every item becomes an article.

Safety first, because a feed is XML from anywhere: the parser is expat driven
directly, any ``<!ENTITY`` declaration stops the parse before anything expands
(so "billion laughs" and external entities never run), and nothing is fetched.
Items are converted and dropped as soon as they close, so a feed of 100,000
items costs one pass and the memory of one item at a time.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from copy import deepcopy
from html.entities import name2codepoint
from xml.parsers import expat

from tui.ingest.dates import parse_date
from tui.ingest.encoding import decode_bytes
from tui.ingest.errors import IngestError
from tui.ingest.html_fragment import fragment_to_blocks, fragment_to_text, text_to_blocks
from tui.ingest.textclean import first_sentence, fold
from tui.ingest.urls import join_url
from tui.model import Block, ParsedArticle

__all__ = ["parse_feed"]

ATOM = "http://www.w3.org/2005/Atom"
ATOM_03 = "http://purl.org/atom/ns#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XML_NS = "http://www.w3.org/XML/1998/namespace"
_XML_LANG = f"{{{XML_NS}}}lang"
_XML_BASE = f"{{{XML_NS}}}base"

_ITEM_PARENTS = frozenset({"channel", "RDF", "feed"})
_ITEMS = frozenset({"item", "entry"})
# Characters XML 1.0 forbids; feeds carry them anyway, and expat would stop.
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NAMED_ENTITY = re.compile(r"&(?!(?:amp|lt|gt|quot|apos);)([A-Za-z][A-Za-z0-9]{1,31});")
_AUTHOR_EMAIL = re.compile(r"^\s*\S+@\S+\s*\((?P<name>[^)]+)\)\s*$")
_EMAIL_ONLY = re.compile(r"^\s*\S+@\S+\s*$")
_ENTITY_REF = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _namespace(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def _html_entities_to_numeric(text: str) -> str:
    """HTML named entities (``&nbsp;``) are undefined in XML; many feeds use them anyway."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in name2codepoint:
            return match.group(0)
        return f"&#{name2codepoint[name]};"

    return _NAMED_ENTITY.sub(replace, text)


class _Item:
    """The children of one item, by local name, for cheap repeated lookups."""

    __slots__ = ("children", "element")

    def __init__(self, element: ET.Element) -> None:
        self.element = element
        self.children: dict[str, list[ET.Element]] = {}
        for child in element:
            self.children.setdefault(_local(child.tag), []).append(child)

    def all(self, name: str) -> list[ET.Element]:
        return self.children.get(name, [])

    def first(self, name: str) -> ET.Element | None:
        found = self.children.get(name)
        return found[0] if found else None

    def text(self, *names: str) -> str:
        for name in names:
            for child in self.all(name):
                value = (child.text or "").strip()
                if value:
                    return value
        return ""


def _plain_title(value: str) -> str:
    """RSS titles are text, but double-escaped entities and stray tags are common."""
    if "<" in value:
        return fragment_to_text(value)
    if _ENTITY_REF.search(value):
        value = html.unescape(value)
    return fold(value)


def _atom_markup(element: ET.Element) -> tuple[str, str]:
    """An Atom text construct as (kind, markup): kind is "html" or "text"."""
    kind = (element.get("type") or "text").lower()
    if kind == "xhtml" or kind.endswith("xml"):
        # The content is a namespaced <div>: serialise its children as plain HTML.
        # A deep copy, not a serialise-and-parse round trip: ElementTree writes
        # attribute values (NULs, say) that it cannot read back.
        copy = deepcopy(element)
        for node in copy.iter():
            if isinstance(node.tag, str):
                node.tag = _local(node.tag)
            node.attrib.clear()
        inner = (copy.text or "") + "".join(
            ET.tostring(child, encoding="unicode", method="html") for child in copy
        )
        return "html", inner
    if kind in ("html", "text/html"):
        return "html", element.text or ""
    return "text", "".join(element.itertext())


def _atom_text(element: ET.Element | None) -> str:
    if element is None:
        return ""
    kind, markup = _atom_markup(element)
    return fragment_to_text(markup) if kind == "html" else fold(markup)


def _atom_blocks(element: ET.Element | None) -> list[Block]:
    if element is None or element.get("src"):
        return []  # Out-of-line content lives elsewhere; we never fetch.
    kind, markup = _atom_markup(element)
    return fragment_to_blocks(markup) if kind == "html" else text_to_blocks(markup)


def _rss_author(value: str) -> str:
    if len(value) > 300:
        return ""  # not a name; and keeps the e-mail patterns cheap
    match = _AUTHOR_EMAIL.match(value)
    if match:
        return fold(match.group("name"))
    if _EMAIL_ONLY.match(value):
        return ""
    return fold(value)


def _unique(values: list[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for value in values:
        key = value.casefold()
        if value and key not in seen:
            seen.add(key)
            out.append(value)
    return out


def _finish(
    fmt: str,
    title: str,
    blocks: list[Block],
    *,
    summary_only: bool,
    url: str | None,
    published: str | None,
    bylines: list[str],
    tags: list[str],
    language: str | None,
) -> ParsedArticle | None:
    if not blocks:
        return None  # A headline with no text is not an article we can show.
    if not title:
        title = first_sentence(blocks[0].text)
    return ParsedArticle(
        title=title,
        blocks=blocks,
        format=fmt,
        bylines=_unique(bylines),
        published=published,
        url=url or None,
        language=language,
        summary_only=summary_only,
        tags=_unique(tags),
    )


def _rss_article(element: ET.Element, base: str, language: str | None) -> ParsedArticle | None:
    item = _Item(element)
    content = item.text("encoded")
    summary = item.text("description", "summary")
    blocks = fragment_to_blocks(content) if content else []
    summary_only = not blocks
    if summary_only and summary:
        blocks = fragment_to_blocks(summary)
    link = item.text("link")
    if not link:
        guid = item.first("guid")
        if guid is not None and guid.get("isPermaLink", "true").lower() != "false":
            link = (guid.text or "").strip()
        link = link if link.startswith(("http://", "https://")) else ""
    if not link:
        about = element.get(f"{{{RDF}}}about", "")
        link = about if about.startswith(("http://", "https://")) else ""
    bylines = [_rss_author(a.text or "") for a in item.all("author")]
    bylines += [fold(c.text or "") for c in item.all("creator")]
    tags = [fold(c.text or "") for c in item.all("category") + item.all("subject")]
    return _finish(
        "rss",
        _plain_title(item.text("title")),
        blocks,
        summary_only=summary_only,
        url=join_url(base, link) if link else None,
        published=parse_date(item.text("pubDate", "date", "published", "updated", "issued")),
        bylines=bylines,
        tags=tags,
        language=item.text("language") or element.get(_XML_LANG) or language,
    )


def _atom_link(item: _Item, base: str) -> str | None:
    fallback = None
    for link in item.all("link"):
        href = link.get("href")
        if not href:
            continue
        rel = link.get("rel", "alternate")
        if rel == "alternate" and link.get("type", "text/html").startswith(("text/html", "appl")):
            return join_url(base, href)
        if fallback is None and rel == "alternate":
            fallback = join_url(base, href)
    return fallback


def _atom_article(element: ET.Element, base: str, language: str | None) -> ParsedArticle | None:
    item = _Item(element)
    base = join_url(base, element.get(_XML_BASE, "")) or ""
    blocks = _atom_blocks(item.first("content"))
    summary_only = not blocks
    if summary_only:
        blocks = _atom_blocks(item.first("summary"))
    bylines = []
    for author in item.all("author"):
        names = [fold(n.text or "") for n in author if _local(n.tag) == "name"]
        bylines.extend(names or [fold(author.text or "")])
    tags = [fold(c.get("label") or c.get("term") or c.text or "") for c in item.all("category")]
    return _finish(
        "atom",
        _atom_text(item.first("title")),
        blocks,
        summary_only=summary_only,
        url=_atom_link(item, base),
        published=parse_date(item.text("published", "issued", "updated", "modified", "created")),
        bylines=bylines,
        tags=tags,
        language=element.get(_XML_LANG) or language,
    )


class _FeedReader:
    """Expat callbacks that build a tree for the feed head and one item at a time."""

    def __init__(self) -> None:
        self.builder = ET.TreeBuilder()
        self.stack: list[ET.Element] = []
        self.root: ET.Element | None = None
        self.articles: list[ParsedArticle] = []
        self.item_count = 0
        self.source: str | None = None
        self.language: str | None = None
        self.base = ""

    # -- expat handlers ----------------------------------------------------
    def start(self, name: str, attrs: dict[str, str]) -> None:
        tag = "{" + name if "}" in name else name
        attributes = {("{" + k if "}" in k else k): v for k, v in attrs.items()}
        element = self.builder.start(tag, attributes)
        if self.root is None:
            self.root = element
            local = _local(tag)
            if local not in ("rss", "RDF", "feed"):
                raise IngestError(f"not an RSS or Atom feed (root element <{local}>)")
            self.language = attributes.get(_XML_LANG)
            self.base = attributes.get(_XML_BASE, "")
        self.stack.append(element)

    def end(self, name: str) -> None:
        element = self.builder.end("{" + name if "}" in name else name)
        self.stack.pop()
        parent = self.stack[-1] if self.stack else None
        local = _local(element.tag)
        if parent is None:
            return
        parent_local = _local(parent.tag)
        if local in _ITEMS and parent_local in _ITEM_PARENTS:
            parent.remove(element)  # The last child: cheap, and keeps memory flat.
            self.item_count += 1
            self._add_item(element)
        elif parent_local in ("channel", "feed") and len(self.stack) <= 2:
            self._channel_field(local, element)

    def data(self, text: str) -> None:
        self.builder.data(text)

    # -- feed fields -------------------------------------------------------
    def _channel_field(self, local: str, element: ET.Element) -> None:
        if local == "title" and self.source is None:
            is_atom = _namespace(element.tag) in (ATOM, ATOM_03)
            title = _atom_text(element) if is_atom else _plain_title(element.text or "")
            self.source = title or None
        elif local == "language" and not self.language:
            self.language = fold(element.text or "") or None
        elif local == "link" and not self.base:
            href = element.get("href") or (element.text or "").strip()
            if href.startswith(("http://", "https://")) and element.get("rel", "alternate") in (
                "alternate",
                "",
            ):
                self.base = href

    def _add_item(self, element: ET.Element) -> None:
        is_atom = _local(element.tag) == "entry"
        convert = _atom_article if is_atom else _rss_article
        try:
            article = convert(element, self.base, self.language)
        except RecursionError:
            return  # absurdly nested content: skip this item, keep the feed
        if article is not None:
            self.articles.append(article)


def _refuse_entity(*_args: object) -> None:
    raise IngestError("XML entity declarations are not allowed")


def _refuse_external(*_args: object) -> int:
    raise IngestError("XML external entities are not allowed")


def parse_feed(data: bytes, *, path: str | None = None) -> list[ParsedArticle]:
    """Every item of an RSS or Atom feed as an article (summary-only when it has no content)."""
    text, _encoding = decode_bytes(data)
    text = _html_entities_to_numeric(_ILLEGAL_XML.sub("", text))
    reader = _FeedReader()
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.buffer_size = 1 << 16
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.data
    parser.EntityDeclHandler = _refuse_entity
    parser.UnparsedEntityDeclHandler = _refuse_entity
    parser.ExternalEntityRefHandler = _refuse_external
    try:
        parser.Parse(text, True)
    except expat.ExpatError as error:
        raise IngestError(f"not well-formed XML: line {error.lineno}", path) from None
    except IngestError as error:
        raise IngestError(error.reason, path) from None
    except RecursionError:
        raise IngestError("XML nested too deeply", path) from None
    if reader.root is None:
        raise IngestError("not an RSS or Atom feed", path)
    if reader.item_count == 0:
        raise IngestError("feed has no items", path)
    if not reader.articles:
        raise IngestError("no article text found in any feed item", path)
    for article in reader.articles:
        article.source = reader.source
    return reader.articles
