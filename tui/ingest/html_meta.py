"""Article metadata from an HTML page: title, bylines, date, source, URL, language.

Sources, most trusted first: Open Graph / Twitter meta tags, schema.org JSON-LD
(including ``@graph`` and lists), other ``<meta>`` conventions (Dublin Core,
``article:*``), then the document itself (``<h1>``, ``<time>``, ``<title>``,
byline elements). Every reader here tolerates missing or malformed input and
returns ``None`` / empty values instead of raising.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from tui.ingest.urls import join_url

#: schema.org types whose JSON-LD object describes the article itself.
ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "blogposting",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "reviewnewsarticle",
        "backgroundnewsarticle",
        "scholarlyarticle",
        "techarticle",
        "socialmediaposting",
        "liveblogposting",
        "webpage",
        "report",
        "review",
    }
)

_DATE_KEYS = (
    "article:published_time",
    "og:published_time",
    "published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "original-publish-date",
)
_MAX_JSON_ITEMS = 2000
_BY_PREFIX = re.compile(r"^(?:written\s+|posted\s+|words\s+|reported\s+)?by\s*[:\-]?\s+", re.I)
# "and" in any case; the one-letter conjunctions of other languages only in lower
# case, so that a middle initial ("Sarah E. Needleman") is not a separator.
_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\s(?i:and)\s|\s(?:und|e|y|et|и)\s)\s*")
_URLISH = re.compile(r"^(?:https?:|www\.|/)|\.(?:com|org|net)\b", re.I)
_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|•|»|/)\s+")
_LANG = re.compile(r"^([A-Za-z]{2,3})(?:[-_]([A-Za-z]{2}|\d{3}|[A-Za-z]{4}))?")


def clean_text(value: Any) -> str:
    """Collapse whitespace; non-strings become ``""``."""
    if not isinstance(value, str):
        return ""
    return " ".join(value.split())


@dataclass(slots=True)
class PageMeta:
    """Everything the metadata readers found, before choosing among sources."""

    meta: dict[str, str] = field(default_factory=dict)
    ld_articles: list[dict[str, Any]] = field(default_factory=list)
    ld_publishers: list[str] = field(default_factory=list)
    html_lang: str = ""
    canonical: str = ""

    def first(self, *keys: str) -> str:
        """The first non-empty meta value among ``keys``."""
        for key in keys:
            value = clean_text(self.meta.get(key))
            if value:
                return value
        return ""

    def ld(self, key: str) -> Any:
        """The first non-empty value of ``key`` over the JSON-LD article objects."""
        for item in self.ld_articles:
            value = item.get(key)
            if value:
                return value
        return None


# --- collection -------------------------------------------------------------


#: One selector for everything :func:`collect` reads (one walk of the DOM).
HEAD_SELECTOR = 'meta[content], script[type*="ld+json" i], link[rel~="canonical" i][href]'


def collect(tree: LexborHTMLParser, nodes: list[LexborNode]) -> PageMeta:
    """Read meta tags, JSON-LD, ``<html lang>`` and the canonical link.

    ``nodes`` are the matches of :data:`HEAD_SELECTOR` (other tags are ignored),
    so the caller can fold this into a selector it runs anyway.
    """
    page = PageMeta()
    for node in nodes:
        tag = node.tag
        if tag == "meta":
            _add_meta(page.meta, node.attributes)
        elif tag == "script":
            _add_json_ld(page, node.text())
        elif tag == "link" and not page.canonical:
            page.canonical = (node.attributes.get("href") or "").strip()
    html = tree.css_first("html")
    if html is not None:
        attrs = html.attributes
        page.html_lang = attrs.get("lang") or attrs.get("xml:lang") or ""
    return page


def _add_meta(meta: dict[str, str], attrs: dict[str, str | None]) -> None:
    """Keep the first raw content per key; values are cleaned when read."""
    content = attrs.get("content")
    if not content:
        return
    for name in ("property", "name", "itemprop", "http-equiv"):
        key = attrs.get(name)
        if key:
            key = key.lower()
            if key not in meta:
                meta[key] = content


def _add_json_ld(page: PageMeta, raw: str) -> None:
    try:
        data = json.loads(raw.strip().rstrip(";"))
    except (ValueError, RecursionError):
        return
    stack: list[Any] = [data]
    seen = 0
    while stack and seen < _MAX_JSON_ITEMS:
        item = stack.pop()
        seen += 1
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            _add_ld_object(page, item)
            stack.extend(reversed(item.get("@graph") or []))


def _add_ld_object(page: PageMeta, item: dict[str, Any]) -> None:
    types = item.get("@type")
    names = {
        t.lower() for t in (types if isinstance(types, list) else [types]) if isinstance(t, str)
    }
    if names & ARTICLE_TYPES:
        page.ld_articles.append(item)
        # A WebPage wrapper is a weaker signal than a real article type.
        if "webpage" in names and len(page.ld_articles) > 1:
            page.ld_articles.append(page.ld_articles.pop(0))
    if names & {"newsmediaorganization", "organization"}:
        name = clean_text(item.get("name"))
        if name:
            page.ld_publishers.append(name)


# --- individual fields --------------------------------------------------------


def find_source(page: PageMeta) -> str | None:
    """The publication's name."""
    publisher = page.ld("publisher")
    if isinstance(publisher, list):
        publisher = publisher[0] if publisher else None
    ld_name = clean_text(publisher.get("name")) if isinstance(publisher, dict) else ""
    ld_name = ld_name or clean_text(publisher)
    fallback = page.ld_publishers[0] if page.ld_publishers else ""
    for name in (page.first("og:site_name"), ld_name, page.first("application-name"), fallback):
        if name and not _URLISH.search(name):
            return name
    return None


