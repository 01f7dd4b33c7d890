"""Rules found by probing newsmap with wire stories about the Middle East wars (Gaza, Lebanon, Israel,
Yemen, Syria, Iraq) written for these tests in AP, Reuters, AFP and Al Jazeera styles. Every sentence
here was written for these tests."""

from __future__ import annotations

from datetime import date

from newsmap.ingest import article_from_text


def _extract(pipeline, text, published=date(2025, 5, 20)):
    return pipeline.extract(article_from_text(text, source="test", published=published))


def _events(extraction):
    return [(e.place.text, e.event_type, e.killed, e.wounded) for e in extraction.events]


def test_a_town_after_a_capitalised_opening_word_is_read_in_its_other_spelling(pipeline):
    text = ("Strikes across Gaza\n\n"
            "Israeli strikes hit the central Gaza Strip on Monday, medics said.\n\n"
            "In Deir al-Balah, an Israeli strike on a tent killed four people, the medics said.")
    places = pipeline.extract(article_from_text(text, source="test", published=date(2025, 5, 20))).places
    assert "Deir al-Balah" in [p.text for p in places]


def test_an_institution_named_after_a_place_is_no_second_site(pipeline):
    text = ("Strike in Gaza\n\n"
            "An Israeli air strike on a house in Beit Hanoun killed nine people on Monday, the Gaza civil "
            "defence agency said.\n\n"
            "The Gaza health ministry said 120 people had been wounded across the territory in the past day.")
    extraction = _extract(pipeline, text)
    assert [(e.place.text, e.killed) for e in extraction.events] == [("Beit Hanoun", 9)]


def test_an_offensives_toll_told_after_an_attack_is_a_summary(pipeline):
    text = ("Israeli strike kills family in Gaza\n\n"
            "An Israeli strike on a house in Nuseirat killed six members of one family on Tuesday, "
            "hospital officials said.\n\n"
            "The army said it had targeted a militant.\n\n"
            "Israel's offensive has killed more than 40,000 Palestinians, according to the territory's health "
            "officials. At least 900 have been killed since Israel resumed its bombardment in March, they said.")
    extraction = _extract(pipeline, text)
    assert [(e.place.text, e.killed) for e in extraction.events] == [("Nuseirat", 6)]
    assert sorted(s.killed for s in extraction.summaries) == [900, 40000]


def test_a_toll_dated_to_an_earlier_year_is_history_not_more_of_the_last_attack(pipeline):
    text = ("Strike on Bureij\n\n"
            "An Israeli strike on a school in Bureij killed seven people and wounded 15 on Tuesday, medics said.\n\n"
            "The army said it had struck a command centre.\n\n"
            "The war began after militants stormed Israeli towns on Oct. 7, 2023, killing some 1,200 people.")
    extraction = _extract(pipeline, text)
    assert [(e.place.text, e.killed, e.wounded, e.event_date) for e in extraction.events] == [
        ("Bureij", 7, 15, date(2025, 5, 20))]


def test_a_toll_dated_to_an_earlier_month_does_not_swell_the_last_attack(pipeline):
    text = ("Israel strikes Syria\n\n"
            "Israeli airstrikes hit an air base near Homs on Monday night, state media said.\n\n"
            "Sectarian violence in the west of the country in March killed more than 1,000 people, a monitor said.")
    extraction = _extract(pipeline, text, published=date(2025, 5, 20))
    assert [(e.place.text, e.killed) for e in extraction.events] == [("Homs", None)]


def test_the_other_sides_attack_told_in_an_as_clause_does_not_take_the_first_attacks_toll(pipeline):
    text = ("Strikes and rockets\n\n"
            "Israeli air strikes on villages in the south of Lebanon killed at least nine people on Monday, the "
            "health ministry said, as Hezbollah fired rockets at the northern Israeli town of Nahariya.")
    extraction = _extract(pipeline, text)
    assert _events(extraction) == [("Nahariya", "shelling", None, None)]
    assert [s.killed for s in extraction.summaries] == [9]


def test_a_count_killed_in_a_strike_on_a_building_in_a_town_is_that_towns(pipeline):
    text = ("Strikes on Lebanon\n\n"
            "The ministry said six people were killed in a strike on a family home in Tyre, and three others "
            "in Sidon.")
    extraction = _extract(pipeline, text)
    assert [(e.place.text, e.killed) for e in extraction.events] == [("Tyre", 6), ("Sidon", 3)]


def test_an_unplaced_toll_compared_with_a_campaigns_start_waits_for_the_strikes_place(pipeline):
    text = ("US strikes on Yemen\n\n"
            "U.S. strikes on a Yemeni fuel terminal killed 20 people and wounded 35, the Houthi-run health "
            "ministry said on Friday, the deadliest attack since Washington began its campaign in March.\n\n"
            "The strikes late on Thursday hit the terminal in Hodeidah province, Houthi media said.")
    extraction = _extract(pipeline, text, published=date(2025, 5, 23))
    assert [(e.killed, e.wounded) for e in extraction.events] == [(20, 35)]


def test_strikes_on_a_second_place_joined_by_and_keep_their_own_toll(pipeline):
    text = ("Strikes on Yemen\n\n"
            "U.S. strikes on the city of Amran killed three people overnight, the Houthi media office said, and "
            "strikes on Hajjah province wounded five.")
    extraction = _extract(pipeline, text)
    assert [(e.place.text, e.killed, e.wounded) for e in extraction.events] == [
        ("Amran", 3, None), ("Hajjah province", None, 5)]


