"""Place rules found by probing newsmap with Middle East wire stories written for these tests."""

from __future__ import annotations

from datetime import date

from newsmap.ingest import article_from_text


def test_a_region_a_country_is_said_to_own_is_not_a_namesake_abroad(pipeline):
    text = ("Drone hits oil field\n\n"
            "A drone struck an oil field in Iraq's Kurdistan region on Monday, officials in Sulaymaniyah said.")
    places = pipeline.extract(article_from_text(text, source="test", published=date(2025, 7, 15))).places
    region = next(p for p in places if p.text.startswith("Kurdistan"))
    assert region.location is None or region.location.country_code == "IQ"
