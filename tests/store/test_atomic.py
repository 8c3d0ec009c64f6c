"""Atomic replacement: the old file or the new one, never a torn or missing one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui.store.atomic import atomic_write_bytes, remove_stale_temp_files


def test_atomic_write_replaces_content(tmp_path: Path) -> None:
    target = tmp_path / "a.json"
    atomic_write_bytes(target, b"one")
    atomic_write_bytes(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


def test_failed_rename_keeps_old_file_and_leaves_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.json"
    atomic_write_bytes(target, b"old")

    def no_space(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", no_space)
    with pytest.raises(OSError):
        atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


def test_stale_temp_files_are_cleaned(tmp_path: Path) -> None:
    (tmp_path / ".catalog.json.abc.tmp").write_bytes(b"half")
    (tmp_path / "catalog.json").write_bytes(b"{}")
    assert remove_stale_temp_files(tmp_path) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["catalog.json"]
