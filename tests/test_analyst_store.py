"""The store's analyst controls: dismiss and restore, the review queue, corrections that log only what
changed, articles' publisher, address and lead-sentence title, and no server path in what it returns.

Runs on SQLite and (with NEWSMAP_TEST_POSTGRES_URL) PostgreSQL, like tests/test_store.py.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
import sqlalchemy as sa

from newsmap import formats
from newsmap.errors import InputError
from newsmap.ingest import article_from_text
from newsmap.store import Store, create_store_engine, migrate

from .test_store import bucha_report, only, report, store, store_url  # noqa: F401 (fixtures)


def _ids(events) -> set[str]:
    return {e["event_id"] for e in events}


def _two_cities():
    text = "Round-up\nA drone strike on Kharkiv wounded 3.\nA missile struck Mykolaiv, killing 2.\n"
    return report(pytest.gazetteer, text, "roundup.txt", [
        dict(place="Kharkiv", country="UA", event_type="drone_strike", wounded=3),
        dict(place="Mykolaiv", country="UA", event_type="missile_strike", killed=2),
    ])


def test_a_dismissed_event_is_kept_hidden_and_can_be_restored(store):
    store.add(bucha_report(pytest.gazetteer))
    store.add(_two_cities())
    bucha = next(e for e in store.event_dicts() if e["location"] == "Bucha")

    dismissed = store.dismiss(bucha["event_id"], author="Night desk")
    assert dismissed["review"] == "dismissed" and dismissed["reviewed_by"] == "Night desk"
    assert dismissed["reviewed_at"]
    assert bucha["event_id"] not in _ids(store.event_dicts())
    assert [e["location"] for e in store.event_dicts(dismissed=True)] == ["Bucha"]
    assert len(store.event_dicts(dismissed=None)) == 3
    assert bucha["event_id"] not in formats.render_events(store.event_dicts(), "csv")

    # Dismissing again changes nothing and logs nothing.
    store.dismiss(bucha["event_id"], author="someone else")
    assert [r["action"] for r in store.reviews(bucha["event_id"])] == ["dismissed"]

    restored = store.restore(bucha["event_id"], author="Day desk")
    assert restored["review"] is None
    assert bucha["event_id"] in _ids(store.event_dicts())
    assert [(r["action"], r["author"]) for r in store.reviews(bucha["event_id"])] == [
        ("dismissed", "Night desk"), ("restored", "Day desk")]


def test_a_dismissal_survives_new_sources_and_reprocessing(store):
    store.add(bucha_report(pytest.gazetteer))
    event_id = only(store.event_dicts())["event_id"]
    store.dismiss(event_id)
    # A second outlet reporting the same strike re-merges the incident: it stays dismissed.
    second = report(pytest.gazetteer, "Bucha hit\nGlide bombs hit Bucha overnight, killing 3 people.\n",
                    "outlet-c.txt", [dict(place="Bucha", country="UA", event_type="glide_bomb", killed=3)])
    store.add(second)
    assert store.event_dicts() == []
    (hidden,) = store.event_dicts(dismissed=True)
    assert hidden["event_id"] == event_id and hidden["n_sources"] == 2

    class Again:
        version = "test"

        def __init__(self, extractions):
            self.by_id = {x.article.article_id: x for x in extractions}

        def extract(self, article):
            return self.by_id[article.article_id]

    store.reprocess(Again([bucha_report(pytest.gazetteer), second]))
    assert store.event_dicts() == [] and _ids(store.event_dicts(dismissed=True)) == {event_id}


def test_review_actions_are_checked(store):
    store.add(bucha_report(pytest.gazetteer))
    event_id = only(store.event_dicts())["event_id"]
    with pytest.raises(InputError, match="no stored event"):
        store.dismiss("no-such-event")
    with pytest.raises(InputError, match="only a dismissed event"):
        store.restore(event_id)
    with pytest.raises(InputError, match="unknown review action"):
        store.review(event_id, "deleted")
    assert store.reviews() == []


def test_the_review_queue_holds_unreviewed_low_confidence_events_least_sure_first(store):
    text = (
        "Round-up\n"
        "A drone strike on Kharkiv wounded 3.\n"
        "Shelling hit Kherson, with no casualties reported.\n"
        "In Lviv, air defences downed drones.\n"
    )
    store.add(report(pytest.gazetteer, text, "roundup.txt", [
        dict(place="Kharkiv", country="UA", event_type="drone_strike", wounded=3, confidence=0.55,
             confidence_reasons="weapon not stated"),
        dict(place="Kherson", country="UA", event_type="shelling", confidence=0.35,
             confidence_reasons="no place on the map"),
        dict(place="Lviv", country="UA", event_type="drones_downed", confidence=0.95),
    ]))
    queue = store.review_queue(0.7)
    assert [e["location"] for e in queue] == ["Kherson", "Kharkiv"]
    kherson, kharkiv = queue
    store.confirm(kharkiv["event_id"], author="Analyst")
    store.dismiss(kherson["event_id"])
    assert store.review_queue(0.7) == []
    confirmed = store.event_dicts(event_ids=[kharkiv["event_id"]])[0]
    assert confirmed["review"] == "confirmed" and confirmed["reviewed_by"] == "Analyst"
    # A confirmed event is shown as usual; a dismissed one is not.
    assert {e["location"] for e in store.event_dicts()} == {"Kharkiv", "Lviv"}


def test_a_correction_logs_only_the_fields_that_change(store):
    store.add(bucha_report(pytest.gazetteer))
    event = only(store.event_dicts())
    vorzel = pytest.gazetteer.location(pytest.gazetteer.search("Vorzel", ["UA"])[0])
    store.correct(event["event_id"], {
        "event_type": "air_strike", "location": vorzel.name, "latitude": vorzel.latitude,
        "longitude": vorzel.longitude, "admin1": vorzel.admin1, "country": "UA", "geonameid": vorzel.geonameid,
        "geo_precision": 1, "killed": 3,
    })
    logged = {c["field"] for c in store.corrections(event["event_id"])}
    # Country, region, precision and the killed figure were already these values.
    assert event["country"] == "UA" and event["admin1"] == vorzel.admin1 and event["killed"] == 3
    assert logged == {"event_type", "location", "latitude", "longitude", "geonameid"}
    after = only(store.event_dicts())
    assert set(after["corrected"]) == logged
    # Saving the same values again logs nothing.
    store.correct(event["event_id"], {"event_type": "air_strike", "killed": 3})
    assert len(store.corrections(event["event_id"])) == len(logged)


def test_a_corrected_event_can_still_be_dismissed_and_read_back(store):
    store.add(bucha_report(pytest.gazetteer))
    event_id = only(store.event_dicts())["event_id"]
    store.dismiss(event_id)
    corrected = store.correct(event_id, {"killed": 4})
    assert corrected["killed"] == 4 and corrected["review"] == "dismissed"


def test_articles_carry_publisher_address_and_a_title_even_without_a_headline(store):
    headless = ("date 2025-03-14\nKHERSON: Russian shelling struck a bus stop in Kherson on Friday morning, "
                "wounding four people, the regional governor said. Repairs began in the afternoon.\n")
    article = article_from_text(headless, source="/srv/newsmap/inbox/tmp8f3k/desk-report.txt")
    assert article.title is None
    extraction = report(pytest.gazetteer, headless, "unused", [dict(place="Kherson", country="UA",
                                                                     event_type="shelling", wounded=4)])
    store.add(replace(extraction, article=replace(extraction.article, source=article.source)))
    listed = only(store.articles())
    assert listed["title"].startswith("Russian shelling struck a bus stop in Kherson")
    assert listed["origin"] == "desk-report.txt"  # the file's name, not the server's folders
    (source,) = only(store.event_dicts())["sources"]
    assert source["title"] == listed["title"] and source["source"] == "desk-report.txt"

    with_outlet = bucha_report(pytest.gazetteer)
    with_outlet = replace(with_outlet, article=replace(
        with_outlet.article, publisher="Kyiv Evening Wire", url="https://wire.example.org/bucha"))
    store.add(with_outlet)
    stored = store.article(with_outlet.article.article_id).article
    assert (stored.publisher, stored.url) == ("Kyiv Evening Wire", "https://wire.example.org/bucha")
    bucha = next(e for e in store.event_dicts() if e["location"] == "Bucha")
    assert bucha["sources"][0]["source"] == "Kyiv Evening Wire"
    assert bucha["sources"][0]["url"] == "https://wire.example.org/bucha"
    everything = formats.render_events(store.event_dicts(), "json") + formats.render_events(store.event_dicts(), "csv")
    assert "/srv/" not in everything and "tmp8f3k" not in everything


def test_the_events_of_one_article_are_found_by_its_id(store):
    a = store.add(bucha_report(pytest.gazetteer))
    store.add(_two_cities())
    assert [e["location"] for e in store.event_dicts(article_ids=[a.article_id])] == ["Bucha"]


def test_upgrading_from_0005_gives_stored_articles_a_lead_title(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_store_engine(url)
    migrate(engine, "0005")
    with engine.begin() as connection:
        connection.execute(sa.text(
            "INSERT INTO articles (article_id, source, title, published, text, body_start, pipeline_version, "
            "ingested_at) VALUES ('a1', '/home/desk/in/x.txt', NULL, '2025-03-14', "
            "'KHERSON: Shelling hit a market in Kherson on Friday. Two people were hurt.', 9, 'old', "
            "'2025-03-14 10:00:00')"))
    engine.dispose()
    with Store(url) as upgraded:
        (listed,) = upgraded.articles()
    assert listed["title"] == "Shelling hit a market in Kherson on Friday."
    assert listed["origin"] == "x.txt"


@pytest.fixture(autouse=True)
def _gazetteer_for_helpers(gazetteer):
    pytest.gazetteer = gazetteer
    yield
    del pytest.gazetteer
