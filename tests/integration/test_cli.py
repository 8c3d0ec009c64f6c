"""The command line as a user runs it: import, list, show, extract, analyze, related, alias."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, SEED
from tui.cli import main
from tui.library import Library

HOSTILE_MD = (
    "---\ntitle: Hostile [bold red]x[/]\n---\n\n"
    "Text with [link=file:///etc]a link[/link] and [@click=app.quit]click[/] "
    "and escapes \x1b]52;c;ZXZpbA==\x07 and \x1b[2J that must not reach a terminal.\n"
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_summary_and_list_json(
    library_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run(capsys, "--library", str(library_dir), "import", str(SAMPLES))
    assert code == 0
    assert err.strip().endswith("already present, 0 failed")
    code, out, _err = run(capsys, "--library", str(library_dir), "list", "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) >= 21
    assert {"id", "title", "source", "published"} <= set(rows[0])
    seed = next(r for r in rows if r["source"] == "Saudi Press")
    assert seed["published"] == "2026-01-14"


def test_import_failure_exits_nonzero_with_one_line_per_file(
    library_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "empty.html").write_bytes(b"")
    code, _out, err = run(
        capsys, "--library", str(library_dir), "import", str(SEED), str(tmp_path / "empty.html")
    )
    assert code == 1
    lines = err.strip().splitlines()
    assert lines[0] == f"lede: {tmp_path / 'empty.html'}: empty file"
    assert lines[-1] == "1 imported, 0 already present, 1 failed"


def test_show_prints_plain_text_without_control_sequences(
    library_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "hostile.md"
    page.write_text(HOSTILE_MD)
    run(capsys, "--library", str(library_dir), "import", str(page))
    _code, out, _err = run(capsys, "--library", str(library_dir), "list", "--json")
    article_id = json.loads(out)["id"]
    code, out, _err = run(capsys, "--library", str(library_dir), "show", article_id[:6])
    assert code == 0
    assert "Hostile [bold red]x[/]" in out
    assert "[@click=app.quit]click[/]" in out
    assert "\x1b" not in out and "\x07" not in out


def test_extract_json_for_the_seed(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "extract", "--json", str(SEED))
    assert code == 0
    (record,) = [json.loads(line) for line in out.splitlines()]
    assert record["format"] == "text"
    assert record["source"] == "Saudi Press"
    assert record["published"] == "2026-01-14"
    assert record["title"] == "China tells US to reverse decision to blacklist Xinjiang tech firms"
    assert len(record["standfirst"].splitlines()) == 2
    kinds = {b["kind"] for b in record["blocks"]}
    assert kinds <= {"heading", "paragraph", "quote", "list_item"}
    assert record["text"] == "\n\n".join(b["text"] for b in record["blocks"])
    for furniture in ("Saudi Arabia and the world", "Newsletter", "Related Articles", "0:00"):
        assert furniture not in record["text"]
    assert "Close" not in record["text"].split() and "×" not in record["text"]
    assert len(record["related_headlines"]) >= 45


def test_analyze_json_offsets_point_into_the_file_text(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _err = run(capsys, "analyze", "--json", str(SEED))
    assert code == 0
    record = json.loads(out)
    text = SEED.read_text(encoding="utf-8")
    assert record["entities"] and record["quotes"]
    for entity in record["entities"]:
        assert text[entity["start"] : entity["end"]] == entity["text"]
        assert entity["type"] in {"PERSON", "ORG", "PLACE"}
    for quote in record["quotes"]:
        assert text[quote["start"] : quote["end"]] == quote["text"]
    by_speaker = {q["speaker"] for q in record["quotes"]}
    assert {"Geng Shuang", "Lu Xiang", "Julian Ku", "Marco Rubio", "Hikvision"} <= by_speaker


def test_related_and_alias_merge(library_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lib = ["--library", str(library_dir)]
    run(capsys, *lib, "import", str(SAMPLES))
    _code, out, _err = run(capsys, *lib, "list", "--json")
    seed_id = next(json.loads(r)["id"] for r in out.splitlines() if "Saudi Press" in r)
    code, out, _err = run(capsys, *lib, "related", seed_id, "--json")
    assert code == 0
    related = [json.loads(line) for line in out.splitlines()]
    assert len(related) >= 10
    assert related[0]["score"] >= related[-1]["score"]
    assert all(r["reason"] for r in related)
    assert any("Geng Shuang" in r["reason"] for r in related)

    run(capsys, *lib, "alias", "merge", "Hikvision", "Hangzhou Hikvision")
    _code, out, _err = run(capsys, *lib, "related", seed_id, "--json")
    reasons = " ".join(json.loads(line)["reason"] for line in out.splitlines())
    assert "Hangzhou Hikvision" in reasons
    _code, out, _err = run(capsys, *lib, "alias", "list")
    assert out == "merge  Hikvision -> Hangzhou Hikvision\n"
    run(capsys, *lib, "alias", "unmerge", "Hikvision")
    _code, out, _err = run(capsys, *lib, "related", seed_id, "--json")
    assert "Hangzhou Hikvision" not in out


def test_read_only_library_directory_gives_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    library_dir = tmp_path / "library"
    run(capsys, "--library", str(library_dir), "import", str(SEED))
    real_open = os.open

    def read_only_fs(path: str, flags: int, *args: object) -> int:
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT) and str(library_dir) in str(path):
            raise OSError(30, "Read-only file system", str(path))
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", read_only_fs)
    code, _out, err = run(capsys, "--library", str(library_dir), "import", str(SAMPLES))
    assert code == 2
    assert err.count("\n") == 1 and "Read-only file system" in err
    monkeypatch.setattr(os, "open", real_open)
    _code, out, _err = run(capsys, "--library", str(library_dir), "list", "--json")
    assert len(out.splitlines()) == 1  # The seed imported before is still there.


def test_first_run_imports_the_samples_once(library_dir: Path) -> None:
    from tui.cli import first_run_import

    first_run_import(library_dir)
    with Library.open(library_dir, read_only=True) as library:
        count = len(library.articles())
    assert count >= 21
    first_run_import(library_dir)  # An existing library is left as it is.
    with Library.open(library_dir, read_only=True) as library:
        assert len(library.articles()) == count
