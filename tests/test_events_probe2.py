"""Rules found by probing newsmap with wire stories written for these tests (AP, Reuters, AFP, Al
Jazeera, OCHA and local-outlet styles about Ukraine, Gaza, Lebanon, Sudan, Myanmar, Syria, Yemen, the
DRC, the Sahel and Haiti). Every sentence here was written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from newsmap.casualties import find_casualties
from newsmap.ingest import article_from_text


def _extract(pipeline, text, published=date(2025, 3, 4)):
    return pipeline.extract(article_from_text(text, source="test", published=published))


@pytest.mark.parametrize("sentence, killed, wounded, approximate", [
    ("Gunmen killed seven villagers near Djibo, burning dozens of homes.", 7, None, False),
    ("The strike wounded 14 people and damaged hundreds of buildings.", None, 14, False),
    ("Dozens of people were wounded and three were killed as thousands of residents fled.", 3, 12, True),
    ("Shelling killed dozens of people in the camp.", 12, None, True),
])
def test_only_a_figure_read_from_a_vague_count_is_approximate(sentence, killed, wounded, approximate):
    figures = find_casualties(sentence)
    assert (figures.killed, figures.wounded, figures.approximate) == (killed, wounded, approximate)


@pytest.mark.parametrize("toll", [
    "The health ministry says more than 250 people have been killed in Israeli strikes since the truce took effect.",
    "More than 900 people were killed in the country between January and March, according to the United Nations.",
    "At least 400 civilians have been killed since the ceasefire, the monitor said.",
])
def test_a_periods_toll_after_an_attack_is_a_summary_not_more_of_that_attack(pipeline, toll):
    text = ("Gunmen opened fire on a minibus in Croix-des-Bouquets on Sunday, killing three people, police said.\n\n"
            + toll)
    extraction = _extract(pipeline, text, published=date(2025, 4, 1))
    assert [(e.place.text, e.killed) for e in extraction.events] == [("Croix-des-Bouquets", 3)]
    assert len(extraction.summaries) == 1


def test_a_strike_on_a_hospital_in_a_town_is_in_that_town(pipeline):
    text = "A military airstrike on a hospital in Kyaukme on Tuesday killed nine patients, a rebel group said."
    events = _extract(pipeline, text, published=date(2025, 4, 16)).events
    assert [(e.place.text, e.event_type, e.killed) for e in events] == [("Kyaukme", "air_strike", 9)]


def test_the_wounded_taken_to_hospital_in_a_city_were_not_hit_there(pipeline):
    text = "Shelling hit Kherson on Monday, wounding four people who were taken to hospital in Mykolaiv."
    events = _extract(pipeline, text, published=date(2025, 4, 16)).events
    assert [e.place.text for e in events] == ["Kherson"]


def test_a_separate_attack_at_an_unknown_site_keeps_its_own_toll(pipeline):
    text = ("An Israeli drone struck a motorcycle in Bint Jbeil on Monday, killing one man, the health ministry said.\n\n"
            "The army said the man was a Hezbollah fighter.\n\n"
            "Separately, an Israeli strike on a digger in the border village of Qarbeq on Sunday wounded two people.")
    extraction = _extract(pipeline, text, published=date(2025, 11, 3))
    assert [(e.place.text, e.killed, e.wounded) for e in extraction.events] == [("Bint Jbeil", 1, None)]
    assert [(s.killed, s.wounded) for s in extraction.summaries] == [(None, 2)]


def test_a_toll_told_before_its_place_joins_the_other_figure_told_with_the_place(pipeline):
    text = ("An Israeli drone strike on a car in south Lebanon killed three people on Monday, the ministry said.\n\n"
            "The strike hit the vehicle on a road near Bint Jbeil, the ministry said, adding that a fourth person "
            "was wounded.")
    extraction = _extract(pipeline, text, published=date(2025, 11, 3))
    assert [(e.place.text, e.killed, e.wounded) for e in extraction.events] == [("Bint Jbeil", 3, 1)]
    assert extraction.summaries == []


def test_an_attack_on_a_named_village_the_gazetteer_lacks_is_not_more_of_the_last_one(pipeline):
    text = ("Jihadists attacked an army post in Djibo on Friday, killing nine soldiers, security sources said.\n\n"
            "A day earlier, gunmen attacked the village of Bouloumbi in the same province, killing 14 civilians.")
    extraction = _extract(pipeline, text, published=date(2025, 5, 11))
    assert [(e.place.text, e.killed) for e in extraction.events] == [("Djibo", 9)]
    assert [s.killed for s in extraction.summaries] == [14]


def test_an_attack_told_again_in_other_words_at_the_same_place_is_one_event(pipeline):
    text = ("Jihadists killed at least 20 soldiers in northern Burkina Faso, security sources said on Sunday.\n\n"
            "The attack targeted a supply convoy near the town of Titao on Friday. \"The convoy fell into an "
            "ambush outside Titao,\" one source said, adding that 11 others were wounded.")
    events = _extract(pipeline, text, published=date(2025, 5, 11)).events
    assert [(e.place.text, e.event_type, e.killed, e.wounded) for e in events] == [("Titao", "other", 20, 11)]


@pytest.mark.parametrize("sentence, killed", [
    ("An Israeli strike on a house killed a family of five, medics said.", 5),
    ("The shell killed an entire family of seven, including four children.", 7),
])
def test_a_family_of_n_counts_its_members(sentence, killed):
    assert find_casualties(sentence).killed == killed


def test_a_toll_across_a_wider_area_is_not_the_toll_of_the_town_it_singles_out(pipeline):
    text = ("Israeli air strikes killed at least 31 Palestinians across the Gaza Strip on Wednesday, including "
            "a family of six whose house was hit in Deir al-Balah, health officials said.")
    extraction = _extract(pipeline, text, published=date(2025, 5, 21))
    assert [e.killed for e in extraction.events if e.place.text == "Deir al-Balah"] == [None]
    assert [s.killed for s in extraction.summaries] == [31]


def test_a_rocket_fired_from_northern_gaza_and_intercepted_is_an_interception_where_it_was_aimed(pipeline):
    text = ("The military said a rocket was fired from northern Gaza toward the Israeli city of Ashkelon on "
            "Tuesday and was intercepted.")
    events = _extract(pipeline, text, published=date(2025, 5, 21)).events
    assert [(e.place.text, e.event_type) for e in events] == [("Ashkelon", "drones_downed")]


def test_the_attack_retold_in_a_district_of_its_city_is_the_same_event(pipeline):
    text = ("Russian drones struck Kyiv overnight, killing two people and wounding nine, the city's military "
            "administration said on Friday.\n\n"
            "The attack set fire to a high-rise building in the city's Obolonskyi district, officials said.")
    events = _extract(pipeline, text, published=date(2025, 6, 13)).events
    assert [(e.place.text, e.killed, e.wounded) for e in events] == [("Kyiv", 2, 9)]


@pytest.mark.parametrize("sentence, killed, wounded", [
    ("On 11 July, a drone strike hit a market, killing 9 people and injuring 23 others.", 9, 23),
    ("On Sept. 3, four people were killed by shelling.", 4, None),
    ("Between 10 and 13 July, attacks on villages killed at least 250 civilians.", 250, None),
    ("Shelling on 2 May killed three and wounded 10.", 3, 10),
])
def test_a_day_of_the_month_is_no_count_of_people(sentence, killed, wounded):
    figures = find_casualties(sentence)
    assert (figures.killed, figures.wounded) == (killed, wounded)


@pytest.mark.parametrize("sentence, kind", [
    ("A junta airstrike on a school killed 17 villagers who had sheltered there from fighting.", "air_strike"),
    ("Israel's military said it struck the port of Salif in response to repeated missile attacks.", "attack"),
    ("Gunmen fired rocket-propelled grenades at a tanker off the coast on Sunday.", "grenade"),
])
def test_the_weapon_is_the_attackers_own_not_the_one_fled_or_answered(sentence, kind):
    from newsmap.events.kinds import _classify

    assert _classify(sentence)[0] == kind


def test_the_ends_of_a_highway_are_not_where_the_fighting_was(pipeline):
    text = ("Clashes between tribal fighters and government forces erupted on Sunday near Daraa, after gunmen "
            "seized a truck on the highway linking Homs with Damascus.")
    events = _extract(pipeline, text, published=date(2025, 7, 14)).events
    assert [e.place.text for e in events] == ["Daraa"]


def test_a_paragraph_about_another_region_does_not_take_the_last_paragraphs_weapon(pipeline):
    text = ("Russian attacks kill 4 across Ukraine\n\n"
            "Russian attacks killed three people across Ukraine over the past day, officials said on Sunday.\n\n"
            "In Sumy Oblast, Russian artillery shelling killed one person and injured three, the governor said.\n\n"
            "Two people were killed and five injured in Dnipropetrovsk Oblast, according to its governor.")
    events = {e.place.text: e.event_type for e in _extract(pipeline, text, published=date(2025, 9, 14)).events}
    assert events == {"Sumy Oblast": "shelling", "Dnipropetrovsk Oblast": "other"}


@pytest.mark.parametrize("sentence, killed", [
    ("Police killed a notorious gang leader and three of his men in a shootout.", 4),
    ("The strike killed a senior Hezbollah commander and two other fighters.", 3),
])
def test_leaders_and_their_men_are_counted_together(sentence, killed):
    assert find_casualties(sentence).killed == killed


def test_the_city_a_neighbourhood_is_of_is_not_a_second_site(pipeline):
    text = ("Police fought gang members in the Delmas area of Port-au-Prince on Friday, killing five of them. "
            "Two officers were wounded.")
    events = _extract(pipeline, text, published=date(2025, 2, 8)).events
    assert [(e.place.text, e.killed, e.wounded) for e in events] == [("Delmas", 5, 2)]


def test_the_rockets_a_strike_came_a_day_after_are_not_its_weapon(pipeline):
    text = ("Israeli strikes hit a building in Tyre on Tuesday, killing three people, the ministry said, a day "
            "after rockets were fired from Lebanon toward northern Israel.")
    events = _extract(pipeline, text, published=date(2025, 4, 1)).events
    assert [(e.place.text, e.event_type, e.killed) for e in events] == [("Tyre", "other", 3)]


def test_a_campaigns_start_date_does_not_date_the_strike_before_it(pipeline):
    text = ("U.S. airstrikes killed 12 people in Sanaa overnight, the rebels said on Sunday.\n\n"
            "Strikes also hit the province of Saada, killing two people, the Houthis said.\n\n"
            "The U.S. military has struck more than 1,000 targets in Yemen since the campaign began on March 15.")
    events = _extract(pipeline, text, published=date(2025, 4, 20)).events
    assert [(e.place.text, e.killed) for e in events] == [("Sanaa", 12), ("Saada", 2)]
    assert events[1].event_date >= date(2025, 4, 19)


def test_a_compass_part_of_a_place_is_the_setting_of_the_site_inside_it(pipeline):
    text = ("In central Gaza, an Israeli drone strike on a group of people in the Bureij refugee camp killed "
            "three, medics said on Sunday.")
    events = _extract(pipeline, text, published=date(2025, 6, 1)).events
    assert [(e.place.text, e.killed) for e in events] == [("Bureij", 3)]


def test_a_capture_dated_by_the_next_sentence_and_the_airstrikes_that_followed_it(pipeline):
    text = ("Resistance forces said on Monday they had captured the town of Hsipaw in Shan State after weeks "
            "of fighting with junta troops.\n\n"
            "The rebel army said its fighters took full control of the town on Sunday.\n\n"
            "The military responded with airstrikes on the town, killing four civilians and injuring nine, "
            "residents said.")
    events = _extract(pipeline, text, published=date(2024, 7, 22)).events
    assert [(e.event_type, e.event_date, e.killed, e.wounded) for e in events] == [
        ("ground_fighting", date(2024, 7, 21), None, None), ("air_strike", date(2024, 7, 21), 4, 9)]


def test_a_neighbouring_town_named_next_is_not_a_district_of_the_last_one(pipeline):
    text = ("In Khan Younis, a strike on a family home killed seven people, medics said on Wednesday.\n\n"
            "In Nuseirat, Israeli jets struck a school sheltering displaced families. Five people were killed.")
    events = _extract(pipeline, text, published=date(2024, 7, 17)).events
    assert [(e.place.text, e.killed) for e in events] == [("Khan Younis", 7), ("Nuseirat", 5)]
