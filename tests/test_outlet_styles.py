"""House styles of outlets the development corpus doesn't hold (Xinhua, Anadolu, TASS, Ukrinform,
Myanmar Now, Mizzima, Premium Times, Radio Dabanga...): their districts named after towns, "Read also:"
links between paragraphs, city districts told with the city. Every sentence here was written for these
tests."""

from __future__ import annotations

from datetime import date

from newsmap.ingest import article_from_text


def _extract(pipeline, text, published=date(2025, 11, 26)):
    return pipeline.extract(article_from_text(text, source="test", published=published))


def test_a_nigerian_local_government_area_is_its_town_not_an_organisation(pipeline):
    text = ("Bandits have killed nine villagers in Gwoza Local Government Area of Borno State.\n\n"
            "Gunmen on Tuesday also killed four persons in Bokkos LGA of Plateau State, the police said.")
    events = _extract(pipeline, text).events
    assert [(e.place.location.name, e.killed) for e in events] == [("Gwoza", 9), ("Bokkos", 4)]


def test_a_myanmar_township_is_its_town(pipeline):
    text = ("A junta airstrike killed five people at a school in Ye-U Township, Sagaing Region, on Sunday, "
            "residents told Myanmar Now.")
    events = _extract(pipeline, text).events
    assert [(e.place.text, e.event_type, e.killed) for e in events] == [("Ye-U", "air_strike", 5)]


def test_a_read_also_link_is_another_storys_headline_not_news(pipeline):
    text = ("Russian artillery shelled Kherson on Monday, wounding three people, the regional administration said.\n"
            "Read also: Russian drones drop explosives on Bilozerka, killing a man\n"
            "READ MORE: Ukraine downs 40 drones over Mykolaiv region\n\n"
            "The shells hit a bus stop and a shop, officials said.")
    events = _extract(pipeline, text).events
    assert [(e.place.text, e.killed, e.wounded) for e in events] == [("Kherson", None, 3)]


def test_the_district_of_a_named_city_is_in_that_city(pipeline):
    text = ("Russian drones struck the Shevchenkivskyi district of Zaporizhzhia on Monday, wounding four people, "
            "Ukrinform reported.")
    events = _extract(pipeline, text).events
    assert [(e.place.location.name, e.wounded) for e in events] == [("Zaporizhzhya", 4)]


def test_a_district_told_in_the_paragraph_after_its_city_is_in_that_city(pipeline):
    text = ("Russian glide bombs hit Kharkiv on Tuesday afternoon, wounding nine people, Mayor Ihor Terekhov said.\n\n"
            "One bomb fell in the Kyivskyi district at around 15:20 (UTC+3), damaging a school.")
    events = _extract(pipeline, text).events
    assert [(e.place.location.name, e.wounded) for e in events] == [("Kharkiv", 9)]


def test_somali_regions_by_their_english_names(pipeline):
    text = ("MOGADISHU (Garowe Online) - Al-Shabaab militants ambushed a convoy near Wanlaweyn in Lower Shabelle "
            "on Friday. Fighting was also reported in Middle Shabelle and Galgaduud.")
    places = [(p.text, p.location.feature_class, p.location.country)
              for p in _extract(pipeline, text).places if p.text in {"Lower Shabelle", "Middle Shabelle", "Galgaduud"}]
    assert places == [("Lower Shabelle", "admin1", "SO"), ("Middle Shabelle", "admin1", "SO"),
                      ("Galgaduud", "admin1", "SO")]


def test_a_district_of_a_region_is_placed_at_its_town(pipeline):
    text = ("Al-Shabaab fighters stormed an army base in Balcad district of Middle Shabelle region on Tuesday, "
            "killing five soldiers, officials said.")
    events = _extract(pipeline, text).events
    assert [(e.place.text, e.killed) for e in events] == [("Balcad", 5)]


def test_a_toll_told_around_its_children_waits_for_its_verb():
    from newsmap.casualties import find_casualties
    found = find_casualties("Four Palestinians, including a child, were killed on Monday when an Israeli drone "
                            "struck a group of civilians in the Nuseirat refugee camp, medics said.")
    assert (found.killed, found.children_killed) == (4, 1)
    found = find_casualties("Eight villagers, among them three children and a woman, were wounded by the shelling.")
    assert (found.killed, found.wounded, found.children_wounded) == (None, 8, 3)


def test_a_province_named_beside_its_town_is_no_namesake_abroad(pipeline):
    text = ("Jihadists killed 11 soldiers in an attack on a post in Arbinda (Soum province) on Friday, "
            "security sources told AFP.")
    extraction = _extract(pipeline, text)
    assert [(e.place.text, e.killed) for e in extraction.events] == [("Arbinda", 11)]
    assert all(p.location is None or p.location.country == "BF" for p in extraction.places)


