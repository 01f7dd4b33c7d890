"""Figures and events in news of many wars: tolls that rise, counts that belong to one place of
several, countries that are not event sites, background that is not news. Every sentence here
was written for these tests."""

from __future__ import annotations

import json
from datetime import date

import pytest

from newsmap.casualties import find_casualties
from newsmap.ingest import article_from_text


def _extract(pipeline, text, published=date(2025, 6, 12)):
    return pipeline.extract(article_from_text(text, source="test", published=published))


@pytest.mark.parametrize("sentence, killed, wounded", [
    ("The death toll from Sunday's drone strike on the market in El Obeid has risen to 17, medics said.", 17, None),
    ("The death toll rose to four after a woman died of her wounds in hospital.", 4, None),
    ("A third person was killed and six others were wounded when the shell hit the bus station.", 1, 6),
    ("Roughly 40 rockets hit the town overnight, and two people were injured.", None, 2),
    ("A dozen people were wounded when a mortar round struck the camp.", None, 12),
    ("No dead or injured were reported after the strike on the depot.", 0, 0),
    ("Two nurses were killed and three paramedics were injured in the attack on the clinic.", 2, 3),
    ("Officials said 2,350 people had been killed in the province this year.", 2350, None),
])
def test_what_a_number_means(sentence, killed, wounded):
    figures = find_casualties(sentence)
    assert (figures.killed, figures.wounded) == (killed, wounded)


def test_a_count_written_before_a_place_is_that_places_own(pipeline):
    text = ("Myanmar military air strikes killed at least 21 people on Monday, including 14 in Mandalay "
            "and seven in Sagaing, local officials said.")
    extraction = _extract(pipeline, text)
    killed = {e.place.text: e.killed for e in extraction.events}
    assert killed.get("Mandalay") == 14
    assert killed.get("Sagaing") == 7
    assert [s.killed for s in extraction.summaries] == [21]


def test_a_later_restated_toll_keeps_the_highest_figure(pipeline):
    text = ("Shelling hit the centre of Kherson on Tuesday, wounding 9 people, the regional governor said.\n"
            "Later the governor said 12 people were wounded.")
    extraction = _extract(pipeline, text)
    kherson = [e for e in extraction.events if e.place and e.place.text == "Kherson"]
    assert [e.wounded for e in kherson] == [12]


def test_countries_are_not_the_site_of_an_exchange_without_a_venue(pipeline):
    text = "Russia and Ukraine exchanged 84 prisoners of war each on Friday, the mediators said."
    extraction = _extract(pipeline, text)
    assert not [e for e in extraction.events if e.place and e.place.location.feature_class == "country"]


def test_talks_in_a_country_are_an_event_there(pipeline):
    extraction = _extract(pipeline, "Delegations from Khartoum and the RSF began talks in Saudi Arabia on Monday.")
    talks = [e for e in extraction.events if e.event_type == "diplomatic"]
    assert [e.place.location.country for e in talks] == ["SA"]


def test_background_dated_only_by_an_earlier_year_is_not_an_event(pipeline):
    text = "Since 2019, jihadist attacks have killed more than 2,000 people around Djibo, aid groups say."
    extraction = _extract(pipeline, text)
    assert not [e for e in extraction.events if e.place and e.place.text == "Djibo"]


def test_bench_events_scores_a_corpus_as_its_readme_defines(tmp_path, capsys):
    from newsmap.bench import events as bench

    text = "Russian missiles struck Odesa on Monday, killing three people.\nDelegations met in Istanbul on Monday."
    odesa = text.index("Odesa")
    istanbul = text.index("Istanbul")
    record = {
        "id": "t1", "text": text, "dateline_date": "2025-06-03",
        "toponyms": [
            {"start": odesa, "end": odesa + 5, "lat": 46.48, "lon": 30.73, "kind": "city", "country": "UA", "role": "location"},
            {"start": istanbul, "end": istanbul + 8, "lat": 41.01, "lon": 28.95, "kind": "city", "country": "TR", "role": "location"},
        ],
        "events": [
            {"lat": 46.48, "lon": 30.73, "precision": "city", "country": "UA", "event_type": "missile_strike",
             "killed": 3, "wounded": None, "event_date": "2025-06-02"},
            {"lat": 41.01, "lon": 28.95, "precision": "city", "country": "TR", "event_type": "diplomatic",
             "killed": None, "wounded": None, "event_date": "2025-06-02"},
        ],
    }
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps(record) + "\n", encoding="utf-8")

    class Args:
        pass

    args = Args()
    args.corpus, args.errors, args.only = str(corpus), None, None
    assert bench.run(args) == 0
    scores = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert scores == {"toponym_recall": 1.0, "toponym_precision": 1.0, "event_recall": 1.0, "event_precision": 1.0,
                      "type_exact": 1.0, "casualty_exact": 1.0, "date_exact": 1.0}
    # A wrong figure is counted against casualty exact, nothing else.
    record["events"][0]["killed"] = 4
    corpus.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert bench.run(args) == 0
    scores = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert scores["casualty_exact"] == 0.0 and scores["event_recall"] == 1.0


