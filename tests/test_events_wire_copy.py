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


def test_a_toll_of_two_villages_goes_to_the_place_the_next_sentence_names(pipeline):
    text = ("Bandits raided two villages in northwest Nigeria's Katsina state on Saturday, killing at least 23 "
            "people, police said. The gunmen attacked Yargoje and Dan Ali villages in Kankara local government "
            "area, a police spokesman said. Nine people were wounded.")
    extraction = _extract(pipeline, text)
    events = [(e.place.text, e.event_type, e.killed, e.wounded) for e in extraction.events]
    assert events == [("Kankara", "other", 23, 9)]
    assert extraction.summaries == []


def test_a_toll_of_several_villages_stays_with_their_region_when_no_place_is_named(pipeline):
    text = ("Jihadists attacked several villages in Niger's Tillaberi region on Tuesday, killing 17 civilians, "
            "the interior ministry said.")
    events = _extract(pipeline, text).events
    assert [(e.geo_precision, e.killed) for e in events] == [(3, 17)]


def test_a_regions_toll_goes_to_the_town_the_next_sentence_places_the_same_strike_in(pipeline):
    text = ("An air strike killed 14 people at a crowded market in Myanmar's western Rakhine state on Friday, "
            "residents said. The strike hit the market in the town of Kyauktaw shortly after noon, a resident said. "
            "\"We counted 31 wounded,\" he said.")
    events = _extract(pipeline, text).events
    assert [(e.place.text, e.killed, e.wounded) for e in events] == [("Kyauktaw", 14, 31)]


def test_the_day_a_source_told_an_agency_is_when_it_was_said():
    from newsmap.dates import find_dates
    text = ("Militants attacked the camp on Monday, killing five, a local official told Reuters on Tuesday. "
            "The army said in a statement on Wednesday that it had sent reinforcements.")
    mentions = [(m.text, m.reporting) for m in find_dates(text, date(2025, 3, 5), 0, len(text))]
    assert mentions == [("Monday", False), ("Tuesday", True), ("Wednesday", True)]


def test_an_ambushs_toll_told_before_its_place_waits_for_the_place(pipeline):
    text = ("Islamist fighters ambushed an army patrol in northeastern Nigeria on Monday, killing nine soldiers "
            "and wounding four, military sources told AFP on Tuesday.\n"
            "The attack took place near Gwoza, in Borno state, one source said.")
    events = _extract(pipeline, text, published=date(2025, 3, 4)).events
    assert [(e.place.text, e.killed, e.wounded, e.event_date) for e in events] == [
        ("Gwoza", 9, 4, date(2025, 3, 3))]


def test_a_follow_up_that_dates_the_attack_dates_its_event(pipeline):
    text = ("Eight soldiers were killed when gunmen attacked an army base in Burkina Faso's Sahel region, the army "
            "said on Friday.\n"
            "The attack on the base took place on Wednesday, the army said.")
    events = _extract(pipeline, text, published=date(2025, 3, 7)).events
    assert [(e.killed, e.event_date) for e in events] == [(8, date(2025, 3, 5))]


def test_a_regions_toll_goes_to_the_town_a_follow_up_places_and_dates_the_attack_in(pipeline):
    text = ("Eight soldiers were killed when gunmen attacked an army base in Burkina Faso's Sahel region, the army "
            "said on Friday.\n"
            "The attack on the base at Tin-Akoff took place on Wednesday, the army said.")
    events = _extract(pipeline, text, published=date(2025, 3, 7)).events
    assert [(e.place.text, e.killed, e.event_date) for e in events] == [("Tin-Akoff", 8, date(2025, 3, 5))]


def test_counts_joined_by_and_share_their_verb():
    from newsmap.casualties import find_casualties
    assert find_casualties("The attack killed 9 villagers and four policemen, officials said.").killed == 13
    mother = find_casualties("A drone struck a car near the camp, killing a mother and her three daughters.")
    assert (mother.killed, mother.wounded) == (4, None)
    assert find_casualties("Four children and their grandmother were killed when the shell landed.").killed == 5
    # another verb between the counts: the second count is not of the dead
    assert find_casualties("The raid killed 6 fighters and captured 11 rebels.").killed == 6


