"""``lede export --format md``: a folder with one Markdown file per article."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tui.model import Article
from tui.store.atomic import atomic_write_bytes
from tui.store.userdata import Bookmark

from .filenames import FileNamer
from .markdown import render_markdown

if TYPE_CHECKING:
    from tui.library import Library

DEFAULT_DIR = Path("lede-export")


@dataclass(slots=True)
class MarkdownExport:
    """What an export wrote."""

    directory: Path
    files: list[Path] = field(default_factory=list)
    notes: int = 0


def export_markdown(
    library: Library, directory: Path = DEFAULT_DIR, *, notes_only: bool = False
) -> MarkdownExport:
    """Write every article (``notes_only``: those with notes, highlights or bookmarks).

    Each file is replaced atomically, so an export over an older one never
    leaves a half-written note file; files of other articles are left alone.
    """
    user = library.store.user
    directory.mkdir(parents=True, exist_ok=True)
    namer = FileNamer(directory)
    result = MarkdownExport(directory)
    bookmarks_by_article: dict[str, list[Bookmark]] = {}
    for mark in user.bookmarks():
        bookmarks_by_article.setdefault(mark.article_id, []).append(mark)
    noted = user.noted_ids()
    for meta in library.articles():
        bookmarks = bookmarks_by_article.get(meta.id, [])
        if notes_only and meta.id not in noted and not bookmarks:
            continue
        article = library.article(meta.id)
        if article is None:
            # Its text is lost or damaged (lede doctor says so): the notes still go out.
            article = Article(meta=meta, standfirst="", blocks=[])
        notes = user.notes_for(meta.id) if meta.id in noted else []
        text = render_markdown(article, notes, bookmarks, notes_only=notes_only)
        path = namer.name_for(article.title, article.id)
        atomic_write_bytes(path, text.encode("utf-8", "replace"), durable=False)
        result.files.append(path)
        result.notes += len(notes)
    return result