def test_gendarmes_vigilantes_and_traders_are_people_counted():
    from newsmap.casualties import find_casualties
    assert find_casualties("Jihadists killed nine gendarmes and four vigilantes near the town.").killed == 13
    assert find_casualties("Gunmen opened fire at the market, wounding 16 traders.").wounded == 16


def test_a_town_named_near_a_known_village_only_says_where_it_is(pipeline):
    text = ("RAMALLAH: Israeli settlers attacked the village of Turmus Ayya near Ramallah on Tuesday, wounding "
            "four Palestinians, the Palestinian Red Crescent said.")
    events = _extract(pipeline, text).events
    assert [(e.place.text, e.wounded) for e in events] == [("Turmus Ayya", 4)]


def test_among_the_injured_are_children_counts_them_as_injured():
    from newsmap.casualties import find_casualties
    found = find_casualties("Among the injured are four children.")
    assert (found.wounded, found.children_wounded) == (4, 4)
    found = find_casualties("Among the dead were at least two children and a woman.")
    assert (found.killed, found.children_killed) == (3, 2)


def test_children_among_the_injured_told_after_the_toll_join_its_event(pipeline):
    text = ("Russian drones struck an apartment block in Sumy overnight, killing one person and injuring nine.\n\n"
            "Details: The attack occurred at 02:40. Among the injured are two children.")
    events = _extract(pipeline, text).events
    assert [(e.place.text, e.killed, e.wounded, e.children_wounded) for e in events] == [("Sumy", 1, 9, 2)]


def test_a_region_called_by_the_russian_spelling_of_its_centre_is_the_region(pipeline):
    text = ("MOSCOW, November 25. /TASS/. Russian troops liberated the settlement of Petropavlovka in the Kharkov "
            "Region, the Defense Ministry said. Ukrainian drones also attacked the Chernigov Region.")
    places = {p.text: p.location for p in _extract(pipeline, text).places if p.location is not None}
    assert (places["Kharkov"].feature_class, places["Kharkov"].name) == ("admin1", "Kharkiv Oblast")
    assert places["Chernigov"].name == "Chernihiv Oblast"
    assert places["Petropavlovka"].admin1 == "Kharkiv Oblast"


def test_the_word_region_alone_is_no_place(pipeline):
    text = "LUGANSK, November 25. /TASS/. Ukrainian troops shelled the Lugansk Region on Monday, the mission said."
    assert [p.text for p in _extract(pipeline, text).places if p.text == "Region"] == []


def test_a_regions_centre_is_its_city_not_a_hamlet_of_the_same_name(pipeline):
    from newsmap.gazetteer import distance_km
    city = _extract(pipeline, "Russian drones hit Zaporizhzhia on Monday, wounding two people.").events[0]
    region = _extract(pipeline, "Russian artillery shelled 17 settlements in the Zaporizhzhia region on Monday, "
                                "the regional governor said.").events[0]
    assert region.geo_precision == 3  # drawn at the region's centre
    assert distance_km(city.place.location.latitude, city.place.location.longitude,
                       region.place.location.latitude, region.place.location.longitude) < 10


def test_a_city_alone_on_the_first_line_is_the_dateline_and_no_headline(pipeline):
    article = article_from_text("GAZA CITY\n\nAn Israeli air strike killed four people in Deir al-Balah on Tuesday.",
                                source="test", published=date(2025, 11, 26))
    assert article.dateline is not None and article.dateline.text == "GAZA CITY"
    assert article.title is None
    article = article_from_text("BREAKING\n\nAn Israeli air strike killed four people in Deir al-Balah on Tuesday.",
                                source="test", published=date(2025, 11, 26))
    assert article.dateline is None


def test_a_dateline_set_off_by_two_slashes(pipeline):
    article = article_from_text("BEIRUT // An Israeli strike on a car near Tyre killed a man on Monday.",
                                source="test", published=date(2025, 11, 26))
    assert article.dateline is not None and article.dateline.text == "BEIRUT"
    roles = {p.text: p.role for p in pipeline.extract(article).places}
    assert roles["BEIRUT"] == "dateline"


def test_shot_dead_before_the_count_kills_them():
    from newsmap.casualties import find_casualties
    assert find_casualties("Junta soldiers raided the village and shot dead five villagers.").killed == 5
    assert find_casualties("Police shot dead a protester in the capital.").killed == 1


def test_a_capitalised_township_is_a_local_unit_not_a_namesake_abroad(pipeline):
    text = ("YANGON — Junta airstrikes killed at least six civilians in Sagaing Region's Kani Township on Monday, "
            "local resistance forces told Myanmar Now.")
    extraction = _extract(pipeline, text)
    assert all(p.location is None or p.location.country == "MM" for p in extraction.places)
    assert [(e.place.location.country, e.killed) for e in extraction.events] == [("MM", 6)]
