"""Rules found by probing newsmap with stories written for these tests in the styles of Ukrainian
daily roundups by oblast, governors' Telegram posts, wire reports on barrages and cross-border drone
strikes, and wire copy from Sudan, the DRC, the Sahel, Somalia, Nigeria, Ethiopia and Haiti. Every
sentence here was written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from newsmap.events.kinds import _classify
from newsmap.ingest import article_from_text


def _extract(pipeline, text, published=date(2025, 6, 12)):
    return pipeline.extract(article_from_text(text, source="test", published=published))


@pytest.mark.parametrize("sentence", [
    "Russian forces pounded Kramatorsk with drones and guided aerial bombs on Sunday, wounding six people.",
    "Glide bombs and drones hit the outskirts of Kupiansk overnight, the governor said.",
    "The city came under attack by KABs as well as Shahed drones, officials said.",
])
def test_drones_with_glide_bombs_are_a_mixed_attack(sentence):
    assert _classify(sentence)[0] == "attack"


@pytest.mark.parametrize("sentence", [
    "Russian shelling killed five people in Kramatorsk and Sloviansk on Tuesday, the governor said.",
    "Russian attacks killed five people in Kramatorsk, Sloviansk and Lyman on Tuesday, the governor said.",
    "Drone strikes wounded five people in the towns of Kramatorsk and Sloviansk on Tuesday, the governor said.",
])
def test_a_count_before_places_joined_by_and_is_their_joint_toll(pipeline, sentence):
    extraction = _extract(pipeline, sentence, published=date(2025, 6, 12))
    assert [(e.killed, e.wounded) for e in extraction.events] == [(None, None)] * len(extraction.events)
    assert len(extraction.events) >= 2
    assert len(extraction.summaries) == 1


def test_the_attacked_sides_strike_on_the_retreating_attackers_is_an_event_of_its_own(pipeline):
    text = ("Jihadists killed at least 30 soldiers in an attack on an army post in Diapaga in eastern Burkina Faso "
            "on Tuesday, security sources said.\n\n"
            "The army said its air force then carried out drone strikes on the retreating fighters.")
    events = _extract(pipeline, text).events
    assert [(e.place.text, e.event_type, e.killed) for e in events] == [
        ("Diapaga", "other", 30), ("Diapaga", "drone_strike", None)]


def test_a_toll_of_unnamed_villages_near_one_town_is_that_towns_event(pipeline):
    text = ("Paramilitary fighters killed at least 60 people in attacks on several villages near the town of "
            "Um Ruwaba in North Kordofan on Sunday, a doctors' group said.")
    extraction = _extract(pipeline, text)
    assert [(e.place.text, e.killed) for e in extraction.events] == [("Um Ruwaba", 60)]
    assert extraction.summaries == []


def test_talks_with_an_envoy_whose_title_has_an_abbreviation_are_held_where_they_met(pipeline):
    text = ("Russian drones hit Chernihiv on Friday, wounding two people.\n\n"
            "Zelensky met U.S. envoy Keith Kellogg in Rome on Sunday to discuss a ceasefire plan.")
    events = _extract(pipeline, text, published=date(2025, 6, 17)).events
    assert [(e.place.text, e.event_type, e.event_date) for e in events if e.event_type == "diplomatic"] == [
        ("Rome", "diplomatic", date(2025, 6, 15))]
