"""Every dashboard page under Streamlit's AppTest, against a temporary store.

The store starts empty, so the app's first run ingests seeds/ itself; expectations about the seed
are read from the store (and name seed places only in assertions).
"""

from __future__ import annotations

import json
import re

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from newsmap import mapview
from newsmap.filters import admin1_key, event_day
from newsmap.labels import casualty_text
from newsmap.store import Store

from .conftest import ROOT

APP = str(ROOT / "dashboard.py")
TIMEOUT = 120


def _run(query: dict | None = None, page: str | None = None) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if query:
        app.query_params.update(query)
    app.run()
    if page:
        app.switch_page(page).run()
    assert not app.exception, [e.message for e in app.exception]
    return app


def map_event_ids(app: AppTest) -> list[str]:
    """The event ids the Map page's Leaflet layer holds (parsed from the iframe document)."""
    frames = app.get("iframe")
    assert len(frames) == 1
    match = re.search(r"var rows = (\{.*?\});\n", frames[0].proto.srcdoc, re.S)
    assert match, "no event layer in the map"
    rows = json.loads(match.group(1))
    return [row[mapview.MARKER_FIELDS.index("id")] for row in rows["props"]]


def timeline_rows(app: AppTest) -> list[dict]:
    """The casualty bars the timeline chart was given (decoded from its Arrow datasets)."""
    charts = app.get("vega_lite_chart")
    assert len(charts) == 1
    for dataset in charts[0].proto.datasets:
        table = pa.ipc.open_stream(dataset.data.data).read_all()
        if "measure" in table.column_names:
            return table.to_pylist()
    raise AssertionError("the timeline has no casualty bars")


@pytest.fixture(scope="module")
def seeded_url(tmp_path_factory, gazetteer):
    url = f"sqlite:///{tmp_path_factory.mktemp('dashboard') / 'store.db'}"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NEWSMAP_DATABASE_URL", url)
        _run()  # first start: the app ingests seeds/
    return url


@pytest.fixture
def app_env(seeded_url, monkeypatch):
    monkeypatch.setenv("NEWSMAP_DATABASE_URL", seeded_url)
    return seeded_url


@pytest.fixture(params=["held in memory", "asked of the store"])
def view_mode(request, monkeypatch):
    """Both ways the dashboard gets a view's events: a small store is held and filtered in memory; a
    large one (here: a limit of one event) is asked for each view's events."""
    if request.param == "asked of the store":
        monkeypatch.setenv("NEWSMAP_DASHBOARD_IN_MEMORY_EVENTS", "1")
    return request.param


@pytest.fixture(scope="module")
def seed_events(seeded_url):
    with Store(seeded_url) as store:
        assert not store.is_empty(), "the first start did not ingest seeds/"
        return store.event_dicts()


def _admin1_of(events, place: str) -> str:
    matches = [admin1_key(e) for e in events if e.get("location") == place]
    assert matches, f"no {place} event in the seed result"
    return matches[0]


def test_first_start_ingests_seeds_and_map_and_timeline_show_them(app_env, seed_events, view_mode):
    app = _run()
    located = [e["event_id"] for e in seed_events if e.get("latitude") is not None]
    assert located and sorted(map_event_ids(app)) == sorted(located)
    bars = timeline_rows(app)
    assert sum(row["people"] for row in bars if row["measure"] == "killed") == sum(
        e.get("killed") or 0 for e in seed_events
    )
    assert sum(row["people"] for row in bars) == sum((e.get("killed") or 0) + (e.get("wounded") or 0) for e in seed_events)
    assert "of {} events".format(len(seed_events)) in app.markdown[0].value


def test_region_filter_changes_map_timeline_and_url(app_env, seed_events, view_mode):
    app = _run()
    sumy = _admin1_of(seed_events, "Sumy")
    app.sidebar.multiselect(key="nm_w_regions").set_value([sumy]).run()
    assert not app.exception
    shown = {e["event_id"]: e for e in seed_events if e["event_id"] in map_event_ids(app)}
    assert {e["location"] for e in shown.values()} == {"Sumy", "Putyvl"}
    bars = timeline_rows(app)
    assert sum(row["people"] for row in bars) == sum(
        (e.get("killed") or 0) + (e.get("wounded") or 0) for e in shown.values()
    )
    assert "Kramatorsk" not in " ".join(row["events"] for row in bars)
    assert app.query_params.get("region") in (sumy, [sumy])


