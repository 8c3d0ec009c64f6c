"""Library-level name statistics: a name seen in full once is known when it returns short.

Kept as three small dicts of plain JSON types, so the store can save it next to the
catalogue and load it in well under a millisecond.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tui.model import Analysis, EntityMention

_VERSION = 1
_NAME_SUFFIXES = {"Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"}


def no_names(_: str) -> tuple[str, str] | None:
    """The lookup to use when there is no library: nothing is known."""
    return None


class KnownNames:
    """Short forms and full names the library has seen, with how often, by entity type.

    ``forms`` maps a surface form (a full name, a surname, an organisation's short form or
    acronym) to ``{canonical: [type, count]}``; lookups pick the most frequent reading.
    """

    __slots__ = ("first_words", "forms", "max_words")

    def __init__(self, forms: dict[str, dict[str, list[Any]]] | None = None) -> None:
        self.forms: dict[str, dict[str, list[Any]]] = forms or {}
        #: the most words of any known form, and the first words of the multi-word ones
        #: (so callers skip lookups that cannot succeed)
        self.max_words = 0
        self.first_words: set[str] = set()
        for form in self.forms:
            self._note(form)

    def _note(self, form: str) -> None:
        words = form.count(" ") + 1
        if words > 1:
            self.first_words.add(form.split(" ", 1)[0])
        if words > self.max_words:
            self.max_words = words

    def __len__(self) -> int:
        return len(self.forms)

    def _bump(self, form: str, canonical: str, kind: str) -> None:
        slot = self.forms.get(form)
        if slot is None:
            slot = self.forms[form] = {}
            self._note(form)
        entry = slot.get(canonical)
        if entry is None:
            slot[canonical] = [kind, 1]
        else:
            entry[1] += 1

    def add(self, analysis: Analysis) -> None:
        """Learn from one analysed text: every surface form and surname of its entities."""
        self.add_mentions(analysis.entities)

    def add_mentions(self, mentions: Iterable[EntityMention]) -> None:
        seen: set[tuple[str, str]] = set()
        for m in mentions:
            if m.type == "PLACE":
                continue
            for form in self._forms_of(m):
                if (form, m.canonical) in seen:
                    continue
                seen.add((form, m.canonical))
                self._bump(form, m.canonical, m.type)
            if m.type == "ORG" and " " in m.canonical:
                # a company's short name names it from now on ("Korvex" for "Korvex
                # Group"): the shortest form, as within one text
                from tui.nlp.canonical import library_short_forms

                for short in library_short_forms(m.canonical, corporate_only=True)[:1]:
                    if (short, short) not in seen:
                        seen.add((short, short))
                        self._bump(short, short, "ORG")

    @staticmethod
    def _forms_of(m: EntityMention) -> list[str]:
        forms = [m.text, m.canonical]
        if m.type == "PERSON":
            parts = [p for p in m.canonical.split() if p not in _NAME_SUFFIXES]
            if len(parts) >= 2:
                forms.append(parts[-1])
        return forms

    def lookup(self, form: str) -> tuple[str, str] | None:
        """(canonical, type) most often behind ``form``, or None if never seen."""
        slot = self.forms.get(form)
        if not slot:
            return None
        canonical, (kind, _) = max(slot.items(), key=lambda item: (item[1][1], len(item[0])))
        return canonical, kind

    def to_dict(self) -> dict[str, Any]:
        return {"version": _VERSION, "forms": self.forms}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> KnownNames:
        if not data or data.get("version") != _VERSION:
            return cls()
        forms = {
            str(form): {str(c): [str(v[0]), int(v[1])] for c, v in slot.items()}
            for form, slot in data.get("forms", {}).items()
        }
        return cls(forms)
