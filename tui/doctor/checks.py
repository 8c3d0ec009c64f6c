"""What ``lede doctor`` looks at: every file of a library, read and never written.

Each problem becomes a :class:`Finding` naming the file, saying what is wrong
and what to do, and whether ``--repair`` can fix it safely. The checks open
nothing through the store's writable paths (which would repair as they go),
so a check alone changes nothing on disk, not even the lock file.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.store.aside import DAMAGED_MARK, damaged_copies
from tui.store.bodies import BodyStore
from tui.store.catalog import CATALOG_FILE, Catalog, SchemaTooNewError
from tui.store.json_storage import CorruptFileError, read_json_file
from tui.store.listing import LISTING_FILE, file_stamp, listing_damage, read_listing
from tui.store.lock import LOCK_NAME
from tui.store.rawpack import RAW_DIR
from tui.store.userdata import BOOKMARKS, NOTES, UserData

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

REPAIR = "run lede doctor --repair"
#: A journal longer than this is worth compacting (--repair does it).
LONG_LOG = 64 * 1024


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing wrong (or worth knowing) about one file.

    ``serious`` findings make the library unhealthy (exit status 1); the rest are
    notes, such as copies of damaged files kept aside earlier.
    """

    path: Path
    problem: str
    advice: str
    repairable: bool = False
    serious: bool = True


@dataclass(slots=True)
class Census:
    """What the checks read, for the summary and for the repairs."""

    articles: int = 0
    notes: int = 0
    bookmarks: int = 0
    locked_by: str | None = None
    catalog_ok: bool = False
    missing_bodies: list[str] | None = None
    damaged_bodies: list[str] | None = None
    orphan_bodies: list[str] | None = None


def lock_holder(root: Path) -> str | None:
    """The pid (or "") of a Lede holding the library's lock; None when it is free.

    Probed with a shared lock on a read-only descriptor, so checking writes nothing.
    """
    path = root / LOCK_NAME
    if fcntl is None or not path.exists():
        return None
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        with contextlib.suppress(OSError):
            return os.pread(fd, 32, 0).decode("ascii", "replace").strip()
        return ""
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


def check_library(root: Path) -> tuple[list[Finding], Census]:
    """Every finding about the library at ``root``, in a stable order."""
    census = Census()
    if not (root / CATALOG_FILE).exists() and not (root / "bodies").is_dir():
        problem = "no Lede library here (no catalog.json, no bodies/)"
        advice = "check --library or $LEDE_LIBRARY"
        return [Finding(root, problem, advice)], census
    findings: list[Finding] = []
    census.locked_by = lock_holder(root)
    if census.locked_by is not None:
        who = f" (pid {census.locked_by})" if census.locked_by else ""
        findings.append(
            Finding(
                root / LOCK_NAME,
                f"the library is open in another Lede{who}; checked without changing anything",
                "close that Lede to repair",
                serious=False,
            )
        )
    catalog = _check_catalog(root, findings, census)
    ids = {meta.id for meta in catalog.all()} if catalog is not None else None
    analysed = _check_bodies(root, ids, findings, census)
    # Each file is parsed whatever the catalog's state; whether it is in step
    # with the catalog is asked only of a sound catalog.
    _check_listing(root, catalog, findings)
    _check_indexes(root, ids, analysed, findings)
    _check_user_data(root, ids, findings, census)
    findings.extend(_temp_files(root))
    findings.extend(_kept_copies(root))
    return findings, census


def _check_catalog(root: Path, findings: list[Finding], census: Census) -> Catalog | None:
    path = root / CATALOG_FILE
    if not path.exists():
        findings.append(
            Finding(path, "missing, but bodies/ is not", f"{REPAIR}: rebuilt from bodies/", True)
        )
        return None
    try:
        catalog = Catalog(root, read_only=True)
    except CorruptFileError as exc:
        advice = f"{REPAIR}: rebuilt from bodies/, the damaged file kept aside"
        findings.append(Finding(path, exc.reason, advice, True))
        return None
    except SchemaTooNewError as exc:
        problem = f"made by a newer Lede (schema {exc.found}; this one reads {exc.supported})"
        findings.append(Finding(path, problem, "upgrade Lede; nothing was changed"))
        return None
    census.articles = len(catalog)
    census.catalog_ok = True
    return catalog


