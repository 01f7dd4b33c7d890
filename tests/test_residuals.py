"""Residual toponym errors: a people's name before a noun, a village resolved to a city abroad through
one of its other names, and a town spelt like a far-away port."""

from __future__ import annotations

from newsmap.places import find_places
from newsmap.records import Article, Span


def _places(gazetteer, text, dateline=None):
    if dateline is None:
        article = Article(article_id="t", text=text, source="test")
    else:
        full = f"{dateline} — {text}"
        article = Article(article_id="t", text=full, source="test", dateline=Span(dateline, 0, len(dateline)),
                          body_start=len(dateline) + 3)
    return find_places(article, gazetteer)


def _resolved(places, text):
    return [p.location for p in places if p.text == text and p.location is not None]


def test_a_people_before_a_noun_is_no_place(gazetteer):
    text = ("The men were recruited from Arab tribes near Hasakah, and local Arab leaders asked Arab states "
            "for help. Gunmen opened fire in Christian villages south of Kaduna, while traders said dozens "
            "of people in Hausa communities near Gusau had fled.")
    places = _places(gazetteer, text)
    names = [p.text for p in places]
    for people in ("Arab", "Christian", "Hausa"):
        assert people not in names, names
    assert {p.text for p in places} >= {"Hasakah", "Kaduna", "Gusau"}


def test_names_of_countries_and_regions_named_after_peoples_stay(gazetteer):
    text = ("Delegates from the United Arab Emirates and Saudi Arabia met as fighting in the Amhara region "
            "displaced Afar herders, and Kachin fighters seized a post in Shan State.")
    places = _places(gazetteer, text)
    countries = {p.text: p.location.country for p in places if p.location is not None}
    assert countries.get("United Arab Emirates") == "AE"
    assert countries.get("Saudi Arabia") == "SA"
    assert countries.get("Afar") == "ET"
    assert countries.get("Kachin") == "MM"


def test_the_town_stays_when_the_story_names_its_state(gazetteer):
    text = "The crash near Guntersville, Alabama, was reported by Arab police on Friday evening."
    assert [loc.country for loc in _resolved(_places(gazetteer, text), "Arab")] == ["US"]


def test_a_village_is_not_a_city_abroad_that_lists_its_name(gazetteer):
    text = "Government artillery shelled the village of al-Samah in rural Idlib overnight, residents said."
    places = _places(gazetteer, text, "IDLIB, Syria")
    assert not [loc for p in places if p.text.endswith("Samah") and (loc := p.location) and loc.country != "SY"]
    assert [loc.country for loc in _resolved(places, "Idlib")] == ["SY"]


def test_a_town_spelt_like_a_far_port_is_not_the_port(gazetteer):
    text = "ADF rebels killed 14 civilians overnight near Mambasa, in the northeast of Congo, a local official said."
    places = _places(gazetteer, text)
    assert not [loc for p in places if p.text == "Mambasa" and (loc := p.location) and loc.country == "KE"]
    assert [loc.country for loc in _resolved(places, "Congo")] == ["CD"]
