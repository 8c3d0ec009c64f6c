"""Writes an import's raw pages and body files on a background thread.

Compressing a raw page (zlib) and writing files both release the GIL, so on
a machine with two cores they overlap with parsing the next file instead of
adding to it. Order is kept (one thread), and :meth:`drain` must be called
before the catalog names any article it wrote: it waits for every write and
reports which articles failed to be written.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from .bodies import BodyStore
from .rawpack import RawPacks


class BatchWriter:
    """One background writer per import."""

    def __init__(self, bodies: BodyStore, raw: RawPacks) -> None:
        self.bodies = bodies
        self.raw = raw
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lede-write")
        self._jobs: list[tuple[Future[None], list[str]]] = []

    def write_file(self, data: bytes, articles: list[tuple[str, dict[str, Any]]]) -> None:
        """Queue one imported file: its raw bytes once, then each article's body."""
        if articles:
            job = self._pool.submit(self._write, data, articles)
            self._jobs.append((job, [article_id for article_id, _body in articles]))

    def _write(self, data: bytes, articles: list[tuple[str, dict[str, Any]]]) -> None:
        ref = self.raw.append(data)
        for article_id, body in articles:
            body["raw"] = ref
            self.bodies.write_body(article_id, body, durable=False)

    def drain(self) -> tuple[set[str], BaseException | None]:
        """Wait for all queued writes; the ids that failed, and the first error."""
        failed: set[str] = set()
        error: BaseException | None = None
        for job, ids in self._jobs:
            exc = job.exception()
            if exc is not None:
                failed.update(ids)
                error = error or exc
        self._jobs.clear()
        return failed, error

    def close(self) -> None:
        self._pool.shutdown(wait=True)
