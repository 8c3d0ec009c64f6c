"""Where the app's stylesheets live (``styles/`` sits beside the ``tui`` package)."""

from __future__ import annotations

from pathlib import Path

STYLES_DIR = Path(__file__).resolve().parents[2] / "styles"


def stylesheet(name: str) -> Path:
    return STYLES_DIR / name
