"""Toponym recognition and resolution on articles written for these tests."""

from __future__ import annotations

import pytest

from newsmap.places import find_places, national_adjective_country, resolve_spans
from newsmap.records import Article, Span


def _article(text: str, dateline: str | None = None) -> Article:
    if dateline is None:
        return Article(article_id="t", text=text, source="test")
    full = f"{dateline} — {text}"
    return Article(article_id="t", text=full, source="test", dateline=Span(dateline, 0, len(dateline)),
                   body_start=len(dateline) + 3)


def _places(gazetteer, text, dateline=None):
    article = _article(text, dateline)
    places = find_places(article, gazetteer)
    for place in places:
        assert article.text[place.start:place.end] == place.text
    return places


def _by_text(places, text):
    found = [p for p in places if p.text == text]
    assert found, f"{text!r} not found among {[p.text for p in places]}"
    return found


def test_offsets_slice_back_and_sorted(gazetteer):
    text = "Shelling hit Kherson and Mykolaiv overnight.\nLater, drones struck Zaporizhzhia."
    places = _places(gazetteer, text)
    assert [p.text for p in places] == ["Kherson", "Mykolaiv", "Zaporizhzhia"]
    assert [p.start for p in places] == sorted(p.start for p in places)
    assert all(p.location and p.location.country == "UA" for p in places)


def test_spelling_variants_resolve_to_the_same_place(gazetteer):
    kyiv = _by_text(_places(gazetteer, "Air raid sirens sounded in Kyiv on Monday."), "Kyiv")[0]
    kiev = _by_text(_places(gazetteer, "Air raid sirens sounded in Kiev on Monday."), "Kiev")[0]
    assert kyiv.location.geonameid == kiev.location.geonameid
    odesa = _by_text(_places(gazetteer, "A port in Odesa was hit by missiles fired from the sea."), "Odesa")[0]
    odessa = _by_text(_places(gazetteer, "A port in Odessa was hit by missiles fired from the sea."), "Odessa")[0]
    assert odesa.location.geonameid == odessa.location.geonameid
    assert odesa.location.country == "UA"
    kharkov = _by_text(_places(gazetteer, "Fighting continued near Kharkov, Ukraine."), "Kharkov")[0]
    kharkiv = _by_text(_places(gazetteer, "Fighting continued near Kharkiv, Ukraine."), "Kharkiv")[0]
    assert kharkov.location.geonameid == kharkiv.location.geonameid


def test_region_wordings_resolve_to_admin1(gazetteer):
    places = _places(
        gazetteer,
        "Drones attacked the Chernihiv region at night. Later the Poltava Oblast governor said "
        "two villages in Zhytomyr province lost power.",
    )
    for text, wanted in (("Chernihiv region", "Chernihiv"), ("Poltava Oblast", "Poltava"),
                         ("Zhytomyr province", "Zhytomyr")):
        place = _by_text(places, text)[0]
        assert place.location.feature_class == "admin1", text
        assert place.location.country == "UA"
        assert wanted in place.location.name
    # The same name bare, or with "city", is the city.
    city = _by_text(_places(gazetteer, "A missile hit Chernihiv city centre."), "Chernihiv")[0]
    assert city.location.feature_class == "city"


def test_a_border_or_frontline_region_is_the_region_not_its_capital(gazetteer):
    # "the Bryansk border region" names the oblast; the word between the name and "region" changes nothing.
    for text in ("Troops pushed back an incursion in the Bryansk border region on Sunday.",
                 "Shelling intensified across the Zaporizhzhia frontline region overnight."):
        place = _places(gazetteer, text)[0]
        assert place.location.feature_class == "admin1", text


def test_admin1_list_after_regions_of(gazetteer):
    places = _places(gazetteer, "Russia struck the Ukrainian regions of Kharkiv in the east and Mykolaiv in the south.")
    assert _by_text(places, "Kharkiv")[0].location.feature_class == "admin1"
    assert _by_text(places, "Mykolaiv")[0].location.feature_class == "admin1"


