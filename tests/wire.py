"""Shared by the tests that run articles written for them through the whole pipeline."""

from __future__ import annotations

from datetime import date

from newsmap.ingest import article_from_text


def places_of(pipeline, text, published=date(2025, 3, 4)):
    """The places of ``text``, each checked to be the span it says it is."""
    extraction = pipeline.extract(article_from_text(text, source="test", published=published))
    for place in extraction.places:
        assert extraction.article.text[place.start:place.end] == place.text
    return extraction.places


def place_named(places, surface):
    found = [p for p in places if p.text == surface]
    assert found, f"{surface!r} not among {[p.text for p in places]}"
    return found[0]
