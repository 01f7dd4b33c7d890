"""Places the text locates itself: a misspelt town of the article's country, villages the packaged
gazetteer lacks in a region the text states, old names. Every sentence here was written for these tests."""

from __future__ import annotations

from newsmap.ingest import article_from_text


def _places(pipeline, text):
    extraction = pipeline.extract(article_from_text(text, source="test"))
    for place in extraction.places:
        assert extraction.article.text[place.start:place.end] == place.text
    return extraction


def test_a_town_misspelt_by_one_letter_is_the_town_of_the_articles_country(pipeline):
    # "Wanlawey" drops the last letter of Wanlaweyn, a Somali town: its consonants differ, so only the
    # spelling (within the article's country) finds it, and the village near it is drawn there.
    text = ("Blast in central Somalia\n\n"
            "A car bomb exploded at a checkpoint in the village of Ceel Macaan near Wanlawey in Somalia "
            "on Sunday, killing four soldiers, the army said.")
    places = {p.text: p for p in _places(pipeline, text).places}
    assert places["Wanlawey"].location.name == "Wanlaweyn"
    assert places["Ceel Macaan"].location.name.startswith("Ceel Macaan (near Wanlaweyn")


def test_villages_listed_after_the_region_the_text_states_are_in_that_region(pipeline):
    # "Boni" is also listed as another name of Bonn, Hombori and Dinangourou are not in the packaged data:
    # the region the previous sentence states is where they are. Douentza lies in it and stays itself.
    text = ("Villages overrun in central Mali\n\n"
            "Jihadists overran four villages in the Mopti region on Sunday, the army said. "
            "Its statement listed Boni, Douentza, Hombori and Dinangourou as under attack.")
    extraction = _places(pipeline, text)
    places = {p.text: p for p in extraction.places}
    for village in ("Boni", "Hombori", "Dinangourou"):
        assert places[village].location.name == "Mopti Region", village
        assert places[village].location.feature_class == "admin1"
    assert places["Douentza"].location.name == "Douentza"

    # A list after a sentence that states no settlements there keeps its names' own readings.
    text = ("Fighting in central Mali\n\n"
            "Jihadists attacked an army post in the Mopti region on Sunday. "
            "Residents later fled towards Bamako, Koulikoro and Kayes.")
    places = {p.text: p for p in _places(pipeline, text).places}
    assert places["Koulikoro"].location.feature_class == "city"
    assert places["Kayes"].location.feature_class == "city"


def test_a_place_in_a_part_of_a_stated_region_is_in_that_region(pipeline):
    # Dengolat is not in the packaged data: "in the eastern part of the Tigray region" is what the text
    # says of it, so that region is where it (and the capture) is, region-level.
    text = ("Town taken in Ethiopia\n\n"
            "The federal army said on Sunday that its troops had taken Dengolat, in the eastern part of the "
            "Tigray region, after two days of fighting.")
    extraction = _places(pipeline, text)
    places = {p.text: p for p in extraction.places}
    assert places["Dengolat"].location.admin1 == "Tigray Regional State"
    assert places["Dengolat"].location.feature_class == "admin1"
    (event,) = [e for e in extraction.events if e.place.text == "Dengolat"]
    assert event.geo_precision == 3


def test_a_namesake_elsewhere_loses_to_the_corner_of_the_region_the_text_states(pipeline):
    text = ("Town taken in central Mali\n\n"
            "The army said its troops had retaken Boni, in the northeast corner of the Mopti region.")
    places = {p.text: p for p in _places(pipeline, text).places}
    assert places["Boni"].location.country == "ML"
    assert places["Boni"].location.name == "Mopti Region"


def test_an_old_name_the_text_calls_old_is_the_place_that_bore_it(pipeline):
    # "Ordjonikidze" is spelt like no name in the packaged data; as a Soviet-era name it is the city that
    # bore it (listed there as "Ordzhonikidze"), not a village that still bears a name like it.
    text = ("Russian armour crosses into Georgia\n\n"
            "Russian armour rolled south through the Roki tunnel on Friday. Its columns had gathered for days "
            "in the regional capital, which Georgian officials still call by its Soviet-era name of Ordjonikidze.")
    places = {p.text: p for p in _places(pipeline, text).places}
    assert places["Ordjonikidze"].location.name == "Vladikavkaz"
