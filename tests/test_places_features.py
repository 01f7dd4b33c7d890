"""Lakes, rivers and mountains named after a place are not that place, and regions the gazetteer
derives from admin-1 names are real regions. Every sentence here was written for these tests."""

from __future__ import annotations

from datetime import date

from newsmap.gazetteer.entries import ADMIN1, _Entry
from newsmap.gazetteer.regions import _macro_regions
from newsmap.ingest import article_from_text


def _places(pipeline, text):
    extraction = pipeline.extract(article_from_text(text, source="test", published=date(2026, 3, 4)))
    return {p.text: p.location for p in extraction.places}


def test_a_river_named_after_a_city_is_not_the_city(pipeline):
    text = ("Shelling Across The Dnipro River\n\n"
            "Russian guns on the far side of the Dnipro River shelled Nikopol overnight, wounding two men, "
            "the regional governor said.")
    places = _places(pipeline, text)
    assert "Dnipro" not in places  # the city is 100 km upstream
    assert "Dnipro River" in places and places["Dnipro River"] is None  # a toponym with no point of its own
    assert places["Nikopol"] is not None and places["Nikopol"].country == "UA"


def test_a_lake_named_after_a_country_is_not_the_country(pipeline):
    text = ("Jihadists raid fishing islands\n\n"
            "MAIDUGURI, Nigeria — Jihadist fighters raided fishing islands on Lake Chad on Sunday, "
            "killing 14 fishermen, a militia leader said.")
    places = _places(pipeline, text)
    assert "Chad" not in places
    assert "Lake Chad" in places and places["Lake Chad"] is None


def _admin1(name, country, lat, lon):
    return _Entry(1, name, country, lat, lon, ADMIN1, f"{country}.{name[:3]}", 1000, [(name, True)])


def test_regions_split_in_parts_are_found_but_not_generic_words_or_countries():
    units = [
        _admin1("North Kordofan", "SD", 14.0, 29.0), _admin1("South Kordofan", "SD", 11.0, 30.0),
        _admin1("Upper River", "GM", 13.4, -14.0), _admin1("Lower River", "GM", 13.4, -15.7),
        _admin1("Western Australia", "AU", -25.0, 122.0), _admin1("South Australia", "AU", -30.0, 135.0),
    ]
    names = {(region.name, region.country) for region in _macro_regions(units, {"australia", "sudan", "gambia"})}
    assert names == {("Kordofan", "SD")}


def test_a_city_is_not_a_hamlet_of_a_region_the_story_names_elsewhere(pipeline):
    text = ("Shelling near Nikopol\n\n"
            "KHARKIV, Ukraine — Russian guns shelled Nikopol overnight, wounding two men. "
            "In Kharkiv Oblast, drones hit Kupiansk.")
    nikopol = _places(pipeline, text)["Nikopol"]
    assert nikopol.population > 50_000  # the city on the Dnipro, not the hamlet of Kharkiv Oblast


def test_a_district_of_a_city_named_just_before_is_in_that_city(pipeline):
    text = ("Drones hit Odesa\n\nODESA, Ukraine — Russian drones struck Odesa overnight, damaging a school in the "
            "Kyivskyi district, the regional governor said.")
    places = _places(pipeline, text)
    odesa = places["Odesa"]
    district = places.get("Kyivskyi district") or places.get("Kyivskyi")
    assert district is not None and (district.latitude, district.longitude) == (odesa.latitude, odesa.longitude)


def test_an_envoys_nationality_does_not_move_a_capital_to_a_namesake(pipeline):
    places = _places(pipeline, "Talks\n\nThe president met a U.S. envoy in Berlin on Monday to discuss a ceasefire.")
    assert places["Berlin"].country == "DE"
    places = _places(pipeline, "Talks\n\nU.S. officials and rebel leaders met in Paris on Friday.")
    assert places["Paris"].country == "FR"


def test_a_country_named_by_its_adjective_keeps_gaza_out_of_mozambique(pipeline):
    text = ("Aid queue shooting\n\nIsraeli soldiers fired on crowds waiting for flour in southern Gaza on Tuesday, "
            "killing 17 people, medics said.")
    assert _places(pipeline, text)["Gaza"].country == "PS"


def test_a_township_named_after_its_town_places_its_villages_near_the_town(pipeline):
    text = ("Airstrike on village\n\nThe military bombed a village in Myitkyina Township, Kachin State, on Friday, "
            "killing six civilians, residents said.")
    extraction = pipeline.extract(article_from_text(text, source="test", published=date(2026, 3, 4)))
    township = [p for p in extraction.places if p.text == "Myitkyina" and p.start > text.index("village")]
    assert township and township[0].role == "location" and township[0].location.feature_class == "city"


def test_a_mountain_named_with_jabal_is_not_the_town_it_is_named_after(pipeline):
    text = ("Shelling in the northwest\n\nArtillery hit villages in the Jabal al-Zawiya area of Idlib province "
            "on Sunday, a monitor said.")
    places = _places(pipeline, text)
    assert all(location is None or location.country == "SY" for location in places.values())  # not Zawiya, Libya


def test_a_capital_named_by_its_countrys_adjective_alone_is_that_capital(pipeline):
    text = ("Strike on a warehouse\n\nAn air strike on a warehouse on the edge of the Sudanese capital killed "
            "seven people on Monday, volunteers said.")
    places = _places(pipeline, text)
    assert places["Sudanese capital"].name == "Khartoum"
    # where the sentence names the city itself, the phrase only repeats it and is no toponym of its own
    text = "Drones hit Kyiv\n\nDrones struck Kyiv overnight, the Ukrainian capital's mayor said."
    assert "Ukrainian capital" not in _places(pipeline, text)


def test_the_country_that_struck_does_not_make_the_target_a_place_abroad(pipeline):
    places = _places(pipeline, "Strikes\n\nU.S. strikes on Saada overnight killed six people, the rebels said.")
    assert places["Saada"] is not None and places["Saada"].country == "YE"


def test_a_town_then_a_name_shared_by_a_foreign_province_and_a_town_of_its_country(pipeline):
    places = _places(pipeline, "Eleven killed as strike hits school in Nuseirat, Gaza civil defence says")
    assert places["Nuseirat"] is None or places["Nuseirat"].country == "PS"
    places = _places(pipeline, "Strike\n\nA strike hit a home in Jabalia, Gaza, on Monday, killing nine people.")
    assert places["Jabalia"].country == "PS" and places["Gaza"].country == "PS"


def test_the_dateline_says_which_countrys_spellings_to_try(pipeline):
    places = _places(pipeline, "Update\n\nGAZA CITY (AP) — A drone strike hit a house in Deir al-Balah on Monday.")
    assert places["Deir al-Balah"] is not None and places["Deir al-Balah"].country == "PS"
