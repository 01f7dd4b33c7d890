"""Extraction of input items, in this process or in worker processes on this machine.

The work of one chunk (:func:`process_chunk`) is the same wherever it runs (here, in a forked
worker, on a Dask worker): read each item into an Article, skip it if its content hash is already
stored (before any extraction), else extract it. One item's failure is that item's outcome, never
the chunk's. Results come back in input order, so the store is written in the same order whatever
the number of workers, and merged events come out identical.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import resource
import signal
import socket
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import date

from newsmap.batch.inputs import Failure, Item
from newsmap.errors import NewsmapError
from newsmap.records import Extraction

CHUNK_SIZE = 4  # items sent to a worker at once: fewer round trips, still a smooth progress bar
PARALLEL_FROM = 16  # fewer items than this are not worth starting workers for
# Extracted once before forking, so workers inherit the lazily loaded word lists and date parser.
WARM_UP_TEXT = "A shelling attack on Aleppo on Monday killed three people and wounded ten, officials said."
# Work queued ahead per worker: enough to keep it busy while this process commits a batch to the
# store (about 0.1 s for 50 articles into PostgreSQL), when no results are being collected.
CHUNKS_IN_FLIGHT_PER_WORKER = 12


@dataclass(frozen=True)
class Outcome:
    index: int
    name: str
    extraction: Extraction | None = None
    skipped_id: str | None = None  # stored before this run: not extracted again
    reason: str | None = None  # why it failed

    @property
    def failed(self) -> bool:
        return self.reason is not None


@dataclass(frozen=True)
class ChunkResult:
    outcomes: list[Outcome]
    worker: str
    peak_rss_bytes: int
    cpu_seconds: float = 0.0  # the worker process's CPU time so far (user + system)


# Set in the parent before forking, inherited by the workers: nothing to send, nothing to reload.
_inherited_skip_ids: frozenset[str] = frozenset()
_inherited_pipeline = None


def process_chunk(chunk: list[Item], published: date | None, skip_ids: frozenset[str] | None = None,
                  pipeline=None) -> ChunkResult:
    from newsmap.batch.articles import article_for
    from newsmap.pipeline import default_pipeline

    pipeline = pipeline or _inherited_pipeline or default_pipeline()
    skip = _inherited_skip_ids if skip_ids is None else skip_ids
    outcomes = []
    for item in chunk:
        if isinstance(item, Failure):
            outcomes.append(Outcome(item.index, item.name, reason=item.reason))
            continue
        try:
            article = article_for(item, published)
            if article.article_id in skip:
                outcomes.append(Outcome(item.index, item.name, skipped_id=article.article_id))
            else:
                outcomes.append(Outcome(item.index, item.name, extraction=pipeline.extract(article)))
        except NewsmapError as error:
            outcomes.append(Outcome(item.index, item.name, reason=reason_for(item.name, error)))
        except Exception as error:  # a bug or a resource limit on one article must not stop the batch
            outcomes.append(Outcome(item.index, item.name, reason=f"extraction failed: {type(error).__name__}: {error}"))
    return ChunkResult(outcomes, worker_name(), peak_rss_bytes(), cpu_seconds())


def reason_for(name: str, error: BaseException) -> str:
    """The message without the input's name in front (the report keeps name and reason apart)."""
    message = str(error).strip() or type(error).__name__
    prefix = f"{name}: "
    return message[len(prefix):] if message.startswith(prefix) else message


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def peak_rss_bytes() -> int:
    """This process's peak resident set (VmHWM); a forked worker's counts the pages it shares."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def chunked(items: Iterable[Item], size: int = CHUNK_SIZE) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _worker_init() -> None:
    """Workers leave Ctrl-C to the parent, and die with it (even on kill -9) rather than linger."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    if os.getppid() == 1:  # the parent died before prctl took effect
        os._exit(1)


class LocalRunner:
    """``workers`` processes forked after the gazetteer is loaded (one process: no fork at all)."""

    chunk_size = CHUNK_SIZE

    def __init__(self, workers: int, pipeline=None):
        self.workers = max(1, workers)
        self.pipeline = pipeline
        self.description = "1 process" if self.workers == 1 else f"{self.workers} worker processes"

    def run(self, chunks: Iterable[list[Item]], published: date | None, skip_ids: frozenset[str],
            total: int | None = None) -> Iterator[ChunkResult]:
        few = total is not None and total < PARALLEL_FROM
        if self.workers == 1 or few or "fork" not in multiprocessing.get_all_start_methods():
            self.description = "1 process"
            for chunk in chunks:
                yield process_chunk(chunk, published, skip_ids, self.pipeline)
            return
        global _inherited_skip_ids, _inherited_pipeline
        from newsmap.pipeline import default_pipeline

        self.description = f"{self.workers} worker processes"
        pipeline = self.pipeline or default_pipeline()
        pipeline.extract_text(WARM_UP_TEXT)  # loads everything once, before forking
        _inherited_skip_ids, _inherited_pipeline = skip_ids, pipeline
        pool = _Pool(self.workers, published)
        try:
            window = self.workers * CHUNKS_IN_FLIGHT_PER_WORKER
            for chunk in chunks:
                pool.submit(chunk)
                while pool.in_flight() >= window:
                    yield pool.next_result()
            while pool.in_flight():
                yield pool.next_result()
        finally:
            pool.shutdown()
            _inherited_skip_ids, _inherited_pipeline = frozenset(), None


class _Pool:
    """A process pool giving results in submission order; a worker that dies (out of memory, killed)
    costs only the article it was on: the chunks in flight are then run one article per process."""

    def __init__(self, workers: int, published: date | None):
        self.workers = workers
        self.published = published
        self.pending: deque = deque()
        self.executor = self._new_executor(workers)

    @staticmethod
    def _new_executor(workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"), initializer=_worker_init)

    def submit(self, chunk: list[Item]) -> None:
        try:
            future = self.executor.submit(process_chunk, chunk, self.published)
        except BrokenProcessPool as error:  # a worker died since the last result: recovered in order
            future = Future()
            future.set_exception(error)
        self.pending.append((chunk, future))

    def in_flight(self) -> int:
        return len(self.pending)

    def next_result(self) -> ChunkResult:
        chunk, future = self.pending[0]
        try:
            result = future.result()
        except BrokenProcessPool:
            return self._recover()
        self.pending.popleft()
        return result

    def _recover(self) -> ChunkResult:
        """Re-run every chunk in flight one article per process, so the article that kills its
        worker is the only one to fail; then carry on with a new pool."""
        self.executor.shutdown(wait=False, cancel_futures=True)
        in_flight = [chunk for chunk, _ in self.pending]
        self.pending.clear()
        self.executor = self._new_executor(self.workers)
        first = _isolated(in_flight[0], self.published)
        for chunk in in_flight[1:]:
            done: Future = Future()
            done.set_result(_isolated(chunk, self.published))
            self.pending.append((chunk, done))
        return first

    def shutdown(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)


def _isolated(chunk: list[Item], published: date | None) -> ChunkResult:
    outcomes, worker, peak = [], "", 0
    for item in chunk:
        with _Pool._new_executor(1) as single:
            try:
                result = single.submit(process_chunk, [item], published).result()
            except BrokenProcessPool:
                outcomes.append(Outcome(item.index, item.name,
                                        reason="the worker process died on this article (out of memory or killed)"))
                continue
        outcomes.extend(result.outcomes)
        worker, peak = result.worker, max(peak, result.peak_rss_bytes)
    return ChunkResult(outcomes, worker or worker_name(), peak)