def _check_bodies(
    root: Path, ids: set[str] | None, findings: list[Finding], census: Census
) -> set[str]:
    """Parse every body; the ids of those with an analysis (for the indexes)."""
    bodies = BodyStore(root)
    on_disk = set(bodies.ids())
    analysed: set[str] = set()
    damaged: list[str] = []
    packs: dict[str, int] = {}
    for article_id in sorted(on_disk):
        path = bodies.body_path(article_id)
        try:
            body = bodies.read_body(article_id)
        except CorruptFileError as exc:
            damaged.append(article_id)
            advice = f"{REPAIR}: kept aside, and restored from its imported page if raw/ has it"
            findings.append(Finding(path, exc.reason, advice, True))
            continue
        if body is None:
            continue
        if body.get("analysis"):
            analysed.add(article_id)
        problem = _raw_problem(root, body.get("raw"), packs)
        if problem:
            advice = "the article reads fine; only re-extracting it is not possible"
            findings.append(Finding(path, problem, advice))
    census.damaged_bodies = damaged
    if ids is None:
        return analysed
    missing = sorted(ids - on_disk)
    orphans = sorted(on_disk - ids)
    census.missing_bodies, census.orphan_bodies = missing, orphans
    for article_id in missing:
        findings.append(
            Finding(
                bodies.body_path(article_id),
                "missing: the article is listed but its text is not here",
                f"{REPAIR}: restored from its imported page if raw/ has it",
                True,
            )
        )
    for article_id in orphans:
        findings.append(
            Finding(
                bodies.body_path(article_id),
                "not in the catalog (an import interrupted before its commit)",
                f"{REPAIR}: added to the catalog",
                True,
            )
        )
    return analysed


def _raw_problem(root: Path, ref: Any, packs: dict[str, int]) -> str | None:
    """Why the page a body was imported from cannot be read back, if it cannot."""
    if not isinstance(ref, dict):
        return None  # Restored from a backup: never had one.
    name = str(ref.get("pack", ""))
    if name not in packs:
        path = root / RAW_DIR / name
        packs[name] = path.stat().st_size if name and path.is_file() else -1
    size = packs[name]
    if size < 0:
        return f"its imported page's pack raw/{name} is missing"
    offset, length = ref.get("offset"), ref.get("length")
    if not isinstance(offset, int) or not isinstance(length, int) or offset + length > size:
        return f"its imported page is beyond the end of raw/{name}"
    return None


def _check_listing(root: Path, catalog: Catalog | None, findings: list[Finding]) -> None:
    path = root / LISTING_FILE
    problem = listing_damage(root)
    if problem is not None:
        advice = f"{REPAIR} (or start Lede): rebuilt from the catalog, the file kept aside"
        findings.append(Finding(path, problem, advice, True))
        return
    if catalog is None:
        return
    listing = read_listing(root)
    if listing is None:
        if path.exists() or len(catalog):
            problem = "missing or of another version"
            findings.append(Finding(path, problem, f"{REPAIR} (or start Lede): rebuilt", True))
        return
    in_step = listing.stamp == file_stamp(root / CATALOG_FILE)
    if not in_step or list(listing.ids) != [meta.id for meta in catalog.all()]:
        advice = f"{REPAIR} (or start Lede): rebuilt from the catalog"
        findings.append(Finding(path, "out of step with the catalog", advice, True))


def _check_indexes(
    root: Path, ids: set[str] | None, analysed: set[str], findings: list[Finding]
) -> None:
    from tui.index.related import RelatedIndex
    from tui.index.store import INDEX_DIR, NAMES_FILE, RELATED_FILE
    from tui.nlp.known_names import KnownNames

    rebuild = f"{REPAIR}: rebuilt from the bodies"
    index_dir = root / INDEX_DIR
    loaders = ((NAMES_FILE, KnownNames.from_dict), (RELATED_FILE, RelatedIndex.from_dict))
    for name, loader in loaders:
        path = index_dir / name
        try:
            data = read_json_file(path)
            if data is not None and not isinstance(data, dict):
                raise CorruptFileError(path, "top level is not a JSON object")
            loaded = loader(data) if data else None
        except CorruptFileError as exc:
            findings.append(Finding(path, exc.reason, f"{rebuild}, the file kept aside", True))
            continue
        except (AttributeError, KeyError, TypeError, ValueError, IndexError):
            problem = "not an index Lede can read"
            findings.append(Finding(path, problem, f"{rebuild}, the file kept aside", True))
            continue
        if name == RELATED_FILE and ids is not None:
            if data is None:
                if analysed:
                    advice = f"{rebuild} (or on first use)"
                    findings.append(Finding(path, "missing", advice, True, serious=False))
                continue
            related = loaded if isinstance(loaded, RelatedIndex) else RelatedIndex()
            if len(related) != len(analysed) or not all(a in related for a in analysed):
                findings.append(Finding(path, "out of step with the bodies", rebuild, True))
    findings.extend(_check_search(root, ids))


