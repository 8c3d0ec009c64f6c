"""Plain-text saved pages ("Save as text", copy-paste, corpora) to articles.

A page saved as text keeps the shape of the page without its markup: a masthead,
a section label and a date line, the headline, a standfirst, the story in
paragraphs, then site furniture ("Newsletter", "Close", player times) and a list
of related headlines. Nothing here names a site; the rules read that shape:

* Lines are grouped by blank lines. A group of hard-wrapped lines (continuations
  starting in lower case, lines ending in a comma) is one paragraph; otherwise
  each line is its own unit, since saved pages put one paragraph per line.
* A *long* unit (180+ characters or 30+ words, not inside a list of short
  lines) is article prose. The first one starts the body, the last one ends it.
* Before the body: the date line is the first short line that is a date (with
  "Published", "Updated", a byline allowed around it); the headline is the first
  headline-like line (no final period, 4+ words preferred) after the date, else
  the longest one before it; a short first line before the headline is the
  masthead (the source); "By ..." lines are bylines; up to three lines between
  the headline and the body are the standfirst; the rest (sections) is dropped.
* Inside the body: a short line with no final period, alone between blank lines
  (or, in files without blank lines, between a finished paragraph and a long
  one) is a heading; lone furniture words and "Read more: ..." promos are dropped.
* Not prose at all: a thousand or more lines averaging under six characters
  (less than a short word and a space) are a column of codes, numbers or noise,
  refused with that reason; each line costs a few microseconds to read, and such
  files pack the most lines into a megabyte.
* After the body: a marker ("Related", "More from ...", "Read more") or a run of
  three or more headline-like lines at the end starts the related headlines,
  which keep only headline-like lines (not the site name, times, symbols or
  single words); short sentences before that still belong to the story; the
  other short lines are furniture.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from tui.ingest.dates import parse_date, search_date
from tui.ingest.errors import IngestError
from tui.ingest.textclean import first_sentence, fold, not_prose, strip_controls
from tui.model import Block, ParsedArticle

__all__ = ["parse_text_page"]

LONG_CHARS = 180
LONG_WORDS = 30
MAX_STANDFIRST_UNITS = 3

_TERMINAL = ".!?…"
_CLOSERS = "\"'”’»)]"
_BULLET = re.compile(r"^(?:[•·▪◦‣*]|[-–](?=\s))\s*")
_BULLET_START = frozenset("•·▪◦‣*-–")  # what _BULLET can start with
_TIME = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?(?:\s*/\s*\d{1,2}:\d{2}(?::\d{2})?)?$")
_READ_TIME = re.compile(
    r"^\d+\s*(?:min(?:ute)?s?|sec(?:ond)?s?)(?:\s+(?:read|listen|watch))?$", re.I
)
_LETTER = re.compile(r"[^\W\d_]")
_BYLINE = re.compile(r"^(?:(?:written\s+)?by|author:|words:)\s+(?P<names>.+)$", re.I)
# What may share a line with a date: times, zones, "Published"/"Updated" and the like.
_DATE_FILLER = re.compile(
    r"\b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\b\.?)?|\b\d{1,2}\s*[ap]\.?m\b\.?|"
    r"\b(?:published|updated|posted|last|first|modified|on|at|date|time|local|"
    r"utc|gmt|bst|cet|cest|est|edt|cst|cdt|pst|pdt|et|pt|ist|[a-z]?st)\b",
    re.I,
)
_BREADCRUMB = re.compile(r"\S\s+(?:>|»|›|/|\\)\s+\S")
_NAME_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&)\s*")
_PROMO = re.compile(
    r"^(?:read more|read also|also read|see also|related|more|watch|listen|recommended|"
    r"click here|sign up|subscribe)\b.{0,200}?:\s*\S",
    re.I,
)
_MARKER = re.compile(
    r"^(?:related(?:\s+(?:articles?|stories|story|news|posts?|content|coverage|reading|links?|"
    r"topics))?|more(?:\s+(?:stories|news|articles|headlines|coverage|like this|to read|"
    r"to explore|from\b.*|on\b.*|in\b.*|about\b.*))?|read (?:more|next|also)|see also|also read|"
    r"recommended(?:\s+for you)?|you (?:may|might) also (?:like|be interested in)|"
    r"most (?:read|popular|viewed|shared)|popular(?:\s+now)?|trending(?:\s+now)?|"
    r"latest(?:\s+(?:news|stories|headlines))?|top stories|what to read next|editor'?s picks|"
    r"further reading)\W*$",
    re.I,
)
_FURNITURE = frozenset(
    {
        "newsletter",
        "newsletters",
        "advertisement",
        "advertising",
        "sponsored",
        "sponsored content",
        "share",
        "share this",
        "share this article",
        "share this story",
        "share on facebook",
        "share on twitter",
        "tweet",
        "email",
        "e-mail",
        "print",
        "comments",
        "comment",
        "view comments",
        "show comments",
        "subscribe",
        "subscribe now",
        "sign up",
        "sign in",
        "log in",
        "login",
        "register",
        "menu",
        "search",
        "close",
        "open",
        "skip to content",
        "skip to main content",
        "home",
        "back to top",
        "top",
        "more",
        "read more",
        "continue reading",
        "listen",
        "listen to this article",
        "play",
        "pause",
        "follow us",
        "copy link",
        "link copied",
        "facebook",
        "twitter",
        "x",
        "linkedin",
        "whatsapp",
        "telegram",
        "reddit",
        "instagram",
        "youtube",
        "next",
        "previous",
        "next article",
        "previous article",
        "loading",
        "accept",
        "reject",
        "toggle navigation",
        "image",
        "photo",
        "video",
        "gallery",
        "live",
        "updated",
        "save",
        "saved",
        "bookmark",
        "print this page",
        "font size",
        "text size",
    }
)


@dataclass(slots=True)
class _Unit:
    """One candidate block: a line, or a hard-wrapped paragraph of lines."""

    text: str
    group: int
    blanks_before: int  # blank lines before this unit's group (0 inside a group)
    first_in_group: bool
    group_units: int = 1
    kind: str = "paragraph"
    prose: bool = False  # a long paragraph that is not part of a list of short lines
    ends: bool = False  # ends like a sentence (_ends_sentence), asked often enough to keep
    words: int = 0  # _words(text), asked by most rules


def _words(text: str) -> int:
    return len(text.split())


def _ends_sentence(text: str) -> bool:
    return text.rstrip(_CLOSERS)[-1:] in _TERMINAL


def _is_long(text: str) -> bool:
    # n words take at least 2n - 1 characters: short lines (most of them) skip split().
    size = len(text)
    return size >= LONG_CHARS or (size >= 2 * LONG_WORDS - 1 and _words(text) >= LONG_WORDS)


def _is_furniture(text: str) -> bool:
    # Both time patterns start with a digit: most lines need not try them.
    if not _LETTER.search(text) or (
        text[:1].isdecimal() and (_TIME.match(text) or _READ_TIME.match(text))
    ):
        return True
    return text.strip(" :|-–—•·").casefold() in _FURNITURE


def _starts_like_headline(text: str) -> bool:
    first = text.lstrip("\"'“‘«(")[:1]
    return first.isupper() or first.isdigit()


def _headline_like(text: str, words: int | None = None, furniture: bool | None = None) -> bool:
    """A line that could be a headline in a list (a final period is allowed).

    ``words`` and ``furniture`` save the caller's known answers being worked out again.
    """
    if words is None:
        words = _words(text)
    return (
        2 <= words <= 40
        and len(text) <= 250
        and _starts_like_headline(text)
        and not (_is_furniture(text) if furniture is None else furniture)
        and parse_date(text) is None
    )


def _title_like(text: str, words: int | None = None, furniture: bool | None = None) -> bool:
    """A headline candidate: headline-like, short, and not ending like a sentence."""
    if words is None:
        words = _words(text)
    if text[-1:] in ".,;:" or words > 30 or len(text) > 200:
        return False
    if _BREADCRUMB.search(text):
        return False  # "Home > News > Transport" is navigation
    if words < 2 and not text[:1].isupper():
        return False
    if words == 1:  # too few words to be headline-like
        return not (_is_furniture(text) if furniture is None else furniture)
    return _headline_like(text, words, furniture)


def _date_line(text: str) -> tuple[str, list[str]] | None:
    """The ISO date of a short "date line", and any byline written on the same line."""
    if len(text) > 120 or _words(text) > 16:
        return None
    iso = parse_date(text)
    if iso is not None:
        return iso, []
    found = search_date(text)
    if found is None:
        return None
    rest = text[: found.start] + " | " + text[found.end :]
    for part in re.split(r"\s*[|·•—–]\s*|\s{2,}", rest):
        if _BYLINE.match(part.strip(" ,")):
            continue
        if _LETTER.search(_DATE_FILLER.sub(" ", part)):
            return None  # something else shares the line: not a date line
    return found.iso, _bylines(rest)


def _bylines(text: str) -> list[str]:
    names: list[str] = []
    for part in re.split(r"\s*[|·•—–]\s*", text):
        match = _BYLINE.match(part.strip())
        if match is None:
            continue
        raw = match.group("names")
        cut = search_date(raw)
        if cut is not None:
            raw = raw[: cut.start]
        names.extend(n for n in _NAME_SPLIT.split(raw.strip(" ,|")) if n and _words(n) <= 5)
    return names


def _split_group(lines: list[str]) -> list[str]:
    """Units of one blank-line group: wrapped prose joins, one-per-line stays apart."""
    if len(lines) == 1:
        return lines
    if len(lines) == 2:  # The general rules below, for two lines (a common group).
        first, second = lines
        if (
            len(first) > 120
            or len(second) > 120
            or first.rstrip(_CLOSERS)[-1:] in _TERMINAL
            or not (second[:1].islower() or first[-1:] in ",;-–—(" or first.endswith(" and"))
            or _BULLET.match(second)
        ):
            return lines
        return [first + " " + second]
    width = max(map(len, lines))
    ends = [line.rstrip(_CLOSERS)[-1:] in _TERMINAL for line in lines]  # _ends_sentence
    evidence = 0
    for i, (prev, nxt) in enumerate(pairwise(lines)):
        if ends[i]:
            continue
        if nxt[:1].islower() or prev[-1:] in ",;-–—(" or prev.endswith(" and"):
            evidence += 1
    if width > 120 or evidence < max(1, 0.3 * (len(lines) - 1)):
        return lines
    units: list[str] = []
    current: list[str] = []
    for i, line in enumerate(lines):
        if current and (_BULLET.match(line) or (ends[i - 1] and len(current[-1]) < 0.7 * width)):
            units.append(" ".join(current))
            current = []
        current.append(line)
    units.append(" ".join(current))
    return units


def _units(text: str) -> list[_Unit]:
    """Candidate blocks of ``text``, which holds no control characters.

    Costs are per line, and a file of short lines has hundreds of thousands of
    them per MB: so each line is folded once, by ``str.split`` (what ``fold`` does
    once controls are gone, several times faster), and neighbours are compared
    only in groups of three or more lines.
    """
    units: list[_Unit] = []
    group: list[str] = []
    blanks = 0
    group_index = 0

    def close() -> None:
        nonlocal group_index
        if not group:
            return
        if len(group) == 1 and group[0][0] not in _BULLET_START:
            # One line alone (most lines of a one-paragraph-per-line page).
            text = group[0]
            words = len(text.split())
            long = len(text) >= LONG_CHARS or words >= LONG_WORDS
            ends = text.rstrip(_CLOSERS)[-1:] in _TERMINAL
            units.append(_Unit(text, group_index, blanks, True, 1, "paragraph", long, ends, words))
            group.clear()
            group_index += 1
            return
        parts = _split_group(group) if len(group) > 1 else group
        # Kind, and whether first in the group, of each part: None while every part is
        # a paragraph (no bullet to take off: most groups) and the first is first.
        kinds: list[str] | None = None
        firsts: list[bool] | None = None
        if any(part[0] in _BULLET_START for part in parts):
            texts: list[str] = []
            kinds, firsts = [], []
            for index, part in enumerate(parts):
                # Lines come folded, and so does " ".join of them: only a bullet's
                # removal needs folding again.
                kind = "paragraph"
                if part[0] in _BULLET_START and _BULLET.match(part) and _words(part) >= 2:
                    kind = "list_item"
                    part = fold(_BULLET.sub("", part, count=1))
                if part:
                    texts.append(part)
                    kinds.append(kind)
                    firsts.append(index == 0)
            parts = texts
        count = len(parts)
        words = [len(text.split()) for text in parts]
        long = [
            len(text) >= LONG_CHARS or n >= LONG_WORDS
            for text, n in zip(parts, words, strict=True)
        ]
        ends = [text.rstrip(_CLOSERS)[-1:] in _TERMINAL for text in parts]  # _ends_sentence
        for i, text in enumerate(parts):
            kind = kinds[i] if kinds is not None else "paragraph"
            first = firsts[i] if firsts is not None else i == 0
            # A long line between two headline-like lines (short, not a sentence) is
            # one more item of a list of headlines (related links), not article prose.
            in_list = (
                0 < i < count - 1
                and not (long[i - 1] or ends[i - 1])
                and not (long[i + 1] or ends[i + 1])
            )
            prose = long[i] and not in_list and kind == "paragraph"
            before = blanks if first else 0
            units.append(
                _Unit(text, group_index, before, first, count, kind, prose, ends[i], words[i])
            )
        group.clear()
        group_index += 1

    for raw in text.split("\n"):
        line = " ".join(raw.split())
        if line:
            group.append(line)
            continue
        if group:
            close()
            blanks = 0
        blanks += 1
    close()
    return units


def _pick_title(units: list[_Unit], header_end: int, date_index: int | None) -> int | None:
    """Index of the headline among the units before the body."""
    candidates = [i for i in range(header_end) if i != date_index and _title_like(units[i].text)]
    candidates = [i for i in candidates if not _BYLINE.match(units[i].text)]
    if not candidates:
        return None
    if date_index is not None:
        after = [i for i in candidates if i > date_index]
        before = [i for i in candidates if i < date_index]
        for i in after:
            if _words(units[i].text) >= 4:
                return i
        if before:
            return max(reversed(before), key=lambda i: _words(units[i].text))
        return after[0]
    first = candidates[0]
    # No date: a short first line followed by a clearly longer headline is a masthead.
    if first == 0 and len(candidates) > 1 and candidates[1] <= 3:
        second = candidates[1]
        if _words(units[0].text) <= 4 and _words(units[second].text) >= _words(units[0].text) + 2:
            return second
    return first


def _heading(units: list[_Unit], i: int, furniture: bool | None = None) -> bool:
    """Whether unit ``i`` of the body is a heading (``furniture``: known already)."""
    unit = units[i]
    text = unit.text
    # The shape tests come first and _title_like (which parses dates) last: a file
    # of thousands of short lines and no blank line paid for it on every line.
    if unit.kind != "paragraph" or unit.words > 15 or len(text) > 120:
        return False
    if text[-1:] in _TERMINAL and unit.blanks_before < 2:
        return False
    if unit.group_units > 1:
        # Without blank lines: a short line between the end of one paragraph and
        # the start of a long one.
        nxt = units[i + 1] if i + 1 < len(units) else None
        if nxt is None or nxt.group != unit.group or not nxt.prose:
            return False
        prev = units[i - 1] if i else None
        if not (
            unit.first_in_group
            or prev is None
            or prev.group != unit.group
            or prev.prose
            or prev.ends
        ):
            return False
    return _title_like(text, unit.words, furniture)


def _related(units: list[_Unit], exclude: set[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for unit in units:
        text = unit.text
        key = text.casefold()
        if key in exclude or key in seen or not _headline_like(text) or _MARKER.match(text):
            continue
        seen.add(key)
        out.append(text)
    return out


def _split_tail(tail: list[_Unit]) -> tuple[list[_Unit], list[_Unit]]:
    """Units after the last long paragraph: (still the story, related headlines)."""
    for i, unit in enumerate(tail):
        if _MARKER.match(unit.text):
            return tail[:i], tail[i + 1 :]
    start = len(tail)
    titles = 0
    headlines = 0
    for i in range(len(tail) - 1, -1, -1):
        text = tail[i].text
        if _headline_like(text):
            headlines += 1
            titles += not _ends_sentence(text)
        elif not _is_furniture(text):
            break
        start = i
    if titles >= 3 and titles * 5 >= headlines * 3:
        return tail[:start], tail[start:]
    return tail, []


def parse_text_page(text: str, *, path: str | None = None) -> ParsedArticle:
    """One article from a plain-text page, by the general page-shape rules above."""
    text = strip_controls(text)
    reason = not_prose(text)
    if reason is not None:
        raise IngestError(reason, path)
    units = _units(text)
    if not units:
        raise IngestError("no article text found", path)

    prose = [i for i, unit in enumerate(units) if unit.prose]
    first_prose = prose[0] if prose else None
    header_end = first_prose if first_prose is not None else min(len(units), 8)

    published: str | None = None
    date_index: int | None = None
    bylines: list[str] = []
    byline_indexes: list[int] = []
    for i in range(min(header_end, 16)):
        found = _date_line(units[i].text)
        if found is not None:
            published, names = found
            date_index = i
            bylines.extend(names)
            break
    for i in range(header_end):
        if i != date_index and _BYLINE.match(units[i].text) and _words(units[i].text) <= 12:
            bylines.extend(_bylines(units[i].text))
            byline_indexes.append(i)

    title_index = _pick_title(units, header_end, date_index)
    source: str | None = None
    if title_index is None:
        first = units[0].text
        if len(units) > 1 and not _is_long(first) and _words(first) <= 25:
            title, title_index = first.rstrip(".").strip() or first, 0
        else:
            title = first_sentence(first)
    else:
        title = units[title_index].text
        masthead = units[0].text
        if (
            title_index > 0
            and date_index != 0
            and _words(masthead) <= 6
            and len(masthead) <= 60
            and not _is_furniture(masthead)
            and not _BYLINE.match(masthead)
        ):
            source = masthead

    marks = [i for i in (title_index, date_index, *byline_indexes) if i is not None]
    if source is not None:
        marks.append(0)
    body_start = max(marks) + 1 if marks else 0

    standfirst_lines: list[str] = []
    if first_prose is not None and body_start < first_prose:
        between = [
            units[i]
            for i in range(body_start, first_prose)
            if not _is_furniture(units[i].text) and units[i].text not in (source, title)
        ]
        if len(between) <= MAX_STANDFIRST_UNITS:
            standfirst_lines = [u.text for u in between]
            body_start = first_prose

    if prose:
        last = prose[-1]
    else:
        sentences = [
            i
            for i in range(body_start, len(units))
            if units[i].ends and _words(units[i].text) >= 6
        ]
        last = sentences[-1] if sentences else len(units) - 1
    last = max(last, body_start - 1)

    # The headline and masthead lines are not body text when a site repeats them.
    skip = {t.casefold() for t in (source, title if title_index is not None else None) if t}
    blocks: list[Block] = []
    for i in range(body_start, last + 1):
        unit = units[i]
        text = unit.text
        if (skip and text.casefold() in skip) or (
            not unit.prose and (_is_furniture(text) or (":" in text and _PROMO.match(text)))
        ):
            continue
        # Not furniture here, or prose, which is too long to be a heading anyway.
        kind = "heading" if _heading(units, i, furniture=False) else unit.kind
        blocks.append(Block(kind, text))

    story_tail, related_units = _split_tail(units[last + 1 :])
    for unit in story_tail:
        text = unit.text
        if text.casefold() in skip or _is_furniture(text) or _PROMO.match(text):
            continue
        if unit.kind == "list_item" or (_ends_sentence(text) and _words(text) >= 4):
            blocks.append(Block(unit.kind, text))
    related = _related(related_units, skip)

    if not blocks and standfirst_lines:
        blocks = [Block("paragraph", line) for line in standfirst_lines]
        standfirst_lines = []
    if not blocks:
        raise IngestError("no article text found", path)
    return ParsedArticle(
        title=title,
        blocks=blocks,
        format="text",
        bylines=bylines,
        published=published,
        source=source,
        standfirst="\n".join(standfirst_lines),
        related_headlines=related,
    )
