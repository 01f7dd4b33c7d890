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
