"""Dates as people and feeds write them, turned into ISO 8601.

One regex-driven parser instead of a dependency: it covers RFC 822 (RSS
``pubDate``), ISO 8601 (Atom), and the month-name forms news pages print
("Wednesday, Jan 14, 2026", "14 January 2026", "December 12, 2008"), with an
optional time and zone. A date alone gives ``"2026-01-14"``; a time gives a full
datetime, with an offset when the zone is known.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

__all__ = ["DateMatch", "parse_date", "search_date"]

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

# Zones with one unambiguous offset. "ET"/"PT" switch with daylight saving and
# "IST" means three places, so those leave the time without an offset.
_ZONES = {
    "z": 0,
    "ut": 0,
    "utc": 0,
    "gmt": 0,
    "est": -5,
    "edt": -4,
    "cst": -6,
    "cdt": -5,
    "mst": -7,
    "mdt": -6,
    "pst": -8,
    "pdt": -7,
    "bst": 1,
    "cet": 1,
    "cest": 2,
    "eet": 2,
    "eest": 3,
    "msk": 3,
    "jst": 9,
    "kst": 9,
    "hkt": 8,
    "sgt": 8,
    "aest": 10,
    "aedt": 11,
}

_ZONE_OBJECTS = {name: timezone(timedelta(hours=hours)) for name, hours in _ZONES.items()}
_NUMERIC_ZONE = re.compile(r"(?:utc|gmt)?\s*([+-])(\d{1,2}):?(\d{2})?")
# The RSS pubDate shape, parsed without the general regex (feeds have 100,000s).
_RFC822 = re.compile(
    r"(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?"
    r"\s*([+-]\d{4}|[A-Za-z]{1,5})?"
)

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
_ORD = r"(?:st|nd|rd|th)?"
_TIME = r"""
    (?:
        (?:\s*(?:,|at|@|-|–|\||T)?\s*)
        (?:
            (?P<h>\d{1,2})[:.](?P<mi>\d{2})(?::(?P<s>\d{2})(?:[.,]\d+)?)?
            (?:\s*(?P<ap>[ap])\.?m\b\.?)?
          | (?P<h2>\d{1,2})\s*(?P<ap2>[ap])\.?m\b\.?
        )
        (?:\s*\(?(?P<tz>
            z\b | [+-]\d{2}:?\d{2}\b | (?:utc|gmt)(?:\s*[+-]\d{1,2}(?::?\d{2})?)? | [a-z]{2,5}\b
        )\)?)?
    )?
"""
_DATE = rf"""
    (?<![\w.:/-])
    {_WEEKDAY}
    (?:
        (?P<d1>\d{{1,2}}){_ORD}(?:\s+of)?[\s-]+(?P<m1>{_MONTH}),?[\s-]+(?P<y1>\d{{4}})
      | (?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}}){_ORD},?\s+(?P<y2>\d{{4}})
      | (?P<y3>\d{{4}})-(?P<mo3>\d{{1,2}})-(?P<d3>\d{{1,2}})
      | (?P<y4>\d{{4}})/(?P<mo4>\d{{1,2}})/(?P<d4>\d{{1,2}})
      | (?P<a5>\d{{1,2}})(?P<sep5>[/.])(?P<b5>\d{{1,2}})(?P=sep5)(?P<y5>\d{{4}})
    )
    (?![\w/-])
    {_TIME}
