"""`ingest` over many inputs: every failure named, the rest stored, reruns skip stored articles
before extraction, worker processes give the same store as one process."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest

from newsmap.batch.progress import Progress
from newsmap.batch.report import FailureReport
from newsmap.batch.run import ingest_batch
from newsmap.batch.workers import LocalRunner
from newsmap.bench.synthetic_articles import synthetic_articles, write_json_lines
from newsmap.pipeline import Pipeline
from newsmap.store import Store
from tests.conftest import ROOT

YEMEN = "date 2024-08-03\nSANAA, Yemen — An air strike on Hodeidah killed seven people on Friday, medics said.\n"
CONGO = "date 2024-02-12\nGOMA, Congo — Shelling of Sake wounded eleven people on Sunday, local officials said.\n"


def newsmap(database_url: str, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, NEWSMAP_DATABASE_URL=database_url)
    return subprocess.run([sys.executable, "-m", "newsmap", *args], cwd=ROOT, capture_output=True, text=True,
                          env=env, timeout=300, input=stdin)


def stored_articles(store):
    """The stored articles, oldest first, as read (their ``source`` the input's own name)."""
    return [store.article(a["article_id"]).article for a in store.articles()]


def quiet(total: int) -> Progress:
    return Progress(total, stream=io.StringIO(), terminal=False)


def ingest(arguments, store, runner, **options):
    return ingest_batch([str(a) for a in arguments], store, runner, progress_factory=quiet,
                        say=lambda line: None, **options)


class CountingPipeline(Pipeline):
    def __init__(self, gazetteer):
        self.__dict__["gazetteer"] = gazetteer
        self.extracted: list[str] = []

    def extract(self, article):
        self.extracted.append(article.source)
        return super().extract(article)


@pytest.fixture
def database_url(tmp_path):
    return f"sqlite:///{tmp_path / 'batch.db'}"


def test_one_bad_input_never_stops_the_batch_and_every_failure_is_listed(tmp_path, database_url):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "yemen.txt").write_text(YEMEN, encoding="utf-8")
    (tmp_path / "in" / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    (tmp_path / "in" / "french.txt").write_text(
        "Une frappe aérienne a tué sept personnes vendredi dans la ville, selon les médecins sur place.\n",
        encoding="utf-8")
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"text": CONGO, "url": "https://news.example/goma", "publisher": "Example Wire"}) + "\n"
        + "{not json\n" + json.dumps({"title": "nothing else"}) + "\n",
        encoding="utf-8")
    report = tmp_path / "report.jsonl"
    result = newsmap(database_url, "ingest", "--workers", "2", "--report", str(report),
                     str(tmp_path / "in"), str(feed), str(tmp_path / "gone.txt"))
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    expected = [
        {"name": str(tmp_path / "in" / "binary.txt"), "reason": "looks like a binary file, not article text"},
        {"name": str(tmp_path / "in" / "french.txt"),
         "reason": "the text does not look like English; newsmap reads English articles"},
        {"name": f"{feed}:2", "reason": "not valid JSON (Expecting property name enclosed in double quotes at column 2)"},
        {"name": f"{feed}:3", "reason": 'the line has neither "text" nor "html"'},
        {"name": str(tmp_path / "gone.txt"), "reason": "no such file"},
    ]
    assert [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()] == expected
    stderr = result.stderr.strip().splitlines()
    assert stderr[-6:-1] == [f"newsmap: failed: {e['name']}: {e['reason']}" for e in expected]
    assert "2 stored" in stderr[-1] and "5 failed" in stderr[-1]
    with Store(database_url) as store:
        stored = {article.source: article for article in stored_articles(store)}
        assert set(stored) == {str(tmp_path / "in" / "yemen.txt"), f"{feed}:1"}
        goma = stored[f"{feed}:1"]
        assert (goma.url, goma.publisher) == ("https://news.example/goma", "Example Wire")


def test_all_inputs_good_exits_zero_and_reads_standard_input(database_url):
    lines = json.dumps({"text": YEMEN}) + "\n" + json.dumps({"text": CONGO}) + "\n"
    result = newsmap(database_url, "ingest", "-", stdin=lines)
    assert result.returncode == 0, result.stderr
    assert [line.split(": stored as")[0] for line in result.stdout.splitlines()] == ["<stdin>:1", "<stdin>:2"]
    with Store(database_url) as store:
        assert len(store.articles()) == 2


def test_a_rerun_skips_stored_articles_without_extracting_them(tmp_path, database_url, gazetteer):
    feed = write_json_lines(synthetic_articles(12), tmp_path / "feed.jsonl")
    pipeline = CountingPipeline(gazetteer)
    with Store(database_url) as store:
        first = ingest([feed], store, LocalRunner(1, pipeline))
        assert (first.stored, first.already_stored, first.failed) == (12, 0, 0)
        assert len(pipeline.extracted) == 12
        events = store.event_dicts()
        (tmp_path / "new.txt").write_text(YEMEN, encoding="utf-8")
        pipeline.extracted.clear()
        second = ingest([feed, tmp_path / "new.txt"], store, LocalRunner(1, pipeline))
        assert (second.stored, second.already_stored, second.failed) == (1, 12, 0)
        assert pipeline.extracted == [str(tmp_path / "new.txt")]
        assert [e for e in store.event_dicts() if e["article_id"] != second_id(store, tmp_path)] == events


def second_id(store, tmp_path):
    return next(a.article_id for a in stored_articles(store) if a.source == str(tmp_path / "new.txt"))


