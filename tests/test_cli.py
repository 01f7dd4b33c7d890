"""`python -m newsmap extract` as a user runs it: formats, offsets, and clear errors on bad input."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

PLACE_FIELDS = {"text", "start", "end", "name", "country", "admin1", "latitude", "longitude",
                "feature_class", "geonameid", "role"}
EVENT_FIELDS = {"event_id", "event_date", "event_type", "weapon", "actor", "location", "admin1", "country",
                "latitude", "longitude", "geo_precision", "killed", "wounded", "children_killed",
                "children_wounded", "excerpt", "excerpt_start", "excerpt_end", "acled_event_type",
                "acled_sub_event_type"}


def newsmap(*args: str, tmp_path=None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if tmp_path is not None:
        env["NEWSMAP_DATABASE_URL"] = f"sqlite:///{tmp_path / 'cli.db'}"
    return subprocess.run([sys.executable, "-m", "newsmap", *args], cwd=ROOT, capture_output=True,
                          text=True, env=env, timeout=300)


@pytest.fixture(scope="module")
def seed_json(seed_path):
    result = newsmap("extract", str(seed_path))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_extract_prints_one_object_per_file_with_the_documented_fields(seed_json, seed_path):
    assert len(seed_json) == 1
    article = seed_json[0]
    assert {"article_id", "source", "title", "published", "dateline", "places", "events", "summaries"} <= set(article)
    assert article["published"] == "2025-07-22"
    assert article["places"] and article["events"]
    for place in article["places"]:
        assert PLACE_FIELDS <= set(place)
    for event in article["events"]:
        assert EVENT_FIELDS <= set(event)


def test_every_offset_indexes_the_decoded_file_text(seed_json, seed_path):
    text = seed_path.read_text(encoding="utf-8")
    article = seed_json[0]
    for place in article["places"]:
        assert text[place["start"]:place["end"]] == place["text"]
    for event in article["events"]:
        assert text[event["excerpt_start"]:event["excerpt_end"]] == event["excerpt"]
    for summary in article["summaries"]:
        assert text[summary["start"]:summary["end"]] == summary["text"]
    dateline = article["dateline"]
    assert text[dateline["start"]:dateline["end"]] == dateline["text"]


def test_csv_uses_acled_column_names(seed_path, seed_json):
    result = newsmap("extract", "--format", "csv", str(seed_path))
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == len(seed_json[0]["events"])
    assert {"event_id_cnty", "event_date", "event_type", "sub_event_type", "country", "admin1", "location",
            "latitude", "longitude", "geo_precision", "notes", "fatalities"} <= set(rows[0])


def test_geojson_is_a_feature_collection_of_lon_lat_points(seed_path, seed_json):
    result = newsmap("extract", "--format", "geojson", str(seed_path))
    assert result.returncode == 0, result.stderr
    collection = json.loads(result.stdout)
    assert collection["type"] == "FeatureCollection"
    by_id = {e["event_id"]: e for e in seed_json[0]["events"]}
    for feature in collection["features"]:
        event = by_id[feature["id"]]
        if feature["geometry"] is None:
            assert event["latitude"] is None
            continue
        lon, lat = feature["geometry"]["coordinates"]
        assert (lat, lon) == pytest.approx((event["latitude"], event["longitude"]), abs=1e-5)


def test_date_option_sets_the_publication_date_of_an_undated_file(tmp_path):
    article = tmp_path / "undated.txt"
    article.write_text("LVIV (AP) — A missile struck a warehouse in Lviv on Sunday, officials said.\n",
                       encoding="utf-8")
    result = newsmap("extract", "--date", "2024-03-12", str(article))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["published"] == "2024-03-12"


@pytest.mark.parametrize(
    "name, content",
    [
        ("missing.txt", None),
        ("empty.txt", b""),
        ("binary.txt", b"\x00\x01\x02\xff\xfe" * 100),
        ("latin1.txt", "Kämpfe bei Dörfern, Straße".encode("latin-1")),
    ],
)
def test_unreadable_files_give_one_line_and_a_nonzero_exit(tmp_path, name, content):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = newsmap("extract", str(path))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("newsmap: ")
    assert name in lines[0]


def test_bad_date_option_is_a_usage_error(seed_path):
    result = newsmap("extract", "--date", "22/07/2025", str(seed_path))
    assert result.returncode == 2
    assert "YYYY-MM-DD" in result.stderr and "Traceback" not in result.stderr


def test_export_to_an_unwritable_path_is_one_line(tmp_path):
    result = newsmap("export", "--format", "csv", "-o", str(tmp_path / "missing-folder" / "events.csv"),
                     tmp_path=tmp_path)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot write" in lines[0]


def test_an_unwritable_gazetteer_cache_folder_is_one_line(tmp_path, seed_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    env = dict(os.environ, NEWSMAP_CACHE_DIR=str(blocker / "cache"))
    result = subprocess.run([sys.executable, "-m", "newsmap", "extract", str(seed_path)], cwd=ROOT,
                            capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot write the gazetteer cache" in lines[0]


def test_many_files_are_shared_among_workers_with_the_same_result_in_order(tmp_path):
    wars = [("Kharkiv", "shelling"), ("Khan Younis", "air strike"), ("El Fasher", "drone strike"),
            ("Goma", "mortar fire"), ("Mandalay", "air strike"), ("Aleppo", "shelling")]
    files = []
    for i in range(18):
        place, attack = wars[i % len(wars)]
        path = tmp_path / f"{i:02d}.txt"
        path.write_text(f"A {attack} hit a market in {place} on Monday, killing {i + 1} people, officials said.\n",
                        encoding="utf-8")
        files.append(str(path))
    one = newsmap("extract", "--workers", "1", "--date", "2025-03-04", *files)
    two = newsmap("extract", "--workers", "2", "--date", "2025-03-04", *files)
    assert one.returncode == 0 and two.returncode == 0, two.stderr
    assert one.stdout == two.stdout
    results = json.loads(two.stdout)
    assert [r["events"][0]["killed"] for r in results] == list(range(1, 19))


def test_a_bad_file_among_many_is_named_and_fails_the_command(tmp_path):
    files = []
    for i in range(17):
        path = tmp_path / f"{i:02d}.txt"
        path.write_text("Shelling hit Kherson on Monday, wounding two people.\n", encoding="utf-8")
        files.append(str(path))
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = newsmap("extract", "--workers", "2", *files, str(tmp_path / "empty.txt"))
    assert result.returncode == 2
    assert "empty.txt" in result.stderr and "Traceback" not in result.stderr
