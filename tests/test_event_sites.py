"""Which places of a sentence are where an event happened. Every sentence here was written for
these tests."""

from __future__ import annotations

from datetime import date

from newsmap.ingest import article_from_text


def _sites(pipeline, text, published=date(2025, 5, 20)):
    extraction = pipeline.extract(article_from_text(text, source="test", published=published))
    return [(e.place.text, e.event_type) for e in extraction.events if e.place]


def test_places_of_an_unseparated_dateline_are_not_event_sites(pipeline):
    text = ("Tensions rise over shipping lane\n\n"
            "BEIRUT/ CAIRO: A drone strike hit a car near Tyre on Monday, killing two people, officials said.")
    assert _sites(pipeline, text) == [("Tyre", "drone_strike")]


def test_a_bracketed_dateline_is_not_an_event_site(pipeline):
    text = ("Strikes continue\n\n"
            "Khartoum [Sudan], May 19: Drone strikes hit a fuel depot in Port Sudan on Monday, officials said.")
    assert _sites(pipeline, text) == [("Port Sudan", "drone_strike")]


def test_a_destination_is_not_where_the_attack_was(pipeline):
    text = "Gunmen attacked a bus near Bamenda on Sunday as it was travelling to Douala, killing three passengers."
    assert _sites(pipeline, text) == [("Bamenda", "other")]


def test_reference_points_are_not_event_sites(pipeline):
    text = ("Russian forces captured the village of Novoselivka, which lies between the cities of Kramatorsk "
            "and Sloviansk, the defence ministry said on Monday.")
    sites = _sites(pipeline, text)
    assert ("Kramatorsk", "ground_fighting") not in sites and ("Sloviansk", "ground_fighting") not in sites


def test_a_home_town_and_its_county_are_not_event_sites(pipeline):
    text = ("A peacekeeper from Ballina in County Mayo was wounded when gunmen fired on a patrol near "
            "Bint Jbeil on Monday, the army said.")
    sites = [place for place, _ in _sites(pipeline, text)]
    assert "Ballina" not in sites and "Mayo" not in sites


def test_recaptured_villages_are_ground_fighting(pipeline):
    text = "The army said on Monday it had recaptured Kupiansk after weeks of fighting."
    assert _sites(pipeline, text) == [("Kupiansk", "ground_fighting")]


def _events(pipeline, text, published=date(2025, 5, 20)):
    return pipeline.extract(article_from_text(text, source="test", published=published)).events


def test_a_region_level_event_is_drawn_at_its_administrative_centre(pipeline, gazetteer):
    (event,) = _events(pipeline, "Russian shelling hit the Kherson region on Monday, wounding three people.")
    kherson = gazetteer.location(gazetteer.search("Kherson", ["UA"])[0])
    assert kherson.feature_class == "city"
    assert (event.place.location.latitude, event.place.location.longitude) == (kherson.latitude, kherson.longitude)
    assert event.geo_precision == 3 and event.place.text == "Kherson region"


def test_a_vast_region_keeps_its_middle_when_the_capital_is_far_from_it(pipeline, gazetteer):
    from newsmap.gazetteer import distance_km

    (event,) = _events(pipeline, "Militants attacked a checkpoint in Balochistan province on Monday, killing four soldiers.")
    region = gazetteer.location(gazetteer.lookup("Balochistan Province")[0][0])
    centre = gazetteer.admin_centre(region)
    assert distance_km(region.latitude, region.longitude, centre.latitude, centre.longitude) > 100
    assert (event.place.location.latitude, event.place.location.longitude) == (region.latitude, region.longitude)
    assert event.geo_precision == 3


def test_a_reference_point_is_the_site_when_the_sentence_names_no_other(pipeline):
    (event,) = _events(pipeline, "Russian forces shelled a river island located north of Beryslav on Monday.")
    assert event.place.text == "Beryslav" and event.geo_precision == 2


def test_a_village_the_gazetteer_lacks_keeps_its_region_middle_not_the_capital(pipeline, gazetteer):
    (event,) = _events(pipeline, "Russian forces shelled Zarichnivka-Druha, Sumy region, on Monday.")
    region = gazetteer.location(gazetteer.lookup("Sumy Oblast")[0][0])
    assert (event.place.location.latitude, event.place.location.longitude) == (region.latitude, region.longitude)
    assert event.geo_precision == 3


