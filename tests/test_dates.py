from __future__ import annotations

from datetime import date

import pytest

from newsmap.dates import find_dates, is_future_context

TUESDAY = date(2025, 7, 22)


def _dates(text, reference=TUESDAY):
    mentions = find_dates(text, reference)
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
    return mentions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Drones attacked the city overnight.", date(2025, 7, 21)),
        ("The strike happened late Monday.", date(2025, 7, 21)),
        ("Shelling resumed on Tuesday.", date(2025, 7, 22)),  # the publication weekday is that day
        ("A missile hit the port last Thursday.", date(2025, 7, 17)),
        ("The bridge was hit on July 14.", date(2025, 7, 14)),
        ("On 13 July 2023, Russian forces shelled the village.", date(2023, 7, 13)),
        ("The invasion launched on Feb. 24, 2022.", date(2022, 2, 24)),
        ("The attack on the night of 21-22 July.", date(2025, 7, 21)),
        ("It happened yesterday.", date(2025, 7, 21)),
        ("Attacks continued two days ago.", date(2025, 7, 20)),
    ],
)
def test_past_expressions(text, expected):
    mentions = _dates(text)
    assert mentions and mentions[0].value == expected


def test_future_weekday_when_the_sentence_speaks_of_the_future():
    mentions = _dates("Talks are expected to be held in the capital on Wednesday.")
    assert mentions[0].value == date(2025, 7, 23)
    assert is_future_context("The talks will be held on Friday.")
    assert not is_future_context("The talks were held on Friday.")


def test_month_only():
    mentions = _dates("Rounds held in May and June produced a prisoner swap.")
    assert [(m.value, m.granularity) for m in mentions] == [(date(2025, 5, 1), "month"), (date(2025, 6, 1), "month")]


def test_reporting_dates_are_flagged_and_past():
    mentions = _dates("Officials said Tuesday that drones were downed overnight.")
    assert [(m.text, m.reporting) for m in mentions] == [("Tuesday", True), ("overnight", False)]
    mention = _dates("Their announcement late Monday that a meeting would go ahead.")[0]
    assert mention.reporting and mention.value == date(2025, 7, 21)


@pytest.mark.parametrize(
    "text",
    ["A girl born in 2016 was killed.", "You may go now.", "The 1,000-kilometer front.", "They march on."],
)
def test_no_day_from_years_verbs_or_measures(text):
    assert all(m.granularity != "day" for m in _dates(text))


def test_without_reference_only_full_dates():
    assert [m.value for m in find_dates("On Monday and on 3 March 2024.", None)] == [date(2024, 3, 3)]


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        # a day later in the year than publication, with no year, is last year's
        ("Fighting broke out in Khartoum on 15 April.", date(2024, 3, 2), date(2023, 4, 15)),
        ("Gangs seized the port on Sept. 3.", date(2024, 9, 10), date(2024, 9, 3)),
        # the last 29 February before publication, however many years back
        ("The convoy was shelled on 29 February.", date(2027, 1, 10), date(2024, 2, 29)),
        ("Sieges tightened in March.", date(2025, 1, 5), date(2024, 3, 1)),
        ("A ceasefire began on the 1st of December 2023.", date(2025, 1, 5), date(2023, 12, 1)),
        ("Protests resumed on 2024-11-30.", date(2025, 1, 5), date(2024, 11, 30)),
    ],
)
def test_days_and_months_without_a_year(text, reference, expected):
    mentions = _dates(text, reference)
    assert [m.value for m in mentions] == [expected]


def test_a_day_the_month_never_has_is_no_day():
    mentions = _dates("The talks opened on 31 June 2024.")
    assert [(m.value, m.granularity) for m in mentions] == [(date(2024, 6, 1), "month")]


def test_future_days_are_the_next_ones():
    mentions = _dates("Talks are expected to resume on 2 May.", date(2025, 7, 22))
    assert [m.value for m in mentions] == [date(2026, 5, 2)]
    mentions = _dates("Elections are scheduled for next Monday.", TUESDAY)
    assert [m.value for m in mentions] == [date(2025, 7, 28)]
