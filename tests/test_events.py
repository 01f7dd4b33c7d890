"""The event stage on its own: places are given by hand (a tiny stand-in for the places stage)."""

from __future__ import annotations

import re
from datetime import date

from newsmap.events import find_events
from newsmap.ingest import article_from_text
from newsmap.records import Location, Place


def _loc(gid, name, fclass="city", admin1=None, code=None, country="UA"):
    return Location(gid, name, country, 0.0, 0.0, fclass, admin1, code)


TOY = {
    "Kharkiv region": _loc(1, "Kharkiv Oblast", "admin1", "Kharkiv Oblast", "UA.07"),
    "Kharkiv": _loc(2, "Kharkiv", admin1="Kharkiv Oblast", code="UA.07"),
    "Chuhuiv": _loc(3, "Chuhuiv", admin1="Kharkiv Oblast", code="UA.07"),
    "Zaporizhzhia": _loc(4, "Zaporizhzhia", admin1="Zaporizhzhia Oblast", code="UA.26"),
    "Kursk": _loc(5, "Kursk", admin1="Kursk Oblast", code="RU.41", country="RU"),
    "Lviv": _loc(6, "Lviv", admin1="Lviv Oblast", code="UA.15"),
    "Geneva": _loc(7, "Geneva", admin1="Geneva", code="CH.GE", country="CH"),
    "Belgorod region": _loc(8, "Belgorod Oblast", "admin1", "Belgorod Oblast", "RU.09", country="RU"),
    "Kherson": _loc(9, "Kherson Oblast", "admin1", "Kherson Oblast", "UA.08"),
    "Bilozerka": _loc(10, "Bilozerka", admin1="Kherson Oblast", code="UA.08"),
    "Ukraine": _loc(11, "Ukraine", "country"),
    "Dnipro": _loc(12, "Dnipro", admin1="Dnipropetrovsk Oblast", code="UA.04"),
    "Europe": _loc(13, "Europe", "other", country=""),
}


