"""Library-wide search end to end: the samples imported, searched through the library,
the command line, a re-opened library, and an index lost or damaged on disk."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, SEED
from tui.cli import main
from tui.library import Library
from tui.search.index import INDEX_DIR, SEARCH_FILE

SEED_TITLE = "China tells US to reverse decision to blacklist Xinjiang tech firms"


@pytest.fixture(scope="module")
def sample_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("search") / "library"
    with Library.open(root) as library:
        report = library.import_paths([SAMPLES])
    assert report.ok
    return root


def seed_id(library: Library) -> str:
    return next(m.id for m in library.articles() if m.origin_file == SEED.name)


def test_import_indexes_and_search_finds_the_seed(sample_library: Path) -> None:
    with Library.open(sample_library, read_only=True) as library:
        seed = seed_id(library)
        hits = library.search("Hikvision")
        assert len(hits) >= 5
        assert len({h.article_id for h in hits}) == len(hits)
        found = next(h for h in hits if h.article_id == seed)
        assert found.title == SEED_TITLE
        assert "body" in found.fields
        marked = [found.snippet[s:e] for s, e in found.snippet_spans]
        assert marked and all(word.startswith("Hikvision") for word in marked)
        # Titles about Hikvision come before articles that only mention it.
        assert "Hikvision" in hits[0].title
        # As you type, and by speaker, entity and two words.
        assert seed in [h.article_id for h in library.search("hikv")]
        assert seed in [h.article_id for h in library.search("Geng Shuang")]
        assert library.search("reverse decision blacklist")[0].article_id == seed
        assert library.search("") == []
        assert library.search('"NEAR( AND *') == []


def test_every_article_is_indexed_once(sample_library: Path) -> None:
    from tui.search import SearchIndex

    with Library.open(sample_library, read_only=True) as library:
        ids = {m.id for m in library.articles()}
    index = SearchIndex.open(sample_library, read_only=True)
    assert index.ids() == ids
    index.close()


def test_cli_search_prints_id_title_snippet(
    sample_library: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--library", str(sample_library), "search", "Hikvision", "--limit", "50"])
    out, _err = capsys.readouterr()
    assert code == 0
    assert SEED_TITLE in out
    line = next(line for line in out.splitlines() if SEED_TITLE in line)
    with Library.open(sample_library, read_only=True) as library:
        assert line.startswith(seed_id(library)[:8])

    code = main(["--library", str(sample_library), "search", "hikv", "--json", "--limit", "3"])
    rows = [json.loads(line) for line in capsys.readouterr()[0].splitlines()]
    assert code == 0 and len(rows) == 3
    assert {"id", "title", "snippet", "score", "fields"} <= set(rows[0])
    assert "\n" not in rows[0]["snippet"]

    code = main(["--library", str(sample_library), "search", "zzzqqq"])
    assert code == 1 and capsys.readouterr()[0] == ""


def test_a_reopened_library_still_finds_it(sample_library: Path) -> None:
    with Library.open(sample_library) as library:
        seed = seed_id(library)
        assert seed in [h.article_id for h in library.search("Hikvision", limit=50)]
    with Library.open(sample_library) as library:
        assert seed in [h.article_id for h in library.search("Hikvision", limit=50)]
        assert library.rebuild_indexes() > 0
        assert seed in [h.article_id for h in library.search("Hikvision", limit=50)]


def test_lost_or_damaged_index_is_rebuilt(tmp_path: Path) -> None:
    root = tmp_path / "library"
    with Library.open(root) as library:
        library.import_paths([SEED])
    path = root / INDEX_DIR / SEARCH_FILE
    # Read-only without an index: nothing, and nothing written.
    path.unlink()
    with Library.open(root, read_only=True) as library:
        assert library.search("Hikvision") == []
    assert not path.exists()
    # Writable: built from the bodies on first search.
    with Library.open(root) as library:
        assert [h.title for h in library.search("Hikvision")] == [SEED_TITLE]
    # Damaged: treated as missing and rebuilt.
    path.write_bytes(b"\x00garbage" * 500)
    with Library.open(root) as library:
        assert [h.title for h in library.search("Hikvision")] == [SEED_TITLE]
    with Library.open(root, read_only=True) as library:
        assert [h.title for h in library.search("Hikvision")] == [SEED_TITLE]


def test_index_catches_up_with_a_later_import(tmp_path: Path) -> None:
    root = tmp_path / "library"
    with Library.open(root) as library:
        library.import_paths([SEED])
        assert library.search("Hikvision")  # Opens the index.
        library.import_paths([SAMPLES / "009_what-the-blacklist-means-for-hikvision.html"])
        hits = library.search("Hikvision")
        assert len(hits) == 2
        assert hits[0].title.startswith("What the US blacklist means for Hikvision")


def test_catalog_changed_behind_the_index_is_caught_up(tmp_path: Path) -> None:
    from tui.model import ArticleMeta

    root = tmp_path / "library"
    with Library.open(root) as library:
        library.import_paths([SEED])
        # As after a crash between the catalog commit and the index's.
        library.store.bodies.write_body("feedc0de00000001", {"blocks": [["paragraph", "Quokka"]]})
        library.store.catalog.add_many([ArticleMeta(id="feedc0de00000001", title="Late one")])
        library.import_paths([SAMPLES / "009_what-the-blacklist-means-for-hikvision.html"])
        assert [h.title for h in library.search("quokka")] == ["Late one"]
        assert len(library.search("Hikvision")) == 2