def test_hierarchy_pattern_picks_the_right_namesake(gazetteer):
    texas = _by_text(_places(gazetteer, "The fair was held in Paris, Texas, last weekend."), "Paris")[0]
    assert texas.location.country == "US" and texas.location.admin1 == "Texas"
    france = _by_text(_places(gazetteer, "Talks resumed in Paris on Friday."), "Paris")[0]
    assert france.location.country == "FR"


def test_context_disambiguates_a_common_name(gazetteer):
    illinois = _places(
        gazetteer,
        "Lawmakers met in Springfield after a long debate in Chicago and Peoria. Illinois voters will decide.",
    )
    assert _by_text(illinois, "Springfield")[0].location.admin1 == "Illinois"
    massachusetts = _places(
        gazetteer,
        "Police in Springfield said the suspect had travelled from Worcester and Holyoke in Massachusetts.",
    )
    assert _by_text(massachusetts, "Springfield")[0].location.admin1 == "Massachusetts"


def test_dateline_role_and_resolution(gazetteer):
    places = _places(gazetteer, "Officials said an air defence unit shot down drones overnight.", dateline="LVIV")
    assert places[0].role == "dateline" and places[0].text == "LVIV"
    assert places[0].location.country == "UA"


def test_metonymy(gazetteer):
    places = _places(
        gazetteer,
        "Moscow said the talks were useless. Kyiv's forces advanced. The next round between delegations "
        "from Moscow and Kyiv is planned. Shelling damaged homes in Kherson.",
    )
    roles = [(p.text, p.role) for p in places]
    assert roles[0] == ("Moscow", "metonymy")
    assert roles[1] == ("Kyiv", "metonymy")
    assert ("Moscow", "metonymy") in roles[2:] and ("Kyiv", "metonymy") in roles[2:]
    assert _by_text(places, "Kherson")[0].role == "location"
    # still resolved
    assert places[0].location.country == "RU"


def test_organisations_named_after_places(gazetteer):
    places = _places(
        gazetteer,
        "The Kyiv Independent reported the strike. The Poltava Regional Military Administration said "
        "three people were injured in Kremenchuk.",
    )
    assert not [p for p in places if p.text == "Kyiv"], "a newspaper named after a city is not a toponym"
    poltava = _by_text(places, "Poltava")[0]
    assert poltava.role == "organization"
    assert _by_text(places, "Kremenchuk")[0].role == "location"


@pytest.mark.parametrize(
    "text, not_places",
    [
        ("Mayor Ihor Terekhov said the city of Kharkiv was hit.", {"Mayor", "Ihor", "Terekhov"}),
        ("Trump said on Monday he will meet leaders in Rome.", {"Trump", "Monday"}),
        ("Will the ceasefire hold? Officials in Rome doubt it.", {"Will"}),
        ("In May, President Vladimir Putin visited Beijing.", {"May", "Vladimir", "Putin"}),
        ("Reading the statement, officials blamed Russian forces for the attack on Ukrainian cities in Dnipro.",
         {"Reading", "Russian", "Ukrainian"}),
    ],
)
def test_common_words_and_people_are_not_places(gazetteer, text, not_places):
    found = {p.text for p in _places(gazetteer, text)}
    assert not (found & not_places), found
    assert found, "the real place in the sentence must still be found"


def test_national_adjectives(gazetteer):
    assert national_adjective_country("Ukrainian", gazetteer) == "UA"
    assert national_adjective_country("Russians", gazetteer) == "RU"
    assert national_adjective_country("Lebanese", gazetteer) == "LB"
    assert national_adjective_country("British", gazetteer) == "GB"
    assert national_adjective_country("Mayor", gazetteer) is None
    # Place names that merely start like a country are not its adjective.
    assert national_adjective_country("Indiana", gazetteer) is None
    assert national_adjective_country("Russell", gazetteer) is None
    indiana = _by_text(_places(gazetteer, "Flooding closed roads in Indiana and Ohio."), "Indiana")[0]
    assert indiana.location.feature_class == "admin1" and indiana.location.country == "US"


