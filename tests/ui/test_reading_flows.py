"""The reader as a person uses it: open the seed, step to a quotation, jump, come back.

Every test drives the real app (the factory the command line calls) on a real
library imported from ``sample_articles/``, with Pilot, and asserts what is on
screen and what the library keeps.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.text import Text
from textual.geometry import Region
from textual.screen import Screen
from textual.scrollbar import ScrollBar
from textual.widgets import Input, OptionList, Static

from tests.conftest import screen_text, settled
from tui.app.app import LedeApp
from tui.app.factory import make_app
from tui.app.screens.entity import EntityScreen
from tui.app.screens.help import HelpScreen
from tui.app.screens.main import MainScreen
from tui.app.screens.search import SearchScreen
from tui.app.widgets.sidebar import Lead, Section
from tui.library import Library

SEED_TITLE = "China tells US to reverse decision to blacklist Xinjiang tech firms"


def main(app: LedeApp) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


def reader_text(screen: MainScreen) -> str:
    reader = screen.reader
    return " ".join(" ".join(reader.line_text(y) for y in range(reader.line_count)).split())


def option_texts(widget: OptionList) -> list[str]:
    return [str(widget.get_option_at_index(i).prompt) for i in range(widget.option_count)]


async def open_seed(app: LedeApp, pilot: object, seed_id: str) -> MainScreen:
    screen = main(app)
    assert screen.article_list.select_id(seed_id)
    screen.article_list.focus()
    await pilot.press("enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert screen.article is not None and screen.article.id == seed_id
    return screen


async def highlight_first_entity(app: LedeApp, pilot: object, seed_id: str) -> Section:
    """The seed open, the sidebar's entities section focused and its first entry
    highlighted (j)."""
    await open_seed(app, pilot, seed_id)
    entities = app.query_one("#entities", Section)
    entities.focus()
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.press("j")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    return entities


async def step_to_quote_by(pilot: object, screen: MainScreen, speaker: str) -> None:
    for _ in range(60):
        await pilot.press("right_square_bracket")  # type: ignore[attr-defined]
        index = screen.reader.focused
        if index is not None and screen.reader.highlights[index].speaker == speaker:
            return
    raise AssertionError(f"no quotation by {speaker}")


async def test_opening_the_seed_shows_it_with_names_and_quotes_in_the_sidebar(
    sample_library: Path, seed_id: str
) -> None:
    app = make_app(sample_library)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_seed(app, pilot, seed_id)
        text = reader_text(screen)
        assert SEED_TITLE in text
        assert "min read" in text
        entities = option_texts(app.query_one("#entities", OptionList))
        assert any(t.startswith("  Hikvision") for t in entities)
        assert any(t.startswith("  Geng Shuang") for t in entities)
        quotes = option_texts(app.query_one("#quotations", OptionList))
        assert any(t.startswith("Geng Shuang → “") for t in quotes)
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause()
        related = option_texts(app.query_one("#related", OptionList))
        assert related
        assert any(word in " ".join(related) for word in ("shares", "quotes"))
    with Library.open(sample_library, read_only=True) as library:
        assert library.store.user.is_read(seed_id)


async def test_stepping_to_a_quotation_shows_its_speaker_and_where_else_he_is_quoted(
    sample_library: Path, seed_id: str
) -> None:
    app = make_app(sample_library)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_seed(app, pilot, seed_id)
        await step_to_quote_by(pilot, screen, "Geng Shuang")
        assert screen.sidebar_behind  # it follows when the highlight rests
        await settled(pilot)
        heading = str(app.query_one("#focus-title", Static).render())
        assert heading.startswith("Geng Shuang · quotation")
        section = app.query_one("#focus-leads", OptionList)
        options = [section.get_option_at_index(i) for i in range(section.option_count)]
        leads = [str(option.prompt) for option in options if not option.disabled]
        assert leads and all("quotes Geng Shuang" in lead for lead in leads)
        assert f"article:{seed_id}" not in [option.id for option in options]


async def test_a_name_in_many_articles_previews_the_newest_and_counts_the_rest(
    sample_library: Path, seed_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # In a large library a place can be in most articles; the sidebar lists a few.
    import tui.app.screens.main as main_screen

    monkeypatch.setattr(main_screen, "FOCUS_LEADS", 2)
    app = make_app(sample_library)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_seed(app, pilot, seed_id)
        for _ in range(80):
            await pilot.press("right_curly_bracket")
            await settled(pilot)
            highlight = screen.reader.highlights[screen.reader.focused or 0]
            others = [i for i in screen.library.ids_with(highlight.key) if i != seed_id]
            if len(others) > 3:
                break
        else:
            raise AssertionError("no name in more than three other sample articles")
        section = app.query_one("#focus-leads", OptionList)
        leads = option_texts(section)
        assert len(leads) == 3
        assert all(f"mentions {highlight.canonical}" in lead for lead in leads[:2])
        assert leads[2] == f"… and {len(others) - 2} more articles: Enter lists them all"
        assert section.border_title == f"Leads to ({len(others)})"
        shown = [section.get_option_at_index(i).id for i in range(2)]
        assert shown == [f"article:{i}" for i in others[::-1][:2]]  # newest first


async def test_jump_from_a_quotation_and_back_restores_article_and_place(
    sample_library: Path, seed_id: str
) -> None:
    app = make_app(sample_library)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_seed(app, pilot, seed_id)
        await pilot.press("pagedown")
        await step_to_quote_by(pilot, screen, "Geng Shuang")
        place, focused = screen.reader.position, screen.reader.focused
        assert place > 0

        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, EntityScreen)
        articles = app.screen.query_one("#entity-articles", OptionList)
        assert articles.option_count >= 2
        target = next(
            articles.get_option_at_index(i).id
            for i in range(articles.option_count)
            if articles.get_option_at_index(i).id != f"article:{seed_id}"
        )
        articles.highlighted = next(
            i for i in range(articles.option_count) if articles.get_option_at_index(i).id == target
        )
        await pilot.press("enter")
        await pilot.pause()
        screen = main(app)
        assert screen.article is not None and f"article:{screen.article.id}" == target

        await pilot.press("backspace")
        await pilot.pause()
        assert screen.article.id == seed_id
        assert screen.reader.position == place
        assert screen.reader.focused == focused

        await pilot.press("alt+right")
        await pilot.pause()
        assert f"article:{screen.article.id}" == target


async def test_reading_position_and_last_article_survive_a_restart(
    sample_library: Path, seed_id: str
) -> None:
    app = make_app(sample_library)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_seed(app, pilot, seed_id)
        for _ in range(3):
            await pilot.press("pagedown")
        await pilot.pause()
        place = screen.reader.position
        assert place > 0
        await pilot.press("T")  # Another theme, which must persist too.
        theme = app.theme
        await pilot.press("q")

    again = make_app(sample_library)
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = main(again)
        assert screen.article is not None and screen.article.id == seed_id
        assert screen.reader.position == place
        assert again.theme == theme
        assert screen.article_list.current_id == seed_id


async def test_marking_unread_undoes_the_read_mark(sample_library: Path, seed_id: str) -> None:
    app = make_app(sample_library)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_seed(app, pilot, seed_id)
        assert app.library.store.user.is_read(seed_id)
        await pilot.press("u")
        assert not app.library.store.user.is_read(seed_id)
        row = screen.browse.row(screen.browse.index_of(seed_id) or 0)
        assert not row.read


async def test_search_finds_as_you_type_and_opens_the_article_at_the_match(
    sample_library: Path, seed_id: str
) -> None:
    app = make_app(sample_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"stay tuned")
        await app.workers.wait_for_complete()
        await pilot.pause()
        results = app.screen.query_one("#search-results", OptionList)
        ids = [results.get_option_at_index(i).id for i in range(results.option_count)]
        assert seed_id in ids
        seed_prompt = str(results.get_option_at_index(ids.index(seed_id)).prompt)
        assert "stay tuned" in seed_prompt.lower()
        results.highlighted = ids.index(seed_id)
        results.focus()
        await pilot.press("enter")
        await pilot.pause()
        screen = main(app)
        assert screen.article is not None and screen.article.id == seed_id
        assert app.query_one("#find", Input).value == "stay"


async def test_find_in_article_steps_through_matches(sample_library: Path, seed_id: str) -> None:
    app = make_app(sample_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_seed(app, pilot, seed_id)
        await pilot.press("ctrl+f", *"Hikvision", "enter")
        await pilot.pause()
        screen = main(app)
        assert screen.reader.match_count >= 3
        first = screen.reader.current_match
        await pilot.press("full_stop")
        assert screen.reader.current_match != first
        await pilot.press("escape")
        assert screen.reader.match_count == 0


async def test_filters_sort_and_entity_filter_change_the_list(
    sample_library: Path, seed_id: str
) -> None:
    app = make_app(sample_library)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_seed(app, pilot, seed_id)
        total = len(screen.browse)
        screen.article_list.focus()
        await pilot.press("U")
        assert len(screen.browse) == total - 1
        assert screen.browse.index_of(seed_id) is None
        assert "unread" in str(screen.article_list.border_title)
        await pilot.press("x")
        assert len(screen.browse) == total

        await pilot.press("b")  # Bookmark the row under the cursor (the seed).
        await pilot.press("B")
        assert len(screen.browse) == 1 and screen.browse.row(0).article_id == seed_id
        await pilot.press("x")

        await pilot.press("s")
        assert "title" in screen.browse.describe()
        titles = [screen.browse.row(i).title.casefold() for i in range(len(screen.browse))]
        assert titles == sorted(titles)

        screen.reader.focus()
        await step_to_quote_by(pilot, screen, "Geng Shuang")
        await pilot.press("e")
        shown = {screen.browse.row(i).article_id for i in range(len(screen.browse))}
        assert seed_id in shown and 1 < len(shown) < total
        assert "Geng Shuang" in str(screen.article_list.border_title)


async def test_narrow_terminal_shows_one_pane_at_a_time(
    sample_library: Path, seed_id: str
) -> None:
    app = make_app(sample_library)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = main(app)
        assert screen.has_class("narrow")
        assert screen.article_list.display and screen.article_list.region.width >= 70
        await open_seed(app, pilot, seed_id)
        await pilot.pause()
        assert screen.reader.region.width >= 70
        assert screen.article_list.region.width == 0
        await pilot.press("i")
        await pilot.pause()
        assert screen.sidebar.region.width >= 70
        await pilot.press("escape")
        await pilot.pause()
        assert screen.article_list.region.width >= 70


async def test_a_narrow_terminal_shows_the_pane_that_takes_focus(
    sample_library: Path, seed_id: str
) -> None:
    app = make_app(sample_library)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_seed(app, pilot, seed_id)
        assert screen.reader.region.width >= 70
        app.query_one("#entities", Section).focus()  # in the hidden sidebar
        await pilot.pause()
        assert screen.sidebar.region.width >= 70
        assert screen.reader.region.width == 0


async def test_help_is_made_from_the_bindings_and_the_palette_offers_every_action(
    sample_library: Path,
) -> None:
    app = make_app(sample_library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(
            f"{keys} {description}"
            for _title, rows in app.screen.sections
            for keys, description, _tip in rows
        )
        for words in ("Search", "Back", "Next highlight", "Bookmark", "Filter"):
            assert words in text
        await pilot.press("escape")
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Search", "Back", "Forward", "Bookmark", "Next highlight"} <= titles


async def test_the_sidebar_can_be_hidden(sample_library: Path, seed_id: str) -> None:
    app = make_app(sample_library)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_seed(app, pilot, seed_id)
        width = screen.reader.region.width
        await pilot.press("i")
        await pilot.pause()
        assert screen.sidebar.region.width == 0
        assert screen.reader.region.width > width


async def test_the_filter_dialog_picks_a_source(sample_library: Path, seed_id: str) -> None:
    app = make_app(sample_library)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = main(app)
        sources = screen.browse.sources()
        source, count = sources[0]
        await pilot.press("f")
        options = app.screen.query_one("#filter-options", OptionList)
        index = next(
            i
            for i in range(options.option_count)
            if options.get_option_at_index(i).id == f"source:{source}"
        )
        options.highlighted = index
        await pilot.press("enter", "escape")
        assert app.screen is screen
        assert len(screen.browse) == count
        assert all(screen.browse.row(i).source == source for i in range(count))
        assert f"source: {source}" in str(screen.article_list.border_title)


async def test_the_sidebar_lists_move_with_vim_keys_too(
    sample_library: Path, seed_id: str
) -> None:
    app = make_app(sample_library)
    async with app.run_test(size=(120, 40)) as pilot:
        entities = await highlight_first_entity(app, pilot, seed_id)
        start = entities.highlighted
        assert start is not None
        await pilot.press("j", "j")
        after_j = entities.highlighted
        assert after_j is not None and after_j > start
        await pilot.press("k")
        assert entities.highlighted is not None and start < entities.highlighted < after_j
        await pilot.press("G")
        assert entities.highlighted == entities.option_count - 1
        await pilot.press("g")
        assert entities.highlighted == start  # the first entry (type headings are not)


async def test_the_sidebar_border_shows_focus_anywhere_inside_it(
    sample_library: Path, seed_id: str
) -> None:
    app = make_app(sample_library)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_seed(app, pilot, seed_id)
        sidebar = screen.sidebar
        idle = sidebar.styles.border_top
        app.query_one("#entities", OptionList).focus()
        await pilot.pause()
        lit = sidebar.styles.border_top
        assert lit != idle
        app.query_one("#quotations", OptionList).focus()  # still inside
        await pilot.pause()
        assert sidebar.styles.border_top == lit
        screen.reader.focus()
        await pilot.pause()
        assert sidebar.styles.border_top == idle


async def test_tab_goes_from_the_reader_straight_into_a_sidebar_section(
    sample_library: Path, seed_id: str
) -> None:
    app = make_app(sample_library)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_seed(app, pilot, seed_id)
        screen.reader.focus()
        await pilot.pause()
        await pilot.press("tab")
        await pilot.pause()
        assert isinstance(app.focused, OptionList)  # a section, not the sidebar itself
        assert app.focused in screen.sidebar.query(OptionList)


async def test_tab_into_the_sidebar_shows_the_section_framed_and_in_view_at_once(
    sample_library: Path, seed_id: str
) -> None:
    """The frame that first shows a section focused shows it in view, in the sidebar's
    focused border, without a scroll animation after it."""
    app = make_app(sample_library)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_seed(app, pilot, seed_id)
        sidebar = screen.sidebar
        quotations = app.query_one("#quotations", Section)
        quotations.focus()  # the last: scrolled down to it, whole
        await settled(pilot)
        assert sidebar.scroll_y > 0
        assert quotations.region in sidebar.scrollable_content_region
        screen.article_list.focus()
        await settled(pilot)
        idle_border = sidebar.styles.border_top

        seen: list[tuple[float, object]] = []  # at each frame: scroll, border
        display = app._display

        def display_and_note(on_screen: object, update: object) -> None:
            display(on_screen, update)  # type: ignore[arg-type]
            if update is not None:
                seen.append((sidebar.scroll_y, sidebar.styles.border_top))

        app._display = display_and_note  # type: ignore[method-assign]
        await pilot.press("tab", "tab")  # the reader, then the first section
        await settled(pilot)
        assert app.focused is app.query_one("#notes", Section)  # the first shown
        assert sidebar.scroll_y == 0
        framed = [scroll for scroll, border in seen if border != idle_border]
        assert framed, "the sidebar never showed focus"
        assert framed[0] == 0, "the first framed frame showed the section out of view"
        assert not app.animator.is_being_animated(sidebar, "scroll_y")


async def test_tab_visits_the_panes_and_the_shown_sections_in_order_on_screen(
    sample_library: Path, seed_id: str
) -> None:
    """Tab goes list, reader, then each shown section top to bottom, and round: the
    order Textual would work out from where each is on screen, also with the
    sidebar scrolled (a narrow terminal's chain differs on purpose: the next test)."""
    app = make_app(sample_library)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_seed(app, pilot, seed_id)
        screen.reader.focus()
        await pilot.press("n")  # a highlight: the leads section shows too
        await settled(pilot)
        screen.article_list.focus()
        await settled(pilot)
        sections = [s for s in screen.sidebar.query(Section) if s.display]
        assert len(sections) == 5
        by_place = sorted(sections, key=lambda s: s.region.y + s.parent.scroll_y)
        expected = [screen.article_list, screen.reader, *by_place]
        visited = []
        for _ in range(len(expected)):
            visited.append(app.focused)
            await pilot.press("tab")
            await settled(pilot)
        assert visited == expected
        assert app.focused is screen.article_list  # round again
        assert screen.sidebar.scroll_y > 0  # the last section was scrolled to
        await pilot.press("tab", "tab")
        await settled(pilot)
        assert app.focused is by_place[0]  # the leads, with the highlight above them
        title = screen.sidebar.query_one("#focus-title", Static)
        assert title.region in screen.sidebar.scrollable_content_region
        assert screen.focus_chain == Screen.focus_chain.fget(screen)  # type: ignore[attr-defined]


async def test_tab_on_a_narrow_terminal_goes_on_to_the_next_pane_and_shows_it(
    sample_library: Path, seed_id: str
) -> None:
    """One pane at a time: Tab goes list, reader, each shown section, and round, as
    on a wide terminal, and the pane that takes focus is the one shown (Textual's
    chain holds only the widgets shown: Tab stayed in the list or the reader)."""
    app = make_app(sample_library)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_seed(app, pilot, seed_id)
        await pilot.press("n")  # a highlight: the leads section shows too
        await settled(pilot)
        sections = [s for s in screen.sidebar.query(Section) if s.display]
        assert len(sections) == 5
        screen.article_list.focus()
        await settled(pilot)
        for expected in [screen.reader, *sections, screen.article_list]:
            await pilot.press("tab")
            await settled(pilot)
            assert app.focused is expected
            pane = screen.sidebar if expected in sections else expected
            assert pane.region.width >= 70, f"{expected} took focus, {pane} is not shown"
            assert expected.region.height > 0, f"{expected} is not in view"
        await pilot.press("shift+tab")
        await settled(pilot)
        assert app.focused is sections[-1] and screen.sidebar.region.width >= 70


async def test_the_focused_frame_takes_a_new_theme_s_colours(
    sample_library: Path, seed_id: str
) -> None:
    app = make_app(sample_library)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_seed(app, pilot, seed_id)
        reader, article_list = screen.reader, screen.article_list
        reader.focus()
        await pilot.pause()

        def accent() -> object:
            return app.theme_variables["accent"].lower()

        def edge_colour(pane: object) -> str:
            return pane.styles.border_top[1].hex.lower()  # type: ignore[attr-defined]

        assert edge_colour(reader) == accent()
        assert edge_colour(article_list) != accent()
        first = accent()
        while accent() == first:  # a theme with another accent colour
            await pilot.press("T")
            await pilot.pause()
        await pilot.pause()
        assert edge_colour(reader) == accent()
        assert edge_colour(article_list) != accent()


async def test_a_quotation_by_an_organisation_opens_it_as_an_organisation(
    sample_library: Path, seed_id: str
) -> None:
    app = make_app(sample_library)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_seed(app, pilot, seed_id)
        screen.reader.focus()
        await step_to_quote_by(pilot, screen, "Commerce Department")
        await pilot.press("enter")
        await settled(pilot)
        entity = app.screen
        assert isinstance(entity, EntityScreen)
        assert entity.kind == "ORG"
        heading = " ".join(str(w.render()) for w in entity.query(Static))
        assert "organisation" in heading and "person" not in heading
        assert entity.query_one("#entity-articles", OptionList).option_count >= 1


async def test_a_section_shows_focus_in_its_title_and_entry_and_gives_it_back(
    sample_library: Path, seed_id: str
) -> None:
    """Focus shows in a section without a restyle: the title and the highlighted
    entry take the focused colours, and lose them on Tab, even after a theme change
    restyled the section while it had focus (OptionList's :focus rules then apply)."""
    app = make_app(sample_library)
    async with app.run_test(size=(120, 40)) as pilot:
        entities = await highlight_first_entity(app, pilot, seed_id)

        def look() -> tuple[str, str]:
            """The title's colour and the highlighted entry's background, as drawn."""
            lines = entities.render_lines(Region(0, 0, *entities.outer_size))
            title = next(s for s in lines[0] if "Entities" in s.text)
            assert entities.highlighted is not None
            row = entities._index_to_line[entities.highlighted] + entities.content_offset.y
            entry = next(s for s in lines[row - round(entities.scroll_offset.y)] if s.text.strip())
            assert title.style and title.style.color and entry.style and entry.style.bgcolor
            return title.style.color.triplet.hex, entry.style.bgcolor.triplet.hex  # type: ignore[union-attr]

        def theme(name: str) -> str:
            return app.theme_variables[name].lower()[:7]

        for round_ in range(2):
            title, entry = look()
            assert title == theme("accent"), round_
            assert entry == theme("block-cursor-background"), round_
            await pilot.press("tab")
            await pilot.pause()
            assert app.focused is not entities
            title, entry = look()
            assert title != theme("accent"), round_
            assert entry != theme("block-cursor-background"), round_
            entities.focus()
            await pilot.pause()
            first = theme("accent")
            while theme("accent") == first:  # restyled while focused
                await pilot.press("T")
                await pilot.pause()
            await pilot.pause()


async def test_the_leads_fit_their_section_up_to_its_height_and_scroll_beyond(
    sample_library: Path, seed_id: str
) -> None:
    """A section is as tall as its entries up to its max-height, whatever it showed
    before (it keeps that height without a layout while the entries overflow it)."""
    app = make_app(sample_library)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_seed(app, pilot, seed_id)
        leads = app.query_one("#focus-leads", Section)
        tallest = int(leads.styles.max_height.value)  # type: ignore[union-attr]
        frame = leads.styles.gutter.height  # its title row and the blank row below it
        many = [Lead(f"a{i}", f"Article {i}", "mentions Beijing") for i in range(20)]
        for shown in (many, many[:2], many, many[:19], many[:1]):
            screen.sidebar.show_focus(Text("Beijing"), shown, total=len(shown))
            await pilot.pause()
            lines = 2 * len(shown)  # a title and a reason each
            assert leads.outer_size.height == min(tallest, frame + lines), len(shown)
            assert leads.max_scroll_y == max(0, lines - (leads.outer_size.height - frame))
        long = [
            Lead(f"b{i}", f"Headline {i}: " + "Beijing, Washington and the trade talks " * 3, "")
            for i in range(3)
        ]
        screen.sidebar.show_focus(Text("Beijing"), long, total=3)
        await pilot.pause()
        assert leads.outer_size.height == tallest  # wrapped at the sidebar's width
        await pilot.resize_terminal(80, 24)  # narrow: the sidebar alone, full width
        await pilot.press("i")
        await pilot.pause()
        await pilot.pause()
        assert leads.outer_size.height < tallest  # wrapped wider: fewer lines
        assert leads.outer_size.height - frame == leads.virtual_size.height  # no blank rows


async def test_a_section_that_overflows_says_so_in_its_title_not_with_a_scrollbar(
    sample_library: Path, seed_id: str
) -> None:
    """A section shows ↑ ↓ in its title while entries are out of view above or below
    (no bar of its own beside the sidebar's), and its last line is reachable."""
    app = make_app(sample_library)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_seed(app, pilot, seed_id)
        leads = app.query_one("#focus-leads", Section)
        many = [Lead(f"a{i}", f"Article {i}", "mentions Beijing") for i in range(20)]
        screen.sidebar.show_focus(Text("Beijing"), many, total=21)
        await pilot.pause()

        assert str(leads.border_title) == "Leads to (21) ↓"
        assert "─Leads to (21) ↓─" in screen_text(app)
        bars = [w for w in screen._compositor.visible_widgets if isinstance(w, ScrollBar)]
        assert not [bar for bar in bars if isinstance(bar.parent, Section)]
        leads.focus()
        await pilot.press(*"jjjjjjjjjj")
        assert str(leads.border_title) == "Leads to (21) ↑↓"
        await pilot.press("G")  # the last article, and the line after it in view
        await pilot.pause()
        assert str(leads.border_title) == "Leads to (21) ↑"
        assert "│… and 1 more article: Enter " in screen_text(app)  # (wrapped)
        await pilot.press("g")
        assert str(leads.border_title) == "Leads to (21) ↓"
        screen.sidebar.show_focus(Text("Beijing"), many[:2], total=2)
        await pilot.pause()
        assert str(leads.border_title) == "Leads to (2)"
