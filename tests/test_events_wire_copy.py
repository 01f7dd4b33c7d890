"""Events in wire copy of wars the development corpus covers thinly (Sahel, Nigeria, Somalia,
Ethiopia, Sudan, Myanmar...): suicide bombings, gunmen storming villages, a war's toll told as
background, figures told for "two villages" and then placed. Every sentence here was written for
these tests."""

from __future__ import annotations

from datetime import date

from newsmap.ingest import article_from_text


def _extract(pipeline, text, published=date(2025, 3, 4)):
    return pipeline.extract(article_from_text(text, source="test", published=published))


def test_a_suicide_bomber_is_no_warplane(pipeline):
    text = ("A suicide bomber blew himself up outside a tea shop in the Somali town of Beledweyne on Monday, "
            "killing six people, police said.")
    events = _extract(pipeline, text).events
    assert [(e.place.text, e.event_type, e.killed) for e in events] == [("Beledweyne", "other", 6)]


def test_gunmen_storming_a_village_attack_it_rather_than_fight_a_battle(pipeline):
    text = ("Armed bandits stormed several villages near Gusau in northwest Nigeria on Sunday, shooting "
            "residents as they fled, officials said.")
    events = _extract(pipeline, text).events
    assert [(e.place.text, e.event_type) for e in events] == [("Gusau", "other")]


def test_a_wars_toll_told_as_background_is_no_event_and_no_follow_up(pipeline):
    text = ("A drone struck a fuel depot in Kassala on Sunday, causing a fire but no casualties, residents said. "
            "The conflict, which began two years ago, has killed tens of thousands of people.\n"
            "Zamfara state has suffered years of violence by armed gangs in which thousands of people have died.")
    extraction = _extract(pipeline, text)
    assert [(e.place.text, e.killed, e.wounded) for e in extraction.events] == [("Kassala", 0, 0)]
