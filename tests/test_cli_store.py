"""`python -m newsmap ingest / export / reprocess` against a store, as a user runs them."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest

from newsmap.store import Store
from tests.conftest import ROOT
from tests.test_store import bucha_report, irpin_report

# Two outlets on one night's attack, and an unrelated report; written for this test.
ARTICLES = {
    "wire.txt": (
        "date 2025-05-06\n"
        "KHARKIV, Ukraine (Example Wire) — A Russian drone strike on Kharkiv wounded five people late on "
        "Monday, the regional governor said.\n"
    ),
    "agency.txt": (
        "date 2025-05-06\n"
        "KYIV (Other Agency) — Russian drones hit Kharkiv on Monday night, wounding seven people, "
        "officials said.\n"
    ),
    "lviv.txt": (
        "date 2025-05-07\n"
        "LVIV, Ukraine — A missile strike on Lviv on Tuesday killed two people, the mayor said.\n"
    ),
}


def newsmap(database_url: str, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, NEWSMAP_DATABASE_URL=database_url)
    return subprocess.run([sys.executable, "-m", "newsmap", *args], cwd=ROOT, capture_output=True, text=True,
                          env=env, timeout=300)


@pytest.fixture
def database_url(tmp_path):
    return f"sqlite:///{tmp_path / 'cli-store.db'}"


@pytest.fixture
def article_files(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    paths = []
    for name, text in ARTICLES.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


@pytest.fixture
def ingested(database_url, article_files):
    result = newsmap(database_url, "ingest", *article_files)
    assert result.returncode == 0, result.stderr
    return result


def test_ingest_stores_each_article_once(database_url, article_files, ingested):
    lines = ingested.stdout.splitlines()
    assert len(lines) == 3 and all(": stored as " in line for line in lines)

    again = newsmap(database_url, "ingest", *article_files)
    assert again.returncode == 0, again.stderr
    assert all(": already stored as " in line for line in again.stdout.splitlines())
    with Store(database_url) as store:
        assert len(store.articles()) == 3
        assert sorted(store.article(a["article_id"]).article.source for a in store.articles()) == sorted(article_files)


def test_export_writes_the_merged_events(database_url, ingested, tmp_path):
    with Store(database_url) as store:
        stored = store.event_dicts()
    kharkiv = [e for e in stored if e["location"] == "Kharkiv"]
    assert len(kharkiv) == 1 and kharkiv[0]["n_sources"] == 2 and kharkiv[0]["wounded"] == 7
    assert sorted(s["wounded"] for s in kharkiv[0]["sources"]) == [5, 7]

    result = newsmap(database_url, "export", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert sorted(r["event_id_cnty"] for r in rows) == sorted(e["event_id"] for e in stored)
    row = next(r for r in rows if r["location"] == "Kharkiv")
    assert (row["wounded"], row["n_sources"], row["iso"]) == ("7", "2", "UA")

    output = tmp_path / "events.geojson"
    result = newsmap(database_url, "export", "--format", "geojson", "--output", str(output))
    assert result.returncode == 0, result.stderr
    collection = json.loads(output.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == len(stored)
    feature = next(f for f in collection["features"] if f["properties"]["location"] == "Kharkiv")
    assert feature["geometry"]["coordinates"] == [round(kharkiv[0]["longitude"], 6), round(kharkiv[0]["latitude"], 6)]
    assert len(feature["properties"]["sources"]) == 2


def test_exports_and_reprocess_keep_corrections(database_url, ingested):
    with Store(database_url) as store:
        lviv = next(e for e in store.event_dicts() if e["location"] == "Lviv")
        store.correct(lviv["event_id"], {"killed": 3}, author="night desk")

    exported = newsmap(database_url, "export", "--format", "csv")
    row = next(r for r in csv.DictReader(io.StringIO(exported.stdout)) if r["location"] == "Lviv")
    assert (row["killed"], row["corrected"]) == ("3", "killed")

    result = newsmap(database_url, "reprocess")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "re-extracted 3 stored articles"
    with Store(database_url) as store:
        after = next(e for e in store.event_dicts() if e["location"] == "Lviv")
        assert after["event_id"] == lviv["event_id"]
        assert after["killed"] == 3 and after["corrected"] == ["killed"] and after["sources"][0]["killed"] == 2
        assert store.corrections(lviv["event_id"])[0]["author"] == "night desk"


BAD_FILES = {
    "missing": None,
    "empty": b"",
    "blank": b"  \n\t\n",
    "binary": bytes(range(256)) * 4,
    "not UTF-8": "date 2025-05-06\nKYIV - Frühling in Kharkiv, 5 wounded.\n".encode("latin-1"),
}


@pytest.mark.parametrize("kind", BAD_FILES)
def test_bad_files_give_one_line_and_leave_the_store_intact(database_url, tmp_path, gazetteer, kind):
    with Store(database_url) as store:
        store.add(bucha_report(gazetteer))
        store.add(irpin_report(gazetteer))
        store.correct(store.event_dicts()[0]["event_id"], {"wounded": 11})
        before = (store.articles(), store.event_dicts(), store.corrections())
    path = tmp_path / f"bad-{kind.replace(' ', '-')}.txt"
    if BAD_FILES[kind] is not None:
        path.write_bytes(BAD_FILES[kind])
    good = tmp_path / "good.txt"
    good.write_text(ARTICLES["lviv.txt"], encoding="utf-8")

    result = newsmap(database_url, "ingest", str(path))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    failures = [line for line in result.stderr.splitlines() if line.startswith("newsmap: failed: ")]
    assert len(failures) == 1 and str(path) in failures[0], result.stderr
    with Store(database_url) as store:
        assert (store.articles(), store.event_dicts(), store.corrections()) == before
    # With a good file beside it, the good one is stored, the bad one named, nothing stored before lost.
    result = newsmap(database_url, "ingest", str(good), str(path))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    failures = [line for line in result.stderr.splitlines() if line.startswith("newsmap: failed: ")]
    assert len(failures) == 1 and str(path) in failures[0], result.stderr
    with Store(database_url) as store:
        articles, events = store.articles(), store.event_dicts()
        assert [a for a in articles if a["source"] != str(good)] == before[0]
        assert [a["source"] for a in articles if a["source"] == str(good)] == [str(good)]
        assert all(event in events for event in before[1])
        assert store.corrections() == before[2]

    # One bad file among good ones: named, the others stored all the same, nothing stored lost.
    result = newsmap(database_url, "ingest", str(good), str(path))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert [line for line in result.stderr.splitlines() if line.startswith("newsmap: failed: ")] == failures
    with Store(database_url) as store:
        assert store.articles()[:2] == before[0]
        assert store.article(store.articles()[2]["article_id"]).article.source == str(good)
        assert store.corrections() == before[2]


def test_an_unusable_database_url_is_one_line(tmp_path):
    result = newsmap("mysql://nobody@127.0.0.1/none", "export", "--format", "csv")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == ["newsmap: unsupported database 'mysql': use sqlite or postgresql"]


def test_a_database_folder_that_cannot_be_created_is_one_line(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the database folder should be", encoding="utf-8")
    result = newsmap(f"sqlite:///{blocker / 'newsmap.db'}", "export", "--format", "csv")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("newsmap: cannot create the database folder")