def test_talks_at_a_resort_are_at_the_resort_not_the_sea(pipeline):
    sites = _sites(pipeline, "Negotiators began talks at the Red Sea resort of Hurghada on Monday afternoon.")
    assert sites == [("Hurghada", "diplomatic")]


def test_a_visit_for_talks_is_a_diplomatic_event_where_it_was(pipeline):
    sites = _sites(pipeline, "The UN chief visited Juba for talks with the president on Monday.")
    assert sites == [("Juba", "diplomatic")]


def test_projectiles_that_impacted_a_city_are_an_attack_there(pipeline):
    sites = _sites(pipeline, "Iranian projectiles impacted Haifa and two of its suburbs on Thursday, officials said.")
    assert ("Haifa", "other") in sites


def test_fighter_jets_are_air_strikes(pipeline):
    sites = _sites(pipeline, "Fighter jets struck several sites in Yemen, including Hodeidah, on Sunday.")
    assert sites == [("Hodeidah", "air_strike")]


def test_a_crossfire_is_fighting_and_an_advance_from_a_town_is_there(pipeline):
    assert _sites(pipeline, "An aid worker was killed when his car was caught in crossfire south of Kadugli on Monday.") \
        == [("Kadugli", "ground_fighting")]
    assert _sites(pipeline, "Russian troops advance southward from Izium, officials said on Monday.") \
        == [("Izium", "ground_fighting")]


def test_the_setting_of_a_war_is_not_an_event_site(pipeline):
    text = ("Houthi forces fired a missile at a tanker off Mokha on Tuesday, saying they acted over Israel's "
            "ongoing war in Gaza.")
    sites = [place for place, _ in _sites(pipeline, text)]
    assert "Gaza" not in sites and "Mokha" in sites


def test_a_place_someone_controls_is_not_an_event_site(pipeline):
    text = "The rebels, who control the capital Sanaa, said a drone struck a ship near Hodeidah on Monday."
    assert [place for place, _ in _sites(pipeline, text)] == ["Hodeidah"]


def test_a_city_that_owns_a_district_only_says_where_it_is(pipeline):
    text = "Russian troops shelled Zaporizhzhia's Polohy district on Monday, the governor said."
    sites = [place for place, _ in _sites(pipeline, text)]
    assert "Zaporizhzhia" not in sites


def test_a_region_set_off_by_dashes_after_a_village_qualifies_it(pipeline):
    text = "A gang based in Montrouis—Ouest Department—killed nine people in Arcahaie on Monday."
    sites = [place for place, _ in _sites(pipeline, text)]
    assert "Ouest Department" not in sites and "Ouest" not in sites


def test_parked_aircraft_are_no_air_strike(pipeline):
    text = "Four fighter jets were parked on the tarmac at the airbase in Anchorage on Friday."
    assert _sites(pipeline, text) == []


def test_talks_that_are_only_expected_are_not_an_event(pipeline):
    assert _sites(pipeline, "The talks in Qatar are expected to move quickly, officials said.") == []


def test_the_gulf_of_a_city_is_not_a_province_named_gulf(pipeline):
    sites = _sites(pipeline, "A tanker was struck by a drone in the Gulf of Oman on Tuesday, the navy said.")
    assert all(place != "Gulf" for place, _ in sites)


def test_air_strikes_named_as_a_noun_are_an_attack_without_a_verb(pipeline):
    assert _sites(pipeline, "On Sunday, the air force carried out airstrikes at Huliaipole.") == [("Huliaipole", "air_strike")]


def test_a_trend_is_not_an_event(pipeline):
    assert _sites(pipeline, "Russia has stepped up attacks on the Sumy and Kharkiv regions, officials said.") == []


def test_a_sea_is_not_an_event_site_the_port_named_with_it_is(pipeline):
    sites = _sites(pipeline, "A missile hit a Red Sea cargo ship off Hodeidah on Monday, the navy said.")
    assert [place for place, _ in sites] == ["Hodeidah"]


def test_a_region_after_a_village_in_a_countrys_region_only_says_where_it_is(pipeline):
    text = "Drones attacked a fuel depot in the village of Tetkino in Russia's western Kursk region on Monday."
    assert "Krasnodar region" not in [place for place, _ in _sites(pipeline, text)]


def test_an_earlier_strike_named_for_comparison_is_not_an_event(pipeline):
    text = ("A missile strike on a shopping centre in Kremenchuk killed 18 people on Monday, the deadliest "
            "attack in the region since a May 3 strike in Poltava.")
    assert [place for place, _ in _sites(pipeline, text, published=date(2022, 6, 28))] == ["Kremenchuk"]


