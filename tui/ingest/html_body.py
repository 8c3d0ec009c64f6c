"""The article body of an HTML page as blocks, without the page's boilerplate.

Speed matters (hundreds of pages a second), so Python never visits every node
of a possibly huge DOM. It starts from the paragraph elements lexbor finds for
it and walks *up* from them, memoising every ancestor it meets, so each element
is looked at once. From that walk it knows, per element, how much paragraph
text it holds and whether it sits inside something named like boilerplate
(comments, share bars, related links, ...). The container is the element the
article's paragraphs credit most (the readability idea). Its blocks come from
one selector call when the article lives in paragraphs, or from an
explicit-stack walk of the container when it has bare text in ``<div>``s; both
skip whatever boilerplate lies between a block and the container. Nothing here
recurses, so nesting depth is harmless.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborNode

from tui.model import Block

#: Elements that never hold article prose (skipped wherever they are).
SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "canvas",
        "button",
        "select",
        "input",
        "textarea",
        "figure",
        "figcaption",
        "picture",
        "img",
        "video",
        "audio",
        "dialog",
        "menu",
        "head",
        "title",
        "link",
        "meta",
        "label",
    }
)
#: Landmark elements that are never the article.
STRONG_JUNK_TAGS = frozenset({"nav", "aside", "footer"})
#: Landmark elements that are boilerplate unless they hold the article.
WEAK_JUNK_TAGS = frozenset({"header", "form"})
#: Inline elements: text inside them belongs to the enclosing block.
INLINE_TAGS = frozenset(
    {
        "a",
        "span",
        "strong",
        "b",
        "em",
        "i",
        "u",
        "font",
        "small",
        "big",
        "sup",
        "sub",
        "mark",
        "abbr",
        "cite",
        "code",
        "q",
        "s",
        "strike",
        "time",
        "var",
        "kbd",
        "ins",
        "del",
        "bdi",
        "bdo",
        "output",
        "data",
        "tt",
        "nobr",
        "wbr",
    }
)
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: Blocks whose whole text lexbor returns in one call (they hold no other blocks).
LEAF_BLOCK_TAGS = HEADING_TAGS | {"p", "pre", "dt", "dd", "address"}
#: Elements whose start and end break the text flow into separate blocks.
BLOCK_TAGS = LEAF_BLOCK_TAGS | {
    "div",
    "section",
    "article",
    "main",
    "blockquote",
    "ul",
    "ol",
    "li",
    "dl",
    "table",
    "tbody",
    "thead",
    "tr",
    "td",
    "th",
    "center",
    "body",
    "html",
    "hr",
    "br",
}
PARAGRAPH_SELECTOR = "p, pre"
PARAGRAPH_TAGS = frozenset({"p", "pre"})

#: Substrings of a class or id that mark comments and consent banners.
STRONG_STEMS = ("comment", "disqus", "cookie", "consent", "gdpr", "replies", "footer")
#: Substrings of a class or id that mark boilerplate (unless it wraps the article).
WEAK_STEMS = (
    "share", "sharing", "social", "related", "newsletter", "subscri", "promo", "sidebar",
    "breadcrumb", "advert", "sponsor", "recirc", "outbrain", "taboola", "popup", "modal",
    "signup", "sign-up", "byline", "caption", "credit", "pagination", "pager", "masthead",
    "widget", "banner", "header", "toolbar", "trending", "popular", "recommend",
    "hidden", "sr-only", "visually", "screen-reader", "follow", "donate", "rating",
    "readmore", "read-more", "more-stories", "more-articles", "more-news", "see-also",
    "also-read", "author", "menu", "tag-list", "taglist", "tag-links", "tag-cloud",
)  # fmt: skip
#: Whole words (split at any non-letter) of a class or id that mark boilerplate.
WEAK_WORDS = frozenset({"ad", "ads", "adv", "advertising", "dfp", "meta", "bio"})
WEAK_PREFIXES = ("nav", "print", "skip")
#: Whole class names (split at spaces only: "tag-review" is a post's taxonomy).
WEAK_CLASSES = frozenset({"tag", "tags"})
_WORD_SPLIT = re.compile(r"[^a-z0-9]+")
_TOKEN_LEVELS: dict[str, int] = {}
_TOKEN_CACHE_MAX = 50_000
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
#: Short lines that are page furniture in any article ("Advertisement", ...).
_FURNITURE = re.compile(
    r"(?:advert(?:isement)?|sponsored(?: content)?|comments?|\d+ comments?|tags?:?|"
    r"share(?: this)?(?: (?:story|article|post))?(?: on \w+)?|read more|continue reading|"
    r"related(?: articles| stories| content)?|see also|click here.*|subscribe.*|"
    r"sign up.*|follow us.*|like this (?:story|article).*|skip (?:to|ad).*|back to top|"
    r"loading\.*|tell us what you think.*|(?:image|photo|picture|video)(?: credit)?:.*|"
    r"(?:updated|published|posted)(?: on| at)?:? .{0,30}|print(?: this)?(?: article)?|"
    r"email|whatsapp|facebook|twitter|linkedin|pinterest)",
    re.I,
)
_FURNITURE_MAX = 60

#: Paragraphs shorter than this do not count as article text when scoring.
MIN_PARAGRAPH = 25
#: Below this much paragraph text, look at text nodes outside paragraphs too.
FALLBACK_MASS = 400
#: A boilerplate-named element still counts as content if it holds this share.
WRAPPER_SHARE = 0.5
#: The container grows to an ancestor whose good text is this much larger.
GROW_RATIO = 1.3


def clean(text: str) -> str:
    """Collapse runs of whitespace to one space."""
    return " ".join(text.split())


#: Flags that :func:`inspect` adds to a junk level (0-3, the low two bits).
MARKED = 4  # itemprop=articleBody
QUOTE = 8  # <blockquote>


def inspect(node: LexborNode, cache: dict[str, int]) -> int:
    """Junk level of an element, plus the MARKED and QUOTE flags.

    Levels: 0 ordinary; 1 named like boilerplate; 2 comments or consent
    banners; 3 never content (scripts, hidden elements, media).
    """
    tag = node.tag or ""
    if tag in SKIP_TAGS:
        return 3
    if tag in ("body", "html"):
        return 0  # Their classes are page-wide feature flags, not a verdict.
    if tag in STRONG_JUNK_TAGS:
        return 2
    flags = QUOTE if tag == "blockquote" else 0
    attrs = node.attributes
    if not attrs:
        return (1 if tag in WEAK_JUNK_TAGS else 0) | flags
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return 3
    style = attrs.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return 3
    itemprop = attrs.get("itemprop")
    if itemprop and "articlebody" in itemprop.lower():
        return MARKED | flags
    names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
    if names != " ":
        level = cache.get(names)
        if level is None:
            level = cache[names] = name_level(names)
        if level:
            return level | flags
    if tag in WEAK_JUNK_TAGS or attrs.get("role") in ("navigation", "complementary"):
        return 1 | flags
    return flags


def name_level(names: str) -> int:
    """Junk level (0, 1 or 2) that a class + id string alone implies.

    Decided per whitespace-separated token, memoised across pages: the same
    class names ("container", "row", "entry-content") recur everywhere.
    """
    level = 0
    for token in names.lower().split():
        found = _TOKEN_LEVELS.get(token)
        if found is None:
            found = _token_level(token)
            if len(_TOKEN_LEVELS) >= _TOKEN_CACHE_MAX:
                _TOKEN_LEVELS.clear()
            _TOKEN_LEVELS[token] = found
        if found > level:
            level = found
    return level


def _token_level(token: str) -> int:
    for stem in STRONG_STEMS:
        if stem in token:
            return 2
    for stem in WEAK_STEMS:
        if stem in token:
            return 1
    if token in WEAK_CLASSES:
        return 1
    for word in _WORD_SPLIT.split(token):
        if word in WEAK_WORDS or word.startswith(WEAK_PREFIXES):
            return 1
    return 0


@dataclass(slots=True)
class Survey:
    """What the upward walks from the text units learnt about their ancestors."""

    nodes: dict[int, LexborNode] = field(default_factory=dict)
    parent: dict[int, int] = field(default_factory=dict)
    #: Boilerplate-named elements on the path from an element up to the root.
    junk_path: dict[int, tuple[int, ...]] = field(default_factory=dict)
    level: dict[int, int] = field(default_factory=dict)
    #: Elements marked as the article body (itemprop=articleBody).
    marked: set[int] = field(default_factory=set)
    #: Text of all units under each element, boilerplate or not.
    mass: dict[int, float] = field(default_factory=dict)
    #: Junk level per class + id string (pages repeat them a lot).
    names: dict[str, int] = field(default_factory=dict)
    #: Distance from the document node.
    depth: dict[int, int] = field(default_factory=dict)
    #: Text of the paragraph units, as lexbor gave it.
    text: dict[int, str] = field(default_factory=dict)

    def visit(self, node: LexborNode) -> int:
        """Memoise ``node`` and its unseen ancestors; returns the node's id."""
        path: list[tuple[int, LexborNode]] = []
        current: LexborNode | None = node
        base: tuple[int, ...] = ()
        above = 0
        depth = -1
        while current is not None:
            key = current.mem_id
            if key in self.junk_path:
                base, above, depth = self.junk_path[key], key, self.depth[key]
                break
            path.append((key, current))
            current = current.parent
        for key, element in reversed(path):
            code = inspect(element, self.names)
            level = code & 3
            self.nodes[key] = element
            self.parent[key] = above
            self.level[key] = level
            if level:
                base = (*base, key)
            elif code & MARKED:
                self.marked.add(key)
            elif code & QUOTE and base:
                # An embedded post (tweet, ...) quoted in a "social" wrapper is content.
                base = tuple(j for j in base if self.level[j] >= 2)
            self.junk_path[key] = base
            depth += 1
            self.depth[key] = depth
            above = key
        return path[0][0] if path else node.mem_id


