"""The analyser on any text keeps its contract (docs/NLP_GUIDELINES.md).

Offsets are ``str`` indices with ``text[start:end] == span.text``; entities and
quotations are each sorted and non-overlapping; a speaker is the canonical of
one of the text's entities (or of the library's, when names are lent).
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz import common
from tui.nlp.analyzer import analyze
from tui.nlp.known_names import KnownNames

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NEWS_WORDS = [
    "Marco", "Rubio", "Geng", "Shuang", "said", "told", "reporters", "he", "she", "the",
    "company", "Commerce", "Department", "U.S.", "US", "China", "Hikvision", "Co", "Ltd",
    "General", "Motors", "(GM)", "Mr.", "Senator", "of", "and", "for", "Centre", "Washington",
    "according", "to", "added", ",", ".", ":", "'s", "-", "—", "\n", "\n\n",
    '"', "“", "”", "'", "‘", "’", "(", ")", "[bold]", "\x1b[2J",
]  # fmt: skip
news = st.lists(st.one_of(st.sampled_from(NEWS_WORDS), st.text(max_size=5)), max_size=60).map(
    " ".join
)
any_text = st.one_of(news, st.text(max_size=300))


def _library() -> KnownNames:
    names = KnownNames()
    names.add(analyze('Marco Rubio said "we will act". Geng Shuang of China replied.'))
    names.add(analyze("General Motors (GM) and the U.S. Commerce Department met."))
    return names


LIBRARY = _library()


@SETTINGS
@given(any_text)
def test_analysis_spans_are_inside_the_text_and_in_order(text: str) -> None:
    common.analyze_text(text)


@SETTINGS
@given(news, st.booleans())
def test_with_library_names_and_aliases(text: str, alias: bool) -> None:
    aliases = {"Marco Rubio": "Senator Rubio"} if alias else None
    with common.timed(len(text), "analyze"):
        analysis = analyze(text, LIBRARY, aliases)
    common.check_analysis(text, analysis, library=True)


@SETTINGS
@given(st.lists(st.sampled_from(['"', "“", "”", "\n", "\n\n", "a", "said", "Rubio"]), max_size=80))
def test_quote_marks_in_any_arrangement(parts: list[str]) -> None:
    # Unbalanced, nested and paragraph-spanning marks: the pairing must stay in range.
    common.analyze_text(" ".join(parts))
