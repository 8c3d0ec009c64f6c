"""The FTS5 search index on real files: ranking, prefixes, hostile queries, notes,
snippets, and a damaged file treated as missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.search import SearchDoc, SearchIndex, fts_query
from tui.search.index import INDEX_DIR, SEARCH_FILE, clean_snippet


def doc(article_id: str, title: str, body: str, **kw: list[str]) -> SearchDoc:
    return SearchDoc(article_id, title, body, kw.get("speakers", []), kw.get("entities", []))


@pytest.fixture
def index(tmp_path: Path) -> SearchIndex:
    index = SearchIndex.open(tmp_path)
    index.add_many(
        [
            doc(
                "body-only",
                "Trade talks resume",
                "Officials met in Geneva.\n\nThe camera maker Hikvision was not discussed "
                "at length, said one delegate.",
            ),
            doc(
                "title",
                "Hikvision says blacklist will hurt partners",
                "The company said the listing was unfair and would hurt its partners.",
                speakers=["Hikvision"],
                entities=["Hikvision", "United States"],
            ),
            doc(
                "other",
                "Weather in Zürich",
                "Rain fell on the city all week; the café on the corner stayed open.",
                entities=["Zürich"],
            ),
        ]
    )
    return index


def ids(index: SearchIndex, query: str) -> list[str]:
    return [hit.article_id for hit in index.search(query)]


def test_title_match_beats_body_only(index: SearchIndex) -> None:
    hits = index.search("Hikvision")
    assert [h.article_id for h in hits] == ["title", "body-only"]
    assert hits[0].score > hits[1].score
    assert set(hits[0].fields) == {"title", "speakers", "entities"}
    assert hits[1].fields == ("body",)


def test_prefix_as_you_type(index: SearchIndex) -> None:
    assert ids(index, "hik")[0] == "title"
    assert ids(index, "hikv") == ["title", "body-only"]
    assert ids(index, "blackl") == ["title"]
    # A finished word (trailing space) is matched whole, not as a prefix.
    assert ids(index, "blackl ") == []
    # Several words: all must match, the last one as a prefix.
    assert ids(index, "camera hikv") == ["body-only"]


def test_diacritics_and_case_fold(index: SearchIndex) -> None:
    assert ids(index, "zurich") == ["other"]
    assert ids(index, "CAFE") == ["other"]


@pytest.mark.parametrize(
    "query",
    ['"', '""', "AND", "OR", "NOT", "*", "a:b", "(", ")", "[bold]x[/]", "NEAR(", "NEAR(a b",
     "title:hikvision", "^hik", "-", "+", "'", "\\", "\x00", "hik*", "{title}: x", "—", "😀"],
)  # fmt: skip
def test_hostile_queries_never_raise(index: SearchIndex, query: str) -> None:
    hits = index.search(query)
    assert isinstance(hits, list)


def test_operators_are_plain_words(index: SearchIndex) -> None:
    # "title:hikvision" is two words, not a column filter; both must match.
    assert ids(index, "title:hikvision") == []
    # Operators are words too: an AND or OR would match the Geneva article.
    assert ids(index, "hikvision AND geneva") == []
    assert ids(index, "hikvision OR geneva") == []
    assert ids(index, "hikvision geneva") == ["body-only"]
    assert ids(index, "(hikvision)") == ["title", "body-only"]


def test_blank_query_is_empty(index: SearchIndex) -> None:
    assert index.search("") == []
    assert index.search("   \n") == []
    assert index.search("?!.,") == []
    assert fts_query("  ") == ""


def test_fts_query_quotes_every_word() -> None:
    assert fts_query('say "NEAR(x" AND yo*') == '"say" "NEAR" "x" "AND" "yo" *'
    assert fts_query("y ") == '"y"'
    assert fts_query("a") == '"a"'  # One letter: not a prefix (it would match everything).


def test_notes_are_searchable_after_set_notes(index: SearchIndex) -> None:
    assert ids(index, "kettle") == []
    index.set_notes("other", "Remember the kettle story\nfor Friday")
    hits = index.search("kettle")
    assert [h.article_id for h in hits] == ["other"]
    assert hits[0].fields == ("notes",)
    assert "kettle" in hits[0].snippet
    # Re-adding the article keeps its notes; replacing the notes drops the old words.
    index.add_many([doc("other", "Weather in Zürich", "Sunny now.")])
    assert ids(index, "kettle") == ["other"]
    assert ids(index, "rain") == []
    index.set_notes("other", "")
    assert ids(index, "kettle") == []


def test_notes_before_the_article_are_kept(tmp_path: Path) -> None:
    index = SearchIndex.open(tmp_path)
    index.set_notes("later", "early note")
    index.add_many([doc("later", "Arrived", "Body text.")])
    hits = index.search("early")
    assert hits[0].article_id == "later"
    assert hits[0].title == "Arrived"


def test_remove_len_and_reopen(index: SearchIndex, tmp_path: Path) -> None:
    assert len(index) == 3
    index.remove("title")
    index.remove("never-there")
    assert len(index) == 2
    assert ids(index, "hikvision") == ["body-only"]
    index.set_stamp("12:34")
    index.close()
    again = SearchIndex.open(tmp_path, read_only=True)
    assert len(again) == 2
    assert again.stamp == "12:34"
    assert ids(again, "geneva") == ["body-only"]
    again.close()


def test_reset_empties(index: SearchIndex) -> None:
    index.reset()
    assert len(index) == 0
    assert index.search("hikvision") == []
    index.add_many([doc("x", "Again", "Hikvision again.")])
    assert ids(index, "hikvision") == ["x"]


def test_snippet_is_one_line_and_spans_mark_the_match(tmp_path: Path) -> None:
    index = SearchIndex.open(tmp_path)
    body = (
        "First paragraph about nothing much at all.\n\n"
        "Second\tparagraph where the\r\nsanctions on \x1b[2Jcameras begin.\n\n"
        "Third paragraph, sanctions again, and more words follow here to pad it out."
    )
    index.add_many([doc("a", "A title", body)])
    (hit,) = index.search("sanctions")
    assert "\n" not in hit.snippet and "\r" not in hit.snippet and "\t" not in hit.snippet
    assert "\x1b" not in hit.snippet
    assert "  " not in hit.snippet
    assert len(hit.snippet.split()) <= 14
    assert hit.snippet_spans
    for start, end in hit.snippet_spans:
        assert 0 <= start < end <= len(hit.snippet)
        assert hit.snippet[start:end].lower() == "sanctions"


def test_prefix_spans_cover_whole_words(index: SearchIndex) -> None:
    hit = index.search("hikv")[1]
    assert [hit.snippet[s:e] for s, e in hit.snippet_spans] == ["Hikvision"]


def test_title_only_match_snippets_the_body_start(index: SearchIndex) -> None:
    (hit,) = index.search("blacklist")
    assert hit.fields == ("title",)
    assert hit.snippet.startswith("The company said")
    assert hit.snippet_spans == []


def test_article_text_cannot_forge_markers(tmp_path: Path) -> None:
    index = SearchIndex.open(tmp_path)
    index.add_many([doc("a", "T", "evil \ue000forged\ue001 marker near target word")])
    (hit,) = index.search("target")
    assert [hit.snippet[s:e] for s, e in hit.snippet_spans] == ["target"]


def test_clean_snippet() -> None:
    text, spans = clean_snippet("a\n\n \ue000Bold\ue001  b\x07c \ue000x\ue001")
    assert text == "a Bold bc x"
    assert [text[s:e] for s, e in spans] == ["Bold", "x"]


def test_corrupt_file_is_treated_as_missing(tmp_path: Path) -> None:
    path = tmp_path / INDEX_DIR / SEARCH_FILE
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not a database at all" * 100)
    # Read-only: nothing found, nothing touched.
    ro = SearchIndex.open(tmp_path, read_only=True)
    assert len(ro) == 0 and ro.search("anything") == []
    ro.close()
    assert path.read_bytes().startswith(b"this is not")
    # Writable: recreated empty (the library then rebuilds it) and usable.
    index = SearchIndex.open(tmp_path)
    assert len(index) == 0 and index.stamp is None
    index.add_many([doc("a", "Rebuilt", "Body after the rebuild.")])
    assert ids(index, "rebuilt") == ["a"]
    index.close()
    assert SearchIndex.open(tmp_path, read_only=True).search("rebuild")[0].article_id == "a"


def test_truncated_file_is_treated_as_missing(index: SearchIndex, tmp_path: Path) -> None:
    index.close()
    path = tmp_path / INDEX_DIR / SEARCH_FILE
    path.write_bytes(path.read_bytes()[:1500])
    again = SearchIndex.open(tmp_path)
    assert again.search("hikvision") == []
    again.add_many([doc("a", "Fresh", "Hikvision anew.")])
    assert ids(again, "hikvision") == ["a"]


def test_missing_read_only_index_is_empty(tmp_path: Path) -> None:
    index = SearchIndex.open(tmp_path, read_only=True)
    assert len(index) == 0
    assert index.search("anything") == []
    assert not (tmp_path / INDEX_DIR).exists()


def test_limit(tmp_path: Path) -> None:
    index = SearchIndex.open(tmp_path)
    index.add_many(doc(f"{n:04d}", f"Story {n}", "common word") for n in range(30))
    assert len(index.search("common", limit=7)) == 7
    assert index.search("common", limit=0) == []