def test_type_and_casualty_filters_change_the_map(app_env, seed_events, view_mode):
    app = _run()
    app.sidebar.checkbox(key="nm_w_cas").check().run()
    with_figures = {e["event_id"] for e in seed_events if e.get("killed") or e.get("wounded")}
    assert with_figures and set(map_event_ids(app)) == with_figures
    app.sidebar.checkbox(key="nm_w_cas").uncheck().run()
    app.sidebar.multiselect(key="nm_w_types").set_value(["diplomatic"]).run()
    diplomatic = {e["event_id"] for e in seed_events if e["event_type"] == "diplomatic" and e.get("latitude")}
    assert set(map_event_ids(app)) == diplomatic
    assert timeline_rows(app) == []


def test_query_params_restore_a_filter(app_env, seed_events, view_mode):
    sumy = _admin1_of(seed_events, "Sumy")
    app = _run(query={"region": sumy, "casualties": "1"})
    assert app.sidebar.multiselect(key="nm_w_regions").value == [sumy]
    assert app.sidebar.checkbox(key="nm_w_cas").value is True
    expected = {
        e["event_id"] for e in seed_events
        if admin1_key(e) == sumy and (e.get("killed") or e.get("wounded"))
    }
    assert expected and set(map_event_ids(app)) == expected


def test_events_page_table_and_downloads(app_env, seed_events, view_mode):
    sumy = _admin1_of(seed_events, "Sumy")
    app = _run(query={"region": sumy}, page="pages/app/events.py")
    table = app.dataframe[0].value
    assert set(table["place"]) == {"Sumy", "Putyvl"}
    labels = [button.proto.label for button in app.get("download_button")]
    assert labels == ["CSV (ACLED columns)", "GeoJSON", "Map (standalone HTML, works offline)"]


def test_about_page_gives_attribution(app_env):
    app = _run(page="pages/app/about.py")
    text = " ".join(block.value for block in app.markdown)
    assert "GeoNames" in text and "CC BY 4.0" in text and "OpenStreetMap" in text


def test_reader_marks_places_and_links_events(app_env, seed_events):
    article_id = seed_events[0]["sources"][0]["article_id"]
    app = _run(query={"article": article_id}, page="pages/app/articles.py")
    bodies = [element.proto.body for element in app.get("html")]
    article = next(body for body in bodies if "nm-article" in body)
    assert "<span class='nm-pl'" in article and "href='#ev-0'" in article
    assert any("id='ev-0'" in body for body in bodies)


def test_reader_with_unknown_article_says_so(app_env):
    app = _run(query={"article": "no-such-article"}, page="pages/app/articles.py")
    assert "No stored article" in app.error[0].value


@pytest.fixture
def fresh_store(tmp_path, monkeypatch, gazetteer):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    monkeypatch.setenv("NEWSMAP_DATABASE_URL", url)
    return url


WRITTEN_ARTICLE = """date 2024-11-03
KHARKIV: Russian shelling hit a residential area of Chuhuiv on Sunday morning, killing two people and wounding six others, the regional governor said.
"""


def test_pasting_an_article_creates_events(fresh_store):
    app = _run(page="pages/app/articles.py")
    before = len(Store(fresh_store).event_dicts())
    app.text_area(key="nm_paste_text").input(WRITTEN_ARTICLE)
    app.button[0].click().run()  # the form's submit button
    assert not app.exception
    assert not app.error, [e.value for e in app.error]
    events = Store(fresh_store).event_dicts()
    assert len(events) > before
    new = [e for e in events if e["sources"][0]["source"] == "pasted text"]
    assert new and any(e["killed"] == 2 and e["wounded"] == 6 for e in new)
    assert "Stored" in app.success[0].value
    # The map (its query was cached before the write) shows the new event at once.
    map_app = _run()
    assert {e["event_id"] for e in new if e.get("latitude")} <= set(map_event_ids(map_app))