#: A unit of text for the container search: element, weight, and its text when
#: the element is a whole paragraph (so emission need not ask lexbor again).
Unit = tuple[LexborNode, float, str | None]


def paragraph_units(paragraphs: list[LexborNode]) -> list[Unit]:
    """Paragraph elements long enough to count, weighted by their text length."""
    units: list[Unit] = []
    for para in paragraphs:
        text = para.text()
        length = len(text.strip())
        if length >= MIN_PARAGRAPH:
            units.append((para, float(length), text))
    return units


def _block_owner(
    element: LexborNode | None, memo: dict[int, tuple[LexborNode | None, bool]]
) -> tuple[LexborNode | None, bool]:
    """The nearest non-inline element at or above ``element``, and whether an ``<a>``
    lies on the way.

    Memoised per inline element: thousands of unclosed ``<b>`` nest every later
    text node that deep, and walking the chain once per text node was quadratic.
    """
    path: list[LexborNode] = []
    owner, in_link = element, False
    while owner is not None and owner.tag in INLINE_TAGS:
        known = memo.get(owner.mem_id)
        if known is not None:
            owner, in_link = known
            break
        path.append(owner)
        owner = owner.parent
    for inline in reversed(path):
        in_link = in_link or inline.tag == "a"
        memo[inline.mem_id] = (owner, in_link)
    return owner, in_link