def test_resolve_given_spans_in_context(gazetteer):
    text = "Residents of Athens, Georgia, and nearby Atlanta gathered as Georgian lawmakers debated."
    spans = [Span("Athens", 13, 19), Span("Georgia", 21, 28), Span("Atlanta", 41, 48)]
    for span in spans:
        assert text[span.start:span.end] == span.text
    athens, georgia, atlanta = resolve_spans(_article(text), spans, gazetteer)
    assert athens.country == "US" and athens.admin1 == "Georgia"
    assert atlanta.country == "US"
    assert georgia.feature_class == "admin1" and georgia.country == "US"


def test_seed_places(pipeline, seed_path):
    """End-to-end on the seed article: every place the issue lists, with coordinates."""
    from newsmap.ingest import read_article

    article = read_article(seed_path)
    places = find_places(article, pipeline.gazetteer)
    resolved = {(p.location.name, p.location.feature_class) for p in places if p.location and p.role != "metonymy"}
    names = {name for name, _ in resolved}
    assert {"Kyiv", "Putyvl", "Kramatorsk", "Istanbul", "Sumy"} <= names
    assert any("Odesa" in n for n in names)
    assert ("Moscow Oblast", "admin1") in resolved
    assert any(p.role == "dateline" and p.location and p.location.name == "Kyiv" for p in places)
    assert all(p.location.latitude is not None for p in places if p.location)


def test_organisation_named_with_of(gazetteer):
    places = _places(gazetteer, "A spokesman for the Security Council of Ukraine said troops gathered near the capital of Moldova.")
    assert _by_text(places, "Ukraine")[0].role == "organization"
    assert _by_text(places, "Moldova")[0].role == "location"


def test_country_name_keeps_the_country_without_explicit_wording(gazetteer):
    text = ("Officials in Texas and Oklahoma said exports to China fell. Farmers in Amarillo and Lubbock "
            "worry about China.")
    places = _places(gazetteer, text)
    assert {p.location.country for p in _by_text(places, "China")} == {"CN"}
    # With explicit wording the namesake wins.
    maine = _by_text(_places(gazetteer, "The fire station in China, Maine, reopened."), "China")[0]
    assert maine.location.country == "US"


def test_surname_used_alone_later_is_not_a_place(gazetteer):
    text = ("Sylvester Turner, the former mayor, spoke in Houston. Turner said the budget was late. "
            "Residents of Galveston agreed.")
    found = {p.text for p in _places(gazetteer, text)}
    assert "Turner" not in found and {"Houston", "Galveston"} <= found


def test_region_after_unknown_village_and_lists(gazetteer):
    # A village the gazetteer doesn't hold, then its region: the region is the admin-1.
    places = _places(gazetteer, "On 3 May, Russian forces shelled Zzyvorivka, Kherson. Nobody was hurt.")
    kherson = _by_text(places, "Kherson")[0]
    assert kherson.location.feature_class == "admin1" and kherson.location.country == "UA"
    # A list of cities is not a hierarchy.
    listed = _places(gazetteer, "Overnight strikes hit Sumy, Kharkiv and Odesa, officials said.")
    assert [p.location.feature_class for p in listed] == ["city", "city", "city"]


def test_hierarchy_without_a_namesake_in_that_region_falls_back_to_the_region(gazetteer):
    from newsmap.places import resolve_spans

    text = "Russian troops fired on Novopetrivka, Zaporizhzhia. Two houses were damaged."
    start = text.index("Novopetrivka")
    region_start = text.index("Zaporizhzhia")
    village, region = resolve_spans(
        _article(text),
        [Span("Novopetrivka", start, start + 12), Span("Zaporizhzhia", region_start, region_start + 12)],
        gazetteer,
    )
    zaporizhzhia_oblast = [e for e, _ in gazetteer.lookup("Zaporizhzhia Oblast")]
    if any(gazetteer.admin1_of[e] == gazetteer.admin1_of[zaporizhzhia_oblast[0]]
           for e, _ in gazetteer.lookup("Novopetrivka")):
        assert village.admin1_code == region.admin1_code  # the gazetteer holds that village: use it
    else:
        assert village.feature_class == "admin1" and village.geonameid == region.geonameid
    assert region.feature_class == "admin1" and region.country == "UA"