def test_a_capital_that_began_its_campaign_is_its_government_and_the_follow_up_dates_the_strike(pipeline):
    text = ("British and U.S. air strikes hit a radar site in Yemen's Hajjah province, the Houthi-run Al Masirah TV "
            "said on Sunday.\n"
            "The raids late on Saturday were the heaviest since London began its part in the campaign in January.")
    events = _extract(pipeline, text, published=date(2025, 3, 9)).events
    assert [(e.place.text, e.event_date) for e in events] == [("Hajjah province", date(2025, 3, 8))]


def test_a_place_that_shelters_people_is_not_a_person():
    from newsmap.casualties import find_casualties
    school = find_casualties("A strike on a clinic housing displaced families in Khan Younis killed 7 people.")
    assert school.killed == 7
    camp = find_casualties("Gunmen raided a camp for displaced people near Mutarazi, killing 26 people, including 9 children.")
    assert (camp.killed, camp.children_killed) == (26, 9)


def test_members_of_one_family_are_counted_and_kin_named_after_his_or_her_too():
    from newsmap.casualties import find_casualties
    assert find_casualties("The shell killed six members of one family in their home.").killed == 6
    kin = find_casualties("The drone killed a farmer and wounded his daughter, the governor said.")
    assert (kin.killed, kin.wounded) == (1, 1)


def test_more_victims_of_the_battle_placed_in_a_town_of_the_region_add_to_its_toll(pipeline):
    text = ("Nigerian troops killed 25 insurgents in fighting in northeastern Borno state on Thursday, the army "
            "said. Three soldiers also died in the battle near the town of Damboa, an officer said.")
    events = _extract(pipeline, text, published=date(2025, 3, 7)).events
    assert [(e.place.text, e.event_type, e.killed) for e in events] == [("Damboa", "ground_fighting", 28)]


def test_an_attack_on_a_camp_in_a_region_goes_to_the_town_the_next_sentence_names(pipeline):
    text = ("Militiamen attacked a camp for displaced people in Ituri province on Tuesday, killing 19 people, a "
            "local official said. The attack on the camp near the town of Djugu began before dawn, he said.")
    events = _extract(pipeline, text, published=date(2025, 3, 5)).events
    assert [(e.place.text, e.killed) for e in events] == [("Djugu", 19)]


def test_regions_whose_towns_the_next_sentences_date_and_place_the_attacks_in_are_not_events_of_their_own(pipeline):
    text = ("Russian attacks on Ukraine's eastern Donetsk and Dnipropetrovsk regions killed five people over the past "
            "day, regional officials said on Tuesday.\n"
            "In Kostiantynivka, Russian artillery hit a market on Monday afternoon, killing two people, the governor said. "
            "A drone struck a bus in the city of Pavlohrad, killing three passengers, officials said.")
    events = _extract(pipeline, text, published=date(2025, 3, 4)).events
    assert [(e.place.text, e.killed, e.event_date) for e in events] == [
        ("Kostiantynivka", 2, date(2025, 3, 3)), ("Pavlohrad", 3, date(2025, 3, 3))]


def test_a_rebel_group_named_in_a_warplane_strike_is_its_source_and_a_separate_attack_keeps_no_actor(pipeline):
    text = ("Junta fighter jets bombed a market in the town of Hpakant on Tuesday, killing 8 people, a spokesman for the "
            "Kachin Independence Army said. Separately, a drone struck a fuel depot in Myitkyina on Monday, "
            "causing a fire but no casualties.")
    events = _extract(pipeline, text, published=date(2025, 3, 5)).events
    assert [(e.place.text, e.actor) for e in events] == [("Hpakant", None), ("Myitkyina", None)]