def text_units(root: LexborNode) -> list[Unit]:
    """(block element, unlinked text length) from the text nodes themselves.

    The slow path, for pages that keep their prose outside ``<p>`` (text and
    ``<br>`` straight inside a ``<div>``): visits every node once.
    """
    lengths: dict[int, float] = {}
    linked: dict[int, float] = {}
    owners: dict[int, LexborNode] = {}
    memo: dict[int, tuple[LexborNode | None, bool]] = {}
    for node in root.traverse(include_text=True, skip_empty=True):
        if not node.is_text_node:
            continue
        owner, in_link = _block_owner(node.parent, memo)
        if owner is None or owner.tag in SKIP_TAGS:
            continue
        key = owner.mem_id
        owners[key] = owner
        length = len((node.text_content or "").strip())
        lengths[key] = lengths.get(key, 0.0) + length
        if in_link:
            linked[key] = linked.get(key, 0.0) + length
    return [
        (owners[key], n - linked.get(key, 0.0), None)
        for key, n in lengths.items()
        if n >= MIN_PARAGRAPH and linked.get(key, 0.0) < n / 2
    ]


def tally(survey: Survey, weights: list[tuple[int, float]]) -> dict[int, float]:
    """Sum unit weights into every ancestor, in one pass over the survey.

    The survey memoises each path top-down, so its insertion order lists every
    parent before its children; reversed, children come first.
    """
    mass: dict[int, float] = {}
    for key, weight in weights:
        mass[key] = mass.get(key, 0.0) + weight
    parent = survey.parent
    for key in reversed(survey.nodes):
        value = mass.get(key)
        if value:
            up = parent[key]
            if up:
                mass[up] = mass.get(up, 0.0) + value
    return mass


