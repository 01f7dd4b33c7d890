"""Property tests: extraction never crashes and every offset slices back to its span."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsmap.casualties import find_casualties
from newsmap.dates import find_dates
from newsmap.errors import InputError
from newsmap.ingest import article_from_text
from newsmap.text import split_sentences

WORDS = [
    "KYIV", "(AP)", "—", "MOSCOW,", "March", "11", "(Reuters)", "-", "date", "2024-05-01", "Kharkiv", "Lviv",
    "Odesa", "region", "Russian", "forces", "shelled", "near", "a", "drone", "hit", "glide", "bomb",
    "missile", "killing", "two", "wounding", "11", "people,", "including", "a", "9-year-old", "girl.",
    "overnight", "on", "Monday", "last", "Thursday", "talks", "in", "Istanbul", "will", "be", "held",
    "No", "casualties", "were", "reported.", "\n", "\n\n", "Five", "other", "people", "were", "wounded.",
    "air", "defences", "downed", "35", "drones", "over", "the", "Moscow", "region.", "born", "2015",
    "prisoner", "exchange", "from", "launched", "Sumy", "city", "the", "same", "location", "Feb.", "24,",
    "2022", "at", "least", "24", "é", "’", "“", "”", "U.S.", "Mr.", "\t",
]

phrases = st.lists(st.sampled_from(WORDS), min_size=1, max_size=60).map(" ".join)
any_text = st.one_of(phrases, st.text(min_size=1, max_size=300))


def _check(extraction):
    text = extraction.article.text
    dateline = extraction.article.dateline
    if dateline:
        assert text[dateline.start : dateline.end] == dateline.text
    assert 0 <= extraction.article.body_start <= len(text)
    for place in extraction.places:
        assert text[place.start : place.end] == place.text
    for event in extraction.events:
        assert text[event.excerpt_start : event.excerpt_end] == event.excerpt
        if event.place:
            assert text[event.place.start : event.place.end] == event.place.text
        for figure in (event.killed, event.wounded, event.children_killed, event.children_wounded):
            assert figure is None or figure >= 0
    for summary in extraction.summaries:
        assert text[summary.start : summary.end] == summary.text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=any_text)
def test_pipeline_never_crashes_and_offsets_hold(pipeline, text):
    try:
        article = article_from_text(text, published=None)
    except InputError as error:  # refused only when there is nothing to read, or it isn't English
        invisible = not any(unicodedata.category(ch)[0] in "LNPS" for ch in text)
        assert not text.strip() or "English" in str(error) or ("no visible text" in str(error) and invisible)
        return
    assert article.text == re.sub(r"\r(?!\n)", "\n", text)  # lone CR line ends read as LF, same length
    _check(pipeline.extract(article))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=phrases.filter(str.strip))
def test_pipeline_with_a_publication_date(pipeline, text):
    from datetime import date

    try:
        article = article_from_text(text, published=date(2025, 7, 22))
    except InputError as error:  # a word salad may read as not English: refused, never a crash
        assert "English" in str(error)
        return
    _check(pipeline.extract(article))


@settings(max_examples=200, deadline=None)
@given(text=any_text)
def test_sentences_dates_and_figures_never_crash(text):
    from datetime import date

    for sentence in split_sentences(text):
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text.strip() == sentence.text
    for mention in find_dates(text, date(2025, 7, 22)):
        assert text[mention.start : mention.end] == mention.text
    figures = find_casualties(text)
    assert figures.killed is None or figures.killed >= 0
