"""The article body of an HTML page as blocks, without the page's boilerplate.

Speed matters (hundreds of pages a second), so Python never visits every node
of a possibly huge DOM. It starts from the paragraph elements lexbor finds for
it and walks *up* from them, memoising every ancestor it meets, so each element
is looked at once. From that walk it knows, per element, how much paragraph
text it holds and whether it sits inside something named like boilerplate
(comments, share bars, related links, ...). The container is the element the
article's paragraphs credit most (the readability idea); blocks are then
emitted by an explicit-stack walk of that container alone, which takes each
paragraph's text from lexbor in one call and does not enter boilerplate.
Nothing here recurses, so nesting depth is harmless.
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
#: Landmark elements that are boilerplate unless they hold the article.
WEAK_JUNK_TAGS = frozenset({"nav", "aside", "footer", "header", "form"})
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

#: Words in a class or id that mark comments and consent banners.
_STRONG = re.compile(r"comment|disqus|cookie|consent|gdpr|replies", re.I)
#: Words in a class or id that mark boilerplate (unless it wraps the article).
_WEAK = re.compile(
    r"share|sharing|social|related|newsletter|subscri|promo|sidebar|breadcrumb|advert|"
    r"sponsor|recirc|outbrain|taboola|popup|modal|signup|sign-up|byline|caption|credit|"
    r"pagination|pager|masthead|widget|banner|footer|header|\bnav|menu|"
    r"(?:^|\s)tags?(?:$|\s)|tag-?(?:list|links|cloud)|"
    r"author|\bmeta\b|toolbar|\bprint|\bskip|trending|popular|recommend|"
    r"(?:^|[\s_-])(?:ad|ads|adv|advertising|dfp)(?:$|[\s_-])|"
    r"hidden|sr-only|visually|screen-reader|\bbio\b|follow|donate|rating|"
    r"read-?more|more-?(?:stories|articles|news)|see-?also|also-?read",
    re.I,
)
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


def inspect(node: LexborNode) -> tuple[int, bool]:
    """Junk level and whether the element is marked as the article body.

    Levels: 0 ordinary; 1 named like boilerplate; 2 comments or consent
    banners; 3 never content (scripts, hidden elements, media).
    """
    tag = node.tag or ""
    if tag in SKIP_TAGS:
        return 3, False
    if tag in ("body", "html"):
        return 0, False  # Their classes are page-wide feature flags, not a verdict.
    attrs = node.attributes
    if not attrs:
        return (1 if tag in WEAK_JUNK_TAGS else 0), False
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return 3, False
    style = attrs.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return 3, False
    marked = "articlebody" in (attrs.get("itemprop") or "").lower()
    names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
    if names != " " and not marked:
        if _STRONG.search(names):
            return 2, False
        if _WEAK.search(names):
            return 1, False
    if tag in WEAK_JUNK_TAGS or attrs.get("role") in ("navigation", "complementary"):
        return 1, marked
    return 0, marked


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

    def visit(self, node: LexborNode) -> int:
        """Memoise ``node`` and its unseen ancestors; returns the node's id."""
        path: list[tuple[int, LexborNode]] = []
        current: LexborNode | None = node
        base: tuple[int, ...] = ()
        above = 0
        while current is not None:
            key = current.mem_id
            if key in self.junk_path:
                base, above = self.junk_path[key], key
                break
            path.append((key, current))
            current = current.parent
        for key, element in reversed(path):
            level, marked = inspect(element)
            self.nodes[key] = element
            self.parent[key] = above
            self.level[key] = level
            if marked:
                self.marked.add(key)
            if level:
                base = (*base, key)
            elif element.tag == "blockquote":
                # An embedded post (tweet, ...) quoted in a "social" wrapper is content.
                base = tuple(j for j in base if self.level[j] >= 2)
            self.junk_path[key] = base
            above = key
        return path[0][0] if path else node.mem_id


def paragraph_units(paragraphs: list[LexborNode]) -> list[tuple[LexborNode, float]]:
    """(element, text length) for the paragraph elements long enough to count."""
    units = []
    for para in paragraphs:
        length = len(para.text().strip())
        if length >= MIN_PARAGRAPH:
            units.append((para, float(length)))
    return units


