"""Any article text through layout and the Reader's own line rendering.

Nothing drawn holds a control character (C0, DEL, C1) or a link/action style;
markup-like text is drawn literally; every body line shows exactly the body
characters its offsets name; stale highlight spans never break a line.
The Reader's ``render_line``/``_render_full_line`` run without an app
(``fuzz.common.render_article`` gives them the state they read).
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz import common
from tui.model import BLOCK_KINDS, Analysis, EntityMention, Quotation

SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
HOSTILE = [
    "[bold red]x[/]", "[link=file:///etc/passwd]p[/link]", "[@click=app.quit]q[/]", "[/]",
    "\x1b]52;c;SGVsbG8=\x07", "\x1b[2J", "\x9b31m", "\x07", "\x00", "\r", "\t", "\x7f",
    "\u200b", "\u202e", "\ufeff", "中文字", "👍🏽", "é", "\u3000", "\xa0", "\n", " ", "  ",
]  # fmt: skip
block_text = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=12)), max_size=25).map(
    "".join
)
blocks = st.lists(st.tuples(st.sampled_from([*BLOCK_KINDS, "other"]), block_text), max_size=5)


@st.composite
def articles(draw: st.DrawFn) -> common.Article:
    parts = draw(blocks)
    size = sum(len(text) for _kind, text in parts) + 2 * max(0, len(parts) - 1)
    offset = st.integers(-2, size + 2)
    spans = draw(st.lists(st.tuples(offset, offset, st.booleans(), block_text), max_size=6))
    entities = [
        EntityMention(t, draw(st.sampled_from(["PERSON", "ORG", "PLACE", "X"])), t, a, b)
        for a, b, is_entity, t in spans
        if is_entity
    ]
    quotes = [Quotation(t, t or None, None, a, b) for a, b, is_entity, t in spans if not is_entity]
    return common.make_article(
        parts,
        title=draw(block_text),
        standfirst=draw(block_text),
        meta={"bylines": draw(st.lists(block_text, max_size=2)), "source": draw(block_text)},
        analysis=Analysis(entities, quotes) if draw(st.booleans()) else None,
    )


@SETTINGS
@given(articles())
def test_any_article_renders_literally_and_without_controls(article: common.Article) -> None:
    common.render_article(article, widths=(1, 9, 40, 100))


@SETTINGS
@given(block_text, st.integers(1, 30))
def test_markup_is_drawn_as_text(text: str, width: int) -> None:
    article = common.make_article([("paragraph", f"[b]{text}[/b] [link=x]y[/link]")])
    common.render_article(article, widths=(width, 200))


def test_every_hostile_piece_survives_or_is_removed() -> None:
    body = " ".join(HOSTILE)
    article = common.make_article([("paragraph", body)], title=body, standfirst=body)
    common.render_article(article)
