"""Shared fixtures: every test gets its own library directory; nothing leaks in from the user."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "sample_articles"
SEED = SAMPLES / "000_8274fb328f49e36a.txt"
SHARED = REPO.parent / "shared"

#: Fixtures shared across test folders: the damaged-library fixtures of the store,
#: random-damage and doctor tests.
pytest_plugins = ["tests.store.library_damage"]


def screen_text(app: Any) -> str:
    """The current screen as the terminal gets it, as plain text, a line a row."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def settled(pilot: Any) -> None:
    """Wait for the app's workers, and for the main screen's sidebar to show the
    focused highlight (it follows once a highlight rests), even under a modal: a
    snapshot taken before it caught up would depend on timing."""
    app = pilot.app
    for _ in range(100):
        await app.workers.wait_for_complete()
        await pilot.pause(0.05)
        # Any screen: under a modal the main screen's sidebar still catches up.
        if not any(getattr(screen, "sidebar_behind", False) for screen in app.screen_stack):
            await app.workers.wait_for_complete()
            await pilot.pause()
            return
    raise AssertionError("the sidebar never followed the focused highlight")


@pytest.fixture(autouse=True)
def isolated_paths(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Point every default path at a temp dir: a developer's own library never leaks in."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("LEDE_LIBRARY", str(home / "library"))


@pytest.fixture
def library_dir(tmp_path: Path) -> Path:
    return tmp_path / "library"