@dataclass(slots=True)
class Found:
    """The chosen container and what the emitter needs to judge its insides."""

    container: LexborNode
    survey: Survey
    #: Good (not boilerplate) unit text under each element.
    good: dict[int, float]
    #: Whether some good text sits straight in a <div> rather than in paragraphs.
    bare: bool


def _blocked(survey: Survey, key: int, total: float) -> bool:
    """Whether a boilerplate-named element on ``key``'s path really is boilerplate.

    Weakly named elements that hold most of the page's text are wrappers
    (``<div class="content-with-sidebar">``), not boilerplate.
    """
    for junk in survey.junk_path.get(key, ()):
        if survey.level[junk] >= 2 or survey.mass.get(junk, 0.0) <= WRAPPER_SHARE * total:
            return True
    return False


def find_container(units: list[Unit]) -> Found | None:
    """The element holding the article's text units, or None if there are none."""
    survey = Survey()
    weights: list[tuple[int, float]] = []
    for node, weight, text in units:
        key = survey.visit(node)
        weights.append((key, weight))
        if text is not None:
            survey.text[key] = text
    survey.mass = tally(survey, weights)
    total = sum(weight for _, weight in weights)
    good_units = [(key, w) for key, w in weights if not _blocked(survey, key, total)]
    score: dict[int, float] = {}
    bare = False
    for key, weight in good_units:
        # Readability's idea: a paragraph credits its parent fully, its grandparent
        # half; text straight inside a <div> credits that <div> itself first.
        own = survey.nodes[key].tag not in LEAF_BLOCK_TAGS
        bare = bare or own
        first = key if own else survey.parent[key]
        if first:
            score[first] = score.get(first, 0.0) + weight
            second = survey.parent[first]
            if second:
                score[second] = score.get(second, 0.0) + weight / 2
    if not score:
        return None
    good = tally(survey, good_units)
    best = _grow(max(score, key=score.__getitem__), survey, good)
    return Found(survey.nodes[best], survey, good, bare)


def _grow(best: int, survey: Survey, good: dict[int, float]) -> int:
    """Climb from the best-scored element when the article is split over siblings.

    An ancestor is taken when it is marked as the article body or holds much
    more good text, but never past an ``<article>`` (beyond it are teasers).
    """
    node = probe = best
    parent = survey.parent
    while parent.get(probe) and survey.nodes[probe].tag != "article":
        probe = parent[probe]
        if probe in survey.marked or good[probe] >= GROW_RATIO * good[node]:
            node = probe
        elif good[probe] > good[node]:
            break
    return node


def is_furniture(text: str) -> bool:
    """Short lines like "Advertisement" or "Share this story" that no article needs."""
    return len(text) <= _FURNITURE_MAX and _FURNITURE.fullmatch(text) is not None


class _Emitter:
    """Explicit-stack walk of one container that turns it into blocks."""

    def __init__(self, found: Found, blocks: list[Block] | None = None) -> None:
        self.found = found
        self.blocks: list[Block] = [] if blocks is None else blocks
        self.buffer: list[str] = []
        self.buffer_kind = "paragraph"

    def add(self, kind: str, text: str) -> None:
        if text and not is_furniture(text):
            self.blocks.append(Block(kind, text))

    def flush(self) -> None:
        if self.buffer:
            self.add(self.buffer_kind, clean("".join(self.buffer)))
            self.buffer = []

    def skip(self, node: LexborNode) -> bool:
        """Boilerplate, unless the container search found article text inside it."""
        key = node.mem_id
        level = self.found.survey.level.get(key)
        if level is None:
            level = inspect(node, self.found.survey.names) & 3
        return level >= 2 or (level == 1 and not self.found.good.get(key))

    def run(self, start: LexborNode | None = None, context: str = "paragraph") -> list[Block]:
        """Walk ``start`` (default: the container), appending its blocks."""
        container = self.found.container if start is None else start
        # Stack items: (node, context kind) to enter, or (None, kind) to end a block.
        stack: list[tuple[LexborNode | None, str]] = [(container, context)]
        while stack:
            node, context = stack.pop()
            if node is None:
                self.flush()
                continue
            tag = node.tag or ""
            if tag == "-text":
                if not self.buffer:
                    self.buffer_kind = context
                self.buffer.append(node.text_content or "")
                continue
            if tag in INLINE_TAGS:
                pass  # Inline markup is not worth a look at its class (it costs time).
            elif tag.startswith("-") or (node is not container and self.skip(node)):
                continue
            if tag in LEAF_BLOCK_TAGS:
                self.flush()
                self.add("heading" if tag in HEADING_TAGS else context, clean(node.text()))
                continue
            if tag in BLOCK_TAGS:
                self.flush()
                stack.append((None, context))
                if tag == "blockquote":
                    context = "quote"
                elif tag == "li":
                    context = "list_item"
            children = list(node.iter(include_text=True, skip_empty=True))
            stack.extend((child, context) for child in reversed(children))
        self.flush()
        return self.blocks


