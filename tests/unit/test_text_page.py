"""Plain-text pages: the seed end to end, and the same general rules on other layouts."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.ingest.errors import IngestError
from tui.ingest.text_page import parse_text_page
from tui.model import ParsedArticle

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "sample_articles" / "000_8274fb328f49e36a.txt"
FIXTURES = REPO / "tests" / "fixtures" / "ingest"

SEED_STANDFIRST = (
    "Surveillance and facial recognition firms targeted over their role in the region, "
    "where one million Muslims are reported to have been detained.\n"
    "Beijing declines to say whether it will retaliate as two sides prepare to resume "
    "trade talks."
)
FURNITURE = ("Saudi Arabia and the world", "Newsletter", "Related Articles", "0:00", "Close", "×")


@pytest.fixture(scope="module")
def seed() -> ParsedArticle:
    return parse_text_page(SEED.read_text(encoding="utf-8"), path=str(SEED))


def test_seed_header(seed: ParsedArticle) -> None:
    assert seed.source == "Saudi Press"
    assert seed.published == "2026-01-14"
    assert seed.title == "China tells US to reverse decision to blacklist Xinjiang tech firms"
    assert seed.standfirst == SEED_STANDFIRST
    assert seed.format == "text"


def test_seed_body_holds_both_stories(seed: ParsedArticle) -> None:
    first = seed.blocks[0]
    assert first.kind == "paragraph"
    assert first.text.startswith("Beijing has demanded that the US revoke a decision")
    headings = [b.text for b in seed.blocks if b.kind == "heading"]
    assert headings == ["US adds Chinese surveillance giant Hikvision to trade blacklist"]
    assert seed.blocks[-1].text.startswith("Republican Senator Marco Rubio praised")
    assert seed.blocks[-1].text.endswith("Rubio said.")
    # Two paragraphs written on consecutive lines stay two paragraphs.
    texts = [b.text for b in seed.blocks]
    assert any(
        t.startswith("The punishment will") and t.endswith("the company said.") for t in texts
    )
    assert any(t.startswith("Reuters reported that in August") for t in texts)
    assert len(seed.blocks) == 25


def test_seed_body_has_no_furniture(seed: ParsedArticle) -> None:
    texts = [b.text for b in seed.blocks]
    for junk in FURNITURE:
        assert junk not in texts
    assert "Saudi Press" not in seed.text
    assert "Trump Designates Saudi Arabia" not in seed.text
    assert seed.title not in texts


def test_seed_related_headlines(seed: ParsedArticle) -> None:
    related = seed.related_headlines
    assert len(related) == 50
    assert related[0].startswith("Trump Designates Saudi Arabia a Major Non-NATO Ally")
    assert related[-1] == (
        "Saudi Arabia Projects $44 Billion Budget Shortfall in 2026 as Economy Rebalances"
    )
    assert "There is no sovereign immunity for poisoning millions with drugs." in related
    for junk in ("Saudi Press", "0:00", "Close", "×", "Newsletter", "Related Articles"):
        assert junk not in related


def test_another_site_with_other_furniture() -> None:
    page = (FIXTURES / "harbour_gazette.txt").read_text(encoding="utf-8")
    article = parse_text_page(page)
    assert article.source == "THE HARBOUR GAZETTE"
    assert article.published == "2025-03-03T09:15:00+00:00"
    assert article.bylines == ["Maria Lopez", "Tom Reed"]
    assert article.title == "Harbour council approves plan to restore the old salt marshes"
    assert article.standfirst == "The scheme will cost £4m and take five years to complete."
    kinds = [(b.kind, b.text[:20]) for b in article.blocks]
    assert kinds == [
        ("paragraph", "Councillors voted ni"),
        ("paragraph", "Supporters said the "),
        ("heading", "What happens next"),
        ("paragraph", "Work will begin in t"),
        ("paragraph", "\"It's a good day for"),
    ]
    assert article.related_headlines == [
        "Seals return to the estuary after twenty years",
        "New cycle path opens along the river",
        "Fishermen warn of falling catches",
    ]
    for junk in ("Share this article", "Advertisement", "2:14", "Follow us", "Weather", "✕"):
        assert junk not in article.text


def test_related_run_at_the_end_without_a_marker() -> None:
    long = " ".join(["The river rose again overnight and crews worked until dawn."] * 4)
    page = (
        "Valley Post\n\nMonday, 2 June 2025\n\nFloods close the valley road for a week\n\n"
        f"{long}\n\n{long}\n\nShare\n"
        "Bridge reopens after repairs\nSchool wins national award\nMarket moves to new square\n"
    )
    article = parse_text_page(page)
    assert article.source == "Valley Post"
    assert article.title == "Floods close the valley road for a week"
    assert len(article.blocks) == 2
    assert article.related_headlines == [
        "Bridge reopens after repairs",
        "School wins national award",
        "Market moves to new square",
    ]


def test_news_corpus_layout() -> None:
    body = (
        "The city council of Exampleton voted on Tuesday to close the old tram depot, "
        'ending ninety years of service. "It is a sad day," the mayor said. '
        "Workers will move to the new depot next spring."
    )
    page = f"Exampleton votes to close its old tram depot\n\nMarch 4, 2010\n\n{body}\n"
    article = parse_text_page(page)
    assert article.title == "Exampleton votes to close its old tram depot"
    assert article.published == "2010-03-04"
    assert article.source is None
    assert article.standfirst == ""
    assert [b.text for b in article.blocks] == [body]


def test_simple_text_file_one_paragraph_per_line() -> None:
    article = parse_text_page("Simple title\nFirst paragraph is here.\nSecond one is here.\n")
    assert article.title == "Simple title"
    assert [b.text for b in article.blocks] == ["First paragraph is here.", "Second one is here."]


def test_simple_text_file_with_blank_lines_and_wrapped_lines() -> None:
    page = (
        "Notes on the harbour\n\n"
        "The harbour was dredged in the spring of that year, and the\n"
        "boats came back within a month, as the old fishermen had\n"
        "said they would.\n\n"
        "Nobody expected the seals.\n"
    )
    article = parse_text_page(page)
    assert article.title == "Notes on the harbour"
    assert [b.text for b in article.blocks] == [
        "The harbour was dredged in the spring of that year, and the boats came back "
        "within a month, as the old fishermen had said they would.",
        "Nobody expected the seals.",
    ]


def test_text_is_kept_as_text_and_controls_are_stripped() -> None:
    article = parse_text_page(
        "A [bold] title\r\n\r\nSome <b>text</b> with\x07 a bell\x1b[31m.\r\n"
    )
    assert article.title == "A [bold] title"
    assert article.blocks[0].text == "Some <b>text</b> with a bell[31m."


def test_a_text_with_no_title_line_takes_its_first_sentence() -> None:
    article = parse_text_page("only one line of text, all in lower case and no title")
    assert article.title == "only one line of text, all in lower case and no title"
    assert len(article.blocks) == 1


@pytest.mark.parametrize("page", ["", "\n\n \n", "Title only", "×\n0:00\n"])
def test_no_article_text_is_an_error(page: str) -> None:
    with pytest.raises(IngestError, match="no article text found"):
        parse_text_page(page, path="x.txt")


def test_breadcrumbs_byline_date_line_and_promo_lines() -> None:
    article = parse_text_page((FIXTURES / "metro_daily.txt").read_text(encoding="utf-8"))
    assert article.source == "Metro Daily"
    assert article.title == "Tram line to reopen after two-year closure"
    assert article.published == "2024-05-05"
    assert article.bylines == ["Sam Hill"]
    assert article.standfirst == "Passengers will be able to ride the route again from June."
    assert [b.text[:20] for b in article.blocks] == [
        "Engineers have spent",
        "The city said the fi",
    ]
    assert "Read more" not in article.text
    assert article.related_headlines == [
        "Council tax to rise by five per cent",
        "New bakery opens on the high street",
        "Police appeal after bike thefts",
    ]


def test_short_paragraph_story_without_any_long_paragraph() -> None:
    page = (
        "Coastal Courier\n\nStorm forces ferry cancellations across the islands\n\n"
        "12 February 2025\n\n"
        "Ferry services to all five islands were cancelled on Wednesday as winds reached 90mph."
        "\n\n"
        "The operator said it hoped to restart sailings on Thursday morning.\n\n"
        "Schools on two of the islands also closed early.\n\n"
        '"Safety comes first," a spokeswoman said.\n\n'
        "Share\nMore from Coastal Courier\nHarbour fees frozen for another year\n"
        "Lifeboat crew rescue two walkers\nIsland shop wins community award\n"
    )
    article = parse_text_page(page)
    assert article.source == "Coastal Courier"
    assert article.title == "Storm forces ferry cancellations across the islands"
    assert article.published == "2025-02-12"
    assert len(article.blocks) == 4
    assert article.blocks[-1].text == '"Safety comes first," a spokeswoman said.'
    assert article.related_headlines == [
        "Harbour fees frozen for another year",
        "Lifeboat crew rescue two walkers",
        "Island shop wins community award",
    ]


def test_seed_without_blank_lines_reads_the_same() -> None:
    text = "\n".join(
        line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()
    )
    article = parse_text_page(text)
    assert article.source == "Saudi Press"
    assert article.published == "2026-01-14"
    assert article.title == "China tells US to reverse decision to blacklist Xinjiang tech firms"
    assert article.standfirst == SEED_STANDFIRST
    assert [b.text for b in article.blocks if b.kind == "heading"] == [
        "US adds Chinese surveillance giant Hikvision to trade blacklist"
    ]
    assert len(article.blocks) == 25
    assert len(article.related_headlines) == 50
