"""What ``lede doctor --repair`` does: only repairs that lose nothing.

Derived files (listing, indexes) are rebuilt from the record; damaged files
are moved aside first; stale temp files are removed; the journal is compacted;
a lost or damaged body is restored from the page it was imported from, found
in the raw packs by the SHA-256 the catalog keeps; a body the catalog lost is
named in it again. User data is never deleted or rewritten destructively: the
journal's own repairs keep every damaged file aside (``tui/store/journal.py``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tui.ingest.errors import IngestError
from tui.library import Library, parse_file
from tui.model import ArticleMeta
from tui.store import CorruptFileError, LibraryLockedError, SchemaTooNewError
from tui.store.atomic import remove_stale_temp_files
from tui.store.journal import UserDataWriteError, os_reason
from tui.store.listing import LISTING_FILE
from tui.store.rawpack import RAW_DIR, iter_pages
from tui.store.shapes import meta_problem

from .checks import Census, Finding


def repair_library(root: Path, findings: list[Finding], census: Census) -> tuple[list[str], str]:
    """Make the safe repairs; returns what was done (one line each) and, when
    nothing could be done, why."""
    if census.locked_by is not None:
        return [], "the library is open in another Lede: nothing was repaired"
    try:
        library = Library.open(root)
    except LibraryLockedError:
        return [], "the library is open in another Lede: nothing was repaired"
    except SchemaTooNewError:
        return [], "the library was made by a newer Lede: nothing was repaired"
    except OSError as exc:
        return [], f"the library cannot be written ({os_reason(exc)}): nothing was repaired"
    done: list[str] = []
    with library:
        store = library.store
        try:
            _ = store.catalog  # A damaged or lost catalog is rebuilt from the bodies here.
        except SchemaTooNewError:
            return [], "catalog.json was made by a newer Lede: nothing was repaired"
        for article_id in census.damaged_bodies or []:
            library.article(article_id)  # Moves a damaged body aside.
        done += _restore_bodies(library)
        done += _add_orphans(library)
        store.rebuild_listing()
        _ = library.indexes.names, library.indexes.related  # Damaged ones go aside.
        if done or store.damage or any(_touches_record(root, f.path) for f in findings):
            library.rebuild_indexes()
            done.append("index/: names, related articles and search rebuilt from the bodies")
        for directory in (root / "index", *sorted((root / "bodies").glob("*"))):
            if remove_stale_temp_files(directory):
                done.append(f"{directory.relative_to(root)}/: temp files removed")
        try:
            store.user.journal.compact()
        except UserDataWriteError as exc:
            done.append(f"user.log: not compacted ({exc.reason})")
        done = [damage.message(root) for damage in store.damage] + done
    return done, ""


def _touches_record(root: Path, path: Path) -> bool:
    """A finding about articles or their derived files (the indexes follow them)."""
    try:
        first = path.relative_to(root).parts[0]
    except (ValueError, IndexError):
        return False
    return first in ("catalog.json", LISTING_FILE, "bodies", "index")


def _restore_bodies(library: Library) -> list[str]:
    """Re-extract every listed article whose body file is missing from its raw page.

    The page is found by the SHA-256 the catalog keeps; an article listed
    without it (its catalog entry rebuilt from the listing) is looked for in
    every page, by the id its text gives.
    """
    store = library.store
    on_disk = set(store.bodies.ids())
    missing = [meta for meta in store.catalog.all() if meta.id not in on_disk]
    if not missing:
        return []
    wanted: dict[str, list[ArticleMeta]] = {}
    unknown: dict[str, ArticleMeta] = {}
    for meta in missing:
        if meta.origin_sha256:
            wanted.setdefault(meta.origin_sha256, []).append(meta)
        else:
            unknown[meta.id] = meta
    restored: list[str] = []
    for pack in sorted((library.root / RAW_DIR).glob("*.pack")):
        for offset, length, page in iter_pages(pack):
            metas = wanted.pop(hashlib.sha256(page).hexdigest(), [])
            if not metas and not unknown:
                continue
            ref = {"pack": pack.name, "offset": offset, "length": length}
            for meta, body in _bodies_from_page(library, page, metas, unknown):
                store.bodies.write_body(meta.id, {**body, "raw": ref})
                restored.append(meta.id)
                unknown.pop(meta.id, None)
        if not wanted and not unknown:
            break
    lines = [
        f"{_body_name(library, article_id)}: restored from its imported page"
        for article_id in restored
    ]
    for meta in missing:
        if meta.id not in restored:
            page = meta.origin_file or "its page"
            lines.append(
                f"{_body_name(library, meta.id)}: its imported page is not in raw/; "
                f"import {page} again (or restore a backup) to bring its text back"
            )
    return lines


def _body_name(library: Library, article_id: str) -> str:
    return str(library.store.bodies.body_path(article_id).relative_to(library.root))


def _bodies_from_page(
    library: Library, page: bytes, metas: list[ArticleMeta], unknown: dict[str, ArticleMeta]
) -> Iterator[tuple[ArticleMeta, dict[str, Any]]]:
    """The body records made again, as an import would, from one page: of ``metas``
    (the page's own articles, by its SHA-256) and of any of ``unknown`` it holds."""
    from tui.identity import article_id, text_key

    name = metas[0].origin_file if metas and metas[0].origin_file else "page"
    try:
        parsed = parse_file(Path(name), page)
    except (IngestError, RecursionError):
        return
    by_id = {meta.id: meta for meta in metas}
    for item in parsed:
        item_id = article_id(item.url, text_key(item.text))
        meta = by_id.pop(item_id, None) or unknown.get(item_id)
        if meta is None and len(parsed) == 1 and len(by_id) == 1:
            meta = by_id.popitem()[1]  # Its own page, one article: the parser changed since.
        if meta is None:
            continue
        analysis = library.analyze_text(item.text)
        yield (
            meta,
            {
                "meta": meta.to_dict(),
                "standfirst": item.standfirst,
                "blocks": [[block.kind, block.text] for block in item.blocks],
                "related_headlines": list(item.related_headlines),
                "analysis": analysis.to_dict(),
            },
        )


def _add_orphans(library: Library) -> list[str]:
    """Bodies written by an import that stopped before its commit, named in the catalog."""
    store = library.store
    listed = {meta.id for meta in store.catalog.all()}
    metas: list[ArticleMeta] = []
    for article_id in store.bodies.ids():
        if article_id in listed:
            continue
        try:
            body = store.bodies.read_body(article_id) or {}
        except CorruptFileError:
            continue  # A damaged orphan stays as it is (reported).
        copy = body.get("meta")
        if isinstance(copy, dict) and copy.get("id") == article_id and not meta_problem(copy):
            metas.append(ArticleMeta.from_dict(copy))
    store.commit(metas)
    return [f"{_body_name(library, meta.id)}: added to the catalog" for meta in metas]