def test_bench_events_refuses_a_file_that_is_not_a_corpus(tmp_path):
    from newsmap.bench.events import read_corpus
    from newsmap.errors import InputError

    bad = tmp_path / "notes.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="notes.jsonl: line 1 lacks"):
        read_corpus(bad)


def test_a_car_bomb_is_an_explosive_attack_not_an_air_strike(pipeline):
    text = "A car bomb exploded outside a police station in Kismayo on Sunday, killing six people and wounding 11."
    events = _extract(pipeline, text, published=date(2025, 3, 3)).events
    assert [(e.event_type, e.acled_sub_event_type, e.killed, e.wounded, e.event_date) for e in events] == [
        ("other", "Remote explosive/landmine/IED", 6, 11, date(2025, 3, 2))
    ]


def test_a_war_long_toll_is_not_the_attacks_figure(pipeline):
    text = ("An air strike killed seven people at a market in Rafah on Sunday, medics said.\n"
            "The health ministry said at least 31,000 people have been killed in more than five months of war.")
    extraction = _extract(pipeline, text, published=date(2024, 3, 11))
    rafah = [e for e in extraction.events if e.place and e.place.text == "Rafah"]
    assert [e.killed for e in rafah] == [7]
    assert 31000 in [s.killed for s in extraction.summaries]


def test_no_casualties_is_true_of_every_place_the_sentence_before_named(pipeline):
    text = ("Explosions were heard in Srinagar and Jammu late on Saturday.\n"
            "There were no reports of casualties.")
    extraction = _extract(pipeline, text, published=date(2025, 5, 11))
    figures = {e.place.text: (e.killed, e.wounded) for e in extraction.events}
    assert figures == {"Srinagar": (0, 0), "Jammu": (0, 0)}


def test_the_same_strike_told_twice_is_one_event_with_the_highest_toll(pipeline):
    text = ("A Russian missile hit a restaurant in Kryvyi Rih on Friday, killing 11 people.\n"
            "Rescuers searched the rubble overnight.\n"
            "By Saturday morning officials said 14 people had been killed in Kryvyi Rih.")
    events = [e for e in _extract(pipeline, text, published=date(2025, 4, 5)).events if e.place.text == "Kryvyi Rih"]
    assert [e.killed for e in events] == [14]


def test_a_second_strike_stays_a_second_event(pipeline):
    text = ("A drone hit a house in Kherson on Monday, wounding two people.\n"
            "A second drone struck the same street an hour later, wounding three rescuers.")
    events = _extract(pipeline, text, published=date(2025, 4, 8)).events
    assert [(e.place.text, e.wounded) for e in events] == [("Kherson", 2), ("Kherson", 3)]


def test_figures_for_an_unnamed_district_go_to_the_district_named_next(pipeline):
    text = ("A woman was killed in Russian shelling of a border community in Ukraine's Sumy region on Tuesday.\n"
            "The shells hit the village of Khotin, the regional administration said.")
    events = _extract(pipeline, text, published=date(2025, 4, 9)).events
    assert [(e.place.text, e.killed) for e in events] == [("Khotin", 1)]


def test_a_count_before_a_place_takes_the_casualty_word_nearest_before_it(pipeline):
    text = ("At least 52 people were killed across the country on Monday, including 19 in Omdurman, "
            "and more than 200 were injured, the health ministry said.")
    events = _extract(pipeline, text, published=date(2024, 6, 4)).events
    assert [(e.place.text, e.killed, e.wounded) for e in events] == [("Omdurman", 19, None)]


