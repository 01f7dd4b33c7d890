"""The dashboard's views without Streamlit: filters, URL state, the map page, timeline, reader."""

from __future__ import annotations

import html
import json
import re
from datetime import date

import pytest

from newsmap import basemap, mapview, offline_assets
from newsmap.filters import Filters, admin1_key, region_label, region_options
from newsmap.labels import TYPE_COLOURS, figures_by_source, source_name, sources_text
from newsmap.reader import article_html
from newsmap.records import Article, Event, Extraction, Place, Summary
from newsmap.table import events_table
from newsmap.timeline import timeline_chart, timeline_rows

HOSTILE = (
    "<script>window.__pwned = 1</script> <img src=x onerror=\"document.title='pwned'\"> "
    "<a href=\"javascript:alert(1)\">link</a> <svg onload=alert(1)></svg> {{ 7*7 }} {% if 1 %}x{% endif %}"
)


def _located(gazetteer, name: str, country: str):
    """A real gazetteer entry (coordinates never typed in by hand)."""
    for index in gazetteer.search(name, country_codes=[country]):
        location = gazetteer.location(index)
        if location.feature_class == "city":
            return location
    pytest.fail(f"{name} ({country}) is not in the gazetteer")


def _event(gazetteer, name, country, *, event_id, event_type="air_strike", day="2025-03-04", killed=None,
           wounded=None, excerpt=None, title="A report", outlet="Wire"):
    location = _located(gazetteer, name, country)
    sentence = excerpt or f"An attack hit {name}."
    place = Place(name, 0, len(name), "location", location)
    record = Event(
        event_id=event_id, article_id=f"art-{event_id}", event_date=date.fromisoformat(day), event_type=event_type,
        excerpt=sentence, excerpt_start=0, excerpt_end=len(sentence), place=place, geo_precision=1,
        killed=killed, wounded=wounded,
    )
    data = record.to_dict()
    data["sources"] = [{"article_id": record.article_id, "title": title, "source": outlet, "published": day,
                        "excerpt": sentence, "excerpt_start": 0, "excerpt_end": len(sentence),
                        "killed": killed, "wounded": wounded}]
    data["n_sources"] = 1
    return data


@pytest.fixture(scope="module")
def events(gazetteer):
    return [
        _event(gazetteer, "Kharkiv", "UA", event_id="e1", killed=2, wounded=5, day="2025-03-04"),
        _event(gazetteer, "Chuhuiv", "UA", event_id="e2", event_type="shelling", wounded=3, day="2025-03-05"),
        _event(gazetteer, "Lviv", "UA", event_id="e3", event_type="drone_strike", day="2025-03-05"),
        _event(gazetteer, "Geneva", "CH", event_id="e4", event_type="diplomatic", day="2025-03-06"),
        _event(gazetteer, "Belgorod", "RU", event_id="e5", event_type="drones_downed", day="2025-03-07",
               excerpt=HOSTILE, title="<b>Title</b><script>x()</script>", outlet="<i>Outlet</i>"),
    ]


def _ids(events):
    return [e["event_id"] for e in events]


def _map_rows(page: str) -> dict:
    """The event data spliced into a map page."""
    match = re.search(r"var rows = (\{.*?\});\n", page, re.S)
    assert match, "no event data in the map page"
    return json.loads(match.group(1))


# ------------------------------------------------------------------ filters and URL state


def test_region_filter_matches_admin1_or_country(events):
    kharkiv_region = admin1_key(events[0])
    assert kharkiv_region and kharkiv_region.startswith("UA/")
    assert _ids(Filters(regions=(kharkiv_region,)).apply(events)) == ["e1", "e2"]
    assert _ids(Filters(regions=("UA",)).apply(events)) == ["e1", "e2", "e3"]
    assert _ids(Filters(regions=("CH", kharkiv_region)).apply(events)) == ["e1", "e2", "e4"]


def test_type_date_and_casualty_filters_combine(events):
    assert _ids(Filters(event_types=("shelling", "diplomatic")).apply(events)) == ["e2", "e4"]
    assert _ids(Filters(start=date(2025, 3, 5), end=date(2025, 3, 6)).apply(events)) == ["e2", "e3", "e4"]
    assert _ids(Filters(casualties_only=True).apply(events)) == ["e1", "e2"]
    assert _ids(Filters(regions=("UA",), casualties_only=True, start=date(2025, 3, 5)).apply(events)) == ["e2"]


