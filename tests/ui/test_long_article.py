"""A very long article opens without holding up the app: it is laid out in a
thread while the reader says so, then shows at the saved place with the
highlight still focused; a width change meanwhile wins over the older layout;
and the sidebar lists its first quotations with a line for the rest."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.test_reading_flows import main
from tui.app.factory import make_app
from tui.app.widgets.reader import THREAD_LAYOUT_CHARS, Reader
from tui.app.widgets.sidebar import SECTION_LIMIT, Section
from tui.library import Library
from tui.reading.layout import Highlight

PARAGRAPHS = 1_100


def long_page() -> str:
    """A text page of PARAGRAPHS paragraphs, each with one attributed quotation."""
    lines = ["Hearing transcript: the committee on water rights", ""]
    for i in range(PARAGRAPHS):
        lines += [
            f"Item {i} came before the committee in Geneva this morning, and members "
            f'asked about the wells. "We will study item {i} with great care," said '
            "Maria Lopez, the chair of the committee, to reporters afterwards.",
            "",
        ]
    return "\n".join(lines)


@pytest.fixture
def long_article(sample_library: Path, tmp_path: Path) -> str:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "hearing.txt").write_text(long_page())
    with Library.open(sample_library) as library:
        report = library.import_paths([folder])
        assert not report.failures, report.failures
        meta = report.imported[0][1]
        assert len(library.article(meta.id).text) > THREAD_LAYOUT_CHARS
        return meta.id


def on_screen(reader: Reader) -> str:
    top = reader.scroll_offset.y
    return " ".join(reader.line_text(top + y) for y in range(reader.size.height))


async def test_a_long_article_is_laid_out_in_a_thread_and_opens_at_its_place(
    sample_library: Path, long_article: str
) -> None:
    app = make_app(sample_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = main(app)
        reader = screen.reader
        place = len(screen.library.article(long_article).text) // 2
        screen.open_article(long_article, offset=place)
        # Back from open_article at once: the layout is still to come.
        assert reader.laying_out
        assert reader.line_text(0) == ""
        assert "Laying out a long article" in reader.render_line(0).text
        here = screen.here()
        assert here is not None and here.offset == place
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not reader.laying_out
        assert reader.line_count > PARAGRAPHS
        assert reader.position == place
        text = screen.library.article(long_article).text
        item = text[text.rindex("Item ", 0, place + 5) :].split()[1]  # the paragraph at place
        assert f"study item {item} with" in on_screen(reader)

        # Jumping to a quotation: once laid out, that quotation is on screen, focused.
        screen.open_article(long_article, highlight=quote_of(reader, 900).index)
        assert reader.laying_out
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "study item 900 with great care" in on_screen(reader)


def quote_of(reader: Reader, item: int) -> Highlight:
    """The highlight of the quotation about ``item``."""
    text = reader.article.text if reader.article is not None else ""
    return next(
        h
        for h in reader.highlights
        if h.kind == "QUOTE" and f"item {item} " in text[h.start : h.end]
    )


async def test_a_width_change_during_the_layout_wins_over_the_older_one(
    sample_library: Path, long_article: str
) -> None:
    app = make_app(sample_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = main(app)
        reader = screen.reader
        screen.open_article(long_article, focus_reader=False)
        narrow = reader.scrollable_content_region.width
        assert reader.laying_out
        await pilot.press("i")  # Hides the sidebar: the reader widens and lays out again.
        await app.workers.wait_for_complete()
        await pilot.pause()
        wide = reader.scrollable_content_region.width
        assert wide > narrow
        assert not reader.laying_out
        widest = max(len(reader.line_text(y)) for y in range(reader.line_count))
        assert widest > narrow - 2, "the layout made for the old width was used"


async def test_the_sidebar_lists_the_first_quotations_and_says_how_many_more(
    sample_library: Path, long_article: str
) -> None:
    app = make_app(sample_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = main(app)
        screen.open_article(long_article)
        await app.workers.wait_for_complete()
        await pilot.pause()
        quotations = screen.query_one("#quotations", Section)
        assert quotations.border_title == f"Quotations ({PARAGRAPHS}) ↓"  # (more below)
        assert quotations.option_count == SECTION_LIMIT + 1
        last = quotations.get_option_at_index(SECTION_LIMIT)
        assert last.disabled
        assert (
            str(last.prompt)
            == f"… and {PARAGRAPHS - SECTION_LIMIT:,} more quotations: ] steps through them"
        )
        first = quotations.get_option_at_index(0)
        assert str(first.prompt).startswith("Maria Lopez → “We will study item 0")
