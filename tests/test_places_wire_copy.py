"""Places in wire copy from today's wars: misspelt towns, camps and villages the gazetteer lacks, seas.
Every sentence here was written for these tests."""

from __future__ import annotations

from datetime import date
from functools import partial

from .wire import place_named as _place, places_of


_places = partial(places_of, published=date(2025, 6, 2))


def test_a_misspelt_town_is_not_a_big_city_abroad(pipeline):
    text = ("Insurgents raid police post in central Mozambique\n\n"
            "QUELIMANE, Mozambique (Reuters) - Gunmen attacked a police post near Milane in Mozambique's "
            "Zambezia province overnight, killing two officers, a local official said.")
    location = _place(_places(pipeline, text), "Milane").location
    assert location is not None and location.country == "MZ"
    assert location.feature_class == "city" and location.geonameid > 0  # the town itself, not its province


def test_a_village_name_stops_before_and(pipeline):
    text = ("Gunmen kill farmers in northern Burkina Faso\n\n"
            "OUAGADOUGOU (AFP) - Gunmen killed nine farmers in Burkina Faso's Nord region on Friday, "
            "attacking the village of Kossoundi and a hamlet near Ouahigouya, residents said.")
    surfaces = [p.text for p in _places(pipeline, text)]
    assert "Kossoundi" in surfaces and "Kossoundi an" not in surfaces


def test_a_camp_the_text_places_near_a_town_is_drawn_there(pipeline):
    text = ("Shelling hits displacement camp in Sudan\n\n"
            "PORT SUDAN, Sudan (AP) - Fighting closed the road to Kassala last week, traders said. "
            "On Monday shells hit the Hamdiya camp near Nyala, killing six people, activists said.")
    location = _place(_places(pipeline, text), "Hamdiya").location
    assert location is not None and "Nyala" in location.name


def test_the_sea_is_no_town_or_province_named_after_it(pipeline):
    text = ("Drones seen over gas platforms\n\n"
            "OSLO (Reuters) - Unidentified drones were seen over two gas platforms in the North Sea on Sunday, "
            "Norway's energy ministry said, and a U.S. destroyer joined the patrols.")
    assert _place(_places(pipeline, text), "North Sea").location is None


def test_a_two_word_town_spelt_without_the_apostrophe_is_the_town_not_its_words(pipeline):
    text = ("Militia clashes close highway in Ethiopia\n\n"
            "ADDIS ABABA (Reuters) - Clashes between militiamen and federal troops closed the main road "
            "out of Debre Markos on Saturday, two residents of the town in Ethiopia's Amhara region said.")
    location = _place(_places(pipeline, text), "Debre Markos").location
    assert location is not None and location.geonameid > 0 and location.feature_class == "city"


def test_the_border_with_a_country_is_the_country_not_a_namesake_state_inland(pipeline):
    text = ("Gunmen raid border villages in northwest Nigeria\n\n"
            "SOKOTO, Nigeria (Reuters) - Gunmen on motorcycles raided two villages in Sokoto state near the "
            "border with Niger on Wednesday, a police spokesman said.")
    assert _place(_places(pipeline, text), "Niger").location.feature_class == "country"
    # A state next to a state of the same name stays the state.
    text = ("Storms hit eastern Alabama\n\n"
            "BIRMINGHAM, Ala. (AP) - Storms damaged dozens of homes in Randolph County near the border with "
            "Georgia on Sunday, Alabama officials said.")
    assert _place(_places(pipeline, text), "Georgia").location.country == "US"


def test_an_english_region_name_spelt_otherwise_is_the_region_not_a_neighbour(pipeline):
    text = ("Troops retake villages in central Somalia\n\n"
            "MOGADISHU (Reuters) - Somali troops and clan militias retook three villages in Somalia's Middle "
            "Shebelle region on Tuesday, and fighting continued in Lower Shebelle, in the Bay region, officials said.")
    places = _places(pipeline, text)
    middle, lower = _place(places, "Middle Shebelle").location, _place(places, "Lower Shebelle").location
    assert middle.feature_class == lower.feature_class == "admin1"
    assert "Bay" not in lower.name and middle.name != lower.name


def test_a_region_named_in_french_is_found_by_its_english_compass_name(pipeline):
    text = ("Jihadists attack army post in eastern Burkina Faso\n\n"
            "OUAGADOUGOU (AFP) - Jihadists attacked an army post in Burkina Faso's East region on Sunday, days "
            "after an ambush in the Centre-North region, security sources said.")
    places = _places(pipeline, text)
    for surface in ("East region", "Centre-North region"):
        location = _place(places, surface).location
        assert location.country == "BF" and location.feature_class == "admin1"
    text = ("Floods hit northern Haiti\n\n"
            "PORT-AU-PRINCE (Reuters) - Floods killed four people in Haiti's North department, the civil "
            "protection agency said.")
    location = _place(_places(pipeline, text), "North department").location
    assert location.country == "HT"


def test_a_compass_word_alone_in_a_headline_is_no_place(pipeline):
    text = ("Troops kill militants in raids in North Waziristan\n\n"
            "ISLAMABAD (Reuters) - Pakistani troops killed nine militants in raids in the North Waziristan "
            "district on Monday, the military said.")
    assert "North" not in [p.text for p in _places(pipeline, text)]


