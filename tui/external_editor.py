"""Editing a note in the user's own editor (``$VISUAL`` / ``$EDITOR``), via a temp file."""

from __future__ import annotations

import contextlib
import os
import shlex
import subprocess
import tempfile


class EditorError(Exception):
    """The editor could not be run, or failed: the note in the app is unchanged."""


def editor_command() -> str:
    return os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"


def edit_externally(text: str, command: str | None = None) -> str:
    """``text`` as the user left it after editing it in ``command`` (a Markdown temp file)."""
    argv = shlex.split(command or editor_command())
    if not argv:
        raise EditorError("no editor is set: set $EDITOR")
    fd, path = tempfile.mkstemp(prefix="lede-note-", suffix=".md")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        try:
            result = subprocess.run([*argv, path], check=False)
        except OSError as exc:
            raise EditorError(f"could not run {argv[0]!r}: {exc.strerror or exc}") from exc
        if result.returncode != 0:
            raise EditorError(f"{argv[0]} exited with status {result.returncode}")
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read()
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)