def _places(article):
    names = sorted(TOY, key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b")
    return [Place(m.group(0), m.start(), m.end(), "location", TOY[m.group(0)]) for m in pattern.finditer(article.text)]


def _run(text, published=date(2024, 3, 6), gazetteer=None):
    article = article_from_text(text, published=published)
    events, summaries = find_events(article, _places(article), gazetteer)
    for event in events:
        assert article.text[event.excerpt_start : event.excerpt_end] == event.excerpt
    for summary in summaries:
        assert article.text[summary.start : summary.end] == summary.text
    return events, summaries


def _by_place(events):
    return {e.place.text: e for e in events}


def test_follow_up_sentences_attach_to_the_place_and_totals_become_summaries(gazetteer):
    text = (
        "Russian troops attacked three Ukrainian cities overnight, killing four people and wounding 30, "
        "officials said on Wednesday.\n\n"
        "In Kharkiv, a missile hit a school. Two teachers were killed. Nine other people were wounded.\n\n"
        "A drone struck an apartment block in Lviv, injuring a 12-year-old girl."
    )
    events, summaries = _run(text, gazetteer=gazetteer)
    places = _by_place(events)
    assert set(places) == {"Kharkiv", "Lviv"}
    kharkiv = places["Kharkiv"]
    assert (kharkiv.event_type, kharkiv.killed, kharkiv.wounded) == ("missile_strike", 2, 9)
    assert kharkiv.event_date == date(2024, 3, 5)  # overnight: the night before publication
    assert kharkiv.actor == "Military Forces of Russia"
    assert kharkiv.excerpt.endswith("Nine other people were wounded.")
    lviv = places["Lviv"]
    assert (lviv.event_type, lviv.killed, lviv.wounded, lviv.children_wounded) == ("drone_strike", None, 1, 1)
    assert [(s.killed, s.wounded) for s in summaries] == [(4, 30)]


def test_launch_site_speaker_city_and_qualifier_are_not_locations():
    events, _ = _run("Ukrainian officials said in Lviv that drones launched from Kursk hit Chuhuiv, wounding two.")
    assert [e.place.text for e in events] == ["Chuhuiv"]
    events, _ = _run("On 2 March 2024, Russian forces shelled Bilozerka, Kherson. A civilian was killed.")
    assert [(e.place.text, e.event_type, e.killed, e.geo_precision, e.event_date) for e in events] == [
        ("Bilozerka", "shelling", 1, 1, date(2024, 3, 2))
    ]


def test_near_is_precision_two_and_region_is_three():
    events, _ = _run("Russian forces shelled near Chuhuiv. Artillery also hit the Belgorod region.")
    precision = {e.place.text: e.geo_precision for e in events}
    assert precision == {"Chuhuiv": 2, "Belgorod region": 3}


def test_region_event_dropped_when_a_town_of_it_is_hit():
    events, _ = _run("The Kharkiv region came under attack on Tuesday. A missile hit Chuhuiv on Tuesday, killing one man.")
    assert [(e.place.text, e.killed) for e in events] == [("Chuhuiv", 1)]


def test_repeated_strikes_with_own_figures_stay_separate():
    events, _ = _run(
        "A drone hit a market in Zaporizhzhia, wounding three people. "
        "Another drone struck the same location an hour later, wounding five other people."
    )
    assert [(e.place.text, e.wounded) for e in events] == [("Zaporizhzhia", 3), ("Zaporizhzhia", 5)]
    assert len({e.event_id for e in events}) == 2


def test_talks_future_date_and_prisoner_exchange():
    events, _ = _run(
        "Delegations are expected to meet in Geneva on Friday, the foreign ministry said. "
        "Earlier, Ukraine and Russia carried out a prisoner exchange in Dnipro on Monday."
    )
    places = _by_place(events)
    assert places["Geneva"].event_type == "diplomatic"
    assert places["Geneva"].event_date == date(2024, 3, 8)
    assert places["Geneva"].acled_event_type == "Strategic developments"
    assert places["Dnipro"].event_type == "prisoner_exchange"
    assert places["Dnipro"].event_date == date(2024, 3, 4)


def test_drones_downed_count_is_not_a_casualty():
    events, summaries = _run(
        "Russia's Defence Ministry said air defences destroyed 20 Ukrainian drones overnight, including 12 over the Belgorod region."
    )
    (event,) = events
    assert event.event_type == "drones_downed"
    assert event.killed is None and event.wounded is None
    assert "12" in event.weapon and "20" in event.weapon
    assert event.acled_sub_event_type == "Disrupted weapons use"
    assert not summaries


def test_ground_fighting_and_background_date():
    events, _ = _run("Fierce fighting continued near Chuhuiv on Monday, where Ukrainian troops repelled an assault.")
    assert [(e.event_type, e.acled_event_type, e.event_date) for e in events] == [
        ("ground_fighting", "Battles", date(2024, 3, 4))
    ]
    events, _ = _run("The full-scale war, which began on Feb. 24, 2022, is now in its fourth year.")
    assert events == []


def test_no_casualties_reported_is_zero_and_unstated_is_none():
    events, _ = _run("A missile hit Dnipro on Tuesday. No casualties were reported. Shelling hit Lviv on Tuesday.")
    figures = {e.place.text: (e.killed, e.wounded) for e in events}
    assert figures == {"Dnipro": (0, 0), "Lviv": (None, None)}


def test_event_ids_are_stable():
    text = "A missile hit Dnipro on Tuesday, killing two people."
    first, _ = _run(text)
    second, _ = _run(text)
    assert [e.event_id for e in first] == [e.event_id for e in second]
    other, _ = _run(text, published=date(2024, 3, 7))
    assert first[0].event_id == other[0].event_id  # same article text, same place, same excerpt


def test_figures_for_a_struck_place_join_its_event_and_hospital_city_is_not_a_location():
    events, summaries = _run(
        "A drone hit a house in Chuhuiv on Tuesday, killing a woman.\n\n"
        "The governor said that two other residents of Chuhuiv were injured and taken to hospital in Kharkiv."
    )
    assert [(e.place.text, e.killed, e.wounded) for e in events] == [("Chuhuiv", 1, 2)]
    assert summaries == []


def test_a_place_acting_as_an_agent_is_not_a_location():
    events, _ = _run("The town has been shelled daily since Kursk launched a new offensive in May.")
    assert events == []


def test_protest_defusal_and_attack_on_a_civilian_get_acled_classes():
    events, _ = _run("On 3 May 2024, about 40 relatives of captured soldiers rallied peacefully in Lviv to demand their release.")
    assert [(e.event_type, e.acled_event_type) for e in events] == [("other", "Protests")]
    events, _ = _run("On 22 February 2024, emergency service specialists defused an artillery shell found in Chuhuiv.")
    assert [(e.acled_event_type, e.acled_sub_event_type) for e in events] == [("Strategic developments", "Disrupted weapons use")]
    events, _ = _run("On 12 January 2024, rebel forces fired at Ukrainian positions near Chuhuiv using small arms and mortars.")
    assert [(e.event_type, e.acled_event_type, e.geo_precision) for e in events] == [("ground_fighting", "Battles", 2)]


def test_a_region_naming_where_a_town_is_does_not_split_the_figures():
    events, summaries = _run("A drone attack on the Kharkiv region killed a woman in the village of Chuhuiv on Tuesday.")
    assert [(e.place.text, e.killed) for e in events] == [("Chuhuiv", 1)]
    assert summaries == []


def test_a_place_owning_a_noun_in_a_talks_sentence_is_not_the_venue():
    events, _ = _run(
        "The minister rejected an offer of a meeting to end Europe's deadliest war. "
        "Delegations will meet in Geneva on Friday."
    )
    assert [(e.event_type, e.place.text) for e in events] == [("diplomatic", "Geneva")]
    assert events[0].event_date == date(2024, 3, 8)


def test_earlier_rounds_dated_only_by_month_are_events_of_month_precision():
    events, _ = _run(
        "Delegations will meet in Geneva on Friday. The first rounds of talks were held in Geneva too. "
        "Those talks in January and February produced a ceasefire on energy sites."
    )
    talks = [(e.event_date, e.time_precision) for e in events if e.event_type == "diplomatic"]
    assert talks == [(date(2024, 3, 8), 1), (date(2024, 1, 1), 3), (date(2024, 2, 1), 3)]
    assert len({e.event_id for e in events}) == len(events)


def test_earlier_rounds_with_no_date_at_all_are_not_events():
    events, _ = _run("Delegations will meet in Geneva on Friday. Previous rounds were also held in Geneva.")
    assert [(e.event_date, e.time_precision) for e in events] == [(date(2024, 3, 8), 1)]


def test_the_nearby_town_is_the_town_itself():
    events, _ = _run("In the nearby town of Chuhuiv, a drone struck a school overnight.")
    assert [(e.place.text, e.geo_precision) for e in events] == [("Chuhuiv", 1)]


def test_actors_are_named_by_any_country_the_gazetteer_knows(gazetteer):
    events, _ = _run("Malian troops shelled Lviv on Monday, wounding two people.", gazetteer=gazetteer)
    assert [e.actor for e in events] == ["Military Forces of Mali"]
    events, _ = _run("Russia's forces struck Lviv on Monday.", gazetteer=gazetteer)
    assert [e.actor for e in events] == ["Military Forces of Russia"]
    events, _ = _run("Unidentified attackers struck Lviv on Monday.", gazetteer=gazetteer)
    assert [e.actor for e in events] == [None]