def test_bad_paste_gives_a_clear_error_and_keeps_the_store(fresh_store):
    app = _run(page="pages/app/articles.py")
    before = Store(fresh_store).articles()
    app.text_area(key="nm_paste_text").input("   \n  ")
    app.button[0].click().run()
    assert not app.exception
    assert app.error and "empty" in app.error[0].value
    assert Store(fresh_store).articles() == before


def test_uploads_are_checked_before_processing():
    from newsmap.errors import InputError
    from pages.app import common

    with pytest.raises(InputError, match="only .txt and .html"):
        common.article_from_upload("report.pdf", b"%PDF-1.4", None)
    with pytest.raises(InputError, match="upload limit"):
        common.article_from_upload("big.txt", b"a" * (common.MAX_UPLOAD_BYTES + 1), None)
    with pytest.raises(InputError, match="binary"):
        common.article_from_upload("x.txt", b"\x00\x01\x02 not text", None)
    with pytest.raises(InputError, match="UTF-8"):
        common.article_from_upload("x.txt", "Ukraine café".encode("latin-1"), None)
    article = common.article_from_upload("note.txt", WRITTEN_ARTICLE.encode(), None)
    assert article.source == "note.txt" and article.text == WRITTEN_ARTICLE


def test_url_ingest_fails_gracefully_on_bad_addresses():
    from newsmap.errors import InputError
    from pages.app import common

    with pytest.raises(InputError, match="not an http"):
        common.article_from_url("file:///etc/passwd", None)


def test_a_large_store_view_shows_its_newest_events_and_says_so(app_env, seed_events, monkeypatch):
    monkeypatch.setenv("NEWSMAP_DASHBOARD_IN_MEMORY_EVENTS", "1")
    monkeypatch.setenv("NEWSMAP_DASHBOARD_VIEW_EVENTS", "2")
    app = _run()
    newest = sorted(seed_events, key=lambda e: (e.get("event_date") or "", e["event_id"]))[-2:]
    assert set(map_event_ids(app)) == {e["event_id"] for e in newest if e.get("latitude") is not None}
    notes = [info.value for info in app.info]
    assert any(f"newest 2 of {len(seed_events)} matching events" in note for note in notes), notes


def test_date_range_filter_and_url(app_env, seed_events, view_mode):
    days = sorted({e["event_date"] for e in seed_events if e.get("event_date")})
    assert len(days) >= 2, "the seed spans several days"
    app = _run()
    first = event_day({"event_date": days[0]})
    app.sidebar.date_input(key="nm_w_dates").set_value((first, first)).run()
    assert not app.exception
    expected = {e["event_id"] for e in seed_events if e.get("event_date") == days[0] and e.get("latitude")}
    assert expected and set(map_event_ids(app)) == expected
    assert app.query_params.get("from") in (days[0], [days[0]])
    assert app.query_params.get("to") in (days[0], [days[0]])


def test_reload_picks_up_articles_ingested_elsewhere(fresh_store, pipeline):
    app = _run()
    before = set(map_event_ids(app))
    with Store(fresh_store) as store:  # as `python -m newsmap ingest` would, while the app runs
        store.add(pipeline.extract_text(WRITTEN_ARTICLE, source="cli"))
        added = {e["event_id"] for e in store.event_dicts() if e.get("latitude")} - before
    assert added
    app.run()
    assert set(map_event_ids(app)) == before, "queries are cached until a reload"
    app.sidebar.button(key="nm_reload").click().run()
    assert set(map_event_ids(app)) == before | added


