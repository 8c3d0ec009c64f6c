"""Paths (issue 6): imports follow no symlink out of the tree unless asked, write
nothing outside the library directory, and take file names with spaces, line
breaks, control characters and bytes that are not UTF-8; every path shown to the
user is one printable line."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from tui.cli import main
from tui.gather import OUTSIDE
from tui.library import Library
from tui.textsafe import path_text

#: Names as bytes, the way Linux keeps them: a Latin-1 name that is not UTF-8, a
#: space, a line break, a tab, an escape sequence, a bidi override (the name
#: reads "reportdm.txt" backwards), and plain UTF-8.
ODD_NAMES = [
    b"caf\xe9.md",
    b"two words.md",
    b"two\nlines.md",
    b"tab\there.md",
    b"\x1b[31mred.md",
    "report\u202etxt.md".encode(),
    "caf\u00e9 utf8.md".encode(),
]
SHOWN = [
    "caf\\xe9.md",
    "two words.md",
    "two\\nlines.md",
    "tab\\there.md",
    "\\x1b[31mred.md",
    "report\\u202etxt.md",
    "caf\u00e9 utf8.md",
]


def page(n: int) -> bytes:
    return (
        f"# Page {n}\n\nThe council met in Lisbon on Tuesday and agreed budget "
        f"number {n} after a long debate about the harbour.\n"
    ).encode()


def write_named(folder: Path, name: bytes, data: bytes) -> Path:
    path = Path(os.fsdecode(os.path.join(os.fsencode(folder), name)))
    path.write_bytes(data)
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str]]:
    code = main(list(argv))
    return code, capsys.readouterr().err.splitlines()


def files_under(root: Path, skip: Path | None = None) -> dict[str, str]:
    """Every file (and link) under ``root`` with a hash of its bytes, ``skip`` left out."""
    found: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        if skip is not None and Path(dirpath) == skip.parent:
            dirnames[:] = [d for d in dirnames if d != skip.name]
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            if path.is_symlink():
                found[str(path)] = "-> " + os.readlink(path)
            elif path.is_file():
                found[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A folder to import, with symlinks out of it (a file, a folder), a link back
    up into itself, and a link to a file inside it."""
    outside = tmp_path / "outside"
    (outside / "folder").mkdir(parents=True)
    (outside / "secret.md").write_bytes(page(1))
    (outside / "folder" / "far.md").write_bytes(page(2))
    root = tmp_path / "tree"
    (root / "sub").mkdir(parents=True)
    (root / "inside.md").write_bytes(page(3))
    (root / "sub" / "deep.md").write_bytes(page(4))
    (root / "secret.md").symlink_to(outside / "secret.md")
    (root / "far").symlink_to(outside / "folder", target_is_directory=True)
    (root / "sub" / "up").symlink_to(root, target_is_directory=True)
    (root / "alias.md").symlink_to(root / "inside.md")
    return root


def test_symlinks_out_of_the_tree_are_reported_and_not_read(tree: Path, library_dir: Path) -> None:
    with Library.open(library_dir) as library:
        report = library.import_paths([tree])
        titles = sorted(meta.title for _path, meta in report.imported)
        assert titles == ["Page 3", "Page 4"]
        assert sorted((p.name, r) for p, r in report.failures) == [
            ("far", OUTSIDE),
            ("secret.md", OUTSIDE),
        ]
        # alias.md (read first) links to inside.md, in the tree: read, once.
        assert [p.name for p, _id in report.duplicates] == ["inside.md"]