def find_url(page: PageMeta) -> str | None:
    """Canonical URL, else og:url; a relative canonical is resolved against og:url."""
    og_url = page.first("og:url")
    canonical = page.canonical
    if canonical:
        relative = og_url and not canonical.startswith(("http:", "https:"))
        return join_url(og_url, canonical) if relative else canonical
    return og_url or None


def normalise_language(value: str) -> str | None:
    """``en_us`` / ``EN-US`` / ``en`` to ``en-US`` / ``en``; None when not a language tag."""
    match = _LANG.match(value.strip())
    if match is None:
        return None
    lang, region = match.group(1).lower(), match.group(2)
    if not region:
        return lang
    return f"{lang}-{region.upper() if len(region) == 2 else region.title()}"


def find_language(page: PageMeta) -> str | None:
    """Language from ``<html lang>``, og:locale, Content-Language or JSON-LD."""
    ld_lang = page.ld("inLanguage")
    for value in (
        page.html_lang,
        page.first("og:locale"),
        page.first("content-language", "language", "dc.language"),
        ld_lang if isinstance(ld_lang, str) else "",
    ):
        if value:
            lang = normalise_language(value)
            if lang:
                return lang
    return None


def normalise_date(value: str) -> str | None:
    """An ISO 8601 date or datetime for the usual ways pages write a date, else None."""
    text = clean_text(value)
    if not text:
        return None
    parsed = _parse_date(text)
    if parsed is None:
        return None
    if isinstance(parsed, datetime):
        if not (1900 <= parsed.year <= 2200):
            return None
        return parsed.isoformat()
    return parsed.isoformat() if 1900 <= parsed.year <= 2200 else None


_ISO_LOOSE = re.compile(
    r"^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{2}):?(\d{2})(?::?(\d{2})(?:[.,]\d+)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2}|[+-]\d{2}|UTC|GMT)?)?"
)
_SLASHED = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})")
_WRITTEN_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%b. %d, %Y")


def _parse_date(text: str) -> date | datetime | None:
    match = _ISO_LOOSE.match(text)
    if match:
        return _from_iso_match(match)
    match = _SLASHED.match(text)
    if match:
        try:
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        pass
    for fmt in _WRITTEN_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _from_iso_match(match: re.Match[str]) -> date | datetime | None:
    year, month, day, hour, minute, second, zone = match.groups()
    try:
        if hour is None:
            return date(int(year), int(month), int(day))
        stamp = f"{year}-{month}-{day}T{hour}:{minute}:{second or '00'}"
        if zone in ("Z", "UTC", "GMT"):
            stamp += "+00:00"
        elif zone:
            digits = zone[1:].replace(":", "")
            stamp += f"{zone[0]}{digits[:2]}:{digits[2:4] or '00'}"
        return datetime.fromisoformat(stamp)
    except ValueError:
        return None


