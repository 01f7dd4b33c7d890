"""The map's data without a browser: day spans, compact columns for big views, detail chunks,
published view files, the packaged basemap tiles, and the timeline's bins, ticks and cap."""

from __future__ import annotations

from datetime import date

from newsmap import mapview, offline_assets
from newsmap.timeline import binned_rows, bin_unit, timeline_chart_from_rows, timeline_rows, y_cap

EPOCH = date(1970, 1, 1)


def _day(iso: str) -> int:
    return (date.fromisoformat(iso) - EPOCH).days


def _event(event_id, day, *, precision=1, place="Mariupol", killed=None, lat=47.1, lon=37.5, excerpt="It <b>hit</b>."):
    return {
        "event_id": event_id, "event_type": "shelling", "event_date": day, "time_precision": precision,
        "latitude": lat, "longitude": lon, "location": place, "country": "UA", "admin1": "Donetsk Oblast",
        "killed": killed, "wounded": None, "excerpt": excerpt, "sources": [], "n_sources": 1,
    }


def test_day_spans_follow_the_time_precision():
    assert mapview.day_span(_event("a", "2025-02-14")) == (_day("2025-02-14"), _day("2025-02-14"))
    # Known only by its month: the whole month, however February ends.
    assert mapview.day_span(_event("b", "2024-02-01", precision=3)) == (_day("2024-02-01"), _day("2024-02-29"))
    assert mapview.day_span(_event("c", "2025-12-01", precision=3)) == (_day("2025-12-01"), _day("2025-12-31"))
    # A week: Monday to Sunday.
    assert mapview.day_span(_event("d", "2025-02-13", precision=2)) == (_day("2025-02-10"), _day("2025-02-16"))
    assert mapview.day_span(_event("e", None)) is None
    assert mapview.date_text(_event("b", "2024-02-01", precision=3)) == "February 2024"
    assert mapview.event_row(_event("b", "2024-02-01", precision=3), None)[5] == "February 2024"


def test_compact_rows_share_strings_and_point_at_their_details():
    events = [_event("a", "2025-02-14", killed=3), _event("b", "2025-02-15", lat=None),
              _event("c", "2025-02-15", place="Kherson <x>")]
    rows = mapview.compact_rows(events, [10, 11, 12], ["/d0.json", "/d1.json"], 8)
    assert rows["g"] == [10, 12], "unlocated events are left out"
    strings = rows["strings"]
    assert [strings[i] for i in rows["p"]] == ["Mariupol", "Kherson &lt;x&gt;"]
    assert rows["d"][0] != rows["d"][1] and rows["a"][0] == rows["a"][1]
    assert strings[rows["c"][0]] == "3 killed"
    assert rows["chunks"] == ["/d0.json", "/d1.json"] and rows["chunk"] == 8
    assert "hit" not in str(rows), "sentences are not in the compact view"

    chunks = mapview.detail_chunks(events, "/articles", 2)
    assert [len(chunk) for chunk in chunks] == [2, 1]
    assert chunks[0][1] is None
    assert chunks[1][0][mapview.MARKER_FIELDS.index("x")] == "It &lt;b&gt;hit&lt;/b&gt;."


def test_a_page_with_a_data_url_carries_no_events():
    events = [_event("a", "2025-02-14", excerpt="A sentence only the data file holds.")]
    page = mapview.map_html(events, data_url="/app/static/newsmap/data/abc.json")
    assert '"/app/static/newsmap/data/abc.json"' in page
    assert "only the data file holds" not in page


def test_published_views_are_named_by_their_content(tmp_path):
    first = offline_assets.publish_data(tmp_path, b'{"a":1}')
    assert first == offline_assets.publish_data(tmp_path, b'{"a":1}')
    assert first != offline_assets.publish_data(tmp_path, b'{"a":2}')
    name = first.rsplit("/", 1)[1]
    assert (tmp_path / "static" / "newsmap" / "data" / name).read_bytes() == b'{"a":1}'