def test_the_other_sides_missile_told_next_is_not_the_weapon_of_the_last_strike(pipeline):
    text = ("Strikes on Yemen\n\n"
            "U.S. strikes hit Dhamar on Tuesday, the Houthis said.\n\n"
            "The Houthis said they had fired a ballistic missile at Israel. The Israeli military said it "
            "intercepted it.")
    extraction = _extract(pipeline, text)
    assert [(e.place.text, e.event_type) for e in extraction.events] == [("Dhamar", "air_strike")]  # not a missile strike


def test_a_toll_across_a_territory_named_by_its_city_is_no_attack_on_the_city(pipeline):
    text = ("Deadly night in Gaza\n\n"
            "Israeli strikes killed at least 60 people across Gaza overnight, health officials said on Tuesday, "
            "in the deadliest day since the truce began.\n\n"
            "In Khan Younis, a strike on a tent killed a mother and her two children.")
    extraction = _extract(pipeline, text)
    assert [(e.place.text, e.killed) for e in extraction.events] == [("Khan Younis", 3)]
    assert [s.killed for s in extraction.summaries] == [60]


def test_the_latest_attack_since_a_truce_is_one_attacks_toll(pipeline):
    text = ("Drone strike in Lebanon\n\n"
            "An Israeli drone strike on a car in the town of Marjayoun killed three people on Tuesday, the health "
            "ministry said, the latest in a string of attacks since a ceasefire took effect last year.")
    extraction = _extract(pipeline, text, published=date(2025, 6, 3))
    assert [(e.place.text, e.killed) for e in extraction.events] == [("Marjayoun", 3)]


def test_a_news_agency_named_after_a_place_is_no_site(pipeline):
    text = ("Israel strikes Yemen\n\n"
            "Israeli warplanes struck the port of Hodeidah on Sunday, killing four people, the Houthi-run Saba "
            "news agency said.")
    extraction = _extract(pipeline, text, published=date(2025, 9, 7))
    assert [(e.place.text, e.killed) for e in extraction.events] == [("Hodeidah", 4)]


def test_deaths_from_hunger_are_not_more_victims_of_the_last_attack(pipeline):
    text = ("Aid seekers killed\n\n"
            "Israeli troops opened fire near an aid site in Rafah on Monday, killing 14 people, medics said. "
            "Three more people died of malnutrition, the health ministry said.")
    extraction = _extract(pipeline, text, published=date(2025, 8, 12))
    assert [(e.place.text, e.killed) for e in extraction.events] == [("Rafah", 14)]


def test_a_separate_airstrike_at_an_unknown_camp_does_not_retype_the_last_attack(pipeline):
    text = ("Aid seekers killed\n\n"
            "Israeli troops opened fire near an aid site in Rafah on Monday, killing 14 people, medics said.\n\n"
            "Separately, an airstrike hit a tent camp in the west of the enclave, the civil defence said.")
    extraction = _extract(pipeline, text, published=date(2025, 8, 12))
    assert [(e.place.text, e.event_type) for e in extraction.events] == [("Rafah", "other")]


def test_a_sides_running_count_of_launches_is_no_event(pipeline):
    text = ("Houthi drone hits Israel\n\n"
            "A drone launched from Yemen hit a hotel in Eilat on Sunday, wounding two people, medics said.\n\n"
            "The Houthis have fired hundreds of missiles and drones at Israel since the war in Gaza began.")
    extraction = _extract(pipeline, text, published=date(2025, 9, 7))
    assert [e.place.text for e in extraction.events] == ["Eilat"]


def test_an_earlier_attack_named_to_date_the_news_has_its_own_day_and_kind(pipeline):
    text = ("Turkey strikes militants\n\n"
            "Turkish warplanes struck Kurdish militant targets in northern Syria on Thursday, a day after an "
            "attack on a police station near Diyarbakir killed four officers and wounded nine.")
    extraction = _extract(pipeline, text, published=date(2024, 10, 24))
    assert [(e.place.text, e.event_type, e.killed, e.wounded, e.event_date) for e in extraction.events] == [
        ("Diyarbakir", "other", 4, 9, date(2024, 10, 23))]


def test_a_missile_said_to_have_been_intercepted_by_a_pronoun_is_an_interception(pipeline):
    text = ("Sirens in Israel\n\n"
            "Sirens sounded in Jerusalem on Tuesday after a missile was launched from Yemen; the army said it was "
            "intercepted.")
    extraction = _extract(pipeline, text)
    assert [(e.place.text, e.event_type) for e in extraction.events] == [("Jerusalem", "drones_downed")]


def test_a_missile_site_struck_by_jets_is_an_air_strike(pipeline):
    text = ("Israel strikes Iran\n\n"
            "Israeli jets struck a missile production site near Isfahan overnight, the military said.")
    extraction = _extract(pipeline, text, published=date(2025, 6, 19))
    assert [(e.place.text, e.event_type) for e in extraction.events] == [("Isfahan", "air_strike")]


def test_the_rockets_fired_before_a_strike_are_not_its_weapon(pipeline):
    text = ("Israel strikes Beirut\n\n"
            "Israel struck a building in Beirut on Friday after rockets were fired from Lebanon towards northern "
            "Israel, witnesses said. There were no casualties, the civil defence said.")
    extraction = _extract(pipeline, text, published=date(2025, 3, 28))
    assert [(e.place.text, e.event_type, e.killed) for e in extraction.events] == [("Beirut", "other", 0)]