def test_a_clock_time_is_not_a_count_of_people():
    from newsmap.casualties import find_casualties
    night = find_casualties("Bandits raided the village at about 10 p.m. on Friday, killing three farmers.")
    assert night.killed == 3
    assert find_casualties("At 5.30am a mortar round hit the camp, wounding two children.").wounded == 2


def test_an_earlier_days_fighting_with_its_own_toll_is_an_event_of_its_own(pipeline):
    text = ("Rebels seized the town of Rutshuru on Tuesday after two days of fighting with the army, "
            "residents said.\n"
            "At least 9 people were killed and 40 wounded in clashes near the town hall on Monday, a hospital "
            "official said.")
    events = _extract(pipeline, text, published=date(2025, 3, 4)).events
    assert [(e.place.text, e.event_type, e.killed, e.wounded, e.event_date) for e in events] == [
        ("Rutshuru", "ground_fighting", None, None, date(2025, 3, 4)),
        ("Rutshuru", "ground_fighting", 9, 40, date(2025, 3, 3))]


def test_a_warplane_shot_down_is_an_interception_not_an_air_strike(pipeline):
    text = "Rebels said they had shot down a military jet near the town of Lashio on Friday."
    events = _extract(pipeline, text, published=date(2025, 3, 8)).events
    assert [(e.place.text, e.event_type) for e in events] == [("Lashio", "drones_downed")]


def test_bodies_seen_after_a_battle_are_its_dead(pipeline):
    text = ("Rebels took the town of Bambari after clashes with the army on Sunday, residents said. "
            "One resident said he had counted the bodies of at least six soldiers near the bridge.")
    events = _extract(pipeline, text, published=date(2025, 3, 4)).events
    assert [(e.place.text, e.event_type, e.killed) for e in events] == [("Bambari", "ground_fighting", 6)]


def test_insurgents_exchanging_fire_with_soldiers_fight_a_battle(pipeline):
    text = ("Insurgents attacked the town of Mocimboa da Praia on Friday, exchanging fire with soldiers for hours "
            "and burning shops, residents said.")
    events = _extract(pipeline, text, published=date(2025, 3, 9)).events
    assert [(e.place.text, e.event_type) for e in events] == [("Mocimboa da Praia", "ground_fighting")]


def test_another_attacks_toll_in_the_same_sentence_stays_apart(pipeline):
    text = ("A strike on a school in Jabalia killed nine people, while another on a shelter in the Zeitoun "
            "quarter killed five, medics said on Sunday.")
    extraction = _extract(pipeline, text, published=date(2025, 3, 9))
    assert [(e.place.text, e.killed) for e in extraction.events] == [("Jabalia", 9)]
    assert 5 in [s.killed for s in extraction.summaries]


def test_a_countrys_army_named_with_a_possessive_is_the_actor(pipeline):
    text = "A drone strike by Chad's army killed 11 people at a market near Bol on Sunday, residents said."
    events = _extract(pipeline, text, published=date(2025, 3, 11)).events
    assert [e.actor for e in events] == ["Military Forces of Chad"]


def test_a_story_from_another_country_does_not_inherit_the_last_attacker(pipeline):
    text = ("Al-Shabaab fighters attacked a military base near Baidoa on Monday, killing three soldiers, officials said.\n"
            "In Kenya, gunmen killed four police officers in an attack near the town of Mandera late on Monday, "
            "police said.")
    events = _extract(pipeline, text, published=date(2025, 3, 11)).events
    assert [(e.place.text, e.actor) for e in events] == [("Baidoa", "Al-Shabaab"), ("Mandera", None)]


def test_periods_counted_back_from_publication_are_dated():
    from newsmap.dates import find_dates
    text = ("Last month, bandits killed 9 herders near Tsafe. Two weeks ago a bomb hit the market. "
            "Over the past month, 80 people have died in the state.")
    found = [(m.text, m.value, m.granularity) for m in find_dates(text, date(2025, 3, 22), 0, len(text))]
    assert found == [("Last month", date(2025, 2, 1), "month"), ("Two weeks ago", date(2025, 3, 8), "day")]