def test_packaged_tiles_are_published_with_leaflet_rows(tmp_path):
    assert offline_assets.tiles_zoom_range() == (0, 6)
    folder = offline_assets.publish(tmp_path)
    assert len(list((folder / "tiles" / "6").rglob("*.png"))) == 4096
    # MBTiles rows count from the south: the north-west tile of zoom 1 is Leaflet's 1/0/0.
    assert (folder / "tiles" / "1" / "0" / "0.png").read_bytes()[:4] == b"\x89PNG"
    for name in ("leaflet.markercluster.js", "MarkerCluster.css", "newsmap-map.js", "newsmap-map.css"):
        assert (folder / name).stat().st_size > 500


def test_timeline_bins_grow_with_the_span_and_month_events_span_their_month():
    assert bin_unit(date(2025, 1, 1), date(2025, 3, 1)) == "day"
    assert bin_unit(date(2025, 1, 1), date(2025, 12, 1)) == "week"
    assert bin_unit(date(2022, 1, 1), date(2025, 12, 1)) == "month"
    events = [_event("a", "2025-03-04", killed=2), _event("b", "2025-03-06", killed=1),
              _event("m", "2025-03-01", precision=3, killed=5)]
    bars, _ = timeline_rows(events)
    month = [row for row in bars if row["month"]]
    assert [(row["date"], row["people"]) for row in month] == [("2025-03-01", 5)]
    weekly = binned_rows(bars, "week")
    days = [row for row in weekly if not row["month"]]
    assert [(row["start"], row["end"], row["people"]) for row in days] == [("2025-03-03", "2025-03-10", 3)]
    (whole_month,) = [row for row in weekly if row["month"]]
    assert (whole_month["start"], whole_month["end"]) == ("2025-03-01", "2025-04-01")


def test_one_outlier_caps_the_axis_and_is_marked():
    rows = [{"start": f"2025-03-0{d}", "people": p} for d, p in ((1, 4), (2, 6), (3, 900))]
    assert y_cap(rows) == 8
    assert y_cap([{"start": "2025-03-01", "people": 4}, {"start": "2025-03-02", "people": 9}]) is None
    bars = [{"date": f"2025-03-0{d}", "measure": "killed", "people": p, "n_events": 1, "events": "x", "month": False}
            for d, p in ((1, 4), (2, 6), (3, 900))]
    spec = timeline_chart_from_rows(bars, []).to_dict()
    assert "▲ 900" in str(spec["datasets"])
    bar = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "bar")
    assert bar["encoding"]["y"]["scale"] == {"clamp": True, "domain": [0, 8]}


def test_ticks_never_repeat_a_label():
    """Day ticks label days, month ticks label months: a tick is never finer than its label."""
    for first, last, interval, label in (
        ("2025-07-21", "2025-07-21", "day", "%b %d"),
        ("2025-07-01", "2025-09-30", "day", "%b %d"),
        ("2024-01-01", "2025-06-30", "month", "%b %Y"),
        ("2015-01-01", "2025-06-30", "year", "%Y"),
    ):
        bars = [{"date": day, "measure": "killed", "people": 1, "n_events": 1, "events": "x", "month": False}
                for day in (first, last)]
        spec = timeline_chart_from_rows(bars, []).to_dict()
        bar = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "bar")
        axis = bar["encoding"]["x"]["axis"]
        assert axis["tickCount"]["interval"] == interval and axis["format"] == label
        domain = bar["encoding"]["x"]["scale"]["domain"]
        assert domain[0] < first and domain[1] > last, "a lone day is a bar with room around it"


def test_a_stated_zero_is_shown_as_no_one_hurt_not_as_a_missing_figure():
    from newsmap.labels import casualty_text

    assert casualty_text({"killed": 0, "wounded": 0}) == "no one killed or wounded"
    assert casualty_text({"killed": 0, "wounded": 4}) == "4 wounded, no one killed"
    assert casualty_text({"killed": 2, "wounded": None}) == "2 killed"
    assert casualty_text({}) == "no casualty figures"
