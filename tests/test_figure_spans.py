"""Every figure traceable to the words it came from: each event keeps the span of each number it
counts, the store keeps them, and the reader marks them. Every sentence here was written for these tests."""

from __future__ import annotations

from datetime import date

from newsmap.ingest import article_from_text
from newsmap.reader import article_html
from newsmap.store import Store


def _extract(pipeline, text, published=date(2025, 3, 4)):
    return pipeline.extract(article_from_text(text, source="test", published=published))


def _written(extraction, event):
    return {f.field: extraction.article.text[f.start:f.end] for f in event.figure_spans}


def test_each_figure_points_at_the_words_it_was_read_from(pipeline):
    text = ("Shelling hits Kherson market\n\n"
            "Russian shelling killed seven people and wounded at least 23 at a market in Kherson on Monday, "
            "the governor said.")
    extraction = _extract(pipeline, text)
    (event,) = extraction.events
    assert (event.killed, event.wounded) == (7, 23)
    assert _written(extraction, event) == {"killed": "seven", "wounded": "23"}


def test_a_per_place_share_points_at_the_places_own_number(pipeline):
    text = ("Drone strikes across Sudan\n\n"
            "Drone strikes killed 31 people across the country on Sunday, including 12 in El Obeid, "
            "officials said.")
    extraction = _extract(pipeline, text)
    (event,) = [e for e in extraction.events if e.place and e.place.text == "El Obeid"]
    assert event.killed == 12 and _written(extraction, event) == {"killed": "12"}


def test_one_person_is_pointed_at_as_written(pipeline):
    text = "Strike on Nikopol\n\nA woman was killed when a drone hit a house in Nikopol on Monday, officials said."
    extraction = _extract(pipeline, text)
    (event,) = extraction.events
    assert _written(extraction, event) == {"killed": "A woman"}


def test_the_store_keeps_the_spans_and_the_reader_marks_the_numbers(pipeline, tmp_path):
    text = ("Missile strike on Zaporizhzhia\n\n"
            "A missile strike on Zaporizhzhia killed four people and injured 19 on Tuesday, the regional "
            "governor said.")
    extraction = _extract(pipeline, text)
    with Store(f"sqlite:///{tmp_path / 'store.db'}") as store:
        result = store.add(extraction)
        stored = store.article(result.article_id)
    (event,) = stored.events
    assert event.figure_spans == extraction.events[0].figure_spans and len(event.figure_spans) == 2
    rendered = article_html(stored)
    assert "<mark class='nm-num' title='killed: the figure the event counts'>four</mark>" in rendered
    assert "<mark class='nm-num' title='wounded: the figure the event counts'>19</mark>" in rendered
