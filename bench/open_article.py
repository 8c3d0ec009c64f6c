"""How fast the reader opens a long article and answers a highlight key.

A synthetic 5,000-word article with 300 highlights (names and quotations, by
offsets as the analyser gives them) is shown in a ``Reader`` inside a headless
app at 120x40:

- open: ``show_article`` (which runs ``layout``) plus rendering the first
  screen of lines with ``render_line``, wall time, median of ``--runs``;
- layout: ``layout()`` alone, for reference;
- key: CPU time (``time.process_time``) of one ``n`` step, the action plus
  rendering every line of the view (changed lines re-render, the rest come
  from the cache), median over ``--steps`` steps;
- key, whole press: CPU time of ``pilot.press("n")`` through Textual (event,
  binding, action, compositor, headless driver), for reference, next to the
  same for a key bound to nothing (what Pilot's waiting costs by itself).

    python bench/open_article.py [--runs 9] [--steps 100]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import time
from pathlib import Path
from typing import ClassVar

from textual.app import App, ComposeResult

from tui.app.paths import stylesheet
from tui.app.widgets.reader import Reader
from tui.model import Analysis, Article, ArticleMeta, Block, EntityMention, Quotation
from tui.reading.layout import layout

WORDS = 5_000
ENTITIES = 200
QUOTES = 50
SIZE = (120, 40)
FILLER_TEXT = (
    "the government said on Tuesday that its officials would review trade policy after "
    "months of talks between negotiators who met in several cities during a long summer "
    "of debate over tariffs technology exports and security"
)
FILLER = FILLER_TEXT.split()
NAMES = [
    ("PERSON", "Geng Shuang"),
    ("PERSON", "Marco Rubio"),
    ("PERSON", "Julian Ku"),
    ("ORG", "Hikvision"),
    ("ORG", "Commerce Department"),
    ("ORG", "Human Rights Watch"),
    ("PLACE", "Xinjiang"),
    ("PLACE", "Beijing"),
    ("PLACE", "Washington"),
]


def synthetic_article(seed: int = 7) -> Article:
    """5,000 words in paragraphs (and a few headings, list items, a block quote),
    with 250 entity mentions and 50 quotations placed by offset."""
    rng = random.Random(seed)
    # Decide where highlights go: word positions for names and quotations.
    slots = sorted(rng.sample(range(0, WORDS - 20, 6), ENTITIES + QUOTES))
    quote_at = set(rng.sample(slots, QUOTES))
    blocks: list[Block] = []
    entities: list[EntityMention] = []
    quotes: list[Quotation] = []
    body_offset = 0
    words = 0
    paragraph: list[str] = []
    offset_in_block = 0
    next_slot = 0

    def add(piece: str) -> int:
        nonlocal offset_in_block
        start = offset_in_block + (1 if paragraph else 0)
        paragraph.append(piece)
        offset_in_block = start + len(piece)
        return body_offset + start

    number = 0
    while words < WORDS:
        if next_slot < len(slots) and words >= slots[next_slot]:
            slot = slots[next_slot]
            next_slot += 1
            kind, name = NAMES[rng.randrange(len(NAMES))]
            if slot in quote_at:
                said = " ".join(rng.choice(FILLER) for _ in range(rng.randint(4, 14)))
                start = add(f"“{said}”") + 1
                quotes.append(Quotation(said, name, "said", start, start + len(said)))
                add("said")
                start = add(name)
                entities.append(EntityMention(name, "PERSON", name, start, start + len(name)))
                words += len(said.split()) + 1 + len(name.split())
            else:
                start = add(name)
                entities.append(EntityMention(name, kind, name, start, start + len(name)))
                words += len(name.split())
            continue
        add(rng.choice(FILLER))
        words += 1
        if len(paragraph) >= rng.randint(60, 110):
            number += 1
            kind = "paragraph"
            if number % 12 == 0:
                kind = "quote"
            elif number % 9 == 0:
                kind = "list_item"
            text = " ".join(paragraph) + "."
            blocks.append(Block(kind, text))
            body_offset += len(text) + 2
            paragraph.clear()
            offset_in_block = 0
            if number % 15 == 0:
                heading = f"Part {number // 15} of the story"
                blocks.append(Block("heading", heading))
                body_offset += len(heading) + 2
    if paragraph:
        blocks.append(Block("paragraph", " ".join(paragraph) + "."))
    meta = ArticleMeta(
        id="bench",
        title="A long synthetic article about trade, technology and talks",
        source="Bench Times",
        published="2020-01-02",
        bylines=["A. Writer"],
        word_count=words,
    )
    article = Article(
        meta=meta,
        standfirst="Five thousand words with three hundred highlights.",
        blocks=blocks,
        analysis=Analysis(entities=entities, quotes=quotes),
    )
    body = article.text
    for mention in entities:  # The offsets must be exact, as the analyser's are.
        assert body[mention.start : mention.end] == mention.text
    for quote in quotes:
        assert body[quote.start : quote.end] == quote.text
    return article


class Host(App[None]):
    CSS_PATH: ClassVar[list[str | Path]] = [stylesheet("reader.tcss")]

    def compose(self) -> ComposeResult:
        yield Reader(id="reader")


def render_view(reader: Reader) -> None:
    for y in range(reader.scrollable_content_region.height):
        reader.render_line(y)


async def measure(runs: int, steps: int) -> None:
    article = synthetic_article()
    body_words = sum(len(block.text.split()) for block in article.blocks)
    count = len(article.analysis.entities) + len(article.analysis.quotes)  # type: ignore[union-attr]
    print(f"article: {body_words} words, {len(article.blocks)} blocks, {count} highlights")

    layouts = []
    layout(article, 118)  # warm-up: Rich's width caches, imports
    for _ in range(runs):
        start = time.perf_counter()
        layout(article, 118)  # the reader's text width at 120x40
        layouts.append(time.perf_counter() - start)

    app = Host()
    async with app.run_test(size=SIZE) as pilot:
        reader = app.query_one(Reader)
        reader.focus()
        await pilot.pause()
        opens = []
        for _ in range(runs):
            reader.show_article(None)
            await pilot.pause()
            start = time.perf_counter()
            reader.show_article(article)
            render_view(reader)
            opens.append(time.perf_counter() - start)
            await pilot.pause()
        print(f"laid out: {reader.line_count} lines at width {reader.size.width}")

        keys = []
        for _ in range(steps):
            start = time.process_time()
            reader.action_next_highlight()
            render_view(reader)
            keys.append(time.process_time() - start)
            await pilot.pause()

        reader.focus_highlight(0)
        await pilot.pause()
        presses = []
        for _ in range(min(steps, 50)):
            start = time.process_time()
            await pilot.press("n")
            presses.append(time.process_time() - start)
        idle = []  # the same round for a key nothing is bound to: Pilot's own cost
        for _ in range(min(steps, 50)):
            start = time.process_time()
            await pilot.press("z")
            idle.append(time.process_time() - start)

    def ms(values: list[float]) -> str:
        return f"{statistics.median(values) * 1000:.2f} ms"

    print(f"layout() alone, median of {runs}: {ms(layouts)}")
    print(f"open (show_article + first screen), median of {runs}: {ms(opens)}  (target <= 50 ms)")
    print(f"n key step CPU, median of {steps}: {ms(keys)}  (target <= 5 ms)")
    print(f"  max {max(keys) * 1000:.2f} ms")
    print(f"pilot.press('n') CPU, whole Textual round, median of {len(presses)}: {ms(presses)}")
    print(f"pilot.press('z') CPU, an unbound key (Pilot's own cost): {ms(idle)}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--steps", type=int, default=100)
    args = parser.parse_args()
    asyncio.run(measure(args.runs, args.steps))


if __name__ == "__main__":
    main()