def test_a_regional_toll_over_its_towns_is_not_another_event(pipeline):
    text = ("Two killed in Zaporizhzhia region\n\n"
            "Russian shelling killed two people and wounded five in the Zaporizhzhia region over the past day, "
            "the governor said on Tuesday. In the town of Orikhiv, artillery fire killed a man and wounded three "
            "women, he said.")
    events = _events(pipeline, text)
    assert [(e.place.text, e.killed, e.wounded) for e in events] == [("Orikhiv", 1, 3)]


def test_a_region_with_its_own_larger_toll_than_a_town_elsewhere_stays(pipeline):
    text = ("Shelling in two regions\n\n"
            "Russian shelling killed two people in the Kherson region on Tuesday, the governor said. "
            "In the town of Orikhiv, artillery fire killed a man, officials said.")
    places = sorted(e.place.text for e in _events(pipeline, text))
    assert places == ["Kherson region", "Orikhiv"]


def test_rescue_efforts_after_an_attack_are_not_another_strike(pipeline):
    text = ("A drone strike on a wedding in Kordofan killed 14 people on Sunday, witnesses said. "
            "The attack left 30 other people injured, a medic involved in the subsequent rescue efforts said.")
    events = _events(pipeline, text)
    assert [(e.killed, e.wounded) for e in events] == [(14, 30)]


def test_a_toll_told_before_the_place_joins_the_attack_the_place_is_given_for(pipeline):
    text = ("Tanker hit in the Red Sea\n\n"
            "Two sailors were killed and five wounded in a missile strike on a tanker, the navy said. "
            "The vessel was left burning. "
            "The attack happened about 40 nautical miles west of Hodeidah, the ship's managers said.")
    events = _events(pipeline, text)
    assert [(e.place.text, e.killed, e.wounded) for e in events] == [("Hodeidah", 2, 5)]


def test_a_file_photo_caption_is_not_news(pipeline):
    text = ("Shelling hits Goma suburbs\n\n"
            "Residents flee after shelling in Sake on March 2. Photo: Reuters file\n\n"
            "Artillery fire killed four people in Goma on Saturday, hospital staff said.")
    events = _events(pipeline, text, published=date(2025, 5, 18))
    assert [(e.place.text, e.killed) for e in events] == [("Goma", 4)]


def test_a_village_the_gazetteer_lacks_is_drawn_near_the_town_the_text_ties_it_to(pipeline, gazetteer):
    text = ("Gunmen attacked the village of Tinzouragan near Kidal on Sunday, killing nine villagers, "
            "local officials said.")
    (event,) = _events(pipeline, text)
    kidal = gazetteer.location(gazetteer.search("Kidal", ["ML"])[0])
    assert event.place.text == "Tinzouragan"
    assert event.place.location.name == f"Tinzouragan (near {kidal.name})"
    assert (event.place.location.latitude, event.place.location.longitude) == (kidal.latitude, kidal.longitude)
    assert event.geo_precision == 2 and event.killed == 9


def test_a_village_with_nothing_known_nearby_stays_unplaced(pipeline):
    text = "Gunmen attacked the village of Tinzouragan on Sunday, killing nine villagers, officials said."
    assert _events(pipeline, text) == []


def test_a_place_in_an_officials_title_is_not_where_it_happened(pipeline):
    text = ("Drone hits refinery\n\n"
            "A drone attack set fire to a refinery in Novoshakhtinsk, killing one worker, officials said. "
            "The Rostov regional governor said the attack also damaged a warehouse.")
    assert [place for place, _ in _sites(pipeline, text)] == ["Novoshakhtinsk"]


def test_a_label_line_is_not_glued_to_the_sentence_under_it(pipeline):
    text = ("The war, day 300: key events\n\n"
            "These are the main developments as the war enters its 300th day, Tuesday, March 4 :Fighting\n"
            "A man was killed by Russian shelling in Nikopol, the regional administration said.")
    assert _sites(pipeline, text) == [("Nikopol", "shelling")]


def test_a_weekday_after_a_place_does_not_make_it_a_name(pipeline):
    text = "Envoys said the talks opened at the lakeside resort of Sharm el-Sheikh Tuesday afternoon."
    assert _sites(pipeline, text) == [("Sharm el-Sheikh", "diplomatic")]


