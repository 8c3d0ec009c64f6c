"""Export and backup: the library as Markdown files for a notes app, or as one
JSON backup that restores it losslessly. Pure Python, no Textual.

``markdown`` renders one article (front matter, body, notes in place),
``md_export`` writes a folder of them, ``backup`` writes the JSON backup and
``restore`` reads one back into a library.
"""

from __future__ import annotations

from .backup import BACKUP_FORMAT, BACKUP_VERSION, write_backup
from .md_export import MarkdownExport, export_markdown
from .restore import BackupError, RestoreReport, load_backup, restore_backup

__all__ = [
    "BACKUP_FORMAT",
    "BACKUP_VERSION",
    "BackupError",
    "MarkdownExport",
    "RestoreReport",
    "export_markdown",
    "load_backup",
    "restore_backup",
    "write_backup",
]