def text_units(root: LexborNode) -> list[tuple[LexborNode, float]]:
    """(block element, unlinked text length) from the text nodes themselves.

    The slow path, for pages that keep their prose outside ``<p>`` (text and
    ``<br>`` straight inside a ``<div>``): visits every node once.
    """
    lengths: dict[int, float] = {}
    linked: dict[int, float] = {}
    owners: dict[int, LexborNode] = {}
    for node in root.traverse(include_text=True, skip_empty=True):
        if not node.is_text_node:
            continue
        in_link = False
        owner = node.parent
        while owner is not None and owner.tag in INLINE_TAGS:
            in_link = in_link or owner.tag == "a"
            owner = owner.parent
        if owner is None or owner.tag in SKIP_TAGS:
            continue
        key = owner.mem_id
        owners[key] = owner
        length = len((node.text_content or "").strip())
        lengths[key] = lengths.get(key, 0.0) + length
        if in_link:
            linked[key] = linked.get(key, 0.0) + length
    return [
        (owners[key], n - linked.get(key, 0.0))
        for key, n in lengths.items()
        if n >= MIN_PARAGRAPH and linked.get(key, 0.0) < n / 2
    ]


@dataclass(slots=True)
class Tally:
    """Good (not boilerplate) text under each element."""

    mass: dict[int, float] = field(default_factory=dict)

    def add(self, parent: dict[int, int], key: int, weight: float) -> None:
        node = key
        while node:
            self.mass[node] = self.mass.get(node, 0.0) + weight
            node = parent[node]


@dataclass(slots=True)
class Found:
    """The chosen container and what the emitter needs to judge its insides."""

    container: LexborNode
    survey: Survey
    tally: Tally


def _blocked(survey: Survey, key: int, total: float) -> bool:
    """Whether a boilerplate-named element on ``key``'s path really is boilerplate.

    Weakly named elements that hold most of the page's text are wrappers
    (``<div class="content-with-sidebar">``), not boilerplate.
    """
    for junk in survey.junk_path.get(key, ()):
        if survey.level[junk] >= 2 or survey.mass.get(junk, 0.0) <= WRAPPER_SHARE * total:
            return True
    return False


def find_container(units: list[tuple[LexborNode, float]]) -> Found | None:
    """The element holding the article's text units, or None if there are none."""
    survey = Survey()
    weights = [(survey.visit(node), weight) for node, weight in units]
    total = 0.0
    all_text = Tally(survey.mass)
    for key, weight in weights:
        all_text.add(survey.parent, key, weight)
        total += weight
    tally = Tally()
    score: dict[int, float] = {}
    for key, weight in weights:
        if _blocked(survey, key, total):
            continue
        tally.add(survey.parent, key, weight)
        # Readability's idea: a paragraph credits its parent fully, its grandparent
        # half; text straight inside a <div> credits that <div> itself first.
        first = survey.parent[key] if survey.nodes[key].tag in LEAF_BLOCK_TAGS else key
        if first:
            score[first] = score.get(first, 0.0) + weight
            second = survey.parent[first]
            if second:
                score[second] = score.get(second, 0.0) + weight / 2
    if not score:
        return None
    best = _grow(max(score, key=score.__getitem__), survey, tally)
    return Found(survey.nodes[best], survey, tally)


def _grow(best: int, survey: Survey, tally: Tally) -> int:
    """Climb from the best-scored element when the article is split over siblings.

    An ancestor is taken when it is marked as the article body or holds much
    more good text, but never past an ``<article>`` (beyond it are teasers).
    """
    node = probe = best
    parent = survey.parent
    while parent.get(probe) and survey.nodes[probe].tag != "article":
        probe = parent[probe]
        if probe in survey.marked or tally.mass[probe] >= GROW_RATIO * tally.mass[node]:
            node = probe
        elif tally.mass[probe] > tally.mass[node]:
            break
    return node


def is_furniture(text: str) -> bool:
    """Short lines like "Advertisement" or "Share this story" that no article needs."""
    return len(text) <= _FURNITURE_MAX and _FURNITURE.fullmatch(text) is not None


class _Emitter:
    """Explicit-stack walk of one container that turns it into blocks."""

    def __init__(self, found: Found) -> None:
        self.found = found
        self.blocks: list[Block] = []
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
            level = inspect(node)[0]
        return level >= 2 or (level == 1 and not self.found.tally.mass.get(key))

    def run(self) -> list[Block]:
        container = self.found.container
        # Stack items: (node, context kind) to enter, or (None, kind) to end a block.
        stack: list[tuple[LexborNode | None, str]] = [(container, "paragraph")]
        while stack:
            node, context = stack.pop()
            if node is None:
                self.flush()
                continue
            if node.is_text_node:
                if not self.buffer:
                    self.buffer_kind = context
                self.buffer.append(node.text_content or "")
                continue
            tag = node.tag or ""
            if tag.startswith("-") or (node is not container and self.skip(node)):
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


def extract_blocks(root: LexborNode, paragraphs: list[LexborNode]) -> list[Block]:
    """The article body given the page's root and paragraph elements; may be empty."""
    found = find_container(paragraph_units(paragraphs))
    if found is None or found.tally.mass[found.container.mem_id] < FALLBACK_MASS:
        found = find_container(text_units(root)) or found
    if found is None:
        return []
    return _Emitter(found).run()
