"""Importing into a real library on disk: the sample library, duplicates, and bad input."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, SEED
from tui.library import Library
from tui.model import ArticleMeta
from tui.store.listing import read_listing

GOOD_HTML = b"""<!doctype html><html lang="en"><head><title>Port reopens | Harbour Post</title>
<link rel="canonical" href="https://harbour.example/port-reopens"></head><body>
<nav><a href="/">Home</a></nav><article><h1>Port reopens</h1>
<p>The harbour reopened on Monday after a week of repairs to the main quay, officials said.</p>
<p>Ships queued outside the breakwater through the morning as pilots guided them in.</p>
</article><footer>Copyright Harbour Post</footer></body></html>"""


def snapshot(root: Path) -> dict[str, str]:
    """Every file of the library with a hash of its bytes (derived indexes included)."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != "lede.lock"
    }


@pytest.fixture
def bad_dir(tmp_path: Path) -> Path:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.html").write_bytes(b"")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 16)
    (bad / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    with (bad / "huge.html").open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)
    (bad / "nothing.html").write_bytes(
        b"<html><body><nav><a href='/'>Home</a></nav></body></html>"
    )
    (bad / "broken.rss").write_bytes(b"<?xml version='1.0'?><rss><channel><item><title>x</ti")
    (bad / "bomb.xml").write_bytes(
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>'
        b"<rss><channel><title>t</title><item><title>&c;</title>"
        b"<description>&c;</description></item></channel></rss>"
    )
    (bad / "loop.html").symlink_to(bad / "loop2.html")
    (bad / "loop2.html").symlink_to(bad / "loop.html")
    return bad


def test_sample_library_imports_completely_and_once(library_dir: Path) -> None:
    with Library.open(library_dir) as library:
        report = library.import_paths([SAMPLES])
        assert report.failures == []
        assert len(report.imported) >= 21
        count = len(library)
        again = library.import_paths([SAMPLES])
        assert again.imported == []
        assert len(again.duplicates) == count
        assert len(library) == count


def test_seed_is_stored_with_its_metadata_and_body(library_dir: Path) -> None:
    with Library.open(library_dir) as library:
        ((_path, meta),) = library.import_paths([SEED]).imported
        article = library.article(meta.id)
    assert article is not None
    assert meta.source == "Saudi Press"
    assert meta.published == "2026-01-14"
    assert meta.title == "China tells US to reverse decision to blacklist Xinjiang tech firms"
    assert article.standfirst.startswith("Surveillance and facial recognition firms")
    assert ("heading", "US adds Chinese surveillance giant Hikvision to trade blacklist") in [
        (b.kind, b.text) for b in article.blocks
    ]
    assert len(article.related_headlines) >= 45
    assert "Related Articles" not in article.text
    assert article.analysis is not None
    speakers = {q.speaker for q in article.analysis.quotes}
    assert {"Geng Shuang", "Lu Xiang", "Julian Ku", "Marco Rubio", "Hikvision"} <= speakers


def test_bad_files_are_each_reported_and_leave_the_library_unchanged(
    library_dir: Path, bad_dir: Path
) -> None:
    with Library.open(library_dir) as library:
        library.import_paths([SEED])
    before = snapshot(library_dir)
    with Library.open(library_dir) as library:
        report = library.import_paths([bad_dir])
    reasons = {path.name: reason for path, reason in report.failures}
    assert set(reasons) == {
        "empty.html", "binary.txt", "image.html", "huge.html", "nothing.html",
        "broken.rss", "bomb.xml", "loop.html", "loop2.html",
    }  # fmt: skip
    assert reasons["empty.html"] == "empty file"
    assert "64 MiB import limit" in reasons["huge.html"]
    assert reasons["nothing.html"] == "no article text found"
    assert "not well-formed XML" in reasons["broken.rss"]
    assert "entity" in reasons["bomb.xml"].lower()
    assert reasons["loop.html"] == "symlink loop"
    assert all("\n" not in reason for reason in reasons.values())
    assert report.imported == []
    assert snapshot(library_dir) == before


def test_good_files_in_a_bad_batch_are_imported(
    library_dir: Path, bad_dir: Path, tmp_path: Path
) -> None:
    (bad_dir / "good.html").write_bytes(GOOD_HTML)
    (bad_dir / "latin1.html").write_bytes(
        "<html><head><title>Caf\xe9 prices</title></head><body><article><h1>Caf\xe9 prices</h1>"
        "<p>The caf\xe9 on the corner raised its prices, and regulars were \x93not amused\x94 "
        "by the change, which came without warning on a quiet Tuesday morning.</p>"
        "</article></body></html>".encode("latin-1")
    )
    (bad_dir / "invalid-utf8.md").write_bytes(
        b"# Bad bytes\n\nA paragraph with a stray \xff byte in the middle of fine text.\n"
    )
    with Library.open(library_dir) as library:
        report = library.import_paths([bad_dir])
        titles = {meta.title for _path, meta in report.imported}
        assert titles == {"Port reopens", "Café prices", "Bad bytes"}
        latin = next(m for _p, m in report.imported if m.title == "Café prices")
        assert "“not amused”" in library.article(latin.id).text  # type: ignore[union-attr]
    assert len(report.failures) == 9


def test_deeply_nested_and_malformed_html_import(library_dir: Path, tmp_path: Path) -> None:
    nested = b"<html><body>" + b"<div>" * 50_000 + b"<p>" + b"Deep text here. " * 20 + b"</p>"
    (tmp_path / "nested.html").write_bytes(nested)
    (tmp_path / "malformed.html").write_bytes(
        b"<html><title>Broken but readable</title><body><p>Unclosed <b>bold <i>and italic"
        b"<p>Second paragraph with enough words to count as the article text of this page."
        b"</td></tr></table></span>"
    )
    with Library.open(library_dir) as library:
        report = library.import_paths([tmp_path / "nested.html", tmp_path / "malformed.html"])
    assert report.failures == [] or all(
        reason == "no article text found" for _p, reason in report.failures
    )
    assert any(meta.title == "Broken but readable" for _p, meta in report.imported)


