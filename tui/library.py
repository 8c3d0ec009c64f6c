"""The one facade the command line and the app call: import, list, open, mark.

It owns the import pipeline (gather, read, sniff and parse, deduplicate,
analyse, store) and hides the store's layout from everything above it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from tui.gather import Candidate, describe_os_error, gather
from tui.identity import article_id, text_key
from tui.ingest.errors import IngestError
from tui.model import Analysis, Article, ArticleMeta, Block, ParsedArticle
from tui.store import LibraryStore

#: Articles are committed to the catalog in batches of this many: one catalog
#: rewrite per batch keeps a 1,000-file import linear, and a crash loses at most
#: the uncommitted batch (never anything committed before).
COMMIT_EVERY = 500

Analyzer = Callable[[str], Analysis]
Progress = Callable[[int, int, Path], None]


@dataclass(slots=True)
class ImportReport:
    """What an import did, file by file."""

    imported: list[tuple[Path, ArticleMeta]] = field(default_factory=list)
    duplicates: list[tuple[Path, str]] = field(default_factory=list)
    failures: list[tuple[Path, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def parse_file(path: Path, data: bytes) -> list[ParsedArticle]:
    """Parse one file's bytes into articles; IngestError for anything unusable."""
    from tui.ingest import parse_bytes  # Deferred: importers are only needed to import.

    articles = parse_bytes(data, path.name)
    if not articles:
        raise IngestError("no articles found")
    return articles


def _word_count(blocks: Iterable[Block]) -> int:
    return sum(len(block.text.split()) for block in blocks)


class Library:
    """A library directory opened for reading, or for writing under its lock."""

    def __init__(self, store: LibraryStore) -> None:
        self.store = store
        self.root = store.root

    @classmethod
    def open(cls, directory: Path, *, read_only: bool = False) -> Library:
        return cls(LibraryStore(Path(directory), read_only=read_only))

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def analyzer(self) -> Analyzer | None:
        """The analyser imports run, or None while the NLP layer offers none."""
        try:
            from tui.nlp import analyze
        except ImportError:
            return None
        return analyze

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
        """The whole article: metadata plus its body file."""
        meta = self.store.catalog.get(article_id)
        if meta is None:
            return None
        body = self.store.bodies.read_body(article_id) or {}
        analysis = body.get("analysis")
        return Article(
            meta=meta,
            standfirst=body.get("standfirst", ""),
            blocks=[Block(kind, text) for kind, text in body.get("blocks", [])],
            related_headlines=list(body.get("related_headlines", [])),
            analysis=Analysis.from_dict(analysis) if analysis else None,
        )

    # Importing -------------------------------------------------------------------
    def import_paths(
        self,
        paths: Iterable[Path],
        *,
        analyzer: Analyzer | None = None,
        progress: Progress | None = None,
    ) -> ImportReport:
        """Import every importable file under ``paths``; bad files are reported, not fatal."""
        report = ImportReport()
        candidates = list(gather([Path(p) for p in paths]))
        pending: list[ArticleMeta] = []
        seen_in_batch: dict[str, str] = {}
        try:
            for done, candidate in enumerate(candidates, 1):
                self._import_candidate(candidate, analyzer, report, pending, seen_in_batch)
                if len(pending) >= COMMIT_EVERY:
                    self.store.commit(pending)
                    pending.clear()
                if progress:
                    progress(done, len(candidates), candidate.path)
        finally:
            # Whatever happened, what was fully written gets committed.
            self.store.commit(pending)
        return report

    def _import_candidate(
        self,
        candidate: Candidate,
        analyzer: Analyzer | None,
        report: ImportReport,
        pending: list[ArticleMeta],
        seen_in_batch: dict[str, str],
    ) -> None:
        path = candidate.path
        if candidate.error:
            report.failures.append((path, candidate.error))
            return
        try:
            data = path.read_bytes()
        except OSError as exc:
            report.failures.append((path, describe_os_error(exc)))
            return
        try:
            parsed = parse_file(path, data)
        except IngestError as exc:
            report.failures.append((path, exc.reason))
            return
        except RecursionError:
            report.failures.append((path, "document nested too deeply to read"))
            return
        except Exception as exc:  # A parser bug must not sink the rest of the batch.
            report.failures.append((path, f"unexpected error ({type(exc).__name__}: {exc})"))
            return
        sha = hashlib.sha256(data).hexdigest()
        raw_written = False
        for item in parsed:
            text_hash = text_key(item.text)
            existing = self.store.catalog.find_duplicate(item.url, text_hash)
            existing = existing or seen_in_batch.get(text_hash)
            if item.url:
                existing = existing or seen_in_batch.get(item.url)
            if existing:
                report.duplicates.append((path, existing))
                continue
            if not raw_written:
                self.store.bodies.write_raw(sha, data)
                raw_written = True
            meta = self._store_article(item, path, sha, text_hash, analyzer)
            seen_in_batch[text_hash] = meta.id
            if item.url:
                seen_in_batch[item.url] = meta.id
            pending.append(meta)
            report.imported.append((path, meta))

    def _store_article(
        self,
        item: ParsedArticle,
        path: Path,
        sha: str,
        text_hash: str,
        analyzer: Analyzer | None,
    ) -> ArticleMeta:
        new_id = article_id(item.url, text_hash)
        analysis = analyzer(item.text) if analyzer else None
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
            origin_file=path.name,
            origin_sha256=sha,
            text_hash=text_hash,
        )
        body = {
            "standfirst": item.standfirst,
            "blocks": [[block.kind, block.text] for block in item.blocks],
            "related_headlines": list(item.related_headlines),
            "analysis": analysis.to_dict() if analysis else None,
        }
        # The body is durable before the catalog that points to it is written.
        self.store.bodies.write_body(new_id, body)
        return meta
