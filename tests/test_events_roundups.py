"""Rules found by probing newsmap with daily roundups written for these tests: Ukrainian governors'
reports oblast by oblast, Russian border governors, Gaza civil-defence and hospital tallies, the
Lebanese health ministry village by village, and roundups from Sudan and Myanmar. Every sentence here
was written for these tests."""

from __future__ import annotations

from datetime import date

from newsmap.ingest import article_from_text


def _extract(pipeline, text, published=date(2025, 6, 12)):
    return pipeline.extract(article_from_text(text, source="test", published=published))


def _tolls(extraction):
    return {e.place.text: (e.killed, e.wounded) for e in extraction.events if e.place is not None}


def test_a_towns_toll_in_brackets_after_it_is_that_towns(pipeline):
    text = ("Russian drones and artillery hit the Nikopol district over the past day, the governor said on "
            "Thursday. Nikopol (two injured), Marhanets (one killed, three injured) and Pokrovske (one injured) "
            "came under fire.")
    tolls = _tolls(_extract(pipeline, text))
    assert tolls["Nikopol"] == (None, 2)
    assert tolls["Marhanets"] == (1, 3)
    assert tolls["Pokrovske"] == (None, 1)


def test_each_clause_naming_one_town_with_its_own_toll_gives_that_town_the_toll(pipeline):
    text = ("A man was killed when a drone hit his car in Valuyki, and a woman died in the village of "
            "Shebekino, the governor said on Wednesday.")
    tolls = _tolls(_extract(pipeline, text))
    assert tolls == {"Valuyki": (1, None), "Shebekino": (1, None)}


def test_a_town_alone_in_its_clause_keeps_its_toll_beside_towns_counted_one_by_one(pipeline):
    text = ("Israeli strikes on Marjayoun killed three people, while two were killed in Tyre and four "
            "in Nabatieh, the health ministry said on Tuesday.")
    tolls = _tolls(_extract(pipeline, text))
    assert tolls["Marjayoun"] == (3, None)
    assert tolls["Tyre"] == (2, None)
    assert tolls["Nabatieh"] == (4, None)


def test_a_toll_told_after_several_towns_is_not_the_last_towns(pipeline):
    text = ("Russian troops shelled Nikopol, Marhanets and Pokrovske over the past day, the governor said on "
            "Thursday. Among the injured were two women and a boy.")
    extraction = _extract(pipeline, text)
    assert {name for name, toll in _tolls(extraction).items()} >= {"Nikopol", "Marhanets", "Pokrovske"}
    assert all(toll == (None, None) for toll in _tolls(extraction).values())
    assert any(s.wounded == 3 for s in extraction.summaries)


def test_a_regions_toll_of_civilians_split_among_its_towns_next_is_no_event_of_its_own(pipeline):
    text = ("Russian attacks killed three civilians in Zaporizhzhia Oblast on Tuesday, the governor said. "
            "Two were killed in Huliaipole and one in Orikhiv.")
    extraction = _extract(pipeline, text)
    assert _tolls(extraction) == {"Huliaipole": (2, None), "Orikhiv": (1, None)}


def test_a_town_before_a_possessive_speaker_is_not_qualified_by_the_speakers_place(pipeline):
    text = ("Israeli strikes killed at least 20 people across the Gaza Strip on Monday, including nine in "
            "Beit Lahia, Gaza's civil defence agency said.")
    events = _extract(pipeline, text).events
    town = [e for e in events if e.place is not None and e.place.text == "Beit Lahia"]
    assert town and town[0].place.location.country == "PS"
    assert town[0].killed == 9