def test_follow_links_reads_them_and_enters_each_folder_once(
    tree: Path, library_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = run(capsys, "--library", str(library_dir), "import", "--follow-links", str(tree))
    assert code == 0, err
    assert err[-1] == "4 imported, 1 already present, 0 failed"
    with Library.open(library_dir, read_only=True) as library:
        titles = sorted(meta.title for meta in library.articles())
    # sub/up leads back to the tree's root, already walked: no loop, no second copy.
    assert titles == ["Page 1", "Page 2", "Page 3", "Page 4"]


def test_the_command_line_names_each_link_it_did_not_follow(
    tree: Path, library_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = run(capsys, "--library", str(library_dir), "import", str(tree))
    assert code == 1
    assert err[:2] == [
        f"lede: {tree / 'far'}: {OUTSIDE}",
        f"lede: {tree / 'secret.md'}: {OUTSIDE}",
    ]


def test_a_link_named_on_the_command_line_is_read(tree: Path, library_dir: Path) -> None:
    with Library.open(library_dir) as library:
        report = library.import_paths([tree / "secret.md", tree / "far"])
    assert sorted(m.title for _p, m in report.imported) == ["Page 1", "Page 2"]


def test_an_import_writes_nothing_outside_the_library(
    tree: Path, tmp_path: Path, library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    hostile = tree / "hostile"
    hostile.mkdir()
    # Names and fields that would escape if any of them became a path.
    (hostile / "..md").write_bytes(page(10))
    (hostile / "x..md").write_bytes(page(11))
    (hostile / "front.md").write_bytes(
        b"---\ntitle: ../../../escaped\nid: ../../escaped\nurl: ../../escaped\n---\n\n" + page(12)
    )
    (hostile / "feed.xml").write_bytes(
        b'<?xml version="1.0"?><rss><channel><title>../../escaped</title><item>'
        b"<title>/etc/escaped</title><link>../../../escaped</link><guid>../../escaped</guid>"
        b"<description>The harbour board met and agreed the budget after a debate."
        b"</description></item></channel></rss>"
    )
    backup = {
        "format": "lede-backup",
        "version": 1,
        "exported": "2026-01-01T00:00:00+00:00",
        "user": {},
        "articles": [
            {"meta": {"id": "../../escaped", "title": "x"}, "body": {"blocks": []}},
        ],
    }
    (hostile / "backup.json").write_text(json.dumps(backup))
    before = files_under(tmp_path, skip=library_dir)
    with Library.open(library_dir) as library:
        report = library.import_paths([tree, hostile / ".." / "inside.md"])
        assert len(report.imported) >= 4
    code = main(["--library", str(library_dir), "import", str(hostile / "backup.json")])
    assert code == 1  # The backup's id is refused before anything is written.
    assert files_under(tmp_path, skip=library_dir) == before
    assert not any(cwd.iterdir())
    for path in library_dir.rglob("*"):
        assert path.resolve().is_relative_to(library_dir.resolve())
        assert "escaped" not in path.name


def test_odd_file_names_import_and_are_kept_printable(
    tmp_path: Path, library_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "odd"
    folder.mkdir()
    for n, name in enumerate(ODD_NAMES):
        write_named(folder, name, page(n))
    code, err = run(capsys, "--library", str(library_dir), "import", str(folder))
    assert code == 0, err
    assert err[-1] == f"{len(ODD_NAMES)} imported, 0 already present, 0 failed"
    # The library reopens from disk: every record was written as valid UTF-8 JSON.
    with Library.open(library_dir, read_only=True) as library:
        origins = sorted(meta.origin_file for meta in library.articles())
    assert origins == sorted(SHOWN)
    code, err = run(capsys, "--library", str(library_dir), "list")
    assert code == 0


def test_failures_of_odd_names_are_one_printable_line_each(
    tmp_path: Path, library_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "odd"
    folder.mkdir()
    for name in ODD_NAMES:
        write_named(folder, name, b"")
    code, err = run(capsys, "--library", str(library_dir), "import", str(folder))
    assert code == 1
    assert len(err) == len(ODD_NAMES) + 1  # One line per file, then the summary.
    shown = sorted(
        line.removeprefix(f"lede: {folder}/").removesuffix(": empty file") for line in err[:-1]
    )
    assert shown == sorted(SHOWN)
    for line in err:
        line.encode("utf-8")  # No lone surrogate: it can be written to any UTF-8 terminal.
        assert line.isprintable(), repr(line)


def test_extract_json_of_an_odd_name_is_valid_utf8(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_named(tmp_path, b"caf\xe9\n.md", page(1))
    code = main(["extract", "--json", str(path)])
    out = capsys.readouterr().out
    assert code == 0
    record = json.loads(out.encode("utf-8"))
    assert record["path"] == f"{tmp_path}/caf\\xe9\\n.md"


def test_path_text_escapes_what_cannot_be_shown() -> None:
    assert path_text(Path(os.fsdecode(b"/a/caf\xe9.html"))) == "/a/caf\\xe9.html"
    assert path_text("two\nlines\r\x85.md") == "two\\nlines\\r\\x85.md"
    assert path_text("\u2028\u2066x") == "\\u2028\\u2066x"
    assert path_text("ordinary name é.md") == "ordinary name é.md"
