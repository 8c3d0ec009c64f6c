"""The entity view's data: what the library knows about one name, from real samples."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SAMPLES
from tui.library import Library


@pytest.fixture(scope="module")
def sample_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("profile") / "library"
    with Library.open(root) as library:
        library.import_paths([SAMPLES])
    return root


def test_a_speaker_profile_lists_articles_and_their_quotations(sample_library: Path) -> None:
    with Library.open(sample_library, read_only=True) as library:
        profile = library.entity_profile("Geng Shuang", "PERSON")
        seed = next(m for m in library.articles() if m.origin_file.startswith("000_"))
    ids = [article_id for article_id, _, _ in profile.articles]
    assert seed.id in ids
    assert any(ref.text == "stay tuned" and ref.article_id == seed.id for ref in profile.quotes_by)
    assert all(ref.speaker == "Geng Shuang" for ref in profile.quotes_by)
    reasons = {reason for _, _, reason in profile.articles}
    assert reasons <= {
        "mentions Geng Shuang",
        "quotes Geng Shuang",
        "mentions and quotes Geng Shuang",
    }


def test_quotations_about_an_organisation_name_it_inside_the_quote(
    sample_library: Path,
) -> None:
    with Library.open(sample_library, read_only=True) as library:
        profile = library.entity_profile("Hikvision", "ORG")
    assert profile.quotes_about
    for ref in profile.quotes_about:
        assert ref.speaker != "Hikvision"
    assert any("Hikvision" in ref.text for ref in profile.quotes_about)


def test_an_unknown_name_has_an_empty_profile(sample_library: Path) -> None:
    with Library.open(sample_library, read_only=True) as library:
        profile = library.entity_profile("Nobody At All", "PERSON")
    assert profile.articles == [] and profile.quotes_by == [] and profile.quotes_about == []
