"""``lede extract``: what the importers make of a file, as plain records; stores nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tui.gather import gather
from tui.model import ParsedArticle
from tui.textsafe import path_text


def article_record(path: Path, item: ParsedArticle) -> dict[str, Any]:
    """The JSON shape of one extracted article (see the README)."""
    return {
        "path": path_text(path),
        "format": item.format,
        "title": item.title,
        "bylines": item.bylines,
        "published": item.published,
        "source": item.source,
        "url": item.url,
        "language": item.language,
        "standfirst": item.standfirst,
        "text": item.text,
        "blocks": [block.to_dict() for block in item.blocks],
        "related_headlines": item.related_headlines,
        "summary_only": item.summary_only,
    }


def error_record(path: Path, reason: str) -> dict[str, Any]:
    """A failed file keeps its line in the output, with the reason and no text."""
    return {"path": path_text(path), "error": reason, "format": None, "title": None, "text": ""}


def extract_file_records(path: Path) -> list[dict[str, Any]]:
    """One record per article in ``path`` (feeds hold many), or one error record."""
    from tui.library import read_and_parse

    records: list[dict[str, Any]] = []
    for candidate in gather([path]):
        outcome = read_and_parse(candidate)
        if isinstance(outcome, str):
            records.append(error_record(candidate.path, outcome))
        else:
            records.extend(article_record(candidate.path, item) for item in outcome[1])
    return records