@pytest.mark.parametrize("sentence, actor", [
    ("RSF shelling killed five people in El Fasher on Monday, residents said.", "Rapid Support Forces"),
    ("M23 rebels seized the town of Sake on Tuesday after heavy fighting.", "March 23 Movement"),
    ("The IDF said its jets struck a depot near Tyre on Monday.", "Military Forces of Israel"),
    ("Israeli jets struck Hamas positions in Khan Younis on Monday.", "Military Forces of Israel"),
])
def test_the_acting_armed_group_is_the_actor(pipeline, sentence, actor):
    (event,) = _extract(pipeline, sentence, published=date(2025, 3, 4)).events
    assert event.actor == actor


def test_a_country_named_by_its_short_form_acts_and_the_group_it_hits_is_not_carried_over(pipeline):
    # The earlier sentence's actor (al-Shabaab) is what the later one hits: it must not act there.
    text = ("Al-Shabaab fighters attacked an army base near Jowhar on Monday, killing four soldiers.\n"
            "Hours later, U.S. aircraft struck al-Shabaab positions near Kismayo, killing nine militants.\n"
            "On Tuesday, further strikes hit al-Shabaab targets near Jilib, the command said.")
    events = {e.place.text: e for e in _extract(pipeline, text, published=date(2025, 3, 4)).events}
    assert events["Kismayo"].actor == "Military Forces of United States"
    assert events["Jilib"].actor != events["Jowhar"].actor


def test_an_attack_at_a_site_the_gazetteer_lacks_does_not_add_its_toll_to_the_last_event(pipeline):
    text = ("Al-Shabaab fighters attacked an army base near Jowhar on Monday, killing four soldiers.\n"
            "Hours later, aircraft struck militant positions near Qalimow Dheere, killing nine fighters.\n"
            "Rescuers said the base near Jowhar was badly damaged at the time.")
    extraction = _extract(pipeline, text, published=date(2025, 3, 4))
    assert [(e.place.text, e.killed) for e in extraction.events] == [("Jowhar", 4)]
    assert [s.killed for s in extraction.summaries] == [9]


@pytest.mark.parametrize("sentence, killed, wounded", [
    ("Dozens of people were killed when shells hit the camp.", 12, None),
    ("Hundreds were wounded in the bombardment of the city.", None, 100),
    ("Tens of thousands of people have been killed since the war began.", 10000, None),
])
def test_vague_counts_follow_acled_and_are_flagged_approximate(sentence, killed, wounded):
    figures = find_casualties(sentence)
    assert (figures.killed, figures.wounded, figures.approximate) == (killed, wounded, True)
    assert not find_casualties("Three people were killed in the attack.").approximate


def test_every_event_has_a_confidence_and_says_why_it_is_lower(pipeline, tmp_path):
    from newsmap.store import Store

    text = ("Dozens of people were wounded in shelling of the Kharkiv region, officials claimed.\n"
            "A drone hit a house in Izium on Monday, killing two people.")
    extraction = _extract(pipeline, text, published=date(2025, 3, 4))
    by_place = {e.place.text: e for e in extraction.events}
    sure, weak = by_place["Izium"], by_place["Kharkiv region"]
    assert sure.confidence > weak.confidence
    assert weak.approximate and "approximate" in weak.confidence_reasons
    assert "region level" in weak.confidence_reasons and "claim" in weak.confidence_reasons
    with Store(f"sqlite:///{tmp_path / 'store.db'}") as store:
        store.add(extraction)
        stored = {e["place_text"]: e for e in store.event_dicts()}
    assert stored["Kharkiv region"]["confidence"] == weak.confidence
    assert stored["Kharkiv region"]["approximate"] is True
    assert stored["Izium"]["confidence_reasons"] == sure.confidence_reasons


def test_attacks_whose_sentence_names_no_weapon_take_the_one_the_story_leads_with(pipeline):
    text = ("Russian missile barrage hits Ukrainian cities\n\n"
            "Russia fired dozens of cruise missiles at Ukraine overnight, officials said on Tuesday.\n\n"
            "In Odesa, 14 people were hospitalised. In Zhytomyr, two people were killed.")
    events = _extract(pipeline, text, published=date(2025, 3, 4)).events
    assert {e.place.text: e.event_type for e in events} == {"Odesa": "missile_strike", "Zhytomyr": "missile_strike"}


def test_a_places_own_toll_stands_whatever_else_the_sentence_counts(pipeline):
    text = ("One man was also wounded in Nikopol, where Russian forces fired on 14 settlements during the day.\n"
            "Three civilians died and one was injured in Kherson, the governor said.")
    events = _extract(pipeline, text, published=date(2025, 3, 4)).events
    figures = {e.place.text: (e.killed, e.wounded) for e in events}
    assert figures == {"Nikopol": (None, 1), "Kherson": (3, 1)}


