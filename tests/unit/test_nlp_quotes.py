"""Quotation rules of tui.nlp: spans, cues, speakers; plus the seed end to end."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.nlp import analyze

SEED = Path(__file__).resolve().parents[2] / "sample_articles" / "000_8274fb328f49e36a.txt"


def quotes(text: str) -> list[tuple[str, str | None, str | None]]:
    analysis = analyze(text)
    for q in analysis.quotes:
        assert text[q.start : q.end] == q.text
        assert text[q.start - 1] in '"“\n' and text[q.end] in '"”'
    return [(q.text, q.speaker, q.cue) for q in analysis.quotes]


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        ('Bob Corker was unhappy. "We were close to a deal," he said.', "Bob Corker", "said"),
        ('"The move is unfriendly," said Lu Xiang, a research fellow.', "Lu Xiang", "said"),
        (
            "Lu Xiang, a research fellow at the Chinese Academy of Social Sciences, said the "
            'list "is a very unfriendly move".',
            "Lu Xiang",
            "said",
        ),
        ('"It was a hard day," Jim Press said.', "Jim Press", "said"),
        (
            'Hikvision said it opposed the decision. "It will hurt partners," the company said.',
            "Hikvision",
            "said",
        ),
        (
            'The punishment will "hurt partners," the Commerce Department said in a filing.',
            "Commerce Department",
            "said",
        ),
        (
            'A spokesman for the department said it would not tolerate "brutal suppression".',
            None,
            "said",
        ),
        ('"We expect a short process," a top administration official said.', None, "said"),
        (
            'Geng Shuang told reporters to "stay tuned" when asked about it.',
            "Geng Shuang",
            "told",
        ),
        (
            'Geng Shuang spoke. Geng denied it, saying: "The issue does not exist."',
            "Geng Shuang",
            "saying",
        ),
        (
            'According to analyst Maryann Keller, the deal is good, as "neither can compete".',
            "Maryann Keller",
            "according to",
        ),
        ('Julian Ku spoke. "Now we have a little action," he tweeted.', "Julian Ku", "tweeted"),
    ],
)
def test_speaker_and_cue(text: str, speaker: str | None, cue: str) -> None:
    found = quotes(text)
    assert len(found) == 1
    assert (found[0][1], (found[0][2] or "").lower()) == (speaker, cue)


def test_continuation_keeps_speaker() -> None:
    text = (
        'Harry Reid was disappointed. "I dread tomorrow," Reid said. "Millions of people '
        'will be affected by this."'
    )
    assert [s for _, s, _ in quotes(text)] == ["Harry Reid", "Harry Reid"]


@pytest.mark.parametrize(
    "text",
    [
        'The UAW\'s "jobs bank", a system where idle workers are paid, has stopped.',
        'The "Big Three" automakers pleaded for help.',
        'He outlined a plan for what he called a "New GM".',
    ],
)
def test_terms_are_not_quotations(text: str) -> None:
    assert quotes(text) == []


def test_multi_paragraph_quotation_is_one() -> None:
    text = (
        "Marco Rubio spoke.\n\n"
        "“The first paragraph goes on.\n\n"
        "“The second paragraph ends here,” Rubio said.\n"
    )
    found = quotes(text)
    assert len(found) == 1
    assert found[0][0].startswith("The first") and found[0][0].endswith("ends here,")
    assert found[0][1] == "Marco Rubio"


def test_curly_and_straight_quotes() -> None:
    text = 'Tony Woodley spoke. “It is the best decision,” he said. "We agree," he added.'
    assert [s for _, s, _ in quotes(text)] == ["Tony Woodley", "Tony Woodley"]


def test_seed_quotations() -> None:
    text = SEED.read_text(encoding="utf-8")
    found = quotes(text)
    speakers = [s for _, s, _ in found]
    for name in ("Geng Shuang", "Lu Xiang", "Julian Ku", "Marco Rubio", "Hikvision"):
        assert name in speakers, name
    by_start = {q[0][:20]: q[1] for q in found}
    assert by_start["stay tuned"] == "Geng Shuang"
    assert by_start["It’s an issue apart "] == "Lu Xiang"
    assert by_start["For the very first t"] == "Julian Ku"
    assert by_start["hurt Hikvision’s US "] == "Hikvision"
    assert by_start["brutal suppression o"] is None


def test_role_noun_refers_back_to_person() -> None:
    text = 'Foreign Minister Wang Yi met envoys. "We want peace," the minister said.'
    assert [s for _, s, _ in quotes(text)] == ["Wang Yi"]


def test_place_as_subject_speaks() -> None:
    text = 'Beijing said the move was "a very unfriendly act" by Washington.'
    assert [s for _, s, _ in quotes(text)] == ["Beijing"]


def test_coordinated_verb_takes_the_sentence_subject() -> None:
    text = (
        "The ministry spoke first. Spokesman Lin Hao urged the EU to reverse the decision "
        "and told reporters to “wait and see” when asked about retaliation."
    )
    assert quotes(text) == [("wait and see", "Lin Hao", "told")]


@pytest.mark.parametrize("verb", ["said", ", speaking anonymously, added"])
def test_unnamed_spokesman_for_the_department_is_null(verb: str) -> None:
    text = (
        "The Energy Department issued new rules. A spokesman for the department"
        f"{'' if verb.startswith(',') else ' '}{verb} the rules were “overdue”."
    )
    assert quotes(text) == [("overdue", None, verb.split()[-1])]


@pytest.mark.parametrize(
    "report",
    [
        "Reuters has reported that the company earns most of its revenue abroad.",
        "The Harbour Ledger reported that the company earns most of its revenue abroad.",
        "The company earns most of its revenue abroad, according to the Harbour Ledger.",
    ],
)
def test_company_anaphor_skips_the_reporting_outlet(report: str) -> None:
    text = (
        f"Brindle Optics Ltd makes lenses. {report} The company has said the ban will "
        "“hurt our partners”."
    )
    assert quotes(text) == [("hurt our partners", "Brindle Optics", "said")]


def test_quote_text_keeps_punctuation_inside_the_marks() -> None:
    text = "“Tariffs will hurt the economy,” the minister Ana Ruiz said."
    assert quotes(text) == [("Tariffs will hurt the economy,", "Ana Ruiz", "said")]