def _check_search(root: Path, ids: set[str] | None) -> Iterator[Finding]:
    from tui.search import SearchIndex
    from tui.search.index import INDEX_DIR, SEARCH_FILE

    path = root / INDEX_DIR / SEARCH_FILE
    if not path.exists():
        if ids:  # None (no sound catalog) or empty: nothing to say.
            advice = f"{REPAIR}: built from the bodies (or on the first search)"
            yield Finding(path, "missing", advice, True, serious=False)
        return
    index = SearchIndex.open(root, read_only=True)
    try:
        if index.path is None:
            advice = f"{REPAIR}: rebuilt from the bodies, the file kept aside"
            yield Finding(path, "damaged or of another version", advice, True)
            return
        if ids is None:
            return
        size, mtime = file_stamp(root / CATALOG_FILE)
        try:
            indexed = index.ids()
        except sqlite3.Error as exc:
            yield Finding(path, f"unreadable ({exc})", f"{REPAIR}: rebuilt from the bodies", True)
            return
        if indexed != ids or index.stamp != f"{size}:{mtime}":
            advice = f"{REPAIR}: brought up to date (or on the next search)"
            yield Finding(path, "out of step with the catalog", advice, True)
    finally:
        index.close()


def _check_user_data(
    root: Path, ids: set[str] | None, findings: list[Finding], census: Census
) -> None:
    user = UserData(root, read_only=True)
    journal = user.journal
    try:
        for damage in user.damage:
            newer = journal.too_new is not None
            if newer:
                advice = "upgrade Lede to save notes here; nothing was changed"
            else:
                advice = f"{REPAIR} (or start Lede): kept aside, every readable record kept"
            findings.append(Finding(damage.path, damage.problem, advice, not newer))
        if journal.too_new is None and _torn(journal):
            problem = "its last line is cut short (a save interrupted by a crash, or a cut file)"
            advice = f"{REPAIR} (or start Lede): the log kept aside, the cut line removed"
            findings.append(Finding(journal.log_path, problem, advice, True))
        prev = journal.prev_snapshot_path
        if prev.exists():
            try:
                read_json_file(prev)
            except CorruptFileError as exc:
                advice = f"{REPAIR}: a new one is written (it is only a fallback)"
                findings.append(Finding(prev, exc.reason, advice, True))
        if journal.too_new is None and journal.log_size() > LONG_LOG:
            kib = journal.log_size() // 1024
            advice = f"{REPAIR}: folded into user.json"
            findings.append(Finding(journal.log_path, f"{kib} KiB of saves", advice, True, False))
        census.notes = user.note_count()
        census.bookmarks = len(user.bookmarks())
        if ids is not None:
            findings.extend(_detached_user_data(root, user, ids))
    finally:
        user.close()


def _torn(journal: Any) -> bool:
    try:
        return bool(os.stat(journal.log_path).st_size > journal.log_size())
    except FileNotFoundError:
        return False


def _detached_user_data(root: Path, user: UserData, ids: set[str]) -> Iterator[Finding]:
    """Notes and bookmarks on articles no longer in the library: reported, never touched."""
    notes = Counter(str(row.get("article")) for row in user.journal.collection(NOTES).values())
    marks = Counter(str(row.get("article")) for row in user.journal.collection(BOOKMARKS).values())
    for article_id in sorted((set(notes) | set(marks)) - ids):
        what = ", ".join(
            f"{count} {word}{'s' if count != 1 else ''}"
            for count, word in ((notes[article_id], "note"), (marks[article_id], "bookmark"))
            if count
        )
        yield Finding(
            root / "user.json",
            f"{what} on article {article_id}, which is not in the library",
            "kept as they are; re-import the article to see them",
        )


def _temp_files(root: Path) -> Iterator[Finding]:
    for pattern in (".*.tmp", "index/.*.tmp", "bodies/*/.*.tmp"):
        for path in sorted(root.glob(pattern)):
            yield Finding(path, "left by an interrupted write", f"{REPAIR}: removed", True)


def _kept_copies(root: Path) -> Iterator[Finding]:
    for path in damaged_copies(root):
        original = path.name.split(DAMAGED_MARK)[0]
        derived = original in (LISTING_FILE, "names.json", "related.json", "search.sqlite")
        if derived:
            advice = "derived data, rebuilt since: safe to delete"
        else:
            advice = f"check nothing in it is missing from {original}, then delete it"
        yield Finding(path, "a damaged file kept aside earlier", advice, serious=False)