def test_variant_spelling_of_a_region_in_a_place_slot(gazetteer):
    places = _places(gazetteer, "Russian forces shelled Zzyvorivka and Qwertivka, Zaporizhia, on Monday.")
    region = _by_text(places, "Zaporizhia")[0]
    assert region.location.feature_class == "admin1" and region.location.country == "UA"
    assert "Zaporizh" in region.location.name
    # A rare word outside a place slot is left alone.
    assert not [p for p in _places(gazetteer, "The Zaporizhia talks failed.") if p.text == "Zaporizhia"]


def _resolve(gazetteer, text, names):
    spans = []
    for name in names:
        start = text.index(name)
        spans.append(Span(name, start, start + len(name)))
    return resolve_spans(_article(text), spans, gazetteer)


def test_language_names_are_national_adjectives(gazetteer):
    # "French", "Irish", "Greek": CLDR language names whose likely country shares their stem.
    assert national_adjective_country("French", gazetteer) == "FR"
    assert national_adjective_country("Irish", gazetteer) == "IE"
    assert national_adjective_country("Greeks", gazetteer) == "GR"
    # English (likely US in CLDR) and Kurdish (likely TR) are not mapped to those countries.
    assert national_adjective_country("English", gazetteer) != "US"
    assert national_adjective_country("Kurdish", gazetteer) != "TR"
    text = "Irish and Spanish fishermen protested against the French quota in the harbour."
    irish, spanish, french = _resolve(gazetteer, text, ["Irish", "Spanish", "French"])
    assert (irish.country, irish.feature_class) == ("IE", "country")
    assert (spanish.country, spanish.feature_class) == ("ES", "country")
    assert (french.country, french.feature_class) == ("FR", "country")


def test_two_letter_capitals_begin_the_name_they_abbreviate(gazetteer):
    text = "Ministers from the EU met in Brussels to discuss tariffs on steel."
    (eu,) = _resolve(gazetteer, text, ["EU"])
    assert eu is not None and eu.country != "EC"  # not Ecuador ("E…u")
    assert eu.feature_class == "other" and eu.name == "Europe"


def test_unknown_name_led_by_an_adjective_takes_its_place(gazetteer):
    text = "Officials of the European Union said the talks would continue."
    (union,) = _resolve(gazetteer, text, ["European Union"])
    assert union is not None and union.name == "Europe"


def test_dotted_abbreviation_is_a_region_not_a_country(gazetteer):
    text = "The factory in Kokomo, Ind., will close next year, the company said."
    (state,) = _resolve(gazetteer, text, ["Ind."])
    assert (state.country, state.feature_class, state.name) == ("US", "admin1", "Indiana")


def test_ambiguous_names_that_lie_together_pick_each_other(gazetteer):
    # Neither name settles it alone; together they point at the Paris inside Henry County, Tennessee.
    text = "Paris and Henry County officials opened the new fairgrounds on Saturday."
    paris, county = _resolve(gazetteer, text, ["Paris", "Henry County"])
    assert (paris.country, paris.admin1) == ("US", "Tennessee")
    assert county.country == "US" and county.admin1 == "Tennessee"
    # Big places that lie apart keep their usual reading.
    text = "Flights between Paris and London were cancelled because of the strike."
    paris, london = _resolve(gazetteer, text, ["Paris", "London"])
    assert (paris.country, london.country) == ("FR", "GB")
    # A state's own name is not pulled to a small namesake town near other places.
    text = "Farmers in Florida and Georgia counted losses after the freeze near Albany."
    florida, georgia, albany = _resolve(gazetteer, text, ["Florida", "Georgia", "Albany"])
    assert florida.feature_class == "admin1" and florida.country == "US"


