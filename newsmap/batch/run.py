"""The batch loop: inputs → runner (local workers or Dask) → the store, in input order, committed
in batches. Articles already stored are skipped by content hash before extraction, so a run
interrupted at any moment (Ctrl-C, kill -9) is finished by running it again."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa

from newsmap.batch import inputs
from newsmap.batch.progress import Progress
from newsmap.batch.report import FailureReport, printable
from newsmap.batch.workers import ChunkResult, Outcome, chunked, reason_for
from newsmap.errors import InputError
from newsmap.records import Extraction
from newsmap.store import AddResult, Store, articles_table

BATCH_ARTICLES = 50  # articles per write transaction ...
BATCH_SECONDS = 2.0  # ... or fewer, when that long has passed since the last commit


@dataclass
class Summary:
    total: int = 0
    stored: int = 0
    events: int = 0
    already_stored: int = 0
    extracted: int = 0
    failed: int = 0
    seconds: float = 0.0
    runner: str = ""
    peak_rss_by_worker: dict[str, int] = field(default_factory=dict)
    cpu_seconds_by_worker: dict[str, float] = field(default_factory=dict)

    def line(self) -> str:
        rate = (self.stored + self.already_stored) / self.seconds if self.seconds else 0.0
        return (f"newsmap: {self.total} inputs in {self.seconds:.1f} s ({rate:.1f}/s, {self.runner}): "
                f"{self.stored} stored ({self.events} events), {self.already_stored} already stored, "
                f"{self.failed} failed")


def stored_article_ids(store: Store) -> frozenset[str]:
    with store.engine.connect() as connection:
        return frozenset(connection.execute(sa.select(articles_table.c.article_id)).scalars())


def ingest_batch(
    arguments: list[str],
    store: Store,
    runner,
    *,
    published: date | None = None,
    report: FailureReport | None = None,
    progress_factory: Callable[[int], Progress] = Progress,
    say: Callable[[str], None] | None = None,
    batch_articles: int = BATCH_ARTICLES,
    batch_seconds: float = BATCH_SECONDS,
    chunk_size: int | None = None,
) -> Summary:
    """Ingest every input the arguments name; ``say`` gets one line per article stored or skipped."""
    report = report or FailureReport()
    found = inputs.sources(arguments)
    stdin_data = inputs.read_stdin() if any(s.path is None and s.problem is None for s in found) else None
    summary = Summary(total=inputs.count_items(found, stdin_data), runner=runner.description)
    started = time.monotonic()
    progress = progress_factory(summary.total)
    write = say or (lambda text: progress.write(printable(text)))
    pending: list[tuple[Outcome, Extraction]] = []
    last_commit = time.monotonic()

    def commit() -> None:
        nonlocal last_commit
        batch = pending[:]
        pending.clear()  # taken before storing: after a Ctrl-C in here it is not stored and reported again
        for outcome, result in _store_batch(store, batch):
            if isinstance(result, AddResult):
                if result.created:
                    summary.stored += 1
                    summary.events += result.n_events
                    write(f"{outcome.name}: stored as {result.article_id} ({result.n_events} events)")
                else:
                    summary.already_stored += 1
                    write(f"{outcome.name}: already stored as {result.article_id} ({result.n_events} events)")
                progress.advance()
            else:
                summary.failed += 1
                report.add(outcome.name, result)
                progress.advance(failed=1)
        last_commit = time.monotonic()

    skip_ids = stored_article_ids(store)
    chunks = chunked(inputs.items(found, stdin_data), chunk_size or runner.chunk_size)
    try:
        for result in runner.run(chunks, published, skip_ids, summary.total):
            _note_memory(summary, result)
            for outcome in result.outcomes:
                if outcome.failed:
                    summary.failed += 1
                    report.add(outcome.name, outcome.reason)
                    progress.advance(failed=1)
                elif outcome.skipped_id is not None:
                    summary.already_stored += 1
                    write(f"{outcome.name}: already stored as {outcome.skipped_id} (not extracted again)")
                    progress.advance()
                else:
                    summary.extracted += 1
                    pending.append((outcome, outcome.extraction))
            if len(pending) >= batch_articles or (pending and time.monotonic() - last_commit >= batch_seconds):
                commit()
        commit()
    except KeyboardInterrupt:
        commit()  # what was extracted before Ctrl-C is kept
        raise
    finally:
        progress.close()
        summary.seconds = time.monotonic() - started
        summary.runner = runner.description
    return summary


def _note_memory(summary: Summary, result: ChunkResult) -> None:
    if result.worker:
        summary.peak_rss_by_worker[result.worker] = max(summary.peak_rss_by_worker.get(result.worker, 0),
                                                       result.peak_rss_bytes)
        summary.cpu_seconds_by_worker[result.worker] = max(summary.cpu_seconds_by_worker.get(result.worker, 0.0),
                                                          result.cpu_seconds)


def _store_batch(store: Store, pending: list[tuple[Outcome, Extraction]]) -> list[tuple[Outcome, AddResult | str]]:
    """Store the batch in one transaction; if one article cannot be stored, store them one by one
    so only that one fails. A store that cannot be written at all (server down, disk full) stops the run."""
    if not pending:
        return []
    try:
        results = store.add_many([extraction for _, extraction in pending])
        return [(outcome, result) for (outcome, _), result in zip(pending, results)]
    except InputError:
        pass
    except sa.exc.SQLAlchemyError:
        pass
    stored: list[tuple[Outcome, AddResult | str]] = []
    for outcome, extraction in pending:
        try:
            stored.append((outcome, store.add(extraction)))
        except InputError as error:
            stored.append((outcome, f"cannot store: {reason_for(outcome.name, error)}"))
        except sa.exc.SQLAlchemyError as error:
            message = str(getattr(error, "orig", None) or error).strip().splitlines()
            stored.append((outcome, f"cannot store: {message[0] if message else type(error).__name__}"))
    return stored
