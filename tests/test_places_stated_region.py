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