def test_unreadable_file_is_reported(
    library_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    good = pages / "good.html"
    good.write_bytes(GOOD_HTML)
    secret = pages / "secret.html"
    secret.write_bytes(GOOD_HTML.replace(b"port-reopens", b"other"))
    secret.chmod(0)
    if os.geteuid() == 0:
        # Root reads any file; make the OS refuse this one the way it would a user.
        real = Path.read_bytes

        def refuse(path: Path) -> bytes:
            if path.name == "secret.html":
                raise PermissionError(13, "Permission denied", str(path))
            return real(path)

        monkeypatch.setattr(Path, "read_bytes", refuse)
    with Library.open(library_dir) as library:
        report = library.import_paths([pages])
    assert [(p.name, r) for p, r in report.failures] == [("secret.html", "permission denied")]
    assert [m.title for _p, m in report.imported] == ["Port reopens"]


def test_listing_matches_the_catalog_after_import(library_dir: Path) -> None:
    with Library.open(library_dir) as library:
        library.import_paths([SAMPLES])
        ids = {m.id for m in library.articles()}
    listing = read_listing(library_dir)
    assert listing is not None and set(listing.ids) == ids


def test_imported_bytes_are_kept_for_re_extraction(library_dir: Path, tmp_path: Path) -> None:
    page = tmp_path / "good.html"
    page.write_bytes(GOOD_HTML)
    with Library.open(library_dir) as library:
        report = library.import_paths([SEED, page])
        ids = [meta.id for _path, meta in report.imported]
    with Library.open(library_dir) as library:
        assert library.raw_bytes(ids[0]) == SEED.read_bytes()
        assert library.raw_bytes(ids[1]) == GOOD_HTML


def test_disk_full_mid_import_commits_only_what_was_written(
    library_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for n in range(4):
        (pages / f"p{n}.md").write_text(f"# Page {n}\n\nThe body of page number {n} is here.\n")
    with Library.open(library_dir) as library:
        library.import_paths([SEED])
    real_replace = os.replace
    calls = {"n": 0}

    def fill_disk(src: str, dst: str) -> None:
        # The third body file finds the disk full; the catalog still fits.
        if "bodies" in str(dst):
            calls["n"] += 1
            if calls["n"] > 2:
                raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", fill_disk)
    with Library.open(library_dir) as library, pytest.raises(OSError, match="No space"):
        library.import_paths([pages], analyze=False)
    monkeypatch.setattr(os, "replace", real_replace)
    with Library.open(library_dir) as library:
        titles = sorted(m.title for m in library.articles())
        assert titles[0] == "China tells US to reverse decision to blacklist Xinjiang tech firms"
        assert titles[1:] == ["Page 0", "Page 1"]
        for meta in library.articles():
            assert library.article(meta.id).blocks  # type: ignore[union-attr]


def test_split_keeps_a_surname_apart_and_can_be_taken_back(library_dir: Path) -> None:
    with Library.open(library_dir) as library:
        library.import_paths([SAMPLES])
        seed = next(m for m in library.articles() if m.source == "Saudi Press")
        mentions = library.article(seed.id).analysis.entities  # type: ignore[union-attr]
        assert any(m.text == "Geng" and m.canonical == "Geng Shuang" for m in mentions)
        with_geng = {m.id for m in library.articles_with("P:Geng Shuang")}

        library.split_entity("Geng", "Geng Shuang")
        mentions = library.article(seed.id).analysis.entities  # type: ignore[union-attr]
        assert all(m.canonical == "Geng" for m in mentions if m.text == "Geng")
        assert seed.id in {m.id for m in library.articles_with("P:Geng")}

        library.split_entity("Geng", "Geng Shuang", on=False)
        assert {m.id for m in library.articles_with("P:Geng Shuang")} == with_geng
        assert library.articles_with("P:Geng") == []


def test_an_import_commits_in_batches_that_grow_with_the_library(tmp_path: Path) -> None:
    # Each commit rewrites the catalog whole: batches of a fixed 500 made importing
    # N separate files quadratic. A library of 2,400 articles takes 1,100 new files
    # in two commits (600, then the 500 left, under 3,000 / 4), not three of 500.
    from tui.library import COMMIT_EVERY

    root = tmp_path / "library"
    with Library.open(root) as library:
        library.store.commit(
            [
                ArticleMeta(id=f"{i:016x}", title=f"Listed {i}", text_hash=f"h{i}")
                for i in range(2_400)
            ]
        )
    folder = tmp_path / "pages"
    folder.mkdir()
    for i in range(1_100):
        (folder / f"{i:04d}.txt").write_text(
            f"Page {i} of the batch test\n\nParagraph {i} says something long enough to be "
            "an article's text, so that the text importer keeps it as the body.\n"
        )
    with Library.open(root) as library:
        assert library.batch_size() == 600 > COMMIT_EVERY
        sizes: list[int] = []
        commit = library.store.commit

        def counted(metas: list[ArticleMeta]) -> None:  # The real commit, counted.
            sizes.append(len(metas))
            commit(metas)

        library.store.commit = counted  # type: ignore[method-assign]
        report = library.import_paths([folder], analyze=False)
        assert not report.failures and len(report.imported) == 1_100
        assert sizes == [600, 500]
        assert len(library.store.catalog) == 3_500
    with Library.open(root, read_only=True) as library:
        assert len(library.store.listing()) == 3_500