def test_village_spelled_differently_is_found_inside_the_named_region(gazetteer):
    places = _places(gazetteer, "Artillery shelled Dvorichne, Kharkiv, overnight. Casualties unknown.")
    village = _by_text(places, "Dvorichne")[0]
    assert village.location.feature_class == "city"
    assert village.location.country == "UA" and village.location.admin1 == "Kharkiv Oblast"
    # Only within that region: an unknown word before a region that matches nothing there stays unknown.
    places = _places(gazetteer, "Volunteers from Zzyxmorland, Kharkiv, delivered food.")
    assert [p.text for p in places] == ["Kharkiv"]


def test_dotted_state_abbreviation_is_read_as_an_abbreviation_first(gazetteer):
    # "Kan" is also an alternate name of towns elsewhere; "Kan." after a town is the state.
    text = "The plant in Wichita, Kan., laid off 40 workers, the company said."
    wichita, state = _resolve(gazetteer, text, ["Wichita", "Kan."])
    assert (state.country, state.name) == ("US", "Kansas")
    assert (wichita.country, wichita.admin1) == ("US", "Kansas")


def test_alternate_names_do_not_pull_neighbours(gazetteer):
    # Moscow Mills (Missouri) is also called "Moscow": that alias must not count as a neighbour of St. Louis.
    from newsmap.places import Mention, _candidates_for, _neighbour_support

    mentions = [Mention(0, 9, "St. Louis", _candidates_for("St. Louis", gazetteer)),
                Mention(20, 26, "Moscow", _candidates_for("Moscow", gazetteer))]
    support = _neighbour_support(mentions, gazetteer)
    aliases = [c for c, primary in mentions[1].candidates if not primary and gazetteer.country_code(c) == "US"]
    assert aliases and not any(support.get(c) for c in aliases)
    # Primary names near each other do support each other.
    mentions.append(Mention(30, 40, "Florissant", _candidates_for("Florissant", gazetteer)))
    support = _neighbour_support(mentions, gazetteer)
    assert any(support.get(c) for c, primary in mentions[0].candidates if primary)


def test_country_named_town_beside_the_other_places_of_a_local_story(gazetteer):
    text = "The school boards of Jordan and Shakopee met on Tuesday to discuss bus routes."
    jordan, shakopee = _resolve(gazetteer, text, ["Jordan", "Shakopee"])
    assert (jordan.country, jordan.admin1, jordan.feature_class) == ("US", "Minnesota", "city")
    text = "Jordan and Syria closed their shared border after the clashes."
    jordan, syria = _resolve(gazetteer, text, ["Jordan", "Syria"])
    assert (jordan.country, jordan.feature_class) == ("JO", "country")


def test_a_big_place_known_by_an_old_alias_does_not_block_the_region_fallback(gazetteer):
    # "Oleksandrivka" is also a former name of a big city elsewhere; with ", Sumy" and no namesake
    # in that region, the place falls back to the region rather than to that city.
    places = _places(gazetteer, "Artillery hit Oleksandrivka, Sumy, on Friday night.")
    village = _by_text(places, "Oleksandrivka")[0]
    assert village.location.admin1 == "Sumy Oblast"


def test_regions_named_after_their_city_have_english_forms(gazetteer):
    """The packaged data names some regions only in the local adjective form ("Kurskaya oblast'")."""
    places = _places(gazetteer, "Shelling hit villages in the Bryansk region and in Kursk Oblast.")
    bryansk, kursk = _by_text(places, "Bryansk region")[0], _by_text(places, "Kursk Oblast")[0]
    for place, city in ((bryansk, "Bryansk"), (kursk, "Kursk")):
        assert place.location.feature_class == "admin1" and place.location.country == "RU"
        assert place.location.name == f"{city} Oblast" == place.location.admin1


def test_a_plural_region_word_names_every_member_of_the_list(gazetteer):
    places = _places(gazetteer, "Air defences destroyed 12 drones over the Bryansk and Kursk regions.")
    assert {p.text: p.location.feature_class for p in places} == {"Bryansk": "admin1", "Kursk": "admin1"}


def test_a_district_of_a_city_is_the_city(gazetteer):
    places = _places(gazetteer, "Missiles hit a residential district of Kharkiv on Friday.")
    assert _by_text(places, "Kharkiv")[0].location.feature_class == "city"