def test_a_rare_name_listed_with_a_known_town_is_a_village_near_it(pipeline):
    text = ("Junta airstrikes kill villagers in Sagaing\n\n"
            "BANGKOK (Reuters) - Military airstrikes hit Thitseint and Kanbalu on Tuesday, killing 11 people, "
            "a resistance group said. Reporting by Aung Thitsar in Yangon and Mya Kyawthu; editing by Ed Osmond.")
    places = _places(pipeline, text)
    location = _place(places, "Thitseint").location
    assert location is not None and location.country == "MM" and "Kanbalu" in location.name
    assert not {"Mya", "Kyawthu", "Thitsar"} & {p.text for p in places}


def test_a_group_named_with_an_arabic_article_is_found_whatever_its_case_and_joiner():
    from newsmap.places.not_places import group_spans

    text = "Fighters of al Nusra Front and the Al Quds Brigades were blamed for the shelling."
    found = {text[s:e] for s, e, _ in group_spans(text)}
    assert {"al Nusra Front", "Al Quds Brigades"} <= found


def test_a_territory_the_gazetteer_lacks_is_drawn_at_the_town_before_it(pipeline):
    text = ("Rebels attack villages in eastern Congo\n\n"
            "KINSHASA (Reuters) - Rebels attacked villages west of Butembo on Friday, and the fighting spread "
            "into neighbouring Mutenderi territory, a local official said.")
    location = _place(_places(pipeline, text), "Mutenderi").location
    assert location is not None and location.country == "CD"


def test_a_word_joined_to_a_longer_name_by_a_particle_is_no_place_of_its_own(pipeline):
    text = ("Blast hits Kabul neighbourhood\n\n"
            "KABUL (AP) - A bomb exploded near a school in Kabul's Dasht-e-Barchi area on Sunday, police said, "
            "and Iran's foreign ministry condemned the attack.")
    places = _places(pipeline, text)
    assert all(p.location is None or p.location.country == "AF" for p in places if p.text != "Iran")


def test_a_town_near_the_border_with_a_country_lies_on_this_side_of_it(pipeline):
    text = ("Bus bombing kills five\n\n"
            "KABUL (AP) - A bomb exploded in Kabul on Saturday. On Sunday a bomb hit a bus in Herat near the "
            "border with Iran, killing five people, police said.")
    assert _place(_places(pipeline, text), "Herat").location.country == "AF"


def test_a_town_opened_by_an_arabic_word_is_found_when_spelt_otherwise(pipeline):
    text = ("Shelling hits market in North Darfur\n\n"
            "PORT SUDAN, Sudan (Reuters) - Shelling hit a market in El Fasher on Monday. Residents of Um Keddada "
            "in North Darfur said they had also come under fire.")
    place = _place(_places(pipeline, text), "Um Keddada")
    assert place.location is not None and place.location.country == "SD" and place.location.geonameid > 0
    assert place.role == "location"


def test_a_region_named_by_its_older_english_name_is_that_region(pipeline):
    text = ("Airstrikes hit villages in eastern Myanmar\n\n"
            "BANGKOK (Reuters) - Junta airstrikes hit three villages in Karen state and a church in Karenni on "
            "Sunday, the Karen National Union said.")
    places = _places(pipeline, text)
    assert _place(places, "Karen state").location.name == "Kayin State"
    assert _place(places, "Karenni").location.name == "Kayah State"
    assert "Karen" not in [p.text for p in places]  # the group's name is no place


def test_a_unit_named_after_a_place_is_no_place_whatever_the_case_of_its_generic_word(pipeline):
    text = ("Army says it repelled assaults in the east\n\n"
            "DNIPRO (Reuters) - The Azov brigade said on Friday it had repelled assaults near Pokrovsk, "
            "and the Kachin Independence army said in a statement it backed the talks.")
    surfaces = [p.text for p in _places(pipeline, text)]
    assert "Azov" not in surfaces and "Kachin" not in surfaces and "Pokrovsk" in surfaces


def test_two_camps_sharing_a_plural_kind_word_are_both_places(pipeline):
    text = ("Refugees pour into eastern Chad\n\n"
            "N'DJAMENA (Reuters) - Thousands of Sudanese refugees reached Adre on Monday, and aid groups said "
            "the Treguine and Bredjing camps were full.")
    places = _places(pipeline, text)
    for name in ("Treguine", "Bredjing"):
        location = _place(places, name).location
        assert location is not None and location.country == "TD"


def test_a_sizable_town_after_a_clause_about_another_region_keeps_its_own_reading(pipeline):
    text = ("Attacks in Burkina Faso\n\n"
            "OUAGADOUGOU (Reuters) - Gunmen attacked the village of Tougan in the Boucle du Mouhoun region and a "
            "market in Nouna, and jihadists ambushed soldiers near Kongoussi and Tenkodogo.")
    location = _place(_places(pipeline, text), "Tenkodogo").location
    assert location.feature_class == "city" and location.admin1 == "Centre-Est Region"


def test_an_idp_camp_is_named_without_the_abbreviation(pipeline):
    text = ("Camp shelled\n\nKHARTOUM, Sudan — On 3 May, shelling of Hamadiya IDP camp, near Zalingei, "
            "killed four people, aid workers said.")
    assert "Hamadiya" in [p.text for p in _places(pipeline, text)]
