"""Extraction on a running ``dask.distributed`` cluster; this process (the client) keeps the store.

The client reads the inputs and sends their content, so workers need newsmap and its gazetteer
(``make install``) but not the files. Each worker process loads the gazetteer once (the pipeline
is a per-process singleton), warmed up on every worker before the first chunk. Results are taken
in input order, as for local workers, so the store ends up the same.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from datetime import date

from newsmap.batch.inputs import Item
from newsmap.batch.workers import ChunkResult, Outcome, process_chunk
from newsmap.errors import NewsmapError

CONNECT_TIMEOUT_S = 20
# Each task costs the scheduler and the client a round trip: far larger chunks than local workers take
# (24 articles: 1.43x -> 1.51x over one process on LGL with a just-started two-worker cluster).
CHUNK_SIZE = 24
CHUNKS_IN_FLIGHT_PER_THREAD = 4  # as for local workers: busy while the client writes a batch


def _warm_up() -> str:
    import newsmap
    from newsmap.batch.workers import WARM_UP_TEXT
    from newsmap.pipeline import default_pipeline

    default_pipeline().extract_text(WARM_UP_TEXT)
    return newsmap.__version__


class DaskRunner:
    chunk_size = CHUNK_SIZE

    def __init__(self, address: str):
        try:
            from distributed import Client
        except ImportError:
            raise NewsmapError("--dask needs the dask and distributed packages: pip install -r requirements.txt") from None
        self.address = address
        try:
            self.client = Client(address, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as error:
            raise NewsmapError(f"cannot reach the Dask scheduler at {address}: {error}") from None
        self.threads = sum(self.client.nthreads().values())
        self.description = f"Dask at {address} ({len(self.client.nthreads())} workers, {self.threads} threads)"

    def close(self) -> None:
        self.client.close()

    def warm_up(self) -> None:
        """Check every worker can run newsmap, and load its gazetteer now rather than in the first task."""
        import newsmap

        if not self.threads:
            raise NewsmapError(f"the Dask scheduler at {self.address} has no workers")
        try:
            versions = self.client.run(_warm_up)
        except Exception as error:
            raise NewsmapError(f"the Dask workers at {self.address} cannot run newsmap "
                               f"(install it and build its gazetteer on every worker): {error}") from None
        other = {worker: version for worker, version in versions.items() if version != newsmap.__version__}
        if other:
            raise NewsmapError(f"Dask workers run another newsmap version than this client ({newsmap.__version__}): {other}")

    def run(self, chunks: Iterable[list[Item]], published: date | None, skip_ids: frozenset[str],
            total: int | None = None) -> Iterator[ChunkResult]:
        self.warm_up()
        # Sent once to every worker, not with each task; in a list, else scatter splits the set up.
        skip = self.client.scatter([skip_ids], broadcast=True)[0] if skip_ids else frozenset()
        window = max(2, self.threads * CHUNKS_IN_FLIGHT_PER_THREAD)
        pending: deque = deque()
        try:
            for chunk in chunks:
                pending.append((chunk, self.client.submit(process_chunk, chunk, published, skip, pure=False)))
                while len(pending) >= window:
                    yield self._result(*pending.popleft(), published, skip)
            while pending:
                yield self._result(*pending.popleft(), published, skip)
        finally:
            for _, future in pending:
                future.cancel()

    def _result(self, chunk: list[Item], future, published, skip) -> ChunkResult:
        try:
            return future.result()
        except Exception:  # a worker lost (Dask already retried it) or the task failed whole
            pass
        outcomes, worker, peak = [], "", 0
        for item in chunk:  # one article per task, so only the culprit fails
            try:
                result = self.client.submit(process_chunk, [item], published, skip, pure=False).result()
            except Exception as error:
                outcomes.append(Outcome(item.index, item.name, reason=f"the Dask task failed: {type(error).__name__}: {error}"))
                continue
            outcomes.extend(result.outcomes)
            worker, peak = result.worker, max(peak, result.peak_rss_bytes)
        return ChunkResult(outcomes, worker or "dask", peak)
