"""The store on SQLite and PostgreSQL: round trips, idempotent ingest, merging, corrections, reprocess,
migrations.

Articles here are short texts written for the tests; their places come from the gazetteer and their
events are built from spans of that text, so the store is tested apart from the extraction stages
(``test_real_pipeline_*`` runs the real pipeline too).
"""

from __future__ import annotations

import json
import os
import uuid
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from newsmap.errors import InputError, NewsmapError
from newsmap.filters import Filters, admin1_key
from newsmap.gazetteer import distance_km
from newsmap.ingest import article_from_text
from newsmap.records import Event, Extraction, Place, Summary
from newsmap.store import EVENT_FIELDS, Store, create_store_engine, head_revision, metadata, migrate

POSTGRES_HINT = "set NEWSMAP_TEST_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test to run"
DAY = date(2025, 3, 14)


# -- the two databases --------------------------------------------------------------------------------


def _postgres_unavailable(reason: str):
    if os.environ.get("NEWSMAP_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"NEWSMAP_REQUIRE_POSTGRES=1 but {reason}")
    pytest.skip(f"{reason}; {POSTGRES_HINT}")


@contextmanager
def fresh_postgres_schema():
    """A URL whose connections use a new, empty schema (dropped afterwards): CI's server is shared."""
    base = os.environ.get("NEWSMAP_TEST_POSTGRES_URL")
    if not base:
        _postgres_unavailable("NEWSMAP_TEST_POSTGRES_URL is not set")
    admin = sa.create_engine(base, poolclass=NullPool)
    schema = f"newsmap_test_{uuid.uuid4().hex[:12]}"
    try:
        with admin.begin() as connection:
            connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    except sa.exc.OperationalError as error:
        admin.dispose()
        _postgres_unavailable(f"PostgreSQL is unreachable ({str(error.orig).splitlines()[0]})")
    try:
        url = sa.make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
    else:
        with fresh_postgres_schema() as url:
            yield url


@pytest.fixture
def store(store_url):
    with Store(store_url) as opened:
        yield opened


# -- articles written for the tests -------------------------------------------------------------------


def place_in(gazetteer, text: str, name: str, country: str, occurrence: int = 1, role: str = "location") -> Place:
    """The ``occurrence``-th mention of ``name`` in ``text``, resolved through the gazetteer."""
    start = -1
    for _ in range(occurrence):
        start = text.index(name, start + 1)
    found = gazetteer.search(name, [country])
    assert found, f"the gazetteer has no {name} in {country}"
    return Place(name, start, start + len(name), role, gazetteer.location(found[0]))


def sentence_around(text: str, start: int) -> tuple[str, int, int]:
    """The line holding ``start`` (test articles put one sentence per line)."""
    begin = text.rfind("\n", 0, start) + 1
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    return text[begin:end], begin, end


def report(gazetteer, text: str, source: str, events: list[dict], published: date = DAY,
           summaries: list[dict] = ()) -> Extraction:
    """An Extraction of ``text``: each event dict names its place (name, country, occurrence) and
    gives the Event fields to set; the excerpt is the sentence of the place mention."""
    article = article_from_text(text, source=source, published=published)
    places, built = [], []
    for index, spec in enumerate(events):
        spec = dict(spec)
        place = None
        if "place" in spec:
            name, country = spec.pop("place"), spec.pop("country")
            place = place_in(gazetteer, text, name, country, spec.pop("occurrence", 1))
            places.append(place)
            excerpt, start, end = sentence_around(text, place.start)
        else:
            excerpt, start, end = sentence_around(text, text.index(spec.pop("anchor")))
        spec.setdefault("event_date", published)
        built.append(Event(event_id=f"{article.article_id}-{index}", article_id=article.article_id,
                           excerpt=excerpt, excerpt_start=start, excerpt_end=end, place=place,
                           geo_precision=1 if place else None, **spec))
    built_summaries = []
    for spec in summaries:
        start = text.index(spec["text"])
        built_summaries.append(Summary(spec["text"], start, start + len(spec["text"]), spec.get("killed"),
                                       spec.get("wounded")))
    places.sort(key=lambda p: p.start)
    return Extraction(article=article, places=places, events=built, summaries=built_summaries)


BUCHA_A = (
    "Glide bombs hit Bucha\n"
    "Russian glide bombs struck Bucha overnight, killing 3 people and wounding 10, the regional governor said.\n"
    "Air defences were active over Kyiv.\n"
)
IRPIN_B = (
    "Strike near the capital\n"
    "An air strike on Irpin killed 5 residents, officials said on Friday.\n"
)


def bucha_report(gazetteer, **changes) -> Extraction:
    spec = dict(place="Bucha", country="UA", event_type="glide_bomb", weapon="glide bomb", killed=3, wounded=10)
    spec.update(changes)
    return report(gazetteer, BUCHA_A, "outlet-a.txt", [spec])


def irpin_report(gazetteer, **changes) -> Extraction:
    spec = dict(place="Irpin", country="UA", event_type="air_strike", killed=5)
    spec.update(changes)
    return report(gazetteer, IRPIN_B, "outlet-b.txt", [spec])


def only(events: list[dict]) -> dict:
    assert len(events) == 1, events
    return events[0]


# -- storing articles ---------------------------------------------------------------------------------


def test_article_returns_an_extraction_equal_to_the_one_stored(store, gazetteer):
    text = (
        "date 2025-03-14\n"
        "Overnight attacks\n"
        "KHARKIV, Ukraine (Wire) — Drones hit Kharkiv overnight, wounding 4 people, including a child.\n"
        "Shelling of Kherson killed 2 people, the Kherson regional administration said.\n"
        "In all, 6 people were hurt across the country, officials said.\n"
        "Talks continued elsewhere.\n"
    )
    extraction = report(gazetteer, text, "wire.txt", [
        dict(place="Kharkiv", country="UA", event_type="drone_strike", weapon="drone",
             actor="Russia", wounded=4, children_wounded=1, acled_event_type="Explosions/Remote violence",
             acled_sub_event_type="Air/drone strike"),
        dict(place="Kherson", country="UA", event_type="shelling", killed=2),
        dict(anchor="Talks", event_type="diplomatic", event_date=None),
    ], summaries=[dict(text="6 people were hurt", wounded=6)])
    unresolved = Place("Wire", text.index("Wire"), text.index("Wire") + 4, "organization", None)
    dateline = replace(place_in(gazetteer, text, "Kharkiv", "UA"), text="KHARKIV", role="dateline",
                       start=text.index("KHARKIV"), end=text.index("KHARKIV") + 7)
    extraction.places += [unresolved, dateline]
    extraction.places.sort(key=lambda p: p.start)
    assert extraction.article.dateline is not None  # the test relies on ingest finding "KHARKIV, Ukraine"

    result = store.add(extraction)

    assert (result.article_id, result.created, result.n_events) == (extraction.article.article_id, True, 3)
    assert store.article(extraction.article.article_id) == extraction
    assert store.article("no-such-article") is None


def test_the_same_article_twice_is_stored_once(store, gazetteer):
    extraction = bucha_report(gazetteer)
    first = store.add(extraction)
    events_after_first = store.event_dicts()
    second = store.add(extraction)

    assert first.created and not second.created
    assert second.article_id == first.article_id and second.n_events == 1
    assert [a["article_id"] for a in store.articles()] == [first.article_id]
    assert store.event_dicts() == events_after_first
    assert only(store.event_dicts())["n_sources"] == 1


def test_hostile_article_text_is_stored_verbatim(store, gazetteer):
    text = (
        "<script>alert('x')</script> Strike on Kharkiv\r\n"
        "A strike hit Kharkiv <img src=x onerror=\"alert(1)\"> and <a href=\"javascript:alert(2)\">wounded</a> 7.\r\n"
        "<svg onload=alert(3)><circle r=\"1\"/></svg> &amp; &lt;b&gt; \u202eevil\u202c \U0001f4a5 «quoted» naïve\r\n"
    )
    extraction = report(gazetteer, text, "<b>outlet</b>.txt", [
        dict(place="Kharkiv", country="UA", occurrence=2, event_type="missile_strike", wounded=7),
    ])
    stored = store.add(extraction)

    article = store.article(stored.article_id).article
    assert article.text == text and article.text.encode("utf-8") == text.encode("utf-8")
    assert article.source == "<b>outlet</b>.txt"
    event = only(store.event_dicts())
    assert event["excerpt"] == text[event["excerpt_start"]:event["excerpt_end"]]
    assert "<img src=x onerror=\"alert(1)\">" in event["excerpt"]
    assert event["sources"][0]["source"] == "<b>outlet</b>.txt"


def test_nul_characters_are_refused_on_every_database(store, gazetteer):
    extraction = bucha_report(gazetteer)
    broken = replace(extraction, article=replace(extraction.article, text=extraction.article.text + "\x00"))
    with pytest.raises(InputError, match="NUL"):
        store.add(broken)
    assert store.is_empty()


def test_articles_lists_what_is_stored(store, gazetteer):
    assert store.is_empty() and store.articles() == []
    a = store.add(bucha_report(gazetteer))
    b = store.add(irpin_report(gazetteer))
    listed = store.articles()
    assert [row["article_id"] for row in listed] == [a.article_id, b.article_id]
    assert listed[0]["source"] == "outlet-a.txt" and listed[0]["title"] == "Glide bombs hit Bucha"
    assert listed[0]["published"] == DAY.isoformat() and listed[0]["n_events"] == 1
    assert not store.is_empty()


# -- merging ------------------------------------------------------------------------------------------


def test_two_outlets_reporting_one_strike_give_one_event_listing_both(store, gazetteer):
    bucha, irpin = bucha_report(gazetteer), irpin_report(gazetteer)
    here, there = bucha.events[0].place.location, irpin.events[0].place.location
    assert distance_km(here.latitude, here.longitude, there.latitude, there.longitude) < 10
    store.add(bucha)
    store.add(irpin)

    event = only(store.event_dicts())
    assert event["n_sources"] == 2
    assert event["killed"] == 5  # the highest any source states
    assert event["wounded"] == 10  # only outlet A states it
    assert event["children_killed"] is None  # nobody states it
    assert event["location"] == "Bucha"  # the first report anchors the incident
    assert event["event_type"] == "glide_bomb"
    sources = {s["source"]: s for s in event["sources"]}
    assert (sources["outlet-a.txt"]["killed"], sources["outlet-a.txt"]["wounded"]) == (3, 10)
    assert (sources["outlet-b.txt"]["killed"], sources["outlet-b.txt"]["wounded"]) == (5, None)
    assert sources["outlet-b.txt"]["excerpt"] == "An air strike on Irpin killed 5 residents, officials said on Friday."
    assert sources["outlet-b.txt"]["event_type"] == "air_strike"
    assert set(EVENT_FIELDS) <= set(event) and event["corrected"] == []


def test_merged_figures_do_not_depend_on_the_order_articles_arrive(store_url, gazetteer, tmp_path):
    with Store(store_url) as store:
        store.add(irpin_report(gazetteer))
        store.add(bucha_report(gazetteer))
        event = only(store.event_dicts())
    assert (event["n_sources"], event["killed"], event["wounded"]) == (2, 5, 10)
    assert event["location"] == "Irpin"


def test_a_clock_set_back_does_not_reorder_ingestion(store, gazetteer, monkeypatch):
    import newsmap.store as store_module

    first = store.add(bucha_report(gazetteer))

    class SetBack(store_module.datetime):
        @classmethod
        def now(cls, tz=None):
            return store_module.datetime(2001, 1, 1, tzinfo=tz)

    monkeypatch.setattr(store_module, "datetime", SetBack)
    second = store.add(irpin_report(gazetteer))
    assert [a["article_id"] for a in store.articles()] == [first.article_id, second.article_id]
    assert only(store.event_dicts())["location"] == "Bucha"


@pytest.mark.parametrize("difference", ["farther than 10 km", "another day", "another kind of event"])
def test_reports_that_differ_stay_separate_events(store, gazetteer, difference):
    store.add(bucha_report(gazetteer))
    if difference == "farther than 10 km":
        text = "Strike on the capital\nAn air strike on Kyiv killed 5 residents.\n"
        other = report(gazetteer, text, "outlet-c.txt",
                       [dict(place="Kyiv", country="UA", event_type="air_strike", killed=5)])
        here = store.article(store.articles()[0]["article_id"]).events[0].place.location
        there = other.events[0].place.location
        assert distance_km(here.latitude, here.longitude, there.latitude, there.longitude) > 10
    elif difference == "another day":
        other = irpin_report(gazetteer, event_date=date(2025, 3, 15))
    else:
        other = irpin_report(gazetteer, event_type="drones_downed", killed=None)
    store.add(other)
    events = store.event_dicts()
    assert len(events) == 2 and all(e["n_sources"] == 1 for e in events)


def test_every_kind_of_bombardment_counts_as_one_class_of_incident(store, gazetteer):
    store.add(bucha_report(gazetteer, event_type="shelling"))
    store.add(irpin_report(gazetteer, event_type="missile_strike"))
    store.add(report(gazetteer, "Drones\nA drone strike on Irpin wounded 2.\n", "outlet-d.txt",
                     [dict(place="Irpin", country="UA", event_type="drone_strike", wounded=2)]))
    event = only(store.event_dicts())
    assert event["n_sources"] == 3 and (event["killed"], event["wounded"]) == (5, 10)


def test_two_events_in_one_article_stay_apart_even_at_one_place(store, gazetteer):
    text = ("Two strikes on Kharkiv\n"
            "In the morning a missile hit Kharkiv, wounding 4.\n"
            "Hours later drones struck Kharkiv again, wounding 7.\n")
    store.add(report(gazetteer, text, "twice.txt", [
        dict(place="Kharkiv", country="UA", occurrence=2, event_type="missile_strike", wounded=4),
        dict(place="Kharkiv", country="UA", occurrence=3, event_type="drone_strike", wounded=7),
    ]))
    events = store.event_dicts()
    assert sorted(e["wounded"] for e in events) == [4, 7]
    assert len({e["event_id"] for e in events}) == 2


def test_a_region_merges_only_with_the_same_region(store, gazetteer):
    region = gazetteer.location(gazetteer.search("Kyiv Oblast", ["UA"])[0])
    assert region.feature_class == "admin1"
    text = "Drones downed\nAir defences downed 12 drones over the Kyiv region and near Irpin.\n"
    article = article_from_text(text, source="region.txt", published=DAY)
    start = text.index("Kyiv region")
    place = Place("Kyiv region", start, start + len("Kyiv region"), "location", region)
    line, line_start, line_end = sentence_around(text, start)
    region_event = Event(f"{article.article_id}-0", article.article_id, DAY, "drones_downed", line, line_start,
                         line_end, place, geo_precision=3)
    store.add(Extraction(article, [place], [region_event]))
    store.add(irpin_report(gazetteer, event_type="drones_downed", killed=None))
    again = article_from_text(text.replace("12", "14"), source="region2.txt", published=DAY)
    store.add(Extraction(again, [place], [replace(region_event, event_id=f"{again.article_id}-0",
                                                   article_id=again.article_id)]))
    events = store.event_dicts()
    assert sorted(e["n_sources"] for e in events) == [1, 2]
    assert {e["location"] for e in events if e["n_sources"] == 2} == {region.name}


# -- corrections --------------------------------------------------------------------------------------


def test_a_correction_is_applied_marked_and_kept_beside_the_extracted_value(store, gazetteer):
    store.add(bucha_report(gazetteer))
    event_id = only(store.event_dicts())["event_id"]

    returned = store.correct(event_id, {"killed": 4, "children_killed": "1", "event_type": "missile_strike",
                                        "event_date": "2025-03-13"}, author="Desk editor")

    event = only(store.event_dicts())
    assert returned == event
    assert (event["killed"], event["children_killed"], event["event_type"], event["event_date"]) == (
        4, 1, "missile_strike", "2025-03-13")
    assert event["corrected"] == ["children_killed", "event_date", "event_type", "killed"]
    assert event["extracted_values"] == {"killed": 3, "children_killed": None, "event_type": "glide_bomb",
                                         "event_date": DAY.isoformat()}
    assert event["sources"][0]["killed"] == 3  # what the article said stays visible
    history = {c["field"]: c for c in store.corrections(event_id)}
    assert history["killed"]["value"] == 4 and history["killed"]["extracted_value"] == 3
    assert history["killed"]["author"] == "Desk editor" and history["killed"]["created_at"]


def test_correcting_the_place_moves_the_event(store, gazetteer):
    store.add(bucha_report(gazetteer))
    event_id = only(store.event_dicts())["event_id"]
    right = gazetteer.location(gazetteer.search("Vorzel", ["UA"])[0])
    store.correct(event_id, {"location": right.name, "latitude": right.latitude, "longitude": right.longitude,
                             "admin1": right.admin1, "country": "ua"})
    event = only(store.event_dicts())
    assert (event["location"], event["latitude"], event["longitude"], event["country"]) == (
        right.name, right.latitude, right.longitude, "UA")
    assert event["geonameid"] is None  # the extracted gazetteer entry no longer applies
    assert {"location", "latitude", "longitude", "geonameid"} <= set(event["corrected"])
    assert "country" not in event["corrected"]  # UA was already right: no change, nothing logged


def test_the_latest_correction_of_a_field_wins(store, gazetteer):
    store.add(bucha_report(gazetteer))
    event_id = only(store.event_dicts())["event_id"]
    store.correct(event_id, {"wounded": 12}, author="first")
    store.correct(event_id, {"wounded": 11}, author="second")
    event = only(store.event_dicts())
    assert event["wounded"] == 11 and event["extracted_values"] == {"wounded": 10}
    assert [c["extracted_value"] for c in store.corrections(event_id)] == [10, 10]


@pytest.mark.parametrize("changes, message", [
    ({}, "at least one field"),
    ({"killed": -1}, "killed"),
    ({"killed": True}, "killed"),
    ({"wounded": "many"}, "wounded"),
    ({"event_type": "bombing"}, "event_type"),
    ({"event_date": "14/03/2025"}, "event_date"),
    ({"latitude": 50.0}, "together"),
    ({"latitude": 91, "longitude": 30}, "latitude"),
    ({"latitude": 50, "longitude": float("nan")}, "longitude"),
    ({"country": "Ukraine"}, "country"),
    ({"location": "  "}, "location"),
    ({"excerpt": "rewritten"}, "cannot correct excerpt"),
])
def test_bad_corrections_are_refused_and_change_nothing(store, gazetteer, changes, message):
    store.add(bucha_report(gazetteer))
    before = store.event_dicts()
    with pytest.raises(InputError, match=message):
        store.correct(before[0]["event_id"], changes)
    assert store.event_dicts() == before and store.corrections() == []


def test_correcting_an_unknown_event_is_refused(store):
    with pytest.raises(InputError, match="no stored event"):
        store.correct("ev-0000000000000000", {"killed": 1})


def test_corrections_survive_new_sources_and_reprocessing(store, gazetteer):
    store.add(bucha_report(gazetteer))
    event_id = only(store.event_dicts())["event_id"]
    store.correct(event_id, {"killed": 2, "event_type": "air_strike"}, author="analyst")

    store.add(irpin_report(gazetteer))  # a second source joins the incident
    event = only(store.event_dicts())
    assert event["event_id"] == event_id and event["n_sources"] == 2
    assert (event["killed"], event["event_type"]) == (2, "air_strike")
    assert event["extracted_values"] == {"killed": 5, "event_type": "glide_bomb"}

    # The pipeline improves: it now reads 4 wounded and calls it a missile strike.
    class BetterPipeline:
        version = "test-2"

        def extract(self, article):
            if "Bucha" in article.text:
                return bucha_report(gazetteer, event_type="missile_strike", wounded=4)
            return irpin_report(gazetteer)

    assert store.reprocess(BetterPipeline()) == 2
    event = only(store.event_dicts())
    assert event["event_id"] == event_id
    assert (event["killed"], event["event_type"], event["wounded"]) == (2, "air_strike", 4)
    assert sorted(event["corrected"]) == ["event_type", "killed"]
    assert {a["pipeline_version"] for a in store.articles()} == {"test-2"}


def test_reprocess_replaces_what_was_extracted(store, gazetteer):
    stored = store.add(bucha_report(gazetteer))

    class FewerEvents:
        def extract(self, article):
            return Extraction(article=article)

    assert store.reprocess(FewerEvents()) == 1
    assert store.event_dicts() == []
    assert store.article(stored.article_id).events == []
    assert store.article(stored.article_id).article.text == BUCHA_A


def test_a_failing_reprocess_leaves_the_store_as_it_was(store, gazetteer):
    store.add(bucha_report(gazetteer))
    store.add(irpin_report(gazetteer))
    before = store.event_dicts()

    class Broken:
        def extract(self, article):
            if "Irpin" in article.text:
                raise RuntimeError("stage crashed")
            return Extraction(article=article)

    with pytest.raises(RuntimeError):
        store.reprocess(Broken())
    assert store.event_dicts() == before


def test_deleting_an_article_removes_it_from_merged_events(store, gazetteer):
    a = store.add(bucha_report(gazetteer))
    store.add(irpin_report(gazetteer))
    assert store.delete_article(a.article_id) is True
    assert store.delete_article(a.article_id) is False
    event = only(store.event_dicts())
    assert event["n_sources"] == 1 and event["location"] == "Irpin" and event["wounded"] is None


def test_corrections_of_an_incident_no_longer_stored_are_kept_but_marked_unapplied(store, gazetteer):
    a = store.add(bucha_report(gazetteer))
    event_id = only(store.event_dicts())["event_id"]
    store.correct(event_id, {"killed": 4})
    store.delete_article(a.article_id)
    assert store.event_dicts() == []
    assert [(c["field"], c["applied"]) for c in store.corrections()] == [("killed", False)]
    store.add(bucha_report(gazetteer))  # the same incident again: the correction applies again
    event = only(store.event_dicts())
    assert event["event_id"] == event_id and event["killed"] == 4
    assert store.corrections()[0]["applied"] is True


# -- reading events -----------------------------------------------------------------------------------


def _many_places(gazetteer):
    text = (
        "Round-up\n"
        "A drone strike on Kharkiv wounded 3.\n"
        "Shelling hit Kherson, with no casualties reported.\n"
        "In Lviv, air defences downed drones.\n"
        "A missile strike on Kharkiv killed 1 on Saturday.\n"
    )
    return report(gazetteer, text, "roundup.txt", [
        dict(place="Kharkiv", country="UA", event_type="drone_strike", wounded=3),
        dict(place="Kherson", country="UA", event_type="shelling"),
        dict(place="Lviv", country="UA", event_type="drones_downed"),
        dict(place="Kharkiv", country="UA", occurrence=2, event_type="missile_strike", killed=1,
             event_date=date(2025, 3, 15)),
    ])


def test_event_dicts_filters(store, gazetteer):
    store.add(_many_places(gazetteer))
    store.add(bucha_report(gazetteer))

    def places(**filters):
        return sorted((e["location"], e["event_date"]) for e in store.event_dicts(**filters))

    assert len(places()) == 5
    assert places(date_from="2025-03-15") == [("Kharkiv", "2025-03-15")]
    assert places(date_to=DAY) == sorted([("Kharkiv", "2025-03-14"), ("Kherson", "2025-03-14"),
                                          ("Lviv", "2025-03-14"), ("Bucha", "2025-03-14")])
    assert places(event_types=["shelling", "glide_bomb"]) == [("Bucha", "2025-03-14"), ("Kherson", "2025-03-14")]
    assert places(with_casualties=True) == [("Bucha", "2025-03-14"), ("Kharkiv", "2025-03-14"),
                                            ("Kharkiv", "2025-03-15")]
    assert places(admin1=["Lviv Oblast", "Kherson Oblast"]) == [("Kherson", "2025-03-14"), ("Lviv", "2025-03-14")]
    assert places(countries=["PL"]) == []
    assert len(places(countries=["UA"])) == 5
    assert places(event_types=[]) == []

    # Filters see corrected values.
    kherson = store.event_dicts(event_types=["shelling"])[0]["event_id"]
    store.correct(kherson, {"wounded": 2})
    assert ("Kherson", "2025-03-14") in places(with_casualties=True)
    with pytest.raises(InputError):
        store.event_dicts(date_from="last week")


def test_the_dashboard_filters_asked_of_the_store_give_what_they_give_in_memory(store, gazetteer):
    # A large store is queried per view with the same filters the dashboard applies in memory.
    store.add(_many_places(gazetteer))
    store.add(bucha_report(gazetteer))
    everything = store.event_dicts()
    kyiv_oblast = next(admin1_key(e) for e in everything if e["location"] == "Bucha")
    for filters in (Filters(), Filters(regions=("UA",)), Filters(regions=(kyiv_oblast,)),
                    Filters(regions=("PL", kyiv_oblast)), Filters(regions=("PL",)),
                    Filters(event_types=("shelling", "glide_bomb")), Filters(casualties_only=True),
                    Filters(start=date(2025, 3, 15)), Filters(end=DAY, regions=("UA",), casualties_only=True)):
        wanted = [e["event_id"] for e in filters.apply(everything)]
        assert [e["event_id"] for e in store.event_dicts(**filters.store_arguments())] == wanted, filters
        assert store.count_events(**filters.store_arguments()) == len(wanted), filters
    newest = store.event_dicts(newest=2)
    assert [e["event_date"] for e in newest] == sorted(e["event_date"] for e in everything)[-2:]


def test_the_event_overview_matches_the_events(store, gazetteer):
    store.add(_many_places(gazetteer))
    store.add(bucha_report(gazetteer))
    everything = store.event_dicts()
    overview = store.event_overview()
    assert overview["n_events"] == len(everything)
    days = sorted(e["event_date"] for e in everything)
    assert (overview["first_day"], overview["last_day"]) == (days[0], days[-1])
    assert set(overview["regions"]) == {(e["country"], e["admin1"]) for e in everything}
    assert {name: (country, admin1) for name, country, admin1 in overview["places"]} == {
        e["location"]: (e["country"], e["admin1"]) for e in everything}
    dismissed = everything[0]["event_id"]
    store.review(dismissed, "dismissed")
    assert store.event_overview()["n_events"] == len(everything) - 1


def test_event_dicts_reads_everything_in_one_query(store, gazetteer):
    for copy in range(30):
        extraction = _many_places(gazetteer)
        text = extraction.article.text + f"Update {copy}.\n"
        article = replace(extraction.article, text=text, article_id=f"copy-{copy}", source=f"copy-{copy}.txt")
        store.add(replace(extraction, article=article))
    statements = []
    sa.event.listen(store.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    events = store.event_dicts()
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 1
    assert len(events) == 4 and all(e["n_sources"] == 30 for e in events)
    assert all(len(e["sources"]) == 30 for e in events)


def test_event_dicts_output_is_json_serialisable(store, gazetteer):
    store.add(_many_places(gazetteer))
    events = store.event_dicts()
    assert json.loads(json.dumps(events)) == events


# -- opening, migrations ------------------------------------------------------------------------------


def test_the_schema_the_migrations_build_is_the_one_the_code_uses(store_url):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with Store(store_url) as store, store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    assert differences == []


def test_a_database_from_the_first_revision_keeps_its_data_when_upgraded(store_url, gazetteer):
    """Data written by the first schema (as its code wrote it) is all there after the upgrade."""
    extraction = bucha_report(gazetteer)
    engine = create_store_engine(store_url)
    migrate(engine, "0001")
    with engine.begin() as connection:
        tables = {name: sa.Table(name, sa.MetaData(), autoload_with=connection)
                  for name in ("articles", "places", "extracted_events", "corrections", "alembic_version")}
        assert "store_meta" not in sa.inspect(connection).get_table_names()
        assert connection.execute(sa.select(tables["alembic_version"])).scalar() == "0001"
        from newsmap.store import _article_row, _content_rows  # how revision 0001 wrote rows

        connection.execute(sa.insert(tables["articles"]), [_article_row(extraction.article, "0.0.1")])
        places, events, _ = _content_rows(extraction, extraction.article.article_id)
        first_columns = set(tables["extracted_events"].c.keys())  # columns added later didn't exist yet
        events = [{k: v for k, v in row.items() if k in first_columns} for row in events]
        connection.execute(sa.insert(tables["places"]), places)
        connection.execute(sa.insert(tables["extracted_events"]), events)
    engine.dispose()

    with Store(store_url) as store:
        assert store.article(extraction.article.article_id) == extraction
        event = only(store.event_dicts())  # merged on first open under the new revision
        assert event["killed"] == 3 and event["sources"][0]["source"] == "outlet-a.txt"
        store.correct(event["event_id"], {"killed": 4})
    with Store(store_url) as reopened:
        assert only(reopened.event_dicts())["killed"] == 4
        with reopened.engine.connect() as connection:
            assert connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == head_revision()


def test_without_settings_the_store_is_in_the_repository_data_folder(monkeypatch):
    from newsmap.store.engine import data_dir

    monkeypatch.delenv("NEWSMAP_DATA_DIR", raising=False)
    repository = Path(__file__).resolve().parents[1]
    assert data_dir() == repository / "data"  # beside data/cache, where make puts the gazetteer


def test_default_store_lives_under_the_data_directory(tmp_path, monkeypatch, gazetteer):
    monkeypatch.delenv("NEWSMAP_DATABASE_URL", raising=False)
    monkeypatch.setenv("NEWSMAP_DATA_DIR", str(tmp_path / "data"))
    with Store() as store:
        store.add(bucha_report(gazetteer))
        assert store.dialect == "sqlite"
        with store.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    assert (tmp_path / "data" / "newsmap.db").exists()
    monkeypatch.setenv("NEWSMAP_DATABASE_URL", f"sqlite:///{tmp_path / 'elsewhere.db'}")
    with Store() as store:
        assert store.is_empty()
    assert (tmp_path / "elsewhere.db").exists()


@pytest.mark.parametrize("url, message", [
    ("not a url", "not a database URL"),
    ("mysql://user@localhost/db", "unsupported database"),
    ("postgresql+psycopg://nobody@127.0.0.1:1/none", "store postgresql"),
    pytest.param("postgres without a schema", "no schema", marks=pytest.mark.postgres),
])
def test_unusable_database_urls_give_one_line_errors(url, message):
    if url == "postgres without a schema":
        base = os.environ.get("NEWSMAP_TEST_POSTGRES_URL")
        if not base:
            _postgres_unavailable("NEWSMAP_TEST_POSTGRES_URL is not set")
        url = sa.make_url(base).update_query_dict({"options": "-csearch_path=no_such_schema"})
    with pytest.raises(NewsmapError, match=message) as caught:
        Store(url)
    assert "\n" not in str(caught.value)


# -- with the real pipeline ---------------------------------------------------------------------------

DNIPRO_NEWS = (
    "date 2025-06-10\n"
    "DNIPRO, Ukraine (Example News) — A Russian missile struck Dnipro on Monday evening, killing three "
    "people and wounding 18, including two children, regional governor Serhiy Lysak said.\n"
)
DNIPRO_WIRE = (
    "date 2025-06-10\n"
    "KYIV — Russia launched missiles at Dnipro on Monday. Four people were killed and 15 wounded in the "
    "attack on the city, officials said on Tuesday.\n"
)


def test_real_pipeline_reports_of_one_attack_merge_and_corrections_survive_reprocess(store, pipeline):
    news = pipeline.extract_text(DNIPRO_NEWS, source="example-news.txt")
    wire = pipeline.extract_text(DNIPRO_WIRE, source="example-wire.txt")
    assert store.add(news).created and store.add(wire).created
    assert not store.add(pipeline.extract_text(DNIPRO_WIRE, source="example-wire.txt")).created
    assert store.article(news.article.article_id) == news

    dnipro = [e for e in store.event_dicts() if e["location"] == "Dnipro"]
    assert len(dnipro) == 1
    event = dnipro[0]
    assert event["n_sources"] == 2 and event["event_date"] == "2025-06-09"
    assert (event["killed"], event["wounded"]) == (4, 18)  # highest stated by either outlet
    assert sorted((s["killed"], s["wounded"]) for s in event["sources"]) == [(3, 18), (4, 15)]

    store.correct(event["event_id"], {"killed": 5}, author="verification desk")
    assert store.reprocess(pipeline) == 2
    after = next(e for e in store.event_dicts() if e["location"] == "Dnipro")
    assert after["event_id"] == event["event_id"] and after["killed"] == 5 and after["corrected"] == ["killed"]
    assert after["n_sources"] == 2


def test_real_pipeline_seed_extraction_round_trips(store, pipeline, seed_path):
    extraction = pipeline.extract_file(seed_path)
    assert extraction.events
    store.add(extraction)
    assert store.article(extraction.article.article_id) == extraction
    stored = store.event_dicts()
    assert sum(e["n_sources"] for e in stored) == len(extraction.events)
    for event in stored:
        for source in event["sources"]:
            assert extraction.article.text[source["excerpt_start"]:source["excerpt_end"]] == source["excerpt"]
