"""Districts, neighbourhoods, camps and suburbs of big cities, where much of a war happens and which the
gazetteer mostly lacks. Every sentence here was written for these tests."""

from __future__ import annotations

from datetime import date

from newsmap.ingest import article_from_text


def _extract(pipeline, text):
    return pipeline.extract(article_from_text(text, source="test", published=date(2025, 5, 6)))


def _events_at(extraction, surface):
    return [e for e in extraction.events if e.place is not None and e.place.text == surface]


def test_an_unlisted_district_of_a_city_is_where_the_event_happened(pipeline):
    text = ("Shelling hits Sudan's capital\n\n"
            "PORT SUDAN (Reuters) - Paramilitary shelling killed nine civilians in the Umbadda district of "
            "Omdurman on Thursday, a volunteer group said.")
    extraction = _extract(pipeline, text)
    [event] = _events_at(extraction, "Umbadda")
    assert event.killed == 9
    assert "Omdurman" in event.place.location.name  # drawn at the city the text ties it to
    assert not _events_at(extraction, "Omdurman")


def test_a_citys_named_district_the_gazetteer_lacks_is_a_place_in_that_city(pipeline):
    text = ("Car bomb in Somalia's capital\n\n"
            "NAIROBI (AP) - A car bomb killed seven people outside a hotel in Mogadishu's Shibis district on "
            "Sunday, police said. In Sudan, gunmen attacked a checkpoint in Khartoum's Burri neighbourhood.")
    extraction = _extract(pipeline, text)
    places = {p.text: p.location for p in extraction.places}
    assert "Mogadishu" in places["Shibis"].name and places["Shibis"].country == "SO"
    assert "Khartoum" in places["Burri"].name and places["Burri"].country == "SD"
    [event] = _events_at(extraction, "Shibis")
    assert event.killed == 7 and not _events_at(extraction, "Mogadishu")


def test_an_adjective_form_district_in_the_next_sentence_is_in_the_city_the_paragraph_names(pipeline):
    text = ("Shelling in southern Ukraine\n\n"
            "LVIV (Reuters) - Russian guided bombs struck Zaporizhzhia on Sunday, the regional governor said. "
            "In the Shevchenkivskyi district, a woman was wounded by shrapnel near a bus stop.")
    places = {p.text: p.location for p in _extract(pipeline, text).places}
    city = places["Zaporizhzhia"]
    district = places.get("Shevchenkivskyi district") or places.get("Shevchenkivskyi")
    assert (district.latitude, district.longitude) == (city.latitude, city.longitude)  # not Kyiv's district


def test_a_suburb_told_as_one_of_a_city_keeps_the_toll_and_the_city_is_no_second_event(pipeline):
    text = ("Shelling near Syria's capital\n\n"
            "BEIRUT (AP) - Government artillery pounded Harasta, the rebel-held northeastern suburb of Damascus, "
            "on Friday, killing nine people, a monitoring group said.")
    extraction = _extract(pipeline, text)
    [event] = _events_at(extraction, "Harasta")
    assert event.killed == 9
    assert not _events_at(extraction, "Damascus")


def test_a_suburb_the_gazetteer_lacks_is_a_place_of_the_city_its_appositive_names(pipeline):
    text = ("Militia raid near Sudan's capital\n\n"
            "PORT SUDAN (AP) - Paramilitary fighters overran Soba, the southern suburb of Khartoum, on Tuesday, "
            "killing 16 civilians, a lawyers' group said.")
    extraction = _extract(pipeline, text)
    [event] = _events_at(extraction, "Soba")
    assert event.killed == 16 and "Khartoum" in event.place.location.name
    assert not _events_at(extraction, "Khartoum")


def test_the_ministry_of_a_city_is_who_counts_not_a_second_site(pipeline):
    text = ("Strikes on central Gaza camp\n\n"
            "CAIRO (Reuters) - Israeli strikes on houses in the Nuseirat refugee camp killed 12 people on Friday, "
            "the Gaza health ministry said.")
    extraction = _extract(pipeline, text)
    [event] = [e for e in extraction.events if e.place is not None]
    assert event.place.text == "Nuseirat" and event.killed == 12


def test_a_name_placed_by_its_bearing_from_a_city_is_a_place_there(pipeline):
    text = ("Strikes in southern Gaza\n\n"
            "CAIRO (AP) - An Israeli drone strike killed three people in Tal as-Sultan, west of Rafah, on "
            "Wednesday, medics said. A strike on a house in al-Sabra, in southern Gaza City, wounded five.")
    extraction = _extract(pipeline, text)
    places = {p.text: p.location for p in extraction.places}
    assert places["Tal as-Sultan"].name.startswith("Tal as-Sultan (near Rafa")
    assert "Gaza" in places["al-Sabra"].name
    [event] = _events_at(extraction, "Tal as-Sultan")
    assert event.killed == 3 and not _events_at(extraction, "Rafah")


def test_a_district_the_gazetteer_knows_keeps_its_toll_beside_one_it_lacks(pipeline):
    text = ("Guided bombs hit Kharkiv\n\n"
            "LVIV (Reuters) - Russian guided bombs hit Kharkiv overnight, killing three people in the Saltivka area "
            "and wounding eight in the Pavlove Pole neighbourhood, the mayor said.")
    extraction = _extract(pipeline, text)
    [event] = _events_at(extraction, "Saltivka")
    assert event.killed == 3
