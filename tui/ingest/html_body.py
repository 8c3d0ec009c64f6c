"""The article body of an HTML page as blocks, without the page's boilerplate.

Speed matters (hundreds of pages a second), so Python never visits every node
of a possibly huge DOM. It starts from the paragraph elements lexbor finds for
it and walks *up* from them, memoising every ancestor it meets; each element is
looked at once. From that walk it knows, per element, the paragraph text it
holds and whether it (or an ancestor) is named like boilerplate. The best
container is the one holding the article's paragraphs; blocks are then emitted
by an explicit-stack walk of that container alone, which does not descend into
paragraphs (lexbor returns their text in one call) or into boilerplate.
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
#: Landmark elements that are boilerplate unless they hold most of the text.
WEAK_JUNK_TAGS = frozenset({"nav", "aside", "footer", "header", "form"})

#: Words in a class or id that mark comments and consent banners.
_STRONG = re.compile(r"comment|disqus|cookie|consent|gdpr|reply|replies", re.I)
#: Words in a class or id that mark boilerplate (unless it wraps most of the text).
_WEAK = re.compile(
    r"share|sharing|social|related|newsletter|subscri|promo|sidebar|breadcrumb|advert|"
    r"sponsor|recirc|outbrain|taboola|popup|modal|signup|sign-up|byline|caption|credit|"
    r"pagination|pager|masthead|widget|banner|footer|header|\bnav|menu|(?:^|\s)tags?(?:$|\s)|tag-?(?:list|links|cloud)|"
    r"author|\bmeta\b|toolbar|\bprint|\bskip|trending|popular|recommend|"
    r"(?:^|[\s_-])(?:ad|ads|adv|advertising|dfp)(?:$|[\s_-])|"
    r"hidden|sr-only|visually|screen-reader|\bbio\b|follow|donate|rating|"
    r"read-?more|more-?(?:stories|articles|news)|see-?also|also-?read",
    re.I,
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)

PARAGRAPH_SELECTOR = "p, pre"
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
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
#: Paragraphs shorter than this do not count as article text when scoring.
MIN_PARAGRAPH = 25
#: Below this much paragraph text, look at text nodes outside paragraphs too.
FALLBACK_MASS = 400
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
#: A boilerplate-named element still counts as content if it holds this share.
WRAPPER_SHARE = 0.5
#: The container grows to an ancestor whose paragraph text is this much larger.
GROW_RATIO = 1.2


def clean(text: str) -> str:
    """Collapse runs of whitespace to one space."""
    return " ".join(text.split())


def junk_level(node: LexborNode) -> int:
    """0: ordinary; 1: looks like boilerplate; 2: comments/consent; 3: never content."""
    tag = node.tag or ""
    if tag in SKIP_TAGS:
        return 3
    if tag in ("body", "html"):
        return 0  # Their classes are page-wide feature flags, not a verdict.
    attrs = node.attributes
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return 3
    style = attrs.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return 3
    names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
    if names != " ":
        if _STRONG.search(names):
            return 2
        if _WEAK.search(names):
            return 1
    if tag in WEAK_JUNK_TAGS or attrs.get("role") in ("navigation", "complementary"):
        return 1
    return 0


@dataclass(slots=True)
class Survey:
    """What the upward walk from the paragraphs learnt about their ancestors."""

    nodes: dict[int, LexborNode] = field(default_factory=dict)
    parent: dict[int, int] = field(default_factory=dict)
    #: Boilerplate-named elements on the path from an element to the root.
    junk_path: dict[int, tuple[int, ...]] = field(default_factory=dict)
    level: dict[int, int] = field(default_factory=dict)
    mass: dict[int, float] = field(default_factory=dict)

    def visit(self, node: LexborNode) -> int:
        """Memoise ``node`` and its ancestors; returns the node's id."""
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
            level = junk_level(element)
            self.nodes[key] = element
            self.parent[key] = above
            self.level[key] = level
            base = (*base, key) if level else base
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
    """(block element, text length) from the text nodes themselves.

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


def _survey(units: list[tuple[LexborNode, float]]) -> tuple[Survey, list[tuple[int, float]]]:
    """Walk up from each unit; returns the survey and (unit id, weight) pairs."""
    survey = Survey()
    return survey, [(survey.visit(node), weight) for node, weight in units]


def _blocked(survey: Survey, key: int, total: float) -> bool:
    """Whether a boilerplate-named element on ``key``'s path really is boilerplate."""
    for junk in survey.junk_path.get(key, ()):
        level = survey.level[junk]
        if level >= 2 or survey.mass.get(junk, 0.0) <= WRAPPER_SHARE * total:
            return True
    return False


