"""CSV formula injection: no cell of `export --format csv` or the dashboard download runs as a formula."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys

from newsmap import formats
from tests.conftest import ROOT

DANGEROUS = ['=HYPERLINK("http://evil.example","open")', "+1+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
             "@SUM(1+9)*cmd", "\t=1+1", "\r=1+1"]


def parse(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def event(**fields):
    base = {"event_id": "e1", "event_type": "drone_strike", "event_date": "2024-05-06", "latitude": -1.674,
            "longitude": 29.228, "killed": 2, "country": "CD", "sources": [{"title": "Goma", "article_id": "a1"}]}
    return {**base, **fields}


def test_text_cells_that_start_a_formula_get_a_leading_quote():
    rows = parse(formats.render_events(
        [event(excerpt=value, location=value, admin1=value, actor=value, sources=[{"title": value, "article_id": "a"}],
               corrected=[value]) for value in DANGEROUS],
        "csv",
    ))
    assert len(rows) == len(DANGEROUS)
    for row, value in zip(rows, DANGEROUS):
        for column in ("notes", "location", "admin1", "actor1", "source", "corrected"):
            assert row[column] == "'" + value.replace("\r", "\n"), (column, row[column])


def test_a_carriage_return_inside_a_cell_does_not_break_the_row():
    rows = parse(formats.render_events([event(excerpt="Line one\rline two\r\nline three", location="Goma")], "csv"))
    assert len(rows) == 1
    assert rows[0]["notes"] == "Line one\nline two\nline three"
    assert rows[0]["location"] == "Goma"


def test_negative_numbers_in_numeric_columns_stay_numbers():
    rows = parse(formats.render_events([event(latitude=-33.9, longitude=-70.6), event(latitude="-12.5", longitude="-0.25")], "csv"))
    assert (rows[0]["latitude"], rows[0]["longitude"]) == ("-33.9", "-70.6")
    assert (rows[1]["latitude"], rows[1]["longitude"]) == ("-12.5", "-0.25")
    assert rows[0]["killed"] == "2"


def test_a_formula_in_a_numeric_column_is_still_neutralised():
    rows = parse(formats.render_events([event(latitude="-1+cmd|' /C calc'!A0")], "csv"))
    assert rows[0]["latitude"] == "'-1+cmd|' /C calc'!A0"


def test_harmless_cells_are_unchanged():
    rows = parse(formats.render_events([event(excerpt="A drone struck Goma - two died.", location="Goma")], "csv"))
    assert rows[0]["notes"] == "A drone struck Goma - two died."
    assert rows[0]["location"] == "Goma"


def test_cli_export_neutralises_article_text_and_corrections(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(
        "date: 2024-05-07\nDrone strike in Goma\n\n"
        '=HYPERLINK("http://evil.example","x") A drone strike killed two people in Goma on Monday, officials said.\n',
        encoding="utf-8",
    )
    env = {**os.environ, "NEWSMAP_DATABASE_URL": f"sqlite:///{tmp_path / 'store.db'}"}

    def newsmap(*args):
        return subprocess.run([sys.executable, "-m", "newsmap", *args], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=300)

    assert newsmap("ingest", str(article)).returncode == 0
    from newsmap.store import Store

    store = Store(env["NEWSMAP_DATABASE_URL"])
    event_id = store.event_dicts()[0]["event_id"]
    store.correct(event_id, {"location": "@SUM(1+9)*cmd"}, author="-analyst")
    store.engine.dispose()
    result = newsmap("export", "--format", "csv")
    assert result.returncode == 0, result.stderr
    row = parse(result.stdout)[0]
    assert row["notes"].startswith("'=HYPERLINK(")
    assert row["location"] == "'@SUM(1+9)*cmd"
    assert float(row["longitude"]) > 0 and not row["latitude"].startswith("'")


def test_the_dashboard_download_neutralises_formulas(tmp_path, monkeypatch, pipeline):
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
    from streamlit.testing.v1 import AppTest

    from newsmap.store import Store

    url = f"sqlite:///{tmp_path / 'store.db'}"
    monkeypatch.setenv("NEWSMAP_DATABASE_URL", url)
    with Store(url) as store:
        store.add(pipeline.extract_text(
            "date 2024-05-07\nDrone strike in Goma\n\n"
            '@SUM(1+9)*cmd A drone strike killed two people in Goma on Monday, officials said.\n', source="=cmd.txt"))
    offered: dict[str, str] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def record(self, path_or_data, mimetype, kind, filename=None):
        if filename:
            offered[filename] = path_or_data.decode() if isinstance(path_or_data, bytes) else path_or_data
        return original(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", record)
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()
    app.switch_page("pages/app/events.py").run()
    assert not app.exception, [e.message for e in app.exception]
    (row,) = parse(offered["newsmap-events.csv"])
    assert row["notes"].startswith("'@SUM(1+9)*cmd A drone strike")
    assert not row["longitude"].startswith("'") and float(row["longitude"]) > 0