def test_an_attack_told_as_last_months_is_not_dated_to_the_news_day(pipeline):
    text = ("Gunmen killed 11 villagers near Zurmi on Friday, police said.\n"
            "Last month, bandits killed 9 herders in an attack near the town of Tsafe.")
    events = _extract(pipeline, text, published=date(2025, 3, 22)).events
    assert [(e.place.text, e.event_date) for e in events] == [
        ("Zurmi", date(2025, 3, 21)), ("Tsafe", date(2025, 2, 1))]


def test_a_fighter_jet_is_not_a_fighter():
    from newsmap.casualties import find_casualties
    assert find_casualties("A fighter jet bombed the clinic, killing 5 patients, a nurse said.").killed == 5
    assert find_casualties("The strike killed 4 militant commanders.").killed == 4


def test_each_of_two_attacks_in_one_sentence_keeps_the_toll_told_after_it(pipeline):
    text = ("Warplanes bombed a market in the town of Muse on Sunday, killing 8, and another strike hit nearby "
            "Namhkam, killing 3, residents said.")
    extraction = _extract(pipeline, text, published=date(2025, 3, 11))
    assert [(e.place.text, e.killed) for e in extraction.events] == [("Muse", 8), ("Namhkam", 3)]


def test_a_liberation_army_killing_villagers_is_an_attack_not_a_liberation(pipeline):
    text = ("Fighters of the Oromo Liberation Army killed 9 civilians in an attack on the town of Shashamane "
            "on Friday, residents said.")
    events = _extract(pipeline, text, published=date(2025, 3, 9)).events
    assert [(e.place.text, e.event_type, e.actor) for e in events] == [("Shashamane", "other", "Oromo Liberation Army")]


def test_mixed_weapons_and_ambushed_travellers_are_attacks_of_type_other(pipeline):
    text = ("Russian missiles and drones hit the city of Bila Tserkva overnight, wounding 5 people, the governor said.\n"
            "Gunmen ambushed a minibus near Kadugli on Sunday, killing 7 passengers, witnesses said.")
    events = _extract(pipeline, text, published=date(2025, 3, 10)).events
    assert [(e.place.text, e.event_type) for e in events] == [("Bila Tserkva", "other"), ("Kadugli", "other")]


def test_last_years_wars_toll_is_not_more_of_the_news_attack(pipeline):
    text = ("An Israeli drone strike on a motorbike near the southern city of Tyre killed one man on Sunday, the ministry said. "
            "Israel and Hezbollah fought a war last year that killed more than 3,000 people in Lebanon.")
    extraction = _extract(pipeline, text, published=date(2025, 6, 8))
    assert [(e.place.text, e.killed) for e in extraction.events] == [("Tyre", 1)]


def test_a_crew_reported_safe_means_no_casualties():
    from newsmap.casualties import find_casualties
    safe = find_casualties("A missile struck the bulk carrier's stern, but the crew were reported safe.")
    assert (safe.killed, safe.wounded) == (0, 0)


def test_a_bomb_that_exploded_in_a_market_is_no_air_strike(pipeline):
    text = ("Bomb kills 9 at Somali market\n\n"
            "At least 9 people were killed and 21 wounded when a bomb exploded on Friday, police said.\n"
            "The blast targeted a crowded market in the town of Afgooye, a police officer said.")
    article = article_from_text(text, source="test", published=date(2025, 3, 8))
    events = pipeline.extract(article).events
    assert [(e.place.text, e.event_type, e.killed, e.wounded) for e in events] == [("Afgooye", "other", 9, 21)]


def test_gangs_storming_a_town_attack_its_people(pipeline):
    text = ("GONAIVES, Haiti (AP) — Gang members stormed the town of Saint-Marc on Sunday, killing at least "
            "eight people and burning dozens of homes, the mayor said.")
    events = _extract(pipeline, text, date(2025, 3, 4)).events
    assert [(e.place.text, e.event_type, e.killed) for e in events] == [("Saint-Marc", "other", 8)]


