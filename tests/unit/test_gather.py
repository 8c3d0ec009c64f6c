"""Finding files to import: size limit, symlinks, loops and unreadable entries."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui.gather import MAX_FILE_BYTES, gather


def _errors(paths: list[Path]) -> dict[str, str]:
    return {c.path.name: c.error for c in gather(paths) if c.error}


def _ok(paths: list[Path]) -> list[str]:
    return [c.path.name for c in gather(paths) if not c.error]


def test_directory_is_walked_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.html").write_text("<p>x</p>")
    (tmp_path / "one.md").write_text("# x")
    (tmp_path / ".hidden.md").write_text("# x")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    assert _ok([tmp_path]) == ["one.md", "two.html"]


def test_file_over_the_limit_is_refused_with_its_size(tmp_path: Path) -> None:
    big = tmp_path / "huge.html"
    with big.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # Sparse: 100 MiB without writing it.
    assert big.stat().st_size > MAX_FILE_BYTES
    assert _errors([big]) == {"huge.html": "file is 100.0 MiB, over the 64 MiB import limit"}


def test_symlink_loop_is_reported_not_followed(tmp_path: Path) -> None:
    (tmp_path / "a.html").symlink_to(tmp_path / "b.html")
    (tmp_path / "b.html").symlink_to(tmp_path / "a.html")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "back").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "real.txt").write_text("x")
    errors = _errors([tmp_path])
    assert errors == {"a.html": "symlink loop", "b.html": "symlink loop"}
    assert _ok([tmp_path]) == ["real.txt"]
    assert _errors([tmp_path / "a.html"]) == {"a.html": "symlink loop"}


def test_symlink_out_of_the_tree_is_skipped(tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text("# secret")
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "link.md").symlink_to(outside)
    (tree / "inside.md").write_text("# ok")
    (tree / "alias.md").symlink_to(tree / "inside.md")
    assert _ok([tree]) == ["alias.md", "inside.md"]
    assert "outside" in _errors([tree])["link.md"]


def test_missing_path_is_reported(tmp_path: Path) -> None:
    assert _errors([tmp_path / "nope.html"]) == {"nope.html": "no such file or directory"}


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_directory_is_reported(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "a.md").write_text("# x")
    locked.chmod(0)
    try:
        assert _errors([tmp_path]) == {"locked": "permission denied"}
    finally:
        locked.chmod(0o755)


def test_fifo_is_refused_instead_of_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    assert _errors([tmp_path]) == {"pipe.txt": "not a regular file"}