def test_worker_processes_store_the_same_events_as_one_process(tmp_path, gazetteer):
    feed = write_json_lines(synthetic_articles(60, seed=5, days=2), tmp_path / "feed.jsonl")
    stores = {}
    for workers in (1, 2):
        url = f"sqlite:///{tmp_path / f'w{workers}.db'}"
        with Store(url) as store:
            summary = ingest([feed], store, LocalRunner(workers, CountingPipeline(gazetteer)), batch_articles=7)
            assert (summary.stored, summary.failed) == (60, 0)
            assert summary.runner == ("1 process" if workers == 1 else "2 worker processes")
            stores[workers] = (store.event_dicts(), [a.source for a in stored_articles(store)])
    assert stores[1][0] and stores[1] == stores[2]
    assert sum(len(e["sources"]) for e in stores[1][0]) > len(stores[1][0])  # some reports merged


def test_a_worker_that_dies_costs_only_its_article(tmp_path, gazetteer, monkeypatch):
    records = synthetic_articles(30, seed=3)
    fatal = "dispatch 17 of"
    assert fatal in records[16]["text"]
    feed = write_json_lines(records, tmp_path / "feed.jsonl")
    original = Pipeline.extract

    def dies_on_one(self, article):
        if fatal in article.text:
            os._exit(9)  # as a worker killed for memory would vanish
        return original(self, article)

    monkeypatch.setattr(Pipeline, "extract", dies_on_one)
    report = FailureReport(tmp_path / "report.jsonl")
    with Store(f"sqlite:///{tmp_path / 'die.db'}") as store:
        summary = ingest([feed], store, LocalRunner(2, CountingPipeline(gazetteer)), report=report)
        report.close()
        assert (summary.stored, summary.failed) == (29, 1)
        assert report.failures[0].name == f"{feed}:17"
        assert "worker process died" in report.failures[0].reason
        assert len(store.articles()) == 29


def test_an_article_the_store_refuses_fails_alone(tmp_path, database_url, gazetteer):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in (
        {"text": YEMEN}, {"text": CONGO, "title": "bad\u0000title"},
        {"text": "KABUL — A bomb blast in Kandahar killed three people on Friday, police said.\n"},
    )) + "\n", encoding="utf-8")
    report = FailureReport()
    with Store(database_url) as store:
        summary = ingest([feed], store, LocalRunner(1, CountingPipeline(gazetteer)), report=report)
        assert (summary.stored, summary.failed) == (2, 1)
        assert report.failures[0].name == f"{feed}:2"
        assert report.failures[0].reason == "cannot store: article title contains NUL characters"


def test_plain_progress_lines_are_periodic_with_rate_and_eta():
    now = [0.0]
    stream = io.StringIO()
    progress = Progress(100, stream=stream, interval=10, terminal=False, clock=lambda: now[0])
    for _ in range(40):
        now[0] += 0.5
        progress.advance()
    lines = stream.getvalue().splitlines()
    assert lines == ["newsmap: ingest 20/100 articles, 2.0 articles/s, ETA 40s",
                     "newsmap: ingest 40/100 articles, 2.0 articles/s, ETA 30s"]


def test_a_terminal_gets_a_bar_with_rate_and_eta():
    stream = io.StringIO()
    progress = Progress(50, stream=stream, terminal=True)
    progress.advance(10)
    progress.close()
    assert "10/50" in stream.getvalue() and "articles/s" in stream.getvalue() and "<" in stream.getvalue()


def test_names_with_terminal_escapes_are_shown_escaped(tmp_path, database_url):
    path = tmp_path / "evil\x1b[2J.txt"
    path.write_bytes(b"\x00binary")
    result = newsmap(database_url, "ingest", str(path))
    assert result.returncode == 1
    assert "\x1b" not in result.stderr and "evil\\x1b[2J.txt" in result.stderr


def test_workers_and_dask_exclude_each_other(database_url):
    result = newsmap(database_url, "ingest", "--workers", "2", "--dask", "tcp://127.0.0.1:9", "x.txt")
    assert result.returncode == 2 and "not allowed with argument" in result.stderr


def test_a_pool_broken_before_the_next_chunk_is_sent_still_runs_it():
    import time

    from newsmap.batch.inputs import RecordItem
    from newsmap.batch.workers import _Pool

    pool = _Pool(2, None)
    try:
        pool.executor.submit(os._exit, 3)  # a worker vanishes while no chunk is in flight
        time.sleep(1.0)
        pool.submit([RecordItem(0, "feed.jsonl:1", {"text": YEMEN})])
        (outcome,) = pool.next_result().outcomes
        assert not outcome.failed and outcome.extraction.events
    finally:
        pool.shutdown()


def test_file_names_that_are_not_utf8_are_stored_and_reported_escaped(tmp_path, database_url):
    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.fsencode(folder) + b"/caf\xe9.txt", "wb") as good:
        good.write(YEMEN.encode())
    with open(os.fsencode(folder) + b"/bad\xe9.txt", "wb") as bad:
        bad.write(b"\x00binary")
    report = tmp_path / "report.jsonl"
    result = newsmap(database_url, "ingest", "--report", str(report), str(folder))
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"newsmap: failed: {folder}/bad\\xe9.txt: looks like a binary file" in result.stderr
    assert json.loads(report.read_text(encoding="utf-8"))["name"] == f"{folder}/bad\\xe9.txt"
    with Store(database_url) as store:
        assert [a.source for a in stored_articles(store)] == [f"{folder}/caf\\xe9.txt"]
