"""Where the library lives: ``--library DIR``, else ``$LEDE_LIBRARY``, else the user data dir."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ENV_LIBRARY = "LEDE_LIBRARY"


def user_data_dir() -> Path:
    """The platform's per-user data directory for Lede (XDG on Linux)."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "Lede"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "Lede"
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "lede"


def resolve_library_dir(option: str | os.PathLike[str] | None = None) -> Path:
    """The library directory by precedence: option, environment, platform default."""
    if option:
        return Path(option).expanduser()
    env = os.environ.get(ENV_LIBRARY)
    if env:
        return Path(env).expanduser()
    return user_data_dir()
