"""``lede doctor [--repair]`` on real libraries: one line per problem naming the file
and what to do, exit status 1 until the library is healthy, a check that writes
nothing, and repairs that lose nothing (damaged files kept aside, every note and
bookmark kept, lost article text restored from the imported page)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.store.faults import tree_bytes
from tests.store.library_damage import (
    Work,
    assert_work_kept,
    damage,
    kept_aside,
    make_note,
)
from tui.cli import main
from tui.library import Library
from tui.model import ArticleMeta


@pytest.fixture(scope="module")
def texts(built: Path) -> dict[str, str]:
    with Library.open(built, read_only=True) as library:
        return {m.id: library.article(m.id).text for m in library.articles()}  # type: ignore[union-attr]


def doctor(capsys: pytest.CaptureFixture[str], lib: Path, *flags: str) -> tuple[int, str]:
    code = main(["--library", str(lib), "doctor", *flags])
    out, err = capsys.readouterr()
    assert err == ""
    return code, out


def body(lib: Path, n: int) -> Path:
    with Library.open(lib, read_only=True) as library:
        article_id = sorted(m.id for m in library.articles())[n]
        return library.store.bodies.body_path(article_id)


def test_a_healthy_library_passes(
    lib: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out = doctor(capsys, lib)
    assert (code, out) == (0, f"Checking {lib}\nHealthy: 3 articles, 4 notes, 2 bookmarks\n")
    monkeypatch.setenv("LEDE_LIBRARY", str(lib))  # As the other commands find it.
    assert main(["doctor"]) == 0
    assert capsys.readouterr().out == out


def test_no_library_there(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = doctor(capsys, tmp_path / "nowhere")
    assert code == 1 and "no Lede library here" in out


# Each case: damage the library, return (the file, words of its line, the damaged bytes
# that must be kept aside or None).
Case = Callable[[Path], tuple[str, str, bytes | None]]


def _catalog(lib: Path) -> tuple[str, str, bytes | None]:
    return "catalog.json", "not valid JSON", damage(lib / "catalog.json", "truncated")


def _listing(lib: Path) -> tuple[str, str, bytes | None]:
    return "listing.bin", "not valid JSON", damage(lib / "listing.bin", "hand-edited")


def _stale_listing(lib: Path) -> tuple[str, str, bytes | None]:
    os.utime(lib / "catalog.json", ns=(1, 1))
    return "listing.bin", "out of step with the catalog", None


def _body(lib: Path) -> tuple[str, str, bytes | None]:
    path = body(lib, 0)
    return str(path.relative_to(lib)), "not valid JSON", damage(path, "truncated", "body")


def _body_shape(lib: Path) -> tuple[str, str, bytes | None]:
    path = body(lib, 1)
    damaged = damage(path, "wrong shape", "body")
    return str(path.relative_to(lib)), "blocks are not a list of [kind, text]", damaged


def _missing_body(lib: Path) -> tuple[str, str, bytes | None]:
    path = body(lib, 2)
    path.unlink()
    return str(path.relative_to(lib)), "missing: the article is listed", None


def _orphan_body(lib: Path) -> tuple[str, str, bytes | None]:
    with Library.open(lib) as library:
        meta = ArticleMeta(id="0123456789abcdef", title="Written, never committed")
        record = {"meta": meta.to_dict(), "blocks": [["paragraph", "Its text."]]}
        library.store.bodies.write_body(meta.id, record)
        path = library.store.bodies.body_path(meta.id)
    return str(path.relative_to(lib)), "not in the catalog", None


def _index(name: str, how: str) -> Case:
    def case(lib: Path) -> tuple[str, str, bytes | None]:
        damaged = damage(lib / "index" / name, how)
        words = "damaged" if name.endswith("sqlite") else "not"
        return f"index/{name}", words, damaged

    return case


def _search(lib: Path) -> tuple[str, str, bytes | None]:
    path = lib / "index" / "search.sqlite"
    damaged = b"garbage!" * 512
    path.write_bytes(damaged)
    return "index/search.sqlite", "damaged", damaged


def _related_out_of_step(lib: Path) -> tuple[str, str, bytes | None]:
    path = lib / "index" / "related.json"
    data = json.loads(path.read_bytes())
    data["docs"].pop(next(iter(data["docs"])))
    path.write_text(json.dumps(data))
    return "index/related.json", "out of step with the bodies", None


def _user_json(lib: Path) -> tuple[str, str, bytes | None]:
    return "user.json", "not valid JSON", damage(lib / "user.json", "truncated")


def _user_log_line(lib: Path) -> tuple[str, str, bytes | None]:
    damaged = (lib / "user.log").read_bytes() + b"0000beef {not json}\n"
    (lib / "user.log").write_bytes(damaged)
    return "user.log", "1 damaged save(s) skipped", damaged


def _user_log_torn(lib: Path) -> tuple[str, str, bytes | None]:
    damaged = (lib / "user.log").read_bytes()[:-9]  # Inside the last line (a read mark).
    (lib / "user.log").write_bytes(damaged)
    return "user.log", "its last line is cut short", damaged


def _previous_generation(lib: Path) -> tuple[str, str, bytes | None]:
    damage(lib / "user.json.prev", "truncated")  # A fallback: replaced, not kept.
    return "user.json.prev", "not valid JSON", None


def _temp_file(lib: Path) -> tuple[str, str, bytes | None]:
    shard = body(lib, 0).parent
    (shard / ".x.json.abc123.tmp").write_bytes(b"half a bo")
    return f"{shard.relative_to(lib)}/.x.json.abc123.tmp", "left by an interrupted write", None


CASES: dict[str, Case] = {
    "catalog damaged": _catalog,
    "listing damaged": _listing,
    "listing stale": _stale_listing,
    "body damaged": _body,
    "body of a wrong shape": _body_shape,
    "body missing": _missing_body,
    "body not in the catalog": _orphan_body,
    "related index damaged": _index("related.json", "wrong shape"),
    "names index damaged": _index("names.json", "truncated"),
    "search index damaged": _search,
    "related index out of step": _related_out_of_step,
    "user.json damaged": _user_json,
    "user.log bad line": _user_log_line,
    "user.log cut short": _user_log_torn,
    "user.json.prev damaged": _previous_generation,
    "temp file left": _temp_file,
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_problem_is_one_line_and_repair_fixes_it_losing_nothing(
    lib: Path, work: Work, texts: dict[str, str], capsys: pytest.CaptureFixture[str], case: str
) -> None:
    name, words, damaged = CASES[case](lib)
    before = tree_bytes(lib)
    code, out = doctor(capsys, lib)
    assert code == 1
    (line,) = [line for line in out.splitlines() if line.startswith(f"{name}: ")]
    assert words in line and " — " in line  # The file, what is wrong — what to do.
    assert "lede doctor --repair" in line
    assert out.splitlines()[-1].endswith("can be repaired: lede doctor --repair)")
    assert tree_bytes(lib) == before  # Checking wrote nothing.

    code, out = doctor(capsys, lib, "--repair")
    assert "Repaired:" in out
    assert out.splitlines()[-1] == "Healthy: 3 articles, 4 notes, 2 bookmarks" or (
        case == "body not in the catalog"
        and out.splitlines()[-1] == "Healthy: 4 articles, 4 notes, 2 bookmarks"
    )
    assert code == 0
    if damaged is not None:
        assert kept_aside(lib / name).read_bytes() == damaged
    assert_work_kept(lib, work)  # (A cut log loses its last line: a read mark here.)
    with Library.open(lib, read_only=True) as library:
        for article_id, text in texts.items():  # Every article reads as before.
            assert library.article(article_id).text == text  # type: ignore[union-attr]
    assert doctor(capsys, lib)[0] == 0


@pytest.mark.parametrize(
    ("setup", "words"),
    [
        (lambda lib: _note_on(lib, "feedfacefeedface"), "1 note on article feedfacefeedface"),
        (lambda lib: _schema(lib, "user.json", 3), "user.json: made by a newer Lede"),
        (lambda lib: _schema(lib, "catalog.json", 7), "catalog.json: made by a newer Lede"),
    ],
    ids=["note on a lost article", "user data from a newer Lede", "catalog from a newer Lede"],
)
def test_what_doctor_must_not_repair_is_reported_and_left_as_it_is(
    lib: Path, capsys: pytest.CaptureFixture[str], setup: Callable[[Path], None], words: str
) -> None:
    setup(lib)
    before = tree_bytes(lib)
    code, out = doctor(capsys, lib)
    assert code == 1 and words in out
    code, out = doctor(capsys, lib, "--repair")
    assert code == 1 and words in out
    after = tree_bytes(lib)
    for name in ("user.json", "catalog.json"):
        if "newer" in words and words.startswith(name):
            assert after[name] == before[name]
    assert not [p for p in after if ".damaged-" in p]


def _note_on(lib: Path, article_id: str) -> None:
    with Library.open(lib) as library:
        library.store.user.save_note(make_note(article_id, "on an article that is gone"))


def _schema(lib: Path, name: str, version: int) -> None:
    path = lib / name
    data = json.loads(path.read_bytes())
    if name == "user.json":
        data["meta"]["schema"] = version
    else:
        data["meta"]["1"]["schema"] = version
    path.write_text(json.dumps(data))


def test_a_library_open_in_lede_is_only_read(
    lib: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damage(lib / "listing.bin", "truncated")
    holder = Library.open(lib, read_only=True)
    holder.store.lock.acquire()  # As a running Lede holds it.
    try:
        before = tree_bytes(lib)
        code, out = doctor(capsys, lib, "--repair")
        assert code == 1
        assert f"lede.lock: the library is open in another Lede (pid {os.getpid()})" in out
        assert "Not repaired: the library is open in another Lede" in out
        assert tree_bytes(lib) == before
    finally:
        holder.store.lock.release()
        holder.close()
    assert doctor(capsys, lib, "--repair")[0] == 0


def test_a_long_journal_is_a_note_and_repair_compacts_it(
    lib: Path, work: Work, capsys: pytest.CaptureFixture[str]
) -> None:
    with Library.open(lib) as library:
        for n in range(1500):  # ~100 KiB of reading positions.
            library.store.user.set_position(work.ids[0], n)
        library.store.user.journal.close = lambda: None  # type: ignore[method-assign]
    code, out = doctor(capsys, lib)
    assert code == 0
    assert "note: user.log: " in out and "KiB of saves" in out
    code, out = doctor(capsys, lib, "--repair")
    assert code == 0 and "KiB of saves" not in out.split("After repair:")[-1]
    assert (lib / "user.log").stat().st_size == 0
    assert_work_kept(lib, work)


def test_a_lost_body_whose_page_is_gone_is_reported_with_what_to_do(
    lib: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = body(lib, 0)
    path.unlink()
    for pack in (lib / "raw").glob("*.pack"):
        pack.write_bytes(b"")
    code, out = doctor(capsys, lib, "--repair")
    assert code == 1
    assert f"{path.relative_to(lib)}: its imported page is not in raw/; import " in out
    assert "again (or restore a backup)" in out


def test_kept_damaged_copies_are_listed_as_notes(
    lib: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damage(lib / "catalog.json", "truncated")
    damage(lib / "listing.bin", "truncated")
    assert doctor(capsys, lib, "--repair")[0] == 0
    code, out = doctor(capsys, lib)
    assert code == 0
    notes = [line for line in out.splitlines() if line.startswith("note: ")]
    assert any("catalog.json.damaged-" in n and "then delete it" in n for n in notes)
    assert any("listing.bin.damaged-" in n and "safe to delete" in n for n in notes)
