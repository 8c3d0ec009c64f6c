"""The one facade the command line and the app call: import, list, open, mark.

It owns the import pipeline (gather, read, sniff and parse, deduplicate,
analyse, store) and hides the store's layout from everything above it.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.index.store import DerivedIndexes
from tui.ingest.errors import IngestError
from tui.model import Analysis, Article, ArticleMeta, Block, ParsedArticle
from tui.store import CorruptFileError, LibraryStore

# The app starts on the listing alone: what only importing, indexing, search or
# profiles need is imported where it is used, so start-up does not pay for it.
if TYPE_CHECKING:
    from tui.gather import Candidate
    from tui.index.related import RelatedArticle, RelatedIndex
    from tui.notes import Note
    from tui.profile import EntityProfile
    from tui.search import SearchDoc, SearchHit, SearchIndex
    from tui.store.batch_writer import BatchWriter

#: Articles are committed to the catalog in batches of at least this many (see
#: ``Library.batch_size``); a crash loses at most the uncommitted batch (never
#: anything committed before).
COMMIT_EVERY = 500
#: ...and of at least the library's size over this: each commit rewrites the
#: catalog, the listing and the indexes whole, so a fixed batch made importing N
#: separate files quadratic (100k files: 200 rewrites of up to 45 MB of catalog).
#: Growing with the library keeps what is written to about 5x the final size.
COMMIT_FRACTION = 4

Progress = Callable[[int, int, Path], None]


class ImportCancelled(Exception):
    """Raised by a progress callback to stop an import between files; what was
    imported before it is committed, nothing half-written is kept."""


@dataclass(slots=True)
class ImportReport:
    """What an import did, file by file."""

    imported: list[tuple[Path, ArticleMeta]] = field(default_factory=list)
    duplicates: list[tuple[Path, str]] = field(default_factory=list)
    failures: list[tuple[Path, str]] = field(default_factory=list)
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return not self.failures


def parse_file(path: Path, data: bytes) -> list[ParsedArticle]:
    """Parse one file's bytes into articles; IngestError for anything unusable."""
    from tui.ingest import parse_bytes  # Deferred: only needed to import.
    from tui.ingest.sniff import sniff

    articles = parse_bytes(data, path.name)
    if not articles:
        # parse_bytes yields nothing only for a Lede backup (or an empty feed).
        if sniff(data, path.name) == "lede-backup":
            raise IngestError("a Lede backup: restore it on its own (lede import FILE)")
        raise IngestError("no articles found")
    return articles


def read_and_parse(candidate: Candidate) -> tuple[bytes, list[ParsedArticle]] | str:
    """A gathered file's bytes and articles, or the one-line reason it cannot be read.

    Shared by import and ``lede extract`` so both report the same reasons.
    """
    from tui.gather import describe_os_error

    if candidate.error:
        return candidate.error
    try:
        data = candidate.path.read_bytes()
    except OSError as exc:
        return describe_os_error(exc)
    try:
        return data, parse_file(candidate.path, data)
    except IngestError as exc:
        return exc.reason
    except RecursionError:
        return "document nested too deeply to read"
    except Exception as exc:  # A parser bug must not sink the rest of the batch.
        return f"unexpected error ({type(exc).__name__}: {exc})"


def _word_count(blocks: Iterable[Block]) -> int:
    return sum(len(block.text.split()) for block in blocks)


def _search_doc(
    article_id: str, title: str, body: dict[str, Any], analysis: Analysis | None
) -> SearchDoc:
    """What the search index keeps of a body record: standfirst and text, the
    canonical names of its speakers and entities (each once)."""
    from tui.search import SearchDoc

    text = "\n\n".join(str(block[1]) for block in body.get("blocks") or [] if len(block) > 1)
    standfirst = str(body.get("standfirst") or "")
    speakers: list[str] = []
    entities: list[str] = []
    if analysis is not None:
        speakers = list(dict.fromkeys(q.speaker for q in analysis.quotes if q.speaker))
        entities = list(dict.fromkeys(e.canonical for e in analysis.entities))
    return SearchDoc(
        article_id=article_id,
        title=title,
        body=f"{standfirst}\n\n{text}" if standfirst else text,
        speakers=speakers,
        entities=entities,
    )


