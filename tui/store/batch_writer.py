"""Writes an import's raw pages and body files on a background thread.

Compressing a raw page (zlib) and writing files both release the GIL, so on
a machine with two cores they overlap with parsing the next file instead of
adding to it. Order is kept (one thread), and :meth:`drain` must be called
before the catalog names any article it wrote: it waits for every write and
reports which articles failed to be written.

A big feed is handed over in chunks of articles (its raw bytes, passed again
as the same object, are stored once), and at most :data:`MAX_QUEUED_BODIES`
bodies wait in the queue: a parser faster than the disk must not hold a whole
100,000-item feed's bodies in memory.
"""

from __future__ import annotations

from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from .bodies import BodyStore
from .rawpack import RawPacks

#: Bodies queued but not yet written, at most (then ``write_file`` waits).
MAX_QUEUED_BODIES = 1000


class BatchWriter:
    """One background writer per import."""

    def __init__(self, bodies: BodyStore, raw: RawPacks) -> None:
        self.bodies = bodies
        self.raw = raw
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lede-write")
        self._jobs: list[tuple[Future[None], list[str]]] = []
        self._queued: deque[tuple[Future[None], int]] = deque()
        self._queued_bodies = 0
        # The writer thread's last raw page and where it went (read on that thread only).
        self._raw_data: bytes | None = None
        self._raw_ref: dict[str, object] = {}

    def write_file(self, data: bytes, articles: list[tuple[str, dict[str, Any]]]) -> None:
        """Queue one imported file's articles: its raw bytes once, then each body.

        Called again with the same ``data`` object (a feed in chunks), the raw
        bytes are not stored again: the bodies point at the first copy.
        """
        if articles:
            self._wait_for_room(len(articles))
            job = self._pool.submit(self._write, data, articles)
            self._jobs.append((job, [article_id for article_id, _body in articles]))
            self._queued.append((job, len(articles)))
            self._queued_bodies += len(articles)

    def _wait_for_room(self, adding: int) -> None:
        while self._queued and (
            self._queued[0][0].done() or self._queued_bodies + adding > MAX_QUEUED_BODIES
        ):
            job, count = self._queued.popleft()
            job.exception()  # Waits; drain() reports the error.
            self._queued_bodies -= count

    def _write(self, data: bytes, articles: list[tuple[str, dict[str, Any]]]) -> None:
        if data is not self._raw_data:
            self._raw_ref = self.raw.append(data)
            self._raw_data = data
        ref = self._raw_ref
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
        self._queued.clear()
        self._queued_bodies = 0
        self._raw_data = None  # Every job is done: the writer thread is idle.
        return failed, error

    def close(self) -> None:
        self._pool.shutdown(wait=True)