def _accumulate(survey: Survey, weights: list[tuple[int, float]]) -> float:
    """Add each paragraph's weight to all its ancestors; returns the total."""
    mass = survey.mass
    parent = survey.parent
    total = 0.0
    for key, weight in weights:
        total += weight
        node = key
        while node:
            mass[node] = mass.get(node, 0.0) + weight
            node = parent[node]
    return total


@dataclass(slots=True)
class _Tally:
    """Good (not boilerplate) text per element: its mass and number of units."""

    mass: dict[int, float] = field(default_factory=dict)
    count: dict[int, int] = field(default_factory=dict)

    def add(self, parent: dict[int, int], key: int, weight: float) -> None:
        node = key
        while node:
            self.mass[node] = self.mass.get(node, 0.0) + weight
            self.count[node] = self.count.get(node, 0) + 1
            node = parent[node]


def find_container(
    units: list[tuple[LexborNode, float]],
) -> tuple[LexborNode, Survey, float, float] | None:
    """The element holding the article's text units, its survey, total and good mass."""
    survey, weights = _survey(units)
    if not weights:
        return None
    total = _accumulate(survey, weights)
    good = [(key, w) for key, w in weights if not _blocked(survey, key, total)]
    if not good:
        return None
    # Readability's idea: a paragraph credits its parent fully, its grandparent half.
    score: dict[int, float] = {}
    tally = _Tally()
    for key, weight in good:
        tally.add(survey.parent, key, weight)
        parent = survey.parent[key]
        if parent:
            score[parent] = score.get(parent, 0.0) + weight
            grand = survey.parent[parent]
            if grand:
                score[grand] = score.get(grand, 0.0) + weight / 2
    best = max(score, key=score.__getitem__)
    node = _grow(best, survey, tally)
    return survey.nodes[node], survey, total, tally.mass[node]


def _grow(best: int, survey: Survey, tally: _Tally) -> int:
    """Climb from the best-scored element when the article is split over siblings.

    An ancestor is taken when it holds much more good text than the current
    container, but never past an ``<article>`` element (beyond it are teasers).
    """
    node = probe = best
    parent = survey.parent
    while parent.get(probe) and survey.nodes[probe].tag != "article":
        probe = parent[probe]
        added = tally.mass[probe] - tally.mass[node]
        if added <= 0:
            continue
        if tally.mass[probe] >= GROW_RATIO * tally.mass[node]:
            node = probe
        else:
            break
    return node


def _kind_for(tag: str, context: str) -> str:
    if tag in HEADING_TAGS:
        return "heading"
    return context


class _Emitter:
    """Explicit-stack walk of one container that turns it into blocks."""

    def __init__(self, survey: Survey, total: float) -> None:
        self.survey = survey
        self.total = total
        self.blocks: list[Block] = []
        self.buffer: list[str] = []
        self.buffer_kind = "paragraph"

    def flush(self) -> None:
        if self.buffer:
            text = clean("".join(self.buffer))
            if text:
                self.blocks.append(Block(self.buffer_kind, text))
            self.buffer = []

    def skip(self, node: LexborNode) -> bool:
        """Whether ``node`` is boilerplate, judged with the survey when it knows it."""
        key = node.mem_id
        level = self.survey.level.get(key)
        if level is None:
            level = junk_level(node)
        if level == 0:
            return False
        if level >= 2:
            return True
        return self.survey.mass.get(key, 0.0) <= WRAPPER_SHARE * self.total

    def run(self, container: LexborNode) -> list[Block]:
        # Stack items: (node, context kind) to enter, or (None, kind) to close a block.
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
                text = clean(node.text())
                if text:
                    self.blocks.append(Block(_kind_for(tag, context), text))
                continue
            if tag in BLOCK_TAGS:
                self.flush()
                stack.append((None, context))
                if tag == "blockquote":
                    context = "quote"
                elif tag in ("li", "dd"):
                    context = "list_item"
            children = list(node.iter(include_text=True, skip_empty=True))
            stack.extend((child, context) for child in reversed(children))
        self.flush()
        return self.blocks


def extract_blocks(root: LexborNode, paragraphs: list[LexborNode]) -> list[Block]:
    """The article body given the page's root and paragraph elements; may be empty."""
    found = find_container(paragraph_units(paragraphs))
    if found is None or found[3] < FALLBACK_MASS:
        found = find_container(text_units(root)) or found
    if found is None:
        return []
    container, survey, total, _mass = found
    return _Emitter(survey, total).run(container)
