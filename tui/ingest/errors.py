"""The one error importers raise for input they cannot turn into an article."""

from __future__ import annotations


class IngestError(Exception):
    """Input that cannot be imported, with a one-line reason a user can act on.

    Importers raise only this for bad input; anything else escaping an importer
    is a bug.
    """

    def __init__(self, reason: str, path: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}" if self.path else self.reason