def test_undated_events_drop_out_of_date_filters_only(events):
    undated = {**events[0], "event_id": "e0", "event_date": None}
    assert _ids(Filters().apply([undated])) == ["e0"]
    assert Filters(start=date(2000, 1, 1)).apply([undated]) == []


def test_filters_round_trip_through_query_params(events):
    filters = Filters(regions=(admin1_key(events[0]), "CH"), event_types=("shelling",),
                      start=date(2025, 3, 1), end=date(2025, 3, 31), casualties_only=True)
    params = filters.to_query_params()
    get_all = lambda key: (lambda v: v if isinstance(v, list) else [v])(params.get(key, []))  # noqa: E731
    assert Filters.from_query_params(get_all) == filters
    assert Filters().to_query_params() == {}


def test_bad_query_params_are_ignored_not_fatal():
    params = {"type": ["shelling", "not_a_type"], "from": ["yesterday"], "to": ["2025-13-45"], "casualties": ["0"]}
    filters = Filters.from_query_params(lambda key: params.get(key, []))
    assert filters == Filters(event_types=("shelling",))


def test_region_options_and_labels(events):
    options = region_options(events)
    assert options[:3] == sorted(["UA", "RU", "CH"], key=region_label)
    assert admin1_key(events[0]) in options
    assert region_label("UA") == "Ukraine (all)"
    country, _, admin1 = admin1_key(events[0]).partition("/")
    assert region_label(admin1_key(events[0])) == f"{admin1}, Ukraine"


# ------------------------------------------------------------------ the map page


def test_map_holds_exactly_the_given_located_events(events):
    unlocated = {**events[1], "event_id": "e9", "latitude": None, "longitude": None}
    page = mapview.map_html([*events, unlocated])
    rows = _map_rows(page)
    ids = [row[mapview.MARKER_FIELDS.index("id")] for row in rows["props"]]
    assert ids == ["e1", "e2", "e3", "e4", "e5"]
    assert rows["lat"][0] == pytest.approx(events[0]["latitude"], abs=1e-4)
    assert page.count("newsmapMap(") == 1, "all events in one clustered layer"
    assert rows["d0"][0] == rows["d1"][0] == (date(2025, 3, 4) - date(1970, 1, 1)).days
    assert '"bounds": [[' in page


def test_marker_colour_by_type_and_size_by_casualties(events):
    rows = _map_rows(mapview.map_html(events))["props"]
    field = mapview.MARKER_FIELDS.index
    types = list(TYPE_COLOURS)
    assert [types[row[field("t")]] for row in rows] == [e["event_type"] for e in events]
    radius = {row[field("id")]: row[field("r")] for row in rows}
    assert radius["e1"] > radius["e2"] > radius["e3"]
    assert "Shelling" in mapview.map_html(events) and '"legend": "' in mapview.map_html(events)


def test_tooltip_and_popup_data_are_escaped(events):
    page = mapview.map_html(events)
    rows = _map_rows(page)
    hostile = rows["props"][4]
    field = mapview.MARKER_FIELDS.index
    assert hostile[field("x")] == html.escape(HOSTILE, quote=True)
    title = hostile[field("s")][0][1]
    assert "<" not in title and "&lt;script&gt;" in title
    assert "<script>window.__pwned" not in page
    assert "onerror=" not in page.replace("onerror=&quot;", "")
    # Folium re-parses rendered scripts as Jinja templates: article text must never go through that.
    assert "{{ 7*7 }}" in page and "{% if 1 %}" in page
    assert hostile[field("s")][0][0] == "/articles?article=art-e5"


def test_map_uses_only_local_assets(events):
    page = mapview.map_html(events)
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', page)
    assert sources, "Leaflet must be referenced"
    assert all(src.startswith(offline_assets.URL_PREFIX + "/") for src in sources), sources
    assert not re.search(r"cdn|jsdelivr|cloudflare|code\.jquery|bootstrap", page, re.I)