#: What the selector-driven emitter asks lexbor for, in document order.
EMIT_SELECTOR = "p, pre, h1, h2, h3, h4, h5, h6, li, blockquote, dt, dd, td, th, address, br"


#: Selected elements that may hold boilerplate or bare text of their own: they
#: are walked node by node (they are small), and selections inside them skipped.
ISLAND_TAGS = frozenset({"li", "blockquote", "dd"})
_ISLAND_KIND = {"li": "list_item", "blockquote": "quote", "dd": "list_item"}


def emit_selected(found: Found) -> list[Block]:
    """Blocks of the container from one selector call, not a walk over its nodes.

    Used when the article lives in block elements (not bare text in a
    ``<div>``). List items and quotes are walked on their own (see
    :data:`ISLAND_TAGS`); an element holding other selections (a ``<td>``
    around paragraphs) gives way to them. A block is dropped when boilerplate
    sits between it and the container.
    """
    survey, good = found.survey, found.good
    container = found.container
    top = container.mem_id
    floor = survey.depth[top]
    selected: dict[int, str] = {}
    stale: set[int] = set()  # Elements whose remembered text had a <br> in it.
    for node in container.css(EMIT_SELECTOR):
        tag = node.tag or ""
        if tag == "br":
            parent = node.parent
            if parent is not None:
                stale.add(parent.mem_id)
            node.replace_with("\n")  # "a<br>b" must not read as "ab".
        else:
            selected[survey.visit(node)] = tag
    selected.pop(top, None)  # css() matches the node it starts from, too.
    keys = list(selected)
    # The nearest selected ancestor below the container, memoised along the way:
    # walking every selection up to the container would be quadratic in depth.
    nearest: dict[int, int] = {}

    def selected_above(key: int) -> int:
        path: list[int] = []
        up = survey.parent[key]
        while up and up != top and up not in selected and up not in nearest:
            path.append(up)
            up = survey.parent[up]
        found = 0 if not up or up == top else up if up in selected else nearest[up]
        for node in path:
            nearest[node] = found
        return found

    inner: set[int] = set()  # Inside a selected island (some selected ancestor is one).
    outer: set[int] = set()  # Holding another selection.
    for key in sorted(keys, key=survey.depth.__getitem__):  # ancestors first
        up = selected_above(key)
        if up:
            outer.add(up)
            if selected[up] in ISLAND_TAGS or up in inner:
                inner.add(key)
    walker = _Emitter(found)
    for key in keys:
        if key in inner or _buried(survey, good, key, floor):
            continue
        tag = selected[key]
        node = survey.nodes[key]
        if tag in ISLAND_TAGS:
            walker.run(node, _ISLAND_KIND[tag])
        elif key not in outer:
            text = None if key in stale else survey.text.get(key)
            text = node.text() if text is None else text
            walker.add("heading" if tag in HEADING_TAGS else "paragraph", clean(text))
    return walker.blocks


def _buried(survey: Survey, good: dict[int, float], key: int, floor: int) -> bool:
    """Whether boilerplate lies on the path from the container down to ``key``."""
    for junk in survey.junk_path[key]:
        if survey.depth[junk] > floor:
            level = survey.level[junk]
            if level >= 2 or not good.get(junk):
                return True
    return False


def extract_blocks(root: LexborNode, paragraphs: list[LexborNode]) -> list[Block]:
    """The article body given the page's root and paragraph elements; may be empty."""
    found = find_container(paragraph_units(paragraphs))
    if found is None or found.good[found.container.mem_id] < FALLBACK_MASS:
        found = find_container(text_units(root)) or found
    if found is None:
        return []
    if found.bare:
        return _Emitter(found).run()  # Text outside paragraphs: walk node by node.
    return emit_selected(found)