def test_unusable_database_gives_a_one_line_error(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the database's folder should be")
    monkeypatch.setenv("NEWSMAP_DATABASE_URL", f"sqlite:///{blocker / 'store.db'}")
    app = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not app.exception
    assert app.error and app.error[0].value.startswith("newsmap: ")


# ------------------------------------------------------------------------------- corrections

CORRECTABLE_ARTICLE = """date 2024-11-05
KHARKIV: A Russian missile struck a warehouse in Chuhuiv on Tuesday, killing one worker and wounding four others, the regional governor said.
"""


@pytest.fixture
def downloads(monkeypatch):
    """What the page offers for download, by file name (read where Streamlit stores it)."""
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    offered: dict[str, str] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def record(self, path_or_data, mimetype, kind, filename=None):
        if filename:
            data = path_or_data.encode() if isinstance(path_or_data, str) else path_or_data
            offered[filename] = data.decode("utf-8")
        return original(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", record)
    return offered


@pytest.fixture
def one_event(fresh_store, pipeline):
    """A store holding one article of ours (so the app ingests no seeds); its event with figures."""
    with Store(fresh_store) as store:
        store.add(pipeline.extract_text(CORRECTABLE_ARTICLE, source="desk"))
        events = [e for e in store.event_dicts() if e.get("killed") or e.get("wounded")]
    assert len(events) == 1, events
    return events[0]


def _events_page_on(event_id: str) -> AppTest:
    app = _run(page="pages/app/events.py")
    next(box for box in app.selectbox if box.label == "Event").set_value(event_id).run()
    assert not app.exception
    (box,) = [box for box in app.selectbox if box.label == "Event"]
    assert box.value == event_id
    return app


def _number_input(app: AppTest, label: str):
    (found,) = [widget for widget in app.number_input if widget.label == label]
    return found


def _save(app: AppTest) -> AppTest:
    next(button for button in app.button if button.label == "Save correction").click().run()
    assert not app.exception, [e.message for e in app.exception]
    return app


def _table_row(app: AppTest, event_id: str) -> dict:
    table = app.dataframe[0].value
    rows = table[table["event_id"] == event_id].to_dict("records")
    assert len(rows) == 1
    return rows[0]


def _csv_row(downloads: dict[str, str], event_id: str) -> dict:
    import csv
    import io

    rows = [r for r in csv.DictReader(io.StringIO(downloads["newsmap-events.csv"])) if r["event_id_cnty"] == event_id]
    assert len(rows) == 1
    return rows[0]


def test_a_correction_from_the_form_reaches_table_export_and_survives_reprocessing(
    one_event, fresh_store, pipeline, downloads
):
    event_id = one_event["event_id"]
    new_wounded = (one_event["wounded"] or 0) + 3
    app = _events_page_on(event_id)
    assert _table_row(app, event_id)["corrected"] == ""
    _number_input(app, "Wounded").set_value(new_wounded)
    _number_input(app, "Children wounded").set_value(1)
    app.text_input(key="nm_fix_author").input("Desk analyst")
    _save(app)
    assert not app.error, [e.value for e in app.error]
    assert "Correction saved" in app.success[0].value

    (box,) = [box for box in app.selectbox if box.label == "Event"]
    assert box.value == event_id and f"{new_wounded} wounded" in box.options[box.index]
    row = _table_row(app, event_id)
    assert row["wounded"] == new_wounded and row["killed"] == one_event["killed"]
    assert row["corrected"] == "wounded, children wounded"
    csv_row = _csv_row(downloads, event_id)
    assert csv_row["wounded"] == str(new_wounded) and csv_row["children_wounded"] == "1"
    history = Store(fresh_store).corrections(event_id)
    assert {(h["field"], h["value"], h["extracted_value"], h["author"]) for h in history} == {
        ("wounded", new_wounded, one_event["wounded"], "Desk analyst"),
        ("children_wounded", 1, one_event["children_wounded"], "Desk analyst"),
    }
    history_table = app.dataframe[1].value
    assert set(history_table["what"]) == {"wounded", "children wounded"}

    with Store(fresh_store) as store:
        assert store.reprocess(pipeline) == 1
    downloads.clear()
    app = _events_page_on(event_id)
    assert _table_row(app, event_id)["wounded"] == new_wounded
    assert _csv_row(downloads, event_id)["wounded"] == str(new_wounded)
    assert _csv_row(downloads, event_id)["corrected"] == "children_wounded,wounded"


def test_picking_a_new_place_from_the_gazetteer(one_event, fresh_store, gazetteer):
    event_id = one_event["event_id"]
    app = _events_page_on(event_id)
    query = next(widget for widget in app.text_input if widget.label.startswith("New place"))
    query.input("Lviv").run()
    pick = next(widget for widget in app.selectbox if widget.label == "Place found")
    wanted = next(gazetteer.location(e) for e in gazetteer.search("Lviv") if gazetteer.location(e).feature_class == "city")
    index = next(i for i, label in enumerate(pick.options) if label.startswith(f"{wanted.name} — {wanted.admin1}"))
    pick.set_value(index).run()
    _save(app)
    assert not app.error, [e.value for e in app.error]
    row = _table_row(app, event_id)
    assert (row["place"], row["admin1"], row["country"]) == (wanted.name, wanted.admin1, wanted.country)
    assert row["corrected"] == "place"
    stored = Store(fresh_store).event_dicts(event_ids=[event_id])[0]
    assert (stored["latitude"], stored["longitude"], stored["geonameid"]) == (
        wanted.latitude, wanted.longitude, wanted.geonameid)
    # The map shows the event at its new place and says it was corrected.
    map_app = _run()
    frames = map_app.get("iframe")
    rows = json.loads(re.search(r"var rows = (\{.*?\});\n", frames[0].proto.srcdoc, re.S).group(1))
    index = [r[mapview.MARKER_FIELDS.index("id")] for r in rows["props"]].index(event_id)
    assert rows["lat"][index] == pytest.approx(wanted.latitude, abs=1e-4)
    assert rows["props"][index][mapview.MARKER_FIELDS.index("k")] == "place"


def test_bad_corrections_give_an_error_and_change_nothing(one_event, fresh_store):
    event_id = one_event["event_id"]
    before = Store(fresh_store).event_dicts()
    app = _events_page_on(event_id)
    _number_input(app, "Killed").set_value(-2)
    _save(app)
    assert app.error and "killed" in app.error[0].value and "0 or more" in app.error[0].value
    assert not app.success

    app = _events_page_on(event_id)
    query = next(widget for widget in app.text_input if widget.label.startswith("New place"))
    query.input("Qqzxvillexx").run()
    assert app.warning and "Qqzxvillexx" in app.warning[0].value
    _number_input(app, "Wounded").set_value(40)
    _save(app)
    assert app.error and "no place called" in app.error[0].value
    assert Store(fresh_store).event_dicts() == before
    assert Store(fresh_store).corrections() == []


SECOND_REPORT = """date 2024-11-05
A Russian missile hit a warehouse in the town of Chuhuiv in Kharkiv region on Tuesday, wounding five people, local officials said.
"""


def test_events_reported_by_several_sources_say_whether_they_agree(fresh_store, pipeline):
    with Store(fresh_store) as store:
        store.add(pipeline.extract_text(CORRECTABLE_ARTICLE, source="https://www.example-wire.com/a1"))
        store.add(pipeline.extract_text(SECOND_REPORT, source="https://news.example.org/b2"))
        (merged,) = [e for e in store.event_dicts() if e["n_sources"] == 2]
    app = _run(page="pages/app/events.py")
    row = _table_row(app, merged["event_id"])
    assert row["sources"] == 2
    assert row["figures_by_source"] == (
        f"example-wire.com says {casualty_text(merged['sources'][0])}; "
        f"news.example.org says {casualty_text(merged['sources'][1])}"
    )
    assert merged["sources"][0]["wounded"] != merged["sources"][1]["wounded"]
    map_app = _run()
    rows = json.loads(re.search(r"var rows = (\{.*?\});\n", map_app.get("iframe")[0].proto.srcdoc, re.S).group(1))
    (props,) = [r for r in rows["props"] if r[mapview.MARKER_FIELDS.index("id")] == merged["event_id"]]
    assert props[mapview.MARKER_FIELDS.index("f")].startswith("reported by 2 sources; figures: example-wire.com says")


MARKDOWN_HEADLINE = "Depot hit ![x](http://example.invalid/p.png) [read more](http://example.invalid/)"


def test_markdown_in_an_article_title_stays_text(fresh_store):
    app = _run(page="pages/app/articles.py")
    app.text_area(key="nm_paste_text").input(MARKDOWN_HEADLINE + "\n" + WRITTEN_ARTICLE.split("\n", 1)[1])
    app.button[0].click().run()
    assert not app.exception and not app.error, [e.value for e in app.error]
    (stored,) = [a for a in Store(fresh_store).articles() if a["title"] == MARKDOWN_HEADLINE]
    reader = _run(query={"article": stored["article_id"]}, page="pages/app/articles.py")
    title = reader.title[0].value
    # Every markup character is escaped, so Streamlit's markdown forms no image and no link.
    assert "\\!\\[x\\]\\(http\\:" in title and "\\[read more\\]" in title
