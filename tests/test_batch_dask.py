"""`ingest --dask`: extraction on a dask.distributed cluster (two worker processes on 127.0.0.1)
stores what a local run stores, article for article; the client alone writes the store."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest

from newsmap.batch import dask_runner
from newsmap.batch.dask_runner import DaskRunner
from newsmap.batch.progress import Progress
from newsmap.batch.report import FailureReport
from newsmap.batch.run import ingest_batch
from newsmap.batch.workers import LocalRunner
from newsmap.bench.synthetic_articles import synthetic_articles, write_json_lines
from newsmap.errors import NewsmapError
from newsmap.store import Store
from tests.test_batch_ingest import stored_articles
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as running:
        yield running


def ingest(arguments, store, runner, report=None):
    return ingest_batch([str(a) for a in arguments], store, runner, report=report, say=lambda line: None,
                        progress_factory=lambda total: Progress(total, stream=io.StringIO(), terminal=False))


def test_a_dask_cluster_stores_what_a_local_run_stores(tmp_path, cluster, pipeline):
    records = synthetic_articles(40, seed=21, days=2)
    records[5] = {"text": "Une frappe aérienne a tué sept personnes vendredi dans la ville, selon les médecins sur place."}
    feed = write_json_lines(records, tmp_path / "feed.jsonl")
    results = {}
    for name, make_runner in (("local", lambda: LocalRunner(1, pipeline)), ("dask", lambda: DaskRunner(cluster.scheduler_address))):
        runner = make_runner()
        report = FailureReport()
        with Store(f"sqlite:///{tmp_path / f'{name}.db'}") as store:
            summary = ingest([feed], store, runner, report)
            results[name] = (store.event_dicts(), [a.source for a in stored_articles(store)],
                             [(f.name, f.reason) for f in report.failures])
        assert (summary.stored, summary.failed, summary.extracted) == (39, 1, 39)
        if name == "dask":
            assert len(summary.peak_rss_by_worker) == 2  # both workers took part
            runner.close()
    assert results["local"][0] and results["local"] == results["dask"]
    assert results["dask"][2] == [(f"{feed}:6", "the text does not look like English; newsmap reads English articles")]


def test_a_rerun_on_dask_extracts_nothing_already_stored(tmp_path, cluster):
    feed = write_json_lines(synthetic_articles(20, seed=8), tmp_path / "feed.jsonl")
    url = f"sqlite:///{tmp_path / 'rerun.db'}"
    env = dict(os.environ, NEWSMAP_DATABASE_URL=url)
    command = [sys.executable, "-m", "newsmap", "ingest", "--dask", cluster.scheduler_address, str(feed)]
    first = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    assert first.stdout.count(": stored as ") == 20
    assert "Dask at " in first.stderr.splitlines()[-1]
    runner = DaskRunner(cluster.scheduler_address)
    try:
        with Store(url) as store:
            summary = ingest([feed], store, runner)
    finally:
        runner.close()
    assert (summary.already_stored, summary.extracted, summary.stored) == (20, 0, 0)


def test_an_unreachable_scheduler_is_one_line(monkeypatch):
    monkeypatch.setattr(dask_runner, "CONNECT_TIMEOUT_S", 2)
    with pytest.raises(NewsmapError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9"):
        DaskRunner("tcp://127.0.0.1:9")