def find_published(page: PageMeta, tree: LexborHTMLParser) -> str | None:
    """Publication date from JSON-LD, meta tags, then the first ``<time datetime>``."""
    candidates: list[str] = []
    ld_date = page.ld("datePublished") or page.ld("dateCreated")
    if isinstance(ld_date, str):
        candidates.append(ld_date)
    candidates.extend(page.meta[key] for key in _DATE_KEYS if key in page.meta)
    for value in candidates:
        iso = normalise_date(value)
        if iso:
            return iso
    for node in tree.css("time[datetime]")[:5]:
        iso = normalise_date(node.attrs.get("datetime") or "")
        if iso:
            return iso
    return None


def _split_names(raw: str) -> list[str]:
    text = _BY_PREFIX.sub("", clean_text(raw))
    names = []
    for part in _NAME_SPLIT.split(text):
        name = _BY_PREFIX.sub("", part).strip(" .|-–—:")
        if 1 < len(name) <= 60 and not _URLISH.search(name) and len(name.split()) <= 5:
            names.append(name)
    return names


def _ld_author_names(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        if isinstance(item, dict):
            names.extend(_split_names(clean_text(item.get("name"))))
        elif isinstance(item, str):
            names.extend(_split_names(item))
    return names


def find_bylines(page: PageMeta, tree: LexborHTMLParser, source: str | None) -> list[str]:
    """Author names, deduplicated, without "By" prefixes or site names."""
    raw: list[str] = _ld_author_names(page.ld("author"))
    if not raw:
        for key in (
            "author",
            "article:author",
            "dc.creator",
            "byl",
            "sailthru.author",
            "parsely-author",
        ):
            raw.extend(_split_names(page.meta.get(key, "")))
    if not raw:
        for node in tree.css('a[rel~="author" i], [itemprop="author"] [itemprop="name"]')[:4]:
            raw.extend(_split_names(node.text()))
    if not raw:
        node = tree.css_first('[class~="byline" i], [class*="byline" i], [class~="author" i]')
        if node is not None:
            raw.extend(_split_names(node.text(separator=" ")))
    return _dedupe_names(raw, source)


def _dedupe_names(raw: list[str], source: str | None) -> list[str]:
    seen: set[str] = {source.casefold()} if source else set()
    names = []
    for name in raw:
        key = name.casefold()
        if key not in seen:
            seen.add(key)
            names.append(name)
    return names


def strip_site_suffix(title: str, source: str | None) -> str:
    """``"Headline | BBC News"`` to ``"Headline"``; keeps titles that merely contain a dash."""
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    site = (source or "").casefold()
    for part in (parts[-1], parts[0]):
        if site and (
            part.casefold() == site or part.casefold() in site or site in part.casefold()
        ):
            rest = parts[:-1] if part is parts[-1] else parts[1:]
            return _join_like(title, rest)
    # No known site name: drop a short trailing segment after a longer headline.
    head = _join_like(title, parts[:-1])
    if len(parts[-1].split()) <= 4 and len(head.split()) >= 3:
        return head
    return title


def _join_like(title: str, parts: list[str]) -> str:
    """Rejoin ``parts`` by cutting ``title`` where the last kept part ends."""
    if not parts:
        return title
    end = title.find(parts[-1], sum(len(p) for p in parts[:-1])) + len(parts[-1])
    return title[:end].strip()


def find_title(page: PageMeta, tree: LexborHTMLParser, source: str | None) -> str:
    """Headline from og/twitter meta, JSON-LD, ``<h1>`` or ``<title>``, site suffix removed."""
    ld_headline = page.ld("headline")
    for value in (
        page.first("og:title", "twitter:title"),
        clean_text(ld_headline) if isinstance(ld_headline, str) else "",
    ):
        if value:
            return strip_site_suffix(value, source)
    h1 = tree.css_first("h1")
    if h1 is not None:
        text = clean_text(h1.text())
        if text:
            return text
    node = tree.css_first("title")
    return strip_site_suffix(clean_text(node.text()), source) if node is not None else ""


def find_description(page: PageMeta) -> str:
    """og:description / meta description / twitter:description / JSON-LD description."""
    ld_description = page.ld("description")
    return page.first("og:description", "description", "twitter:description") or clean_text(
        ld_description if isinstance(ld_description, str) else ""
    )


def ld_article_body(page: PageMeta) -> str:
    """JSON-LD ``articleBody`` if the page ships one (a hint for finding the body)."""
    body = page.ld("articleBody")
    return body if isinstance(body, str) else ""
