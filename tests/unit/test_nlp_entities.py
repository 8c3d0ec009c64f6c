"""Entity rules of tui.nlp, one small made-up text per rule, plus the seed end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.nlp import KnownNames, analyze

SEED = Path(__file__).resolve().parents[2] / "sample_articles" / "000_8274fb328f49e36a.txt"


def ents(text: str, **kw) -> list[tuple[str, str, str]]:
    analysis = analyze(text, **kw)
    for e in analysis.entities:
        assert text[e.start : e.end] == e.text
    return [(e.text, e.type, e.canonical) for e in analysis.entities]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Republican Senator Marco Rubio praised the move.", ("Marco Rubio", "PERSON")),
        ("The talks were held in Beijing on Tuesday.", ("Beijing", "PLACE")),
        ("Analysts at Hofstra University's law school agreed.", ("Hofstra University", "ORG")),
        ("Shares of Zhejiang Dahua Technology fell.", ("Zhejiang Dahua Technology", "ORG")),
        ("He spoke to the University of Michigan yesterday.", ("University of Michigan", "ORG")),
        ("The firm iFlytek was listed too.", ("iFlytek", "ORG")),
        ("Chrysler Chief Executive Robert Nardelli quit.", ("Robert Nardelli", "PERSON")),
        ("Prime Minister of Canada Stephen Harper spoke.", ("Stephen Harper", "PERSON")),
        ("foreign ministry spokesman Geng Shuang told reporters.", ("Geng Shuang", "PERSON")),
    ],
)
def test_span_and_type(text: str, expected: tuple[str, str]) -> None:
    assert expected in [(t, k) for t, k, _ in ents(text)]


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("Chinese officials met Uygurs, Republicans, Democrats and Muslims.", None),
        ("On Monday in May the vote failed, and in January it passed.", None),
        ("Speaking in private, officials disagreed. Noting the risk, they left.", None),
        ('The "Big Three" automakers asked for help.', None),
    ],
)
def test_not_entities(text: str, absent: None) -> None:
    assert ents(text) == []


def test_sentence_initial_word_is_dropped_but_name_kept() -> None:
    found = ents("Speaking days before talks in Washington, Geng Shuang told reporters.")
    assert [t for t, _, _ in found] == ["Washington", "Geng Shuang"]


def test_possessive_excluded() -> None:
    assert ("Marco Rubio", "PERSON", "Marco Rubio") in ents(
        "It was Marco Rubio's bill, and Rubio's aides agreed."
    )


def test_surname_links_to_full_name() -> None:
    found = ents("Geng Shuang told reporters. Later Geng denied it.")
    assert ("Geng", "PERSON", "Geng Shuang") in found


@pytest.mark.parametrize("form", ["US", "U.S.", "United States", "USA"])
def test_united_states_forms(form: str) -> None:
    assert (form, "PLACE", "United States") in ents(f"Officials in the {form} said no.")


def test_org_short_and_long_forms_link() -> None:
    text = (
        "The US Commerce Department added Hikvision to the list. Hikvision, officially "
        "Hangzhou Hikvision Digital Technology Co Ltd, objected, and the Commerce "
        "Department said it would not change course."
    )
    found = ents(text)
    assert ("US Commerce Department", "ORG", "Commerce Department") in found
    assert ("Commerce Department", "ORG", "Commerce Department") in found
    assert (
        "Hangzhou Hikvision Digital Technology Co Ltd",
        "ORG",
        "Hikvision",
    ) in found


def test_acronym_links_to_expansion() -> None:
    found = ents(
        "General Motors (GM) lost money. GM said so, and the UAW and United Auto Workers agreed."
    )
    assert ("GM", "ORG", "General Motors") in found
    assert ("UAW", "ORG", "United Auto Workers") in found


def test_dash_joined_places_split() -> None:
    found = ents("It hurts the overall US-China relations.")
    assert [(t, k) for t, k, _ in found] == [("US", "PLACE"), ("China", "PLACE")]


def test_title_case_headline_needs_support() -> None:
    text = (
        "The Trump administration acted.\n\n"
        "Trump Designates Saudi Arabia a Major Partner Amid Rising Tensions\n"
    )
    found = [(t, k) for t, k, _ in ents(text)]
    assert found == [("Trump", "PERSON"), ("Trump", "PERSON"), ("Saudi Arabia", "PLACE")]


def test_known_names_resolve_across_articles() -> None:
    names = KnownNames()
    names.add(analyze("Republican Senator Marco Rubio praised the move."))
    restored = KnownNames.from_dict(json.loads(json.dumps(names.to_dict())))
    assert ("Rubio", "PERSON", "Marco Rubio") in ents("Rubio said it was fine.", names=restored)


def test_a_library_learns_only_short_names_that_are_words_of_the_name() -> None:
    # "Chinese Academy of Social Sciences" once taught the library "Academy Social"
    # (its key without "Chinese", "of" and the tail "Sciences"), and every later
    # article then named the institute so. A company's short name is still learnt.
    names = KnownNames()
    sentence = "Lu Xiang, a fellow at the Chinese Academy of Social Sciences, spoke."
    names.add(analyze(sentence))
    names.add(analyze("Shares of SenseTime Group fell."))
    assert names.lookup("Academy Social") is None
    found = ents(sentence, names=names)
    assert (
        "Chinese Academy of Social Sciences",
        "ORG",
        "Chinese Academy of Social Sciences",
    ) in found
    assert names.lookup("SenseTime") == ("SenseTime", "ORG")


def test_aliases_applied_last() -> None:
    found = ents("It was fine, Biden said.", aliases={"Biden": "Joe Biden"})
    assert [c for _, _, c in found] == ["Joe Biden"]


def test_seed_entities() -> None:
    text = SEED.read_text(encoding="utf-8")
    found = {(t, k) for t, k, _ in ents(text)}
    for name, kind in [
        ("Hikvision", "ORG"),
        ("Dahua", "ORG"),
        ("SenseTime Group", "ORG"),
        ("Megvii Technology", "ORG"),
        ("iFlytek", "ORG"),
        ("Huawei", "ORG"),
        ("Xinjiang", "PLACE"),
        ("US Commerce Department", "ORG"),
        ("Geng Shuang", "PERSON"),
        ("Marco Rubio", "PERSON"),
    ]:
        assert (name, kind) in found, name
    assert not {t for t, _ in found} & {"Chinese", "Uygurs", "Muslims", "Speaking", "Monday"}


def test_shared_surname_goes_to_nearest_full_name() -> None:
    text = "Tom Baker spoke first. Jane Baker spoke next. Baker then left."
    assert ("Baker", "PERSON", "Jane Baker") in ents(text)


def test_dateline_place_in_capitals() -> None:
    assert ("WASHINGTON", "PLACE", "Washington") in ents("WASHINGTON (Reuters) - Talks began.")


@pytest.mark.parametrize(
    "name",
    [
        "Brightwater Centre for Digital Rights",
        "Office for National Statistics",
        "Center for Strategic and International Studies",
        "Alliance for American Manufacturing",
    ],
)
def test_org_head_for_name_is_one_org(name: str) -> None:
    assert (name, "ORG", name) in ents(f"The {name} said the list was too short.")


def test_for_between_names_does_not_join() -> None:
    found = ents("Sanctions on Xinjiang for Beijing are a warning, Ana Ruiz wrote.")
    assert ("Xinjiang", "PLACE", "Xinjiang") in found
    assert not any("for" in t for t, _, _ in found)


@pytest.mark.parametrize(
    ("first", "later", "canonical"),
    [
        ("Shares of Brindle fell.", "Zhejiang Brindle Technology was listed.", "Brindle"),
        ("Korvex Group was listed.", "Korvex Group was fined.", "Korvex"),
        ("The Energy Department spoke.", "The US Energy Department spoke.", "Energy Department"),
        ("The Energy Department spoke.", "The U.S. Energy Department spoke.", "Energy Department"),
    ],
)
def test_library_links_short_and_full_org_names(first: str, later: str, canonical: str) -> None:
    names = KnownNames()
    names.add(analyze("Kelp Ltd made a profit."))  # a non-empty library
    names.add(analyze(first, names))
    analysis = analyze(later, names)
    assert {e.canonical for e in analysis.entities if e.type == "ORG"} == {canonical}


def test_library_speaker_uses_the_entity_canonical() -> None:
    names = KnownNames()
    names.add(analyze("The Energy Department said it was “a good day”."))
    analysis = analyze("The U.S. Energy Department said it was “a bad day”.", names)
    assert [q.speaker for q in analysis.quotes] == ["Energy Department"]


def test_known_names_tracks_multi_word_first_words() -> None:
    names = KnownNames()
    names.add(analyze("Republican Senator Marco Rubio praised the move."))
    assert "Marco" in names.first_words and names.max_words >= 2
    restored = KnownNames.from_dict(names.to_dict())
    assert restored.first_words == names.first_words


@pytest.mark.parametrize(
    "text",
    [
        "Xiamen Lantu Kexin, a forensics company, was added to the list.",
        "Officials named iFlytek, Xiamen Lantu Kexin and two others.",
        "Xiamen Lantu Kexin was added. Its parent, Xiamen Lantu Kexin Information Co Ltd, "
        "objected.",
    ],
)
def test_place_then_unknown_words_in_company_context_is_one_org(text: str) -> None:
    found = ents(text)
    assert ("Xiamen Lantu Kexin", "ORG", "Xiamen Lantu Kexin") in found
    assert ("Xiamen", "PLACE", "Xiamen") not in found


def test_place_then_unknown_words_without_company_context_still_split() -> None:
    found = ents("He flew from Paris, Xiamen Lantu Kexin and Rome to the talks.")
    assert ("Xiamen", "PLACE", "Xiamen") in found
