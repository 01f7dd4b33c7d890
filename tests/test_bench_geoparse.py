"""The geoparsing benchmark code, on tiny corpora written here (not the real ones)."""

from __future__ import annotations

import argparse
import json
import math

import pytest

from newsmap.bench import geoparse
from newsmap.errors import InputError

TEXT = "Shelling hit Kharkiv. Later Lviv was calm, and Qwxzzyv Street was closed."

LGL = f"""<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="a1">
    <text><![CDATA[{TEXT}]]></text>
    <toponyms>
      <toponym><start>13</start><end>20</end><phrase>Kharkiv</phrase>
        <gaztag geonameid="1"><name>Kharkiv</name><lat>49.98</lat><lon>36.25</lon></gaztag></toponym>
      <toponym><start>30</start><end>34</end><phrase>Lviv</phrase>
        <gaztag geonameid="2"><name>Lviv</name><lat>49.84</lat><lon>24.02</lon></gaztag></toponym>
      <toponym><start>47</start><end>62</end><phrase>Qwxzzyv Street</phrase></toponym>
    </toponyms>
  </article>
</articles>
"""

GWN = f"""<?xml version="1.0" ?>
<articles>
  <article file="7">
    <title>t</title>
    <text>{TEXT}</text>
    <toponyms>
      <toponym><extractedName>Kharkiv</extractedName><start>13</start><end>20</end>
        <latitude>49.98</latitude><longitude>36.25</longitude></toponym>
      <toponym><extractedName>Qwxzzyv Street</extractedName><start>47</start><end>62</end>
        <latitude>0.0</latitude><longitude>0.0</longitude></toponym>
      <toponym><extractedName>calm</extractedName><start>39</start><end>43</end>
        <latitude/><longitude/></toponym>
    </toponyms>
  </article>
</articles>
"""


def _args(corpus, **kw):
    values = {"corpus": str(corpus), "predictions": None, "end_to_end": False, "limit": None}
    values.update(kw)
    return argparse.Namespace(**values)


def test_snap_moves_drifting_spans():
    text = "Protests in Kharkiv and Lviv."
    assert geoparse.snap(text, 14, 21, "Kharkiv") == (12, 19)  # drifted by 2
    assert geoparse.snap(text, 12, 19, "Kharkiv") == (12, 19)
    assert geoparse.snap(text, 0, 4, "Odesa") == (0, 4)  # no occurrence nearby: unchanged


def test_parse_both_dialects(tmp_path):
    (tmp_path / "lgl.xml").write_text(LGL, encoding="utf-8")
    (tmp_path / "gwn.xml").write_text(GWN, encoding="utf-8")
    lgl = geoparse.parse_corpus(tmp_path / "lgl.xml")
    gwn = geoparse.parse_corpus(tmp_path / "gwn.xml")
    assert lgl[0].doc == "a1" and gwn[0].doc == "7"
    assert [t.text for t in lgl[0].toponyms] == ["Kharkiv", "Lviv", "Qwxzzyv Street"]
    assert [t.has_coordinates for t in lgl[0].toponyms] == [True, True, False]
    assert [t.has_coordinates for t in gwn[0].toponyms] == [True, True, False]


def test_metrics_follow_the_field_definition():
    m = geoparse.metrics([0.0, 100.0, 200.0, geoparse.UNRESOLVED_KM])
    assert m["n"] == 4 and m["acc161"] == 0.5
    assert m["median_km"] == 150.0
    logs = sorted(math.log(e + 1) for e in [0.0, 100.0, 200.0, geoparse.UNRESOLVED_KM])
    expected = sum((a + b) / 2 for a, b in zip(logs, logs[1:])) / (math.log(geoparse.UNRESOLVED_KM) * 3)
    assert m["auc"] == round(expected, 4)


def test_resolution_run_writes_predictions_and_json(tmp_path, gazetteer, capsys):
    corpus = tmp_path / "lgl.xml"
    corpus.write_text(LGL, encoding="utf-8")
    out = tmp_path / "pred.jsonl"
    assert geoparse.run(_args(corpus, predictions=str(out))) == 0
    report = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert report["n"] == 2 and report["acc161"] == 1.0 and report["setting"] == "resolution"
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [(r["doc"], r["text"]) for r in rows] == [("a1", "Kharkiv"), ("a1", "Lviv")]
    assert all(TEXT[r["start"]:r["end"]] == r["text"] for r in rows)
    assert abs(rows[0]["latitude"] - 49.98) < 0.5


def test_end_to_end_run_reports_recognition(tmp_path, gazetteer, capsys):
    corpus = tmp_path / "gwn.xml"
    corpus.write_text(GWN, encoding="utf-8")
    assert geoparse.run(_args(corpus, end_to_end=True)) == 0
    report = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    # Found: Kharkiv (gold) and Lviv (not gold in this dialect) -> P 0.5; gold with coordinates: 2, found 1.
    assert report["precision"] == 0.5 and report["recall"] == 0.5
    assert report["n"] == 1 and report["acc161"] == 1.0


def test_bad_corpus_is_an_input_error(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text("<articles><article>", encoding="utf-8")
    with pytest.raises(InputError):
        geoparse.run(_args(bad))
    with pytest.raises(InputError):
        geoparse.run(_args(tmp_path / "missing.xml"))
    empty = tmp_path / "empty.xml"
    empty.write_text("<articles/>", encoding="utf-8")
    with pytest.raises(InputError):
        geoparse.run(_args(empty))
