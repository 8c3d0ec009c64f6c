"""Markdown import: front matter for metadata, block structure kept, inline markup dropped."""

from __future__ import annotations

import contextlib
import time

import pytest

from tui.ingest.errors import IngestError
from tui.ingest.markdown import parse_front_matter, parse_markdown, strip_inline

STORY = """---
title: "Marsh plan: approved"
source: The Daily Example
url: https://example.com/marsh
date: 2026-01-14
authors:
  - Jane Doe
  - 'John Roe'
lang: en
tags: [politics, "local news"]
summary: The council votes.
nested:
  key: ignored
---

# Marsh plan: approved

The council **voted** on *Tuesday* to approve the [plan](https://example.com/plan).
It continues here with `code *not em*` and snake_case_name.

![a photo](photo.png)

## What next

> A quote line
> continues.
>
> Second quote.

- one item
  continues
* two
1. three
"""


def test_front_matter_and_body() -> None:
    article = parse_markdown(STORY, path="story.md")
    assert article.title == "Marsh plan: approved"
    assert article.source == "The Daily Example"
    assert article.url == "https://example.com/marsh"
    assert article.published == "2026-01-14"
    assert article.bylines == ["Jane Doe", "John Roe"]
    assert article.language == "en"
    assert article.tags == ["politics", "local news"]
    assert article.standfirst == "The council votes."
    assert article.format == "markdown"
    assert [(b.kind, b.text) for b in article.blocks] == [
        (
            "paragraph",
            "The council voted on Tuesday to approve the plan. "
            "It continues here with code *not em* and snake_case_name.",
        ),
        ("heading", "What next"),
        ("quote", "A quote line continues."),
        ("quote", "Second quote."),
        ("list_item", "one item continues"),
        ("list_item", "two"),
        ("list_item", "three"),
    ]


def test_title_falls_back_to_first_h1_heading() -> None:
    article = parse_markdown("# The Title\n\nBody text.\n\n## Part two\n\nMore.")
    assert article.title == "The Title"
    assert [b.text for b in article.blocks] == ["Body text.", "Part two", "More."]


def test_setext_heading_and_author_string() -> None:
    article = parse_markdown("---\nauthor: Ann Roe and Bob Poe\n---\nA Title\n=======\n\nBody.")
    assert article.title == "A Title"
    assert article.bylines == ["Ann Roe", "Bob Poe"]
    assert [b.text for b in article.blocks] == ["Body."]


def test_no_heading_takes_the_first_sentence() -> None:
    article = parse_markdown("Just a paragraph. Second sentence.")
    assert article.title == "Just a paragraph."
    assert article.blocks[0].text == "Just a paragraph. Second sentence."


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("**bold** and __strong__", "bold and strong"),
        ("*em* and _em_ but snake_case", "em and em but snake_case"),
        ("[text](https://x.org/a_(b)) and [ref][1]", "text and ref"),
        ("![alt](img.png) after", "after"),
        ("`**kept**` code", "**kept** code"),
        (r"\*not em\* and \[x\]", "*not em* and [x]"),
        ("<https://example.com> and ~~gone~~", "https://example.com and gone"),
        ("<b>html stays text</b>", "<b>html stays text</b>"),
    ],
)
def test_strip_inline(markdown: str, text: str) -> None:
    assert strip_inline(markdown) == text


def test_front_matter_without_closing_line_is_body() -> None:
    meta, rest = parse_front_matter("---\ntitle: x\nno closing line\n")
    assert meta == {}
    assert rest.startswith("---")


def test_code_fence_and_rules_and_reference_definitions() -> None:
    article = parse_markdown("# T\n\n```\nprint(1)\n```\n\n---\n\n[1]: https://x.org\n\nEnd.")
    assert [b.text for b in article.blocks] == ["print(1)", "End."]


@pytest.mark.parametrize("text", ["", "---\ntitle: Only meta\n---\n", "![img](x.png)\n"])
def test_no_article_text_is_an_error(text: str) -> None:
    with pytest.raises(IngestError, match="no article text found"):
        parse_markdown(text)


@pytest.mark.parametrize(
    "text",
    [
        "*" * 50_000,
        "[" * 20_000 + "](" * 20_000,
        "`a" * 20_000,
        "<!--" * 20_000,
        "# " + " " * 50_000 + "x",
        "[a](b(" * 20_000,
    ],
)
def test_hostile_inline_markup_is_fast(text: str) -> None:
    started = time.perf_counter()
    with contextlib.suppress(IngestError):
        parse_markdown(text)
    assert time.perf_counter() - started < 1.0