class Library:
    """A library directory opened for reading, or for writing under its lock."""

    def __init__(self, store: LibraryStore) -> None:
        self.store = store
        self.root = store.root
        self.indexes = DerivedIndexes(
            store.root, read_only=store.read_only, damage=store.store_damage
        )
        #: Why an article could not be opened (its body missing or damaged), by id.
        self.unavailable: dict[str, str] = {}
        self._search: SearchIndex | None = None
        self._search_lock = threading.Lock()
        self._notes_searchable = False  # every article's notes given to the index once
        #: Search documents of the articles prepared but not committed yet.
        self._search_pending: dict[str, SearchDoc] = {}

    @classmethod
    def open(
        cls, directory: Path, *, read_only: bool = False, user_writable: bool = False
    ) -> Library:
        """``user_writable`` with ``read_only``: articles read-only, user data saved (shared)."""
        return cls(LibraryStore(Path(directory), read_only=read_only, user_writable=user_writable))

    def close(self) -> None:
        if self._search is not None:
            self._search.close()
        self.store.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def analyze_text(self, text: str) -> Analysis:
        """Entities and quotations of ``text``, with what the library knows of names."""
        from tui.nlp import analyze  # Deferred: the analyser loads only when used.

        return analyze(text, self.indexes.names)

    # Reading ---------------------------------------------------------------------
    def articles(self) -> list[ArticleMeta]:
        return self.store.catalog.all()

    def __len__(self) -> int:
        return len(self.store.catalog)

    def meta(self, article_id: str) -> ArticleMeta | None:
        return self.store.catalog.get(article_id)

    def resolve_id(self, prefix: str) -> ArticleMeta | None:
        """An article by full id or by a unique id prefix (as `git` does for commits)."""
        exact = self.store.catalog.get(prefix)
        if exact or len(prefix) < 4:
            return exact
        matches = [m for m in self.store.catalog.all() if m.id.startswith(prefix)]
        return matches[0] if len(matches) == 1 else None

    def article(self, article_id: str) -> Article | None:
        """The whole article: metadata plus its body file.

        The body file carries a copy of the metadata, so this reads one file; the
        catalog is parsed only for bodies written before that copy existed. None
        when there is no such article, or its body is missing or damaged (then
        ``unavailable[article_id]`` says so, and a damaged body is moved aside).
        """
        try:
            body = self.store.bodies.read_body(article_id)
        except CorruptFileError as exc:
            from tui.store.repair import body_damaged

            self.unavailable[article_id] = body_damaged(self.store, exc)
            return None
        if body is None:
            from tui.store.repair import body_missing

            self.unavailable[article_id] = body_missing(self.store, article_id)
            return None
        stored_meta = body.get("meta")
        if isinstance(stored_meta, dict) and stored_meta.get("id") == article_id:
            meta: ArticleMeta | None = ArticleMeta.from_dict(stored_meta)
        else:
            meta = self.store.catalog.get(article_id)
        if meta is None:
            return None
        analysis = body.get("analysis")
        return Article(
            meta=meta,
            standfirst=body.get("standfirst", ""),
            blocks=[Block(kind, text) for kind, text in body.get("blocks", [])],
            related_headlines=list(body.get("related_headlines", [])),
            analysis=self.view(Analysis.from_dict(analysis)) if analysis else None,
        )

    def _body_or_empty(self, article_id: str) -> dict[str, Any]:
        """A body for indexing or its raw page: a damaged one counts as empty here
        (opening the article is what reports it)."""
        try:
            return self.store.bodies.read_body(article_id) or {}
        except CorruptFileError:
            return {}

    def raw_bytes(self, article_id: str) -> bytes | None:
        """The bytes the article was imported from, for re-extraction."""
        body = self._body_or_empty(article_id)
        ref = body.get("raw")
        return self.store.raw.read(ref) if isinstance(ref, dict) else None

    # Entities, quotations, related articles --------------------------------------
    def view(self, analysis: Analysis) -> Analysis:
        """An analysis as the user sees it: their merges and splits applied."""
        from tui.index.aliases import apply_rules

        user = self.store.user
        return apply_rules(analysis, user.merges(), user.splits())

    def _related_index(self) -> RelatedIndex:
        index = self.indexes.related
        lost = not self.indexes.related_current and len(index) < len(self.store.catalog)
        if lost or self.indexes.needs_rebuild:
            self.rebuild_indexes()
            index = self.indexes.related
        index.set_aliases(self.store.user.merges())
        return index

    def related(self, article_id: str, limit: int = 20) -> list[RelatedArticle]:
        """Other articles ranked by shared entities, speakers and quotations, with reasons."""
        return self._related_index().related(article_id, limit)

    def articles_with(self, key: str) -> list[ArticleMeta]:
        """Articles with a feature: ``P:``/``O:``/``L:`` + entity, ``S:`` + speaker."""
        ids = self._related_index().articles_with(key)
        return [meta for meta in map(self.store.catalog.get, ids) if meta]

    def ids_with(self, key: str) -> list[str]:
        """Ids of the articles with a feature (no catalog read: the app has titles)."""
        return self._related_index().articles_with(key)

    @property
    def related_ready(self) -> bool:
        """Related lookups need no load or rebuild first (cheap on the UI thread)."""
        return self.indexes.related_loaded and self.indexes.related_current

    def newest_with(
        self, key: str, limit: int, besides: str | None = None
    ) -> tuple[int, list[str]]:
        """How many articles have a feature, and the ids of the ``limit`` added last
        (newest first), not counting ``besides``."""
        return self._related_index().newest_with(key, limit, besides)

    def entity_profile(self, name: str, kind: str) -> EntityProfile:
        """Everything the library knows about one entity: the articles that mention or
        quote it, its quotations, and the quotations that mention it (newest first)."""
        from tui.profile import (
            PROFILE_LIMIT,
            EntityProfile,
            collect_quotes,
            feature_keys,
            reason_for,
        )

        profile = EntityProfile(name, kind)
        ids: dict[str, None] = {}
        for key in feature_keys(name, kind):
            ids.update(dict.fromkeys(self.ids_with(key)))
        found: list[tuple[str, str, str, str]] = []
        for other_id in list(ids)[:PROFILE_LIMIT]:
            article = self.article(other_id)
            if article is None or article.analysis is None:
                continue
            mentioned, quoted = collect_quotes(profile, other_id, article.title, article.analysis)
            reason = reason_for(name, mentioned, quoted)
            found.append((article.meta.published or "", other_id, article.title, reason))
        found.sort(reverse=True)
        profile.articles = [(aid, title, reason) for _, aid, title, reason in found]
        return profile

    def merge_entities(self, name: str, into: str | None) -> None:
        """Treat entity ``name`` as ``into`` everywhere (``None`` takes it back)."""
        self.store.user.set_merge(name, into)

    def split_entity(self, surface: str, canonical: str, on: bool = True) -> None:
        """Keep mentions written ``surface`` apart from ``canonical``; re-indexes them."""
        affected = self.articles_with_raw(canonical) + self.articles_with_raw(surface)
        self.store.user.set_split(surface, canonical, on)
        for meta in affected:
            self._index_article(meta.id)
        self.indexes.save()

    def articles_with_raw(self, name: str) -> list[ArticleMeta]:
        """Articles whose index names ``name`` as an entity or speaker, of any type."""
        index = self._related_index()
        ids: set[str] = set()
        for prefix in ("P", "O", "L", "S"):
            ids.update(index.articles_with(f"{prefix}:{name}"))
        return [meta for meta in map(self.store.catalog.get, sorted(ids)) if meta]

    def _features(self, raw: Analysis, splits: list[tuple[str, str]]) -> dict[str, str]:
        """What the related index keeps of a stored analysis: splits applied, merges not
        (those apply at query time)."""
        from tui.index.aliases import apply_rules
        from tui.index.features import features_of

        return features_of(apply_rules(raw, {}, splits))

    def _index_article(self, article_id: str) -> None:
        body = self._body_or_empty(article_id)
        if body.get("analysis"):
            raw = Analysis.from_dict(body["analysis"])
            self.indexes.related.add(article_id, self._features(raw, self.store.user.splits()))

    def rebuild_indexes(self) -> int:
        """Rebuild name statistics, the related and the search index from the bodies."""
        self.indexes.reset()
        count = 0
        splits = self.store.user.splits()
        search = None if self.store.read_only else self._search_file()
        if search is not None:
            search.reset()
        batch: list[SearchDoc] = []
        for meta in self.store.catalog.all():
            body = self._body_or_empty(meta.id)
            raw = Analysis.from_dict(body["analysis"]) if body.get("analysis") else None
            if search is not None:
                batch.append(_search_doc(meta.id, meta.title, body, raw))
                if len(batch) >= COMMIT_EVERY:
                    search.add_many(batch)
                    batch.clear()
            if raw is None:
                continue
            self.indexes.names.add(raw)
            self.indexes.related.add(meta.id, self._features(raw, splits))
            count += 1
        if search is not None:
            search.add_many(batch, stamp=self._catalog_stamp())
            search.optimize()
        if not self.store.read_only:
            self.indexes.save()
        self.indexes.rebuilt = True
        return count

    # Search ----------------------------------------------------------------------
    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Articles matching ``query`` in title, body, speakers, entities or notes, best
        first, each with a snippet; the last word matches as a prefix (as you type).

        The index is opened on first use and, when writable, caught up with the
        catalog (built from the bodies if missing); read-only without one: [].
        """
        import sqlite3

        if not query.strip():
            return []
        try:
            return self._search_index().search(query, limit)
        except sqlite3.Error:
            return []  # Derived data: a search that fails finds nothing, never crashes.

    def _catalog_stamp(self) -> str:
        from tui.store.catalog import CATALOG_FILE
        from tui.store.listing import file_stamp

        size, mtime = file_stamp(self.root / CATALOG_FILE)
        return f"{size}:{mtime}"

    def _search_file(self) -> SearchIndex:
        from tui.search import SearchIndex

        if self._search is None:
            self._search = SearchIndex.open(self.root, read_only=self.store.read_only)
        return self._search

    def _search_index(self) -> SearchIndex:
        """The search index, level with the catalog: its stamp names the catalog it
        indexed; any other (a crash between the two commits, a damaged or missing
        file, a library from before search) adds what is missing from the bodies."""
        import sqlite3

        with self._search_lock:
            index = self._search_file()
            with contextlib.suppress(sqlite3.Error):
                self._catch_up(index)
                self._sync_notes(index)
            return index

    def _sync_notes(self, index: SearchIndex) -> None:
        """Give the index every article's notes once per session: a note saved just
        before a crash, or by another process, is findable after the next start."""
        from tui.annotate import notes_search_text

        if self._notes_searchable or self.store.read_only:
            return
        user = self.store.user
        for noted in user.noted_ids():
            index.set_notes(noted, notes_search_text(user.notes_for(noted)))
        self._notes_searchable = True

    # Notes -------------------------------------------------------------------------
    def save_note(self, note: Note) -> None:
        """Save a note durably (``UserDataWriteError`` when the disk refuses; nothing
        changes then). Call ``index_notes`` afterwards, off the UI thread."""
        self.store.user.save_note(note)

    def delete_note(self, note_id: str) -> Note | None:
        """Delete a note durably; returns it, for undo."""
        return self.store.user.delete_note(note_id)

    def index_notes(self, article_id: str) -> None:
        """Make one article's notes as they are now searchable (derived, best effort)."""
        import sqlite3

        from tui.annotate import notes_search_text

        if self.store.read_only:
            return
        text = notes_search_text(self.store.user.notes_for(article_id))
        with contextlib.suppress(sqlite3.Error):
            index = self._search_index()
            with self._search_lock:
                index.set_notes(article_id, text)

    def _catch_up(self, index: SearchIndex) -> None:
        stamp = self._catalog_stamp()
        if self.store.read_only or index.stamp == stamp:
            return
        known = index.ids()
        metas = self.store.catalog.all()
        for gone in known - {meta.id for meta in metas}:
            index.remove(gone)
        missing = [meta for meta in metas if meta.id not in known]
        for start in range(0, len(missing), COMMIT_EVERY):
            index.add_many(self._search_docs(missing[start : start + COMMIT_EVERY]))
        if len(missing) > COMMIT_EVERY:
            index.optimize()
        index.set_stamp(stamp)

    def _search_docs(self, metas: list[ArticleMeta]) -> list[SearchDoc]:
        docs = []
        for meta in metas:
            body = self._body_or_empty(meta.id)  # A damaged one: found by its title still.
            analysis = Analysis.from_dict(body["analysis"]) if body.get("analysis") else None
            docs.append(_search_doc(meta.id, meta.title, body, analysis))
        return docs

    # Importing -------------------------------------------------------------------
    def import_paths(
        self,
        paths: Iterable[Path],
        *,
        analyze: bool = True,
        progress: Progress | None = None,
        follow_links: bool = False,
    ) -> ImportReport:
        """Import every importable file under ``paths``; bad files are reported, not fatal.

        Symlinks out of the folders walked are reported, not read, unless
        ``follow_links`` (``tui.gather``).

        ``progress`` is called after each file, and between chunks of
        ``COMMIT_EVERY`` articles of a file with more (a big feed); if it raises
        ``ImportCancelled`` the import stops there, commits what it has, and
        returns the report so far.
        """
        from tui.gather import gather
        from tui.store.batch_writer import BatchWriter

        report = ImportReport()
        candidates = list(gather([Path(p) for p in paths], follow_links=follow_links))
        pending: list[ArticleMeta] = []
        seen_in_batch: dict[str, str] = {}
        writer = BatchWriter(self.store.bodies, self.store.raw)
        try:
            for done, candidate in enumerate(candidates, 1):

                def checkpoint(done: int = done, current: Path = candidate.path) -> None:
                    # Between chunks of a big feed: the same file, not finished yet.
                    if progress:
                        progress(done - 1, len(candidates), current)

                self._import_candidate(
                    candidate, analyze, report, pending, seen_in_batch, writer, checkpoint
                )
                if len(pending) >= self.batch_size():
                    self._commit(pending, writer, report)
                if progress:
                    progress(done, len(candidates), candidate.path)
        except ImportCancelled:
            report.cancelled = True
        finally:
            # Whatever happened, what was fully written gets committed.
            self._commit(pending, writer, report)
            writer.close()
        return report

    def batch_size(self) -> int:
        """Articles an import gathers before committing them (see COMMIT_FRACTION)."""
        return max(COMMIT_EVERY, len(self.store.catalog) // COMMIT_FRACTION)

    def _commit(
        self, pending: list[ArticleMeta], writer: BatchWriter, report: ImportReport
    ) -> None:
        """Wait for the batch's files, then name only the fully written ones in the catalog."""
        import sqlite3

        failed, error = writer.drain()
        if failed:
            pending[:] = [meta for meta in pending if meta.id not in failed]
            report.imported = [(p, m) for p, m in report.imported if m.id not in failed]
        if pending:
            before = self._catalog_stamp()
            self.store.commit(pending)
            self.indexes.save()
            with contextlib.suppress(sqlite3.Error):  # Derived: the next search catches up.
                self._add_to_search(pending, before)
            pending.clear()
        self._search_pending.clear()
        if error is not None:
            raise error

    def _add_to_search(self, committed: list[ArticleMeta], before: str) -> None:
        """Index a committed batch in one transaction. The stamp moves on only if the
        index was level with the catalog before it; else the next search catches up
        (not here: that could read every body in the middle of an import)."""
        search = self._search_file()
        docs = [self._search_pending[m.id] for m in committed if m.id in self._search_pending]
        level = search.stamp == before or (
            len(self.store.catalog) == len(committed) and len(search) == 0
        )
        search.add_many(docs, stamp=self._catalog_stamp() if level else None)

    def _import_candidate(
        self,
        candidate: Candidate,
        analyze: bool,
        report: ImportReport,
        pending: list[ArticleMeta],
        seen_in_batch: dict[str, str],
        writer: BatchWriter,
        checkpoint: Callable[[], None] | None = None,
    ) -> None:
        """Store one file's articles. A big feed goes to the writer in chunks, each
        item dropped once prepared, so memory stays flat, and ``checkpoint`` runs
        between chunks (it may raise ImportCancelled)."""
        import hashlib

        from tui.identity import text_key

        path = candidate.path
        outcome = read_and_parse(candidate)
        if isinstance(outcome, str):
            report.failures.append((path, outcome))
            return
        data, parsed = outcome
        sha = hashlib.sha256(data).hexdigest()
        to_write: list[tuple[str, dict[str, object]]] = []
        parsed.reverse()
        while parsed:
            item = parsed.pop()
            text_hash = text_key(item.text)
            existing = self.store.catalog.find_duplicate(item.url, text_hash)
            existing = existing or seen_in_batch.get(text_hash)
            if item.url:
                existing = existing or seen_in_batch.get(item.url)
            listed = self._listed_without_body(existing, item.url, text_hash)
            if existing and listed is None:
                report.duplicates.append((path, existing))
                continue
            meta, body = self._prepare_article(item, path, sha, text_hash, analyze)
            if listed is not None:  # Its body was lost: this import restores it.
                meta, body["meta"] = listed, listed.to_dict()
            to_write.append((meta.id, body))
            seen_in_batch[text_hash] = meta.id
            if item.url:
                seen_in_batch[item.url] = meta.id
            pending.append(meta)
            report.imported.append((path, meta))
            if len(to_write) >= COMMIT_EVERY and parsed:
                writer.write_file(data, to_write)
                to_write = []
                if checkpoint is not None:
                    checkpoint()
        writer.write_file(data, to_write)

    def _listed_without_body(
        self, existing: str | None, url: str | None, text_hash: str
    ) -> ArticleMeta | None:
        """The catalog's entry for this very article (same id) when its body file is
        missing, so importing the page (or a backup) again restores the body."""
        from tui.identity import article_id

        if not existing or existing != article_id(url, text_hash):
            return None
        if self.store.bodies.has_body(existing):
            return None
        return self.store.catalog.get(existing)

    def restore_articles(
        self, articles: Iterable[tuple[ArticleMeta, dict[str, Any]]]
    ) -> tuple[list[ArticleMeta], list[str]]:
        """Add articles from a backup: metadata and body record as they were stored,
        analysis included (not re-analysed: the backup is the record, and a restored
        library must match the one backed up). Articles present already, by id or
        as duplicates, are skipped. Returns (restored, skipped ids).

        Same commit path as an import: bodies first, then the catalog in batches,
        then listing, names, related and search indexes.
        """
        from tui.store.batch_writer import BatchWriter

        report = ImportReport()
        pending: list[ArticleMeta] = []
        skipped: list[str] = []
        seen: set[str] = set()
        splits = self.store.user.splits()
        writer = BatchWriter(self.store.bodies, self.store.raw)  # Nothing queued: no raw pages.
        try:
            for meta, body in articles:
                catalog = self.store.catalog
                keyed = bool(meta.url or meta.text_hash)
                lost = self._listed_without_body(meta.id, meta.url, meta.text_hash)
                if lost is None and (
                    meta.id in seen
                    or meta.id in catalog
                    or (keyed and catalog.find_duplicate(meta.url, meta.text_hash))
                ):
                    skipped.append(meta.id)
                    continue
                seen.add(meta.id)
                record = {"meta": meta.to_dict(), **body}
                self.store.bodies.write_body(meta.id, record, durable=False)
                raw = Analysis.from_dict(body["analysis"]) if body.get("analysis") else None
                if raw is not None:
                    self.indexes.names.add(raw)
                    self.indexes.related.add(meta.id, self._features(raw, splits))
                self._search_pending[meta.id] = _search_doc(meta.id, meta.title, body, raw)
                pending.append(meta)
                report.imported.append((Path(meta.origin_file), meta))
                if len(pending) >= self.batch_size():
                    self._commit(pending, writer, report)
        finally:
            self._commit(pending, writer, report)
            writer.close()
        return [meta for _path, meta in report.imported], skipped

    def _prepare_article(
        self,
        item: ParsedArticle,
        path: Path,
        sha: str,
        text_hash: str,
        analyze: bool,
    ) -> tuple[ArticleMeta, dict[str, object]]:
        """The article's catalog entry and body record (written by the batch writer)."""
        from tui.identity import article_id
        from tui.textsafe import path_text

        new_id = article_id(item.url, text_hash)
        analysis = self.analyze_text(item.text) if analyze else None
        if analysis is not None:
            self.indexes.names.add(analysis)
            self.indexes.related.add(new_id, self._features(analysis, self.store.user.splits()))
        meta = ArticleMeta(
            id=new_id,
            title=item.title,
            source=item.source,
            published=item.published,
            url=item.url,
            bylines=list(item.bylines),
            language=item.language,
            word_count=_word_count(item.blocks),
            imported_at=datetime.now(UTC).isoformat(timespec="seconds"),
            format=item.format,
            summary_only=item.summary_only,
            tags=list(item.tags),
            # A name that is not UTF-8 cannot be stored as JSON text; escaped, it can.
            origin_file=path_text(path.name),
            origin_sha256=sha,
            text_hash=text_hash,
        )
        body = {
            # A copy of the metadata, so opening an article reads one file and never
            # waits on the catalog (seconds to parse at 100k articles).
            "meta": meta.to_dict(),
            "standfirst": item.standfirst,
            "blocks": [[block.kind, block.text] for block in item.blocks],
            "related_headlines": list(item.related_headlines),
            "analysis": analysis.to_dict() if analysis else None,
        }
        self._search_pending[new_id] = _search_doc(new_id, item.title, body, analysis)
        return meta, body