def test_a_sentence_back_at_an_events_place_keeps_it_open_for_the_next(pipeline):
    text = ("At least 20 people were killed on Friday when a missile hit the bus station in Lysychansk, "
            "the governor said.\n\n"
            "\"They knew the station in Lysychansk was full of people waiting to leave. "
            "Yet they struck it, killing at least 20 and wounding at least 40,\" the mayor said.")
    events = [e for e in _extract(pipeline, text, published=date(2022, 5, 7)).events if e.place.text == "Lysychansk"]
    assert [(e.killed, e.wounded) for e in events] == [(20, 40)]


def test_bodies_are_the_dead_even_when_wounds_are_the_nearest_casualty_word():
    figures = find_casualties("Medics said 17 bodies had been recovered and 25 people were being treated for wounds.")
    assert (figures.killed, figures.wounded) == (17, 25)


def test_a_toll_since_then_or_in_similar_attacks_is_not_this_attacks(pipeline):
    text = ("Fighting between the army and the Kachin Independence Army in Bhamo killed four civilians on Monday.\n"
            "More than 2,000 civilians have been killed in the state since then, a rights group said.\n"
            "Gunmen killed nine villagers near Kaduna on Sunday. Dozens more were killed in similar attacks "
            "in the state in March.")
    extraction = _extract(pipeline, text, published=date(2025, 5, 6))
    assert sorted((e.place.text, e.killed) for e in extraction.events) == [("Bhamo", 4), ("Kaduna", 9)]
    assert {s.killed for s in extraction.summaries} >= {2000, 12}


def test_fighting_given_as_the_setting_of_a_strike_does_not_make_it_a_battle(pipeline):
    text = ("A drone strike on a market in Gondar killed 20 people on Sunday, officials said, as fighting "
            "between the army and Fano militiamen spread across the region.")
    (event,) = _extract(pipeline, text, published=date(2024, 10, 7)).events
    assert (event.place.text, event.event_type, event.killed) == ("Gondar", "drone_strike", 20)


def test_a_region_strike_the_next_sentence_places_in_a_town_is_one_event_there(pipeline):
    text = ("An air strike in Ethiopia's Amhara region killed 15 people on Tuesday, witnesses said.\n"
            "The strike hit a market in the town of Bahir Dar, where 15 bodies were recovered and 30 people "
            "were treated for wounds.")
    events = _extract(pipeline, text, published=date(2024, 10, 9)).events
    assert [(e.place.text, e.killed, e.wounded) for e in events] == [("Bahir Dar", 15, 30)]


def test_a_group_named_like_a_town_abroad_is_no_place_in_a_story_set_elsewhere(pipeline):
    text = ("ADDIS ABABA, Oct 7 (Reuters) - Ethiopian troops retook the town of Lalibela on Sunday.\n"
            "On Saturday, Fano fighters had briefly held parts of the town, a local official said.")
    extraction = _extract(pipeline, text, published=date(2024, 10, 7))
    assert "Fano" not in [p.text for p in extraction.places]
    assert all(e.place.location.country == "ET" for e in extraction.events)


def test_shelling_of_a_nearby_village_the_gazetteer_lacks_keeps_its_toll_apart(pipeline):
    text = ("GOMA, Feb 14 (Reuters) - Rebels captured the town of Kalembe in North Kivu province on Thursday "
            "after two days of fighting with the army and allied militias, local officials said.\n\n"
            "At least 12 civilians were killed by shelling in the nearby village of Kibati Ndogo on Wednesday, "
            "a civil society leader said.")
    extraction = _extract(pipeline, text, published=date(2025, 2, 14))
    assert [e.killed for e in extraction.events] == [None]  # the capture, placed in the province
    assert [s.killed for s in extraction.summaries] == [12]


def test_a_region_that_has_seen_repeated_clashes_is_background_not_an_event(pipeline):
    text = ("Gunmen killed seven farmers near Kafanchan on Sunday, police said.\n\n"
            "Southern Kaduna has seen repeated clashes between farmers and herders over land.")
    events = _extract(pipeline, text, published=date(2025, 3, 4)).events
    assert [(e.place.text, e.killed) for e in events] == [("Kafanchan", 7)]