def test_a_year_of_violence_is_no_toll_of_the_last_event(pipeline):
    text = ("JACMEL, Haiti — Police said they repelled an attack on the police station in Hinche on Saturday. "
            "No casualties were reported.\n\n"
            "Gang violence has killed more than 3,000 people in Haiti this year, according to the United Nations.")
    events = _extract(pipeline, text).events
    assert [(e.place.text, e.killed, e.wounded) for e in events] == [("Hinche", 0, 0)]


def test_who_struck_is_named_by_the_first_telling_not_by_the_source(pipeline):
    text = ("Jets bomb monastery\n\nAn airstrike by Myanmar's military on a monastery sheltering displaced people "
            "in the Sagaing region killed at least 17 people, a local resistance group and residents said on "
            "Thursday.\n\nThe strike hit the monastery in a village of Monywa township at around 2 a.m. on "
            "Wednesday, said a member of the local People's Defence Force, who declined to be named. About 25 "
            "people were wounded.")
    events = _extract(pipeline, text).events
    assert [(e.place.text, e.actor) for e in events] == [("Monywa", "Military Forces of Myanmar")]


def test_southern_and_northern_parts_of_one_place_are_two_sites(pipeline):
    text = ("Strikes across the strip\n\nIsraeli tank fire hit a crowd near an aid point in southern Gaza on "
            "Wednesday, killing 16 people, medics said. In northern Gaza, a drone strike killed three.")
    events = _extract(pipeline, text).events
    assert sorted(e.killed for e in events) == [3, 16]


def test_a_group_claiming_the_attack_places_the_toll_told_before(pipeline):
    text = ("Base overrun\n\nNIAMEY (Reuters) - Jihadist fighters killed at least 34 soldiers in an attack on an army "
            "post in western Niger on Friday, security sources said.\n\n"
            "Islamic State Sahel Province claimed the attack on the post in Banibangou, saying it had seized arms.")
    events = _extract(pipeline, text).events
    assert [(e.place.text, e.killed) for e in events] == [("Banibangou", 34)]


def test_the_power_behind_an_official_is_no_site(pipeline):
    text = ("Shelling in occupied city\n\nUkrainian shelling killed two people and wounded six in the occupied "
            "city of Makiivka on Sunday, the Moscow-installed mayor said.")
    events = _extract(pipeline, text).events
    assert [(e.place.text, e.killed, e.wounded) for e in events] == [("Makiivka", 2, 6)]


def test_falling_debris_is_the_attacks_harm_and_the_city_is_the_setting_of_its_district(pipeline):
    text = ("Night attack on Kharkiv\n\nKHARKIV, Ukraine — In Kharkiv, debris from a downed drone hit a "
            "nine-storey building in the Saltivskyi district overnight, killing two people, the mayor said.")
    events = _extract(pipeline, text).events
    assert [(e.event_type, e.killed) for e in events] == [("drone_strike", 2)]


def test_a_tally_of_drones_shot_down_stays_an_interception(pipeline):
    text = ("Air defences shot down 84 drones overnight; debris fell on a field near Poltava, officials said.")
    events = _extract(pipeline, text).events
    assert [e.event_type for e in events] == ["drones_downed"]


def test_where_the_dead_had_fled_from_is_not_where_they_died(pipeline):
    text = ("Drones hit eastern cities\n\nKASSALA, Sudan (Reuters) - A drone struck a fuel depot in Kassala on "
            "Monday, wounding two guards, officials said.\n\n"
            "In South Kordofan, RSF fighters attacked a camp near Kadugli, killing 9 people who had fled Dilling.")
    events = _extract(pipeline, text).events
    last = events[-1]
    assert last.place.text == "Kadugli" and last.killed == 9 and last.event_type == "other"