def test_talks_in_a_country_are_held_in_the_one_town_of_it_the_article_names(pipeline):
    text = ("Ceasefire talks open\n\n"
            "Delegations of the army and the RSF began talks in Saudi Arabia on Saturday, mediators said. "
            "The delegates gathered at a seafront hotel in Jeddah for the first session.")
    assert _sites(pipeline, text, published=date(2023, 5, 7)) == [("Jeddah", "diplomatic")]


def test_where_captives_were_taken_is_not_where_the_attack_was(pipeline):
    text = ("Rebels attacked a checkpoint in Bunia on Sunday and seized four aid workers, who were "
            "abducted and brought into Kisangani, officials said.")
    assert [place for place, _ in _sites(pipeline, text)] == ["Bunia"]


def test_the_region_a_governor_heads_is_the_site_when_the_sentence_says_the_region(pipeline):
    text = ("Attacks across the east\n\n"
            "Kharkiv Oblast Governor Oleh Syniehubov said Russian troops shelled the region 40 times, killing a man.")
    assert _sites(pipeline, text) == [("Kharkiv Oblast", "shelling")]


def test_settlements_under_enemy_fire_are_shelled(pipeline):
    text = "Officials said 11 settlements in the Kherson region came under heavy Russian fire on Monday."
    assert _sites(pipeline, text) == [("Kherson region", "shelling")]


def test_a_spokesmans_region_is_not_where_it_happened(pipeline):
    text = ("Militants ambushed a convoy near Tillaberi on Sunday, killing 12 soldiers. "
            "The attack was confirmed by a spokesman for the army in the Dosso region.")
    assert [place for place, _ in _sites(pipeline, text)] == ["Tillaberi"]


def test_an_offensive_launched_last_summer_is_history(pipeline):
    text = ("Front line shifts\n\n"
            "Ukrainian troops launched an offensive near Velyka Novosilka last summer, but most of the ground has been lost.")
    assert _sites(pipeline, text) == []


def test_attacks_that_have_become_common_are_a_trend_not_an_event(pipeline):
    text = ("Drone strikes on markets have become distressingly common, with the latest in Kosti adding to "
            "the toll.")
    assert _sites(pipeline, text) == []


def test_where_clashes_are_feared_is_not_where_they_happened(pipeline):
    text = "Shelling hit Nyala overnight, and aid groups warned of renewed fighting around Geneina."
    assert [place for place, _ in _sites(pipeline, text)] == ["Nyala"]


def test_a_place_in_a_clause_about_fighting_is_fighting_not_the_strike(pipeline):
    text = ("The drone barrage hit Mykolaiv overnight as Russian troops pressed their advance on Kurakhove, "
            "officials said.")
    assert _sites(pipeline, text) == [("Mykolaiv", "drone_strike"), ("Kurakhove", "ground_fighting")]


def test_troops_advancing_near_a_place_are_the_target_of_the_shelling(pipeline):
    text = "Artillery shelled infantry advancing in a tree line near Kurakhove on Monday, the army said."
    assert _sites(pipeline, text) == [("Kurakhove", "shelling")]


def test_where_an_official_spoke_from_is_not_another_site(pipeline):
    text = ("A drone hit a wedding party in Bandiagara on Sunday, killing 11 people. "
            "The strike hit the guests shortly after noon, a local official in Mopti told reporters.")
    assert [place for place, _ in _sites(pipeline, text)] == ["Bandiagara"]


def test_a_separate_ambush_keeps_its_own_type_in_a_drone_story(pipeline):
    text = ("Drone strike kills 14 at wedding\n\n"
            "A drone strike on a wedding party near Bandiagara killed 14 people on Sunday, officials said. "
            "Separately, suspected jihadists ambushed an army convoy near Douentza on Saturday, killing six soldiers.")
    assert _sites(pipeline, text) == [("Bandiagara", "drone_strike"), ("Douentza", "ground_fighting")]


def test_an_offensive_being_prepared_is_not_an_event(pipeline):
    text = "The army said it was preparing an offensive against militants around Douentza in the coming weeks."
    assert _sites(pipeline, text) == []


def test_the_second_strike_of_a_double_tap_attack_is_the_same_attack(pipeline):
    text = ("In the Chernihiv region, a double-tap drone attack on a farm wounded five people, the governor said. "
            "A second strike hit after medics arrived at the scene, wounding two of them.")
    (event,) = _events(pipeline, text)  # one attack, whichever reading of its figures
    assert event.place.text == "Chernihiv region" and event.wounded >= 5
