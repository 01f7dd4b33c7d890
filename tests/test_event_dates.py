"""When events happened, resolved against the publication date. Every sentence here was written
for these tests."""

from __future__ import annotations

from datetime import date

from newsmap.ingest import article_from_text


def _dates(pipeline, text, published):
    extraction = pipeline.extract(article_from_text(text, source="test", published=published))
    return {e.place.text: e.event_date for e in extraction.events if e.place}


def test_a_named_day_beats_overnight(pipeline):
    # Published on a Wednesday: "overnight into Monday" is Monday's attack, not Tuesday night's.
    dates = _dates(pipeline, "Air defences downed 12 drones over the Mykolaiv region overnight into Monday.",
                   date(2023, 10, 11))
    assert dates == {"Mykolaiv region": date(2023, 10, 9)}


def test_the_latest_date_of_a_sentence_is_the_news(pipeline):
    text = "Fighting that broke out on 2 May continued in Omdurman on 9 May, residents said."
    assert _dates(pipeline, text, date(2024, 5, 10)) == {"Omdurman": date(2024, 5, 9)}


def test_a_follow_up_sentence_dates_the_event(pipeline):
    text = ("The death toll from the missile strike on Chernihiv has risen to 12, officials said.\n"
            "More than 40 people were wounded when the missile hit the city centre on Saturday.")
    # Published on a Tuesday; the strike was on the Saturday before.
    assert _dates(pipeline, text, date(2023, 8, 22)) == {"Chernihiv": date(2023, 8, 19)}


def test_what_was_reported_on_a_day_happened_by_then(pipeline):
    text = "On Monday, the army said an air strike had hit a weapons depot in Tyre."
    assert _dates(pipeline, text, date(2024, 10, 2)) == {"Tyre": date(2024, 9, 30)}


def test_the_day_a_strike_was_reported_bounds_it(pipeline):
    text = "An air strike hit a weapons depot in Tyre, the army said on Monday."
    assert _dates(pipeline, text, date(2024, 10, 2)) == {"Tyre": date(2024, 9, 30)}


def test_the_previous_day_is_the_day_before_publication(pipeline):
    text = "Rescue work went on at a Kharkiv hospital hit in the previous day's missile strike, officials said."
    assert _dates(pipeline, text, date(2024, 7, 9)) == {"Kharkiv": date(2024, 7, 8)}


def test_a_sentence_about_the_attack_keeps_it_open_for_a_later_paragraph(pipeline):
    text = ("The death toll after a missile hit a block of flats in Zaporizhzhia has risen to 12.\n\n"
            "Rescuers searched the rubble of the building that was hit, the governor said on Monday.\n\n"
            "At least 40 people were wounded after Saturday's strike.")
    extraction = pipeline.extract(article_from_text(text, source="test", published=date(2023, 10, 9)))
    (event,) = [e for e in extraction.events if e.place.text == "Zaporizhzhia"]
    assert (event.killed, event.wounded, event.event_date) == (12, 40, date(2023, 10, 7))


def test_a_tally_as_of_a_day_does_not_redate_the_fighting(pipeline):
    text = ("Fighting spreads in Darfur\n\n"
            "Clashes between the army and the paramilitaries continued on 6 June, especially in Nyala. "
            "At least 210 people have been killed across the country, including 57 in Nyala, the health ministry "
            "said as of 5 June.")
    extraction = pipeline.extract(article_from_text(text, source="test", published=date(2024, 6, 6)))
    assert [(e.place.text, e.event_date, e.killed) for e in extraction.events] == [("Nyala", date(2024, 6, 6), 57)]


def test_fighting_that_continued_as_of_a_day_is_dated_that_day(pipeline):
    text = "Clashes that erupted on 2 March continued as of 9 March in Wau, residents said."
    assert _dates(pipeline, text, date(2024, 3, 9)) == {"Wau": date(2024, 3, 9)}


def test_an_old_caption_date_does_not_carry_to_todays_story(pipeline):
    text = ("Jets strike market town\n"
            "Photo: Smoke rises over Falam, in Chin State, after shelling on March 3, 2022 Photo: Reuters\n\n"
            "At least 11 people were killed in an air strike on a market in the Sagaing region.")
    extraction = pipeline.extract(article_from_text(text, source="test", published=date(2024, 8, 14)))
    sagaing = [e for e in extraction.events if e.place and e.place.text.startswith("Sagaing")]
    assert [(e.event_date, e.killed) for e in sagaing] == [(date(2024, 8, 14), 11)]


def test_the_headlines_undated_telling_and_the_bodys_dated_one_are_one_event(pipeline):
    text = ("Toll from missile strike on Chernihiv rises to 12\n\n"
            "Officials said the death toll from a Russian missile strike on a school in Chernihiv had risen to 12. "
            "Another 40 people were wounded in Friday's strike on Chernihiv, the governor said.")
    extraction = pipeline.extract(article_from_text(text, source="test", published=date(2024, 3, 10)))
    assert [(e.place.text, e.event_date, e.killed, e.wounded) for e in extraction.events] == [
        ("Chernihiv", date(2024, 3, 8), 12, 40)]


def test_a_day_earlier_counts_from_the_last_date_the_story_told(pipeline):
    text = ("Strikes on two cities\n\nODESA, Ukraine — A Russian missile hit a warehouse in Mykolaiv on Tuesday, "
            "killing two workers, the governor said on Thursday.\n\n"
            "A day earlier, a drone attack on Kherson wounded five people, officials said. Two days later, "
            "shelling of Nikopol killed a woman.")
    events = pipeline.extract(article_from_text(text, source="test", published=date(2025, 3, 13))).events
    assert [(e.place.text, e.event_date) for e in events] == [
        ("Mykolaiv", date(2025, 3, 11)), ("Kherson", date(2025, 3, 10)), ("Nikopol", date(2025, 3, 12))]


def test_the_day_named_as_the_attacks_own_is_its_date(pipeline):
    text = ("Toll rises\n\nDNIPRO, Ukraine — The death toll from Friday's Russian cruise missile strike on a "
            "bus station in Kryvyi Rih rose to 14 on Monday, officials said.")
    events = pipeline.extract(article_from_text(text, source="test", published=date(2025, 6, 10))).events
    assert [(e.place.text, e.event_date, e.killed, e.actor) for e in events] == [
        ("Kryvyi Rih", date(2025, 6, 6), 14, "Military Forces of Russia")]


def test_overnight_counts_from_the_day_it_was_told(pipeline):
    text = ("Raid\n\nBUNIA, Congo — Militiamen killed at least 18 people in an overnight raid on a displacement "
            "camp in Djugu territory, a local official said Monday.")
    events = pipeline.extract(article_from_text(text, source="test", published=date(2025, 2, 12))).events
    assert [e.event_date for e in events] == [date(2025, 2, 9)]  # Sunday night, told Monday, printed Wednesday


def test_a_night_from_one_day_to_the_next_is_dated_by_its_evening(pipeline):
    text = ("Night attack\n\nDNIPRO, Ukraine — Russian drones hit Pavlohrad on the night of Friday to Saturday, "
            "wounding four people, the governor said.")
    events = pipeline.extract(article_from_text(text, source="test", published=date(2025, 6, 9))).events
    assert [e.event_date for e in events] == [date(2025, 6, 6)]