"""
_DATE_RE = re.compile(_DATE, re.IGNORECASE | re.VERBOSE)
_DIGIT = re.compile(r"\d")

# Words that may surround a date on a "date line" without making it something else.
_FILLER = re.compile(
    r"\b(?:published|updated|posted|last|modified|created|first|on|at|date|time|"
    r"local|et|pt|ct|ist)\b|[^\w]+",
    re.IGNORECASE,
)


class DateMatch:
    """A date found inside a longer string: the ISO value and where it was."""

    __slots__ = ("end", "iso", "start")

    def __init__(self, iso: str, start: int, end: int) -> None:
        self.iso = iso
        self.start = start
        self.end = end

    def __repr__(self) -> str:
        return f"DateMatch({self.iso!r}, {self.start}, {self.end})"


def _zone_offset(tz: str | None) -> timezone | None:
    if not tz:
        return None
    tz = tz.strip().lower()
    if tz in _ZONES:
        return _ZONE_OBJECTS[tz]
    match = _NUMERIC_ZONE.fullmatch(tz)
    if match:
        hours, minutes = int(match.group(2)), int(match.group(3) or 0)
        if hours > 14 or minutes > 59:
            return None
        sign = -1 if match.group(1) == "-" else 1
        return timezone(sign * timedelta(hours=hours, minutes=minutes))
    return None


def _ymd(m: re.Match[str]) -> tuple[int, int, int] | None:
    g = m.group
    if g("y1"):
        return int(g("y1")), _MONTHS[g("m1")[:3].lower()], int(g("d1"))
    if g("y2"):
        return int(g("y2")), _MONTHS[g("m2")[:3].lower()], int(g("d2"))
    if g("y3"):
        return int(g("y3")), int(g("mo3")), int(g("d3"))
    if g("y4"):
        return int(g("y4")), int(g("mo4")), int(g("d4"))
    a, b, year = int(g("a5")), int(g("b5")), int(g("y5"))
    # All-numeric dates are ambiguous; take the reading that is valid, and when both
    # are, day-first for dots (European) and month-first for slashes (American).
    if a > 12 >= b:
        return year, b, a
    if b > 12 >= a:
        return year, a, b
    return (year, b, a) if g("sep5") == "." else (year, a, b)


def _build(m: re.Match[str]) -> str | None:
    ymd = _ymd(m)
    if ymd is None:
        return None
    year, month, day = ymd
    if not 1800 <= year <= 2200:
        return None
    try:
        day_value = date(year, month, day)
    except ValueError:
        return None
    g = m.group
    hour_text = g("h") or g("h2")
    if hour_text is None:
        return day_value.isoformat()
    hour, minute = int(hour_text), int(g("mi") or 0)
    second = int(g("s") or 0)
    ampm = (g("ap") or g("ap2") or "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            return day_value.isoformat()
        hour = hour % 12 + (12 if ampm == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return day_value.isoformat()
    tzinfo = _zone_offset(g("tz"))
    value = datetime(year, month, day, hour, minute, second, tzinfo=tzinfo)
    return value.isoformat()


def _iso_direct(s: str) -> str | None:
    """Exact ISO 8601 strings (Atom, JSON): let the stdlib do it."""
    if not re.fullmatch(
        r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
        r"(?:Z|[+-]\d{2}:?\d{2})?",
        s,
        re.IGNORECASE,
    ):
        return None
    try:
        value = datetime.fromisoformat(s.upper() if s[-1:] in "zZ" else s)
    except ValueError:
        return None
    if not 1800 <= value.year <= 2200:
        return None
    if len(s) == 10:
        return value.date().isoformat()
    return value.isoformat()


def _rfc822_fallback(s: str) -> str | None:
    """RFC 822 oddities the regex does not take, such as two-digit years."""
    if not re.fullmatch(
        r"(?:[A-Za-z]{3},?\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2}\s+\d{1,2}:\d{2}.*", s
    ):
        return None
    try:
        value = parsedate_to_datetime(s)
    except (TypeError, ValueError, IndexError):
        return None
    return value.isoformat()


def _rfc822(s: str) -> str | None:
    match = _RFC822.fullmatch(s)
    if match is None:
        return None
    day, month_name, year, hour, minute, second, zone = match.groups()
    month = _MONTHS.get(month_name.lower())
    tzinfo = _zone_offset(zone)
    if month is None or (zone and tzinfo is None) or not 1800 <= int(year) <= 2200:
        return None
    try:
        value = datetime(
            int(year), month, int(day), int(hour), int(minute), int(second or 0), tzinfo=tzinfo
        )
    except ValueError:
        return None
    return value.isoformat()


def search_date(s: str) -> DateMatch | None:
    """The first date written anywhere in ``s``, or None."""
    for match in _DATE_RE.finditer(s):
        iso = _build(match)
        if iso is not None:
            end = match.end()
            # The time part may swallow a trailing word that is not a zone.
            if match.group("tz") and _zone_offset(match.group("tz")) is None:
                end = match.start("tz")
                while end > match.start() and s[end - 1] in " (":
                    end -= 1
            return DateMatch(iso, match.start(), end)
    return None


def parse_date(s: str | None) -> str | None:
    """ISO 8601 for a string that is a date (give or take "Published:"), else None."""
    if not s:
        return None
    s = s.strip()
    # Every form has a year in digits; the text importer asks this of every line
    # that could be a heading, and most of them have none.
    if not s or len(s) > 200 or not _DIGIT.search(s):
        return None
    direct = _iso_direct(s) or _rfc822(s)
    if direct is not None:
        return direct
    found = search_date(s)
    if found is None:
        return _rfc822_fallback(s)
    rest = s[: found.start] + " " + s[found.end :]
    if _FILLER.sub("", rest):
        return None
    return found.iso