def test_no_casualties_at_two_named_places_is_none_at_each(pipeline):
    text = ("Drones over the east\n\nDrones struck Gedaref and Kosti on Wednesday, the army said. The strikes on "
            "Gedaref and Kosti caused no casualties.")
    events = _extract(pipeline, text).events
    assert sorted((e.place.text, e.killed, e.wounded) for e in events) == [("Gedaref", 0, 0), ("Kosti", 0, 0)]


def test_the_city_before_suburb_of_only_says_where_the_suburb_is(pipeline):
    text = ("Gangs attack suburb\n\nGunmen attacked the Port-au-Prince suburb of Tabarre on Saturday, killing "
            "six people, police said.")
    events = _extract(pipeline, text).events
    assert [(e.place.text, e.killed) for e in events] == [("Tabarre", 6)]


def test_a_guided_bomb_is_a_glide_bomb_and_a_listed_town_after_outskirts_of_is_a_site(pipeline):
    events = _extract(pipeline, "A Russian guided bomb hit a school in Kostiantynivka, wounding four teachers.").events
    assert [e.event_type for e in events] == ["glide_bomb"]
    text = "Israeli artillery shelled the outskirts of Aitaroun and Kfar Kila overnight, wounding two farmers."
    assert [e.place.text for e in _extract(pipeline, text).events] == ["Kfar Kila"]


def test_the_ends_of_a_hyphenated_route_are_one_event_with_its_toll(pipeline):
    text = ("Convoy ambushed\n\nFighters ambushed an army convoy on the Kaya-Dori road on Tuesday, killing 22 "
            "soldiers, security sources said.")
    events = _extract(pipeline, text).events
    assert [e.killed for e in events] == [22]


def test_a_figure_told_for_a_school_in_a_city_district_is_the_districts(pipeline):
    text = ("Strikes across the strip\n\nIsraeli strikes killed at least 31 people across the Gaza Strip on Monday, "
            "health officials said, including 13 in a school sheltering displaced families in Gaza City's "
            "Zeitoun neighbourhood.")
    events = _extract(pipeline, text).events
    assert [e.killed for e in events] == [13]


def test_us_strikes_are_air_strikes_unless_a_weapon_is_named(pipeline):
    events = _extract(pipeline, "SANAA, Yemen — U.S. strikes on Saada overnight killed six people, the rebels said.").events
    assert [e.event_type for e in events] == ["air_strike"]
    events = _extract(pipeline, "SANAA, Yemen — U.S. strikes with cruise missiles hit Saada overnight, the rebels said.").events
    assert [e.event_type for e in events] == ["missile_strike"]


def test_a_long_toll_phrase_a_capital_by_adjective_and_a_possessive_district(pipeline):
    text = ("The death toll from a Russian missile strike on a five-storey block of flats in the city of Sumy on "
            "Sunday rose to 23, officials said.")
    assert [e.killed for e in _extract(pipeline, text).events] == [23]
    text = "Gunmen stormed a restaurant in the Malian capital on Friday night, killing at least 7 people."
    assert [e.place.location.name for e in _extract(pipeline, text).events] == ["Bamako"]
    text = "A drone hit a bus stop in Kherson's Dniprovskyi district, wounding three people, officials said."
    [event] = _extract(pipeline, text).events
    assert event.place.location.admin1 == "Kherson Oblast"  # not Dnipro's raion of that name


def test_the_city_in_a_dateline_story_is_the_dateline_city(pipeline):
    text = ("KHARKIV, Ukraine (AP) — A Russian guided bomb hit the city on Thursday, wounding seven people, the "
            "mayor said.")
    assert [e.place.location.name for e in _extract(pipeline, text).events] == ["Kharkiv"]


def test_helicopter_gunships_strike_from_the_air(pipeline):
    events = _extract(pipeline, "Army helicopter gunships fired on a convoy near Kadugli, killing 7 fighters.").events
    assert [e.event_type for e in events] == ["air_strike"]