def test_standalone_page_needs_no_server_and_no_internet(events):
    page = mapview.standalone_html(events)
    assert not re.findall(r'<(?:script|link)[^>]+(?:src|href)=', page)
    assert "L.map" in page and "leaflet" in page.lower()
    assert len(re.findall(r"<script>", page)) >= 1
    outlines = basemap.countries_geojson()
    assert outlines["features"][0]["properties"]["name"] in page
    assert "<script>window.__pwned" not in page
    assert "?article=" not in page, "a standalone file has no article reader to link to"


def test_published_assets(tmp_path):
    folder = offline_assets.publish(tmp_path)
    assert (folder / "leaflet.js").stat().st_size > 100_000
    assert (folder / "leaflet.css").exists() and (folder / "images" / "layers.png").exists()
    outlines = json.loads((folder / offline_assets.BASEMAP_FILE).read_text())
    assert len(outlines["features"]) > 150
    assert (tmp_path / "static" / ".gitignore").read_text().strip() == "*"


def test_basemap_outlines_cover_the_events(events):
    names = {f["properties"]["name"] for f in basemap.countries_geojson()["features"]}
    assert {"Ukraine", "Russia", "Switzerland", "France"} <= names


# ------------------------------------------------------------------ timeline


def test_timeline_sums_figures_per_day_and_marks_diplomatic_events(events, gazetteer):
    more = _event(gazetteer, "Kharkiv", "UA", event_id="e6", killed=1, day="2025-03-04")
    bars, talks = timeline_rows([*events, more])
    by_key = {(row["date"], row["measure"]): row for row in bars}
    assert by_key[("2025-03-04", "killed")]["people"] == 3
    assert by_key[("2025-03-04", "killed")]["n_events"] == 2
    assert by_key[("2025-03-04", "wounded")]["people"] == 5
    assert by_key[("2025-03-05", "wounded")]["people"] == 3
    assert by_key[("2025-03-05", "wounded")]["events"] == f"{events[1]['location']}: Shelling (3 wounded)"
    assert ("2025-03-06", "killed") not in by_key
    assert [row["date"] for row in talks] == ["2025-03-06"] and "Geneva" in talks[0]["events"]
    spec = timeline_chart(events).to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["bar", "rule", "text"]


# ------------------------------------------------------------------ reader


def test_article_html_marks_places_events_and_summaries_escaped(gazetteer):
    location = _located(gazetteer, "Kharkiv", "UA")
    text = f"KHARKIV: A strike on Kharkiv killed two people <script>x()</script>. In all, 9 were hurt."
    place_start = text.index("Kharkiv", 5)
    place = Place("Kharkiv", place_start, place_start + 7, "location", location)
    sentence_end = text.index(".") + 1
    event = Event("ev1", "a1", date(2025, 1, 2), "air_strike", text[9:sentence_end], 9, sentence_end, place,
                  killed=2)
    summary_start = text.index("9 were")
    summary = Summary("9 were hurt", summary_start, summary_start + 11, wounded=9)
    extraction = Extraction(Article("a1", text, "test"), [place], [event], [summary])
    rendered = article_html(extraction)
    assert "<script>x()" not in rendered and "&lt;script&gt;x()&lt;/script&gt;" in rendered
    assert re.search(r"<a class='nm-ev' href='#ev-0'[^>]*>A strike on </a>", rendered)
    assert "<span class='nm-pl' title='Kharkiv, " in rendered
    assert "2 killed" in rendered and "article total: 9 wounded" in rendered
    assert "<span class='nm-sum'" in rendered
    visible = re.sub(r"<span class='nm-fig'>.*?</span>", "", re.sub(r"<style>.*?</style>", "", rendered, flags=re.S))
    assert html.unescape(re.sub(r"<[^>]+>", "", visible)) == text


# ------------------------------------------------------------------ sources and corrections


def _with_sources(event: dict, *figures: tuple[int | None, int | None], names=None) -> dict:
    names = names or [f"Outlet {i}" for i in range(len(figures))]
    sources = [
        {**event["sources"][0], "article_id": f"art-{i}", "title": name, "killed": killed, "wounded": wounded}
        for i, (name, (killed, wounded)) in enumerate(zip(names, figures))
    ]
    return {**event, "sources": sources, "n_sources": len(sources)}


