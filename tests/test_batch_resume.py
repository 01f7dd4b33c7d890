"""kill -9 at a random moment, then the same command again: every article stored once, every event
as an uninterrupted run stores it (none lost, none doubled), stored articles not extracted again."""

from __future__ import annotations

import io
import os
import random
import signal
import subprocess
import sys
import time

import pytest
import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from newsmap.batch.progress import Progress
from newsmap.batch.run import ingest_batch
from newsmap.batch.workers import LocalRunner
from newsmap.bench.synthetic_articles import synthetic_articles, write_json_lines
from newsmap.store import Store
from tests.test_batch_ingest import stored_articles
from tests.conftest import ROOT
from tests.test_store import fresh_postgres_schema

N_ARTICLES = 300


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'resume.db'}"
    else:
        with fresh_postgres_schema() as url:
            yield url


def stored_count(url: str) -> int:
    engine = sa.create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            return connection.execute(sa.text("SELECT count(*) FROM articles")).scalar()
    except sa.exc.DBAPIError:  # not created yet
        return 0
    finally:
        engine.dispose()


def test_a_run_killed_at_a_random_moment_resumes_without_loss_or_double(tmp_path, store_url, pipeline):
    feed = write_json_lines(synthetic_articles(N_ARTICLES, seed=99, days=4), tmp_path / "feed.jsonl")
    with Store(f"sqlite:///{tmp_path / 'reference.db'}") as reference:
        ingest_batch([str(feed)], reference, LocalRunner(1, pipeline), say=lambda line: None,
                     progress_factory=lambda total: Progress(total, stream=io.StringIO(), terminal=False))
        expected_events = reference.event_dicts()
        expected_sources = [a.source for a in stored_articles(reference)]
    assert len(expected_sources) == N_ARTICLES and expected_events

    # A random moment: after a random number of articles is committed, plus a random part of a batch.
    seed = random.randrange(1 << 30)
    chance = random.Random(seed)
    # at least half the feed left after the target: a slow, busy machine still kills the run mid-way
    target, delay = chance.randrange(1, N_ARTICLES // 2), chance.uniform(0.0, 0.2)
    env = dict(os.environ, NEWSMAP_DATABASE_URL=store_url)
    command = [sys.executable, "-m", "newsmap", "ingest", "--workers", "2", str(feed)]
    run = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while stored_count(store_url) < target and run.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(delay)
    finally:
        os.killpg(run.pid, signal.SIGKILL)  # the ingest and its workers, no chance to clean up
        run.wait()
    committed = stored_count(store_url)
    assert 0 < committed < N_ARTICLES, f"kill at {target} + {delay:.2f}s (seed {seed}) did not land mid-run: {committed}"

    again = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    lines = again.stdout.splitlines()
    assert sum("(not extracted again)" in line for line in lines) == committed
    assert sum(": stored as " in line for line in lines) == N_ARTICLES - committed
    with Store(store_url) as store:
        assert [a.source for a in stored_articles(store)] == expected_sources
        assert store.event_dicts() == expected_events


def test_ctrl_c_keeps_what_was_extracted_and_the_rerun_finishes(tmp_path):
    feed = write_json_lines(synthetic_articles(N_ARTICLES, seed=12, days=4), tmp_path / "feed.jsonl")
    url = f"sqlite:///{tmp_path / 'interrupted.db'}"
    env = dict(os.environ, NEWSMAP_DATABASE_URL=url)
    command = [sys.executable, "-m", "newsmap", "ingest", "--workers", "2", str(feed)]
    run = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while stored_count(url) < 50 and run.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        os.killpg(run.pid, signal.SIGINT)  # what Ctrl-C sends to the terminal's process group
    out, err = run.communicate(timeout=120)
    committed = stored_count(url)
    assert run.returncode == 130 and err.strip().splitlines()[-1] == "newsmap: interrupted", err
    assert 50 <= committed < N_ARTICLES and "already stored" not in out

    again = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert again.stdout.count("(not extracted again)") == committed
    with Store(url) as store:
        articles = [a["article_id"] for a in store.articles()]
    assert len(articles) == len(set(articles)) == N_ARTICLES
