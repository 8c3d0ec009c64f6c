"""SVG snapshots of the main screens, on the bundled sample library.

A failure means pixels changed: open the report, look, and only then run
``pytest --snapshot-update``. Textual is pinned exactly while these exist.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import settled
from tui.app.factory import make_app
from tui.cli import first_run_import


@pytest.fixture(scope="module")
def first_run_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("snap") / "library"
    first_run_import(root)  # The library a new user starts with: the seed opens first.
    return root


@pytest.fixture
def library(first_run_library: Path, tmp_path: Path) -> Path:
    root = tmp_path / "library"
    shutil.copytree(first_run_library, root)
    (root / "lede.lock").unlink(missing_ok=True)
    return root


def test_main_screen_with_a_quotation_focused(snap_compare: Any, library: Path) -> None:
    async def step_to_quote(pilot: Any) -> None:
        await pilot.press("tab", "right_square_bracket", "right_square_bracket")
        await settled(pilot)

    assert snap_compare(make_app(library), terminal_size=(120, 40), run_before=step_to_quote)


def test_entity_view(snap_compare: Any, library: Path) -> None:
    async def open_entity(pilot: Any) -> None:
        await pilot.press("tab", "right_square_bracket", "enter")
        await settled(pilot)

    assert snap_compare(make_app(library), terminal_size=(120, 40), run_before=open_entity)


def test_help_screen(snap_compare: Any, library: Path) -> None:
    assert snap_compare(make_app(library), terminal_size=(120, 40), press=["question_mark"])


def test_narrow_terminal_list(snap_compare: Any, library: Path) -> None:
    assert snap_compare(make_app(library), terminal_size=(80, 24), run_before=settled)