def test_sources_text_says_how_many_agree(events):
    one = events[0]
    assert sources_text(one) == "reported by 1 source"
    assert figures_by_source(one) == ""
    agree = _with_sources(one, (None, 4), (None, 4), (None, 4))
    assert sources_text(agree) == "reported by 3 sources; all say 4 wounded"
    differ = _with_sources(one, (None, 4), (None, 5), (None, 4))
    assert figures_by_source(differ) == "Outlet 0, Outlet 2 say 4 wounded; Outlet 1 says 5 wounded"
    assert sources_text(differ).startswith("reported by 3 sources; figures: Outlet 0, Outlet 2 say")
    silent = _with_sources(one, (None, None), (None, None))
    assert sources_text(silent) == "reported by 2 sources; none gives casualty figures"
    many = _with_sources(one, *[(1, None)] * 5, (2, None))
    assert figures_by_source(many).startswith("Outlet 0, Outlet 1, Outlet 2 and 2 more say 1 killed;")


def test_source_names_fall_back_to_site_or_file_name():
    assert source_name({"title": "  ", "source": "https://www.example.org/news/1"}) == "example.org"
    assert source_name({"title": None, "source": "/data/in/report-7.txt"}) == "report-7.txt"
    assert source_name({"title": "A " * 60, "source": "x"}).endswith("…")


def test_map_rows_carry_source_agreement_and_corrections_escaped(events):
    hostile = _with_sources(events[0], (None, 4), (None, 5), names=["<b>Wire</b>", "Daily"])
    corrected = {**events[1], "corrected": ["wounded", "latitude", "longitude", "location"]}
    rows = _map_rows(mapview.map_html([hostile, corrected, events[2]]))["props"]
    field = mapview.MARKER_FIELDS.index
    assert rows[0][field("f")] == (
        "reported by 2 sources; figures: &lt;b&gt;Wire&lt;/b&gt; says 4 wounded; Daily says 5 wounded"
    )
    assert [source[4] for source in rows[0][field("s")]] == ["4 wounded", "5 wounded"]
    assert rows[1][field("k")] == "place, wounded"
    assert rows[2][field("k")] is None and rows[2][field("f")] is None and rows[2][field("n")] == 1


def test_events_table_marks_corrected_fields(events):
    corrected = {**events[0], "corrected": ["killed", "event_type"]}
    rows = events_table([corrected, events[1]])
    assert rows[0]["corrected"] == "type, killed" and rows[1]["corrected"] == ""
    assert rows[0]["sources"] == 1 and rows[0]["figures_by_source"] == ""


def test_timeline_bars_stay_visible_over_a_long_date_span():
    from newsmap.timeline import timeline_chart_from_rows

    bars = [{"date": "2025-07-21", "measure": "wounded", "people": 5, "n_events": 1, "events": "a"}]
    talks = [{"date": "2025-05-01", "what": "Diplomatic", "events": "b"}]
    spec = timeline_chart_from_rows(bars, talks).to_dict()
    bar_layer = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "bar")
    # Each bar spans its whole bin (start to end), however long the axis.
    assert bar_layer["encoding"]["x2"]["field"] == "end"


def test_weak_events_say_why_on_the_map_and_vague_figures_are_marked():
    from newsmap.mapview import event_row

    event = {"event_id": "e1", "event_type": "shelling", "killed": 12, "approximate": True, "confidence": 0.55,
             "confidence_reasons": "placed only at region level; a <b>claim</b>", "excerpt": "x",
             "location": "Kharkiv", "country": "UA"}
    figures = event_row(event, None)[6]
    assert figures.startswith("12 killed (approximate)")
    assert "low confidence 0.55" in figures and "&lt;b&gt;claim&lt;/b&gt;" in figures
    sure = dict(event, confidence=0.95, approximate=False)
    assert event_row(sure, None)[6] == "12 killed"


def test_a_place_is_shown_as_the_article_writes_it_when_only_accents_differ():
    from newsmap.labels import place_name

    assert place_name({"location": "Arīḩā", "place_text": "Ariha"}) == "Ariha"
    assert place_name({"location": "Arīḩā", "place_text": "ARIHA"}) == "Ariha"  # a dateline's capitals
    assert place_name({"location": "Al Ḩudaydah", "place_text": "Hodeidah"}) == "Al Ḩudaydah"  # another name
    assert place_name({"location": "Kharkiv Oblast", "place_text": "Kharkiv region"}) == "Kharkiv Oblast"
