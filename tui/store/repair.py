"""Repairs the store makes by itself: a damaged listing or catalog rebuilt from the record.

Each body file carries a copy of its article's metadata, so the catalog can be
rebuilt from the bodies; the listing is rebuilt from the catalog. Whatever is
replaced is first kept aside (``aside.py``), never written over.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tui.model import ArticleMeta

from .aside import Damage, keep_aside, move_aside, shown
from .bodies import BodyStore
from .catalog import CATALOG_FILE, Catalog, write_catalog
from .json_storage import CorruptFileError, read_json_file
from .listing import LISTING_FILE, LISTING_SCHEMA, Listing, read_listing
from .shapes import meta_problem

if TYPE_CHECKING:
    from . import LibraryStore

RUN_DOCTOR = "Run lede doctor to check the rest of the library."


def listing_problem(root: Path) -> str | None:
    """Why ``listing.json`` is damaged; None when it is fine, missing or of another
    schema (those are rebuilt without a word)."""
    try:
        data = read_json_file(root / LISTING_FILE)
    except CorruptFileError as exc:
        return exc.reason
    if data is None:
        return None
    if not isinstance(data, dict):
        return "top level is not a JSON object"
    if data.get("schema") != LISTING_SCHEMA:
        return None
    if read_listing(root) is None:
        return "its columns are out of step with each other"
    return None


def set_listing_aside(root: Path, problem: str, *, writable: bool) -> Damage:
    """A damaged listing: moved aside (when writable) and rebuilt from the catalog."""
    path = root / LISTING_FILE
    if writable:
        aside = move_aside(path)
        action = f"moved aside to {aside.name} and rebuilt from the catalog"
    else:
        action = "the list was rebuilt from the catalog (file left in place: read-only)"
    return Damage(path, problem, action, "Nothing was lost.", record=False)


def metas_from_bodies(bodies: BodyStore, listing: Listing | None) -> tuple[list[ArticleMeta], int]:
    """Every article's metadata from its body's copy, oldest import first, and how
    many bodies had none readable.

    A body written before bodies kept that copy gets the listing's columns, if
    there is a listing, else its id and "Untitled" (its text is all there).
    """
    rows = {}
    if listing is not None:
        rows = {
            article_id: (listing.titles[i], listing.sources[i], listing.published[i])
            for i, article_id in enumerate(listing.ids)
        }
    metas: list[ArticleMeta] = []
    unreadable = 0
    for article_id in bodies.ids():
        try:
            body = bodies.read_body(article_id)
        except CorruptFileError:
            body = None
        if body is None:
            unreadable += 1
            continue
        copy = body.get("meta")
        if isinstance(copy, dict) and copy.get("id") == article_id and not meta_problem(copy):
            metas.append(ArticleMeta.from_dict(copy))
            continue
        title, source, published = rows.get(article_id, ("Untitled (recovered)", "", ""))
        metas.append(
            ArticleMeta(
                id=article_id, title=title, source=source or None, published=published or None
            )
        )
    metas.sort(key=lambda meta: (meta.imported_at, meta.id))
    return metas, unreadable


def recover_catalog(
    root: Path, bodies: BodyStore, error: CorruptFileError, *, writable: bool
) -> tuple[Catalog, Damage]:
    """A catalog rebuilt from the bodies in place of a damaged one.

    Writable: the damaged file is kept aside, then replaced atomically (a crash
    in between leaves it to be repaired again). Read-only: the rebuilt catalog
    lives in memory and the file is left for a writer to repair.
    """
    metas, unreadable = metas_from_bodies(bodies, read_listing(root))
    lost = f"; {unreadable} unreadable bodies left out" if unreadable else ""
    path = root / CATALOG_FILE
    if writable:
        kept = f"moved aside to {keep_aside(path).name}; " if path.exists() else ""
        write_catalog(root, metas)
        catalog = Catalog(root)
        action = f"{kept}{len(metas)} articles recovered from bodies/{lost}"
    else:
        catalog = Catalog.in_memory(root, metas)
        action = f"{len(metas)} articles read from bodies/ (file left in place: read-only){lost}"
    return catalog, Damage(path, error.reason, action, RUN_DOCTOR)


RESTORE = "run lede doctor --repair to restore it from the page it was imported from"


def body_damaged(store: LibraryStore, error: CorruptFileError) -> str:
    """A body that does not parse: moved aside (when writable); the user's message."""
    path, where = error.path, shown(error.path, store.root)
    if store.read_only:
        kept = "left in place (the library is open read-only)"
    else:
        kept = f"moved aside to {move_aside(path).name}"
    store.store_damage.append(Damage(path, error.reason, kept, f"To read it, {RESTORE}."))
    return (
        f"The text of this article is damaged ({where}: {error.reason}); {kept}. "
        f"To read it, {RESTORE}."
    )


def body_missing(store: LibraryStore, article_id: str) -> str:
    """The user's message for an article listed without its body file."""
    where = shown(store.bodies.body_path(article_id), store.root)
    return f"The text of this article is missing ({where}). To read it, {RESTORE}."
