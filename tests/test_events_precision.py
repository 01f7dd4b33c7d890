"""Event precision on long, discursive articles (explainers, analysis with history, live blogs,
humanitarian reports, anniversaries, threats and forecasts). Every sentence here was written for
these tests."""

from __future__ import annotations

from datetime import date

import pytest

from newsmap.ingest import article_from_text


def _extract(pipeline, text, published=date(2025, 9, 18)):
    return pipeline.extract(article_from_text(text, source="test", published=published))


def _sites(extraction):
    return [e.place.text for e in extraction.events if e.place is not None]


@pytest.mark.parametrize("threat, place", [
    ('"Russia could strike Poltava or Chernihiv tomorrow in exactly the same way," the president said.', "Poltava"),
    ("Officials warned last week that the army would hit Tyre again if the group did not disarm.", "Tyre"),
    ("The defence minister said the army will strike Rafah with full force if captives are not released.", "Rafah"),
    ("Analysts say the militants could next target Dori, where the army has reinforced its positions.", "Dori"),
    ('"If they attack Bhamo, we will respond with everything we have," a spokesman said.', "Bhamo"),
    ('The new president warned that "any attack on Baniyas will be met with force".', "Baniyas"),
    ("Officials said Washington could resume air strikes on Hodeidah if attacks on shipping continued.", "Hodeidah"),
    ("Officials said the army was weighing new strikes on Russian positions in Prykolotne.", "Prykolotne"),
    ("Officials warned that the militants could stage new attacks on Kismayo.", "Kismayo"),
    ('"If the fighting reaches Kosti, thousands will be trapped," an aid worker said.', "Kosti"),
    ("The president said Russia was preparing a new offensive in Sumy.", "Sumy"),
    ("Officials fear attacks on the grid in Chernihiv will intensify as temperatures fall.", "Chernihiv"),
])
def test_a_threatened_or_forecast_attack_is_no_event(pipeline, threat, place):
    text = "A drone struck a market in Kupiansk on Tuesday, killing two people, officials said.\n\n" + threat
    assert place not in " ".join(_sites(_extract(pipeline, text)))


def test_a_year_only_history_paragraph_adds_no_toll_to_the_news(pipeline):
    text = ("On Monday, an Israeli drone strike on a car in the town of Marjayoun killed one man, the health "
            "ministry said.\n\nIsrael has kept striking the south almost daily despite the truce.\n\n"
            "In 2006, a month-long war killed more than 1,200 people in Lebanon, most of them civilians. "
            "Air strikes at the time flattened much of Tyre's old quarter.")
    extraction = _extract(pipeline, text)
    assert [(e.place.text, e.killed) for e in extraction.events] == [("Marjayoun", 1)]


def test_two_past_incidents_told_by_month_keep_their_own_tolls(pipeline):
    text = ("Gangs attacked the town of Saint-Marc on Monday, killing at least 10 people, police said.\n\n"
            "In October 2024, gangs killed more than 100 people in the Artibonite department.\n\n"
            "In December 2024, gang members in a seaside slum killed nearly 200 elderly people.")
    extraction = _extract(pipeline, text)
    assert sorted(e.killed for e in extraction.events) == [10, 100]


def test_a_region_named_to_place_a_township_is_no_site(pipeline):
    text = ("Myanmar's military bombed a village in Sagaing region on Friday, killing 12 people, residents said. "
            "The strikes hit a monastery in Sagaing's Ye-U township.")
    sites = _sites(_extract(pipeline, text, published=date(2025, 9, 20)))
    assert "Sagaing" not in sites and "Ye-U" in sites


def test_an_anniversary_told_today_is_not_todays_event(pipeline):
    text = ("14:05 GMT - An Israeli air strike on a house in Bureij killed six people.\n\n"
            "10:00 GMT - A year ago today, an Israeli strike on a school in Beit Lahia killed 40 people.")
    assert _sites(_extract(pipeline, text)) == ["Bureij"]


@pytest.mark.parametrize("news, context", [
    ("A drone struck a market in El Obeid on Tuesday, killing two people, officials said.",
     "The rebels have been attacking towns across the region since they were pushed out of Sennar in March."),
    ("A drone struck a market in El Obeid on Tuesday, killing two people, officials said.",
     "Attacks on hospitals in Sudan's Blue Nile state have surged in recent weeks, the aid group said."),
    ("Gunmen attacked a market in Gao on Tuesday, killing two people, officials said.",
     "Jihadist attacks across the Mopti region have grown deadlier since the French withdrawal."),
    ("A drone struck a market in Kupiansk on Tuesday, killing two people, officials said.",
     "A year after Russia's missile strike on a shopping centre in Kremenchuk, the site has been rebuilt."),
])
def test_a_trend_or_an_anniversary_is_no_event(pipeline, news, context):
    extraction = _extract(pipeline, news + "\n\n" + context)
    assert [e.place.text for e in extraction.events] == [news.split(" in ")[1].split(" on ")[0]]


def test_a_hearing_told_on_a_weekday_dates_the_crime_to_its_own_month(pipeline):
    text = ("ICC hears witnesses on Kyiv region killings\n\n"
            "Witnesses told the International Criminal Court on Monday how soldiers executed civilians in the town "
            "of Borodianka in March 2022.")
    dates = {e.place.text: e.event_date for e in _extract(pipeline, text).events}
    assert dates["Borodianka"] == date(2022, 3, 1)


def test_a_victims_birth_year_is_no_history(pipeline):
    text = ("In Sloviansk, a guided bomb struck a block of flats and set it ablaze, officials said. "
            "A girl born in 2016 was killed. Four other people were wounded.")
    events = _extract(pipeline, text).events
    assert [(e.place.text, e.killed, e.wounded) for e in events] == [("Sloviansk", 1, 4)]
