"""The seed article end to end: the behaviour the brief specifies for it."""

from __future__ import annotations

import re

from datetime import date

import pytest


@pytest.fixture(scope="module")
def seed(pipeline, seed_path):
    return pipeline.extract_file(seed_path)


def _events_at(seed, name):
    return [e for e in seed.events if e.place and e.place.location and e.place.location.name.startswith(name)]


def test_places_have_coordinates(seed):
    text = seed.article.text
    for place in seed.places:
        assert text[place.start : place.end] == place.text
    resolved = {p.text: p.location for p in seed.places if p.location is not None}
    for name in ("Kyiv", "Sumy", "Putyvl", "Kramatorsk", "Odesa", "Istanbul"):
        assert any(name in mention for mention in resolved), name
    assert any(loc.feature_class == "admin1" and "Moscow" in loc.name for loc in resolved.values())
    for loc in resolved.values():
        assert -90 <= loc.latitude <= 90 and -180 <= loc.longitude <= 180
        assert (loc.latitude, loc.longitude) != (0.0, 0.0)


def test_kramatorsk_glide_bomb(seed):
    (event,) = _events_at(seed, "Kramatorsk")
    assert event.event_type == "glide_bomb"
    assert (event.killed, event.children_killed, event.wounded) == (1, 1, 5)
    assert event.event_date == date(2025, 7, 21)
    assert "glide bomb" in event.excerpt and "Five other people" in event.excerpt


def test_sumy_city_glide_bombs(seed):
    events = [e for e in _events_at(seed, "Sumy") if e.place.location.feature_class == "city"]
    (event,) = events
    assert event.event_type == "glide_bomb"
    assert (event.wounded, event.children_wounded, event.killed) == (13, 1, None)


def test_putyvl_two_drone_strikes(seed):
    events = _events_at(seed, "Putyvl")
    assert all(e.event_type == "drone_strike" for e in events)
    assert [e.wounded for e in events] == [4, 7]  # two strikes, each with its own figure
    assert "gas station" in events[0].excerpt and "second drone strike" in events[1].excerpt


def test_odesa_struck_without_figures(seed):
    events = _events_at(seed, "Odes")
    assert events
    assert all(e.killed is None and e.wounded is None for e in events)


def test_moscow_region_drones_downed(seed):
    events = [e for e in seed.events if e.event_type == "drones_downed"]
    assert len(events) == 1
    (event,) = events
    # Region-level (precision 3), drawn at the region's administrative centre as ACLED does.
    assert event.geo_precision == 3 and "Moscow" in event.place.location.admin1
    assert event.place.text == "Moscow region"
    assert re.search(r"\b3 downed here\b", event.weapon) and re.search(r"\b35 in all\b", event.weapon)
    assert event.killed is None and event.wounded is None
    assert event.acled_event_type == "Strategic developments"


def test_istanbul_talks_and_the_earlier_rounds_dated_by_month(seed):
    events = _events_at(seed, "Istanbul")
    assert {e.event_type for e in events} == {"diplomatic"}
    assert [(e.event_date, e.time_precision) for e in events] == [
        (date(2025, 7, 23), 1),
        (date(2025, 5, 1), 3),
        (date(2025, 6, 1), 3),
    ]
    for earlier in events[1:]:
        assert "previous two rounds" in earlier.excerpt and "May and June" in earlier.excerpt


def test_night_totals_come_from_places_not_from_the_summary(seed):
    night = [e for e in seed.events if e.event_date == date(2025, 7, 21)]
    assert sum(e.killed or 0 for e in night) == 1
    assert sum(e.wounded or 0 for e in night) == 29
    assert any(s.wounded == 24 and s.killed == 1 for s in seed.summaries)
    assert not any(e.wounded == 24 for e in seed.events)
    for summary in seed.summaries:
        assert seed.article.text[summary.start : summary.end] == summary.text


def test_background_and_non_locations_make_no_events(seed):
    assert not any(e.event_date == date(2022, 2, 24) for e in seed.events)
    for event in seed.events:
        loc = event.place.location
        assert loc.feature_class != "country"
        assert event.place.role == "location"
    kyiv = [e for e in seed.events if e.place.location.name in {"Kyiv", "Kiev"}]
    assert kyiv == []
    assert seed.article.dateline.text == "KYIV"
    assert all(e.excerpt == seed.article.text[e.excerpt_start : e.excerpt_end] for e in seed.events)
    assert len({e.event_id for e in seed.events}) == len(seed.events)


def test_odesa_region_event_is_drawn_at_odesa_marked_region_level(seed, gazetteer):
    (event,) = [e for e in seed.events if e.place and e.place.text.startswith("Odesa")]
    odesa = gazetteer.location(gazetteer.search("Odesa", ["UA"])[0])
    assert odesa.feature_class == "city"
    assert (event.place.location.latitude, event.place.location.longitude) == (odesa.latitude, odesa.longitude)
    assert event.geo_precision == 3 and "Odesa" in event.place.location.admin1
