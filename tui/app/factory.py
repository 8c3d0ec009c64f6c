"""Build the app: one factory that the command line and the tests both call."""

from __future__ import annotations

from pathlib import Path

from tui.app.app import LedeApp


def make_app(library_dir: Path) -> LedeApp:
    return LedeApp(library_dir)
