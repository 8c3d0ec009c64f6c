"""Related articles: ranking by rare shared features, reasons, aliases, persistence."""

from __future__ import annotations

from tui.index.features import features_of, quote_key
from tui.index.related import RelatedIndex
from tui.model import Analysis, EntityMention, Quotation


def _analysis(entities: list[tuple[str, str]], quotes: list[tuple[str, str]] = ()) -> Analysis:
    return Analysis(
        entities=[EntityMention(name, kind, name, 0, len(name)) for name, kind in entities],
        quotes=[Quotation(text, speaker, "said", 0, len(text)) for speaker, text in quotes],
    )


US = ("United States", "PLACE")
LONG_QUOTE = "China will continue to take firm and forceful measures"


def _library() -> RelatedIndex:
    index = RelatedIndex()
    docs = {
        "seed": _analysis(
            [US, ("Hikvision", "ORG"), ("Xinjiang", "PLACE"), ("Geng Shuang", "PERSON")],
            [("Geng Shuang", LONG_QUOTE)],
        ),
        "same-quote": _analysis([US, ("Geng Shuang", "PERSON")], [("Geng Shuang", LONG_QUOTE)]),
        "hikvision": _analysis([US, ("Hikvision", "ORG"), ("Xinjiang", "PLACE")]),
        "us-only": _analysis([US, ("Ford", "ORG")]),
        "unrelated": _analysis([("Fiat", "ORG")]),
    }
    for n in range(30):  # Many articles that only share the common place.
        docs[f"filler{n}"] = _analysis([US, (f"Company {n}", "ORG")])
    for article_id, analysis in docs.items():
        index.add(article_id, features_of(analysis))
    return index


def test_same_quotation_ranks_first_then_rare_entities_then_common_ones() -> None:
    ranked = _library().related("seed")
    ids = [r.article_id for r in ranked]
    assert ids[:2] == ["same-quote", "hikvision"]
    assert "unrelated" not in ids
    assert ranked[0].score > ranked[1].score > ranked[2].score
    assert {r.article_id for r in ranked[2:]} <= {"us-only"} | {f"filler{n}" for n in range(30)}


def test_reasons_name_what_is_shared() -> None:
    ranked = {r.article_id: r for r in _library().related("seed", limit=100)}
    # Geng Shuang is named once, though he is shared as speaker and as person.
    assert ranked["same-quote"].reason == "same quotation from Geng Shuang; shares United States"
    assert ranked["hikvision"].reason == "shares Hikvision, Xinjiang, United States"
    assert ranked["us-only"].reason == "shares United States"


def test_articles_with_an_entity_or_speaker() -> None:
    index = _library()
    assert index.articles_with("O:Hikvision") == ["seed", "hikvision"]
    assert index.articles_with("S:Geng Shuang") == ["seed", "same-quote"]
    assert index.articles_with("P:Nobody") == []


def test_newest_articles_with_a_common_name_and_how_many_in_all() -> None:
    index = _library()
    # "United States" is in 34 articles: the sidebar previews the newest few.
    total, newest = index.newest_with("L:United States", 3)
    assert total == 34
    assert newest == ["filler29", "filler28", "filler27"]
    assert index.newest_with("O:Hikvision", 5) == (2, ["hikvision", "seed"])
    assert index.newest_with("P:Nobody", 5) == (0, [])
    # The open article is neither counted nor listed, wherever it falls.
    assert index.newest_with("O:Hikvision", 5, besides="seed") == (1, ["hikvision"])
    assert index.newest_with("L:United States", 2, besides="filler29") == (
        33,
        ["filler28", "filler27"],
    )
    assert index.newest_with("L:United States", 1, besides="unrelated")[0] == 34
    index.set_aliases({"Xinjiang": "United States"})  # merged: counted once
    assert index.newest_with("L:United States", 1) == (34, ["filler29"])
    assert index.newest_with("L:Xinjiang", 1)[0] == 34


def test_features_of_an_article_most_shared_first() -> None:
    keys = [key for key, _label in _library().features_of("seed")]
    assert keys[0] == "L:United States"
    assert set(keys) >= {"O:Hikvision", "P:Geng Shuang", "S:Geng Shuang"}
    assert _library().features_of("missing") == []


def test_user_alias_merges_two_entities_at_once_and_can_be_undone() -> None:
    index = RelatedIndex()
    index.add("a", features_of(_analysis([("Biden", "PERSON")])))
    index.add("b", features_of(_analysis([("Joe Biden", "PERSON")])))
    assert index.related("a") == []
    index.set_aliases({"Biden": "Joe Biden"})
    (hit,) = index.related("a")
    assert hit.article_id == "b"
    assert hit.reason == "shares Joe Biden"
    assert index.articles_with("P:Joe Biden") == ["a", "b"]
    assert index.articles_with("P:Biden") == ["a", "b"]
    index.set_aliases({})
    assert index.related("a") == []


def test_round_trip_through_a_dict_keeps_rankings() -> None:
    index = _library()
    again = RelatedIndex.from_dict(index.to_dict())
    assert [r.article_id for r in again.related("seed")] == [
        r.article_id for r in index.related("seed")
    ]


def test_re_adding_an_article_replaces_its_features() -> None:
    index = _library()
    index.add("hikvision", features_of(_analysis([("Fiat", "ORG")])))
    assert "hikvision" not in [r.article_id for r in index.related("seed")]
    assert index.articles_with("O:Fiat") == ["unrelated", "hikvision"]


def test_short_quotations_do_not_count_as_the_same_quotation() -> None:
    assert quote_key("stay tuned") is None
    assert quote_key("“China will continue”, to take firm and forceful") == quote_key(
        "China will continue to take firm and forceful"
    )
