"""Repairs the store makes by itself: a damaged listing or catalog rebuilt from the record.

Each body file carries a copy of its article's metadata, so the catalog can be
rebuilt from the bodies; the listing is rebuilt from the catalog. Whatever is
replaced is first kept aside (``aside.py``), never written over.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tui.model import ArticleMeta

from .aside import Damage, derived_set_aside, keep_aside, move_aside, shown
from .bodies import BodyStore
from .catalog import ARTICLES, CATALOG_FILE, Catalog, write_catalog
from .json_storage import CorruptFileError
from .listing import LISTING_FILE, read_listing
from .salvage import salvage_object
from .shapes import meta_problem

if TYPE_CHECKING:
    from . import LibraryStore

UNTITLED = "Untitled (recovered)"
RUN_DOCTOR = "Run lede doctor: it lists any article whose text is lost (--repair restores it)."


def set_listing_aside(root: Path, problem: str, *, writable: bool) -> Damage:
    """A damaged listing: moved aside (when writable) and rebuilt from the catalog."""
    return derived_set_aside(root / LISTING_FILE, problem, "the catalog", writable=writable)


def _salvaged_rows(path: Path) -> dict[str, ArticleMeta]:
    """The whole, sound rows still readable in a damaged catalog, by id."""
    try:
        raw = path.read_bytes()
    except OSError:
        return {}
    data, _whole = salvage_object(raw, lambda keys: len(keys) < 2)
    table = data.get(ARTICLES)
    if not isinstance(table, dict):
        return {}
    rows = (row for row in table.values() if meta_problem(row) is None)
    return {row["id"]: ArticleMeta.from_dict(row) for row in rows}


def _salvaged_body(path: Path) -> dict[str, object]:
    try:
        raw = path.read_bytes()
    except OSError:
        return {}
    return salvage_object(raw, lambda keys: not keys)[0]


def recovered_metas(root: Path, bodies: BodyStore) -> tuple[list[ArticleMeta], str]:
    """Every article's metadata from whatever still has it, oldest import first, and
    a few words on where it came from.

    Best first: a body's own copy; else the row still readable in the damaged
    catalog; else the listing's columns (title, source, date); else its id and
    "Untitled". An article whose body is lost stays listed this way, so its text
    can be restored (``lede doctor --repair``) rather than the article vanishing.
    """
    listing = read_listing(root)
    columns: dict[str, tuple[str, str, str]] = {}
    if listing is not None:
        columns = {
            article_id: (listing.titles[i], listing.sources[i], listing.published[i])
            for i, article_id in enumerate(listing.ids)
        }
    salvaged = _salvaged_rows(root / CATALOG_FILE)
    metas: dict[str, ArticleMeta] = {}
    from_bodies = 0
    for article_id in bodies.ids():
        try:
            body = bodies.read_body(article_id) or {}
        except CorruptFileError as exc:
            body = _salvaged_body(exc.path)  # The copy comes first: often still whole.
        copy = body.get("meta")
        if isinstance(copy, dict) and copy.get("id") == article_id and not meta_problem(copy):
            metas[article_id] = ArticleMeta.from_dict(copy)
            from_bodies += 1
        elif article_id not in salvaged and article_id not in columns:
            metas[article_id] = ArticleMeta(id=article_id, title=UNTITLED)
    untitled = sum(1 for meta in metas.values() if meta.title == UNTITLED)
    from_catalog = 0
    for article_id, meta in salvaged.items():
        if article_id not in metas or metas[article_id].title == UNTITLED:
            untitled -= article_id in metas
            metas[article_id] = meta
            from_catalog += 1
    from_listing = 0
    for article_id, (title, source, published) in columns.items():
        if article_id not in metas:
            metas[article_id] = ArticleMeta(
                id=article_id, title=title, source=source or None, published=published or None
            )
            from_listing += 1
    counts = [
        (from_bodies, "from bodies/"),
        (from_catalog, "from what is left of catalog.json"),
        (from_listing, f"from {LISTING_FILE}"),
        (untitled, "untitled, from damaged bodies"),
    ]
    where = ", ".join(f"{count} {name}" for count, name in counts if count)
    # Import order, as the catalog had it where it still tells (then the listing).
    place = {article_id: n for n, article_id in enumerate([*salvaged, *columns])}
    last = len(place)
    ordered = sorted(metas.values(), key=lambda m: (m.imported_at, place.get(m.id, last), m.id))
    return ordered, f"{len(ordered)} articles recovered ({where or 'none found'})"


def recover_catalog(
    root: Path, bodies: BodyStore, error: CorruptFileError, *, writable: bool
) -> tuple[Catalog, Damage]:
    """A catalog rebuilt from the bodies (and what is left of it) in place of a damaged
    or lost one.

    Writable: the damaged file is kept aside, then replaced atomically (a crash
    in between leaves it to be repaired again). Read-only: the rebuilt catalog
    lives in memory and the file is left for a writer to repair.
    """
    metas, summary = recovered_metas(root, bodies)
    path = root / CATALOG_FILE
    if writable:
        kept = f"moved aside to {keep_aside(path).name}; " if path.exists() else ""
        write_catalog(root, metas)
        catalog = Catalog(root)
        action = f"{kept}{summary}"
    else:
        catalog = Catalog.in_memory(root, metas)
        action = f"{summary}; the file is left in place (read-only)"
    return catalog, Damage(path, error.reason, action, RUN_DOCTOR)


RESTORE = (
    "run lede doctor --repair (it restores it from the page it was imported from), "
    "or import that page again"
)


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
