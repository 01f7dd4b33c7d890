"""The extraction budget (size and time) and the stages that must stay linear on hostile text.

Speed itself is measured by ``python -m newsmap bench hostile``, not here: these tests check what a
user sees when the budget is exceeded, and that the work done does not grow with the whole text.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from newsmap.errors import InputError
from newsmap.records import Location, Place
from newsmap.text import MAX_SENTENCE_CHARS, Sentence, split_sentences
from tests.conftest import ROOT

ARTICLE = (
    "MOSUL, Iraq (Wire) — A roadside bomb killed four soldiers near Mosul on Tuesday, officials said.\n\n"
    "Two more were wounded in a second blast in Kirkuk later that day.\n"
)


def run_newsmap(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newsmap", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **env}, timeout=300)


def test_extract_over_its_time_budget_stops_with_one_line_naming_the_file(tmp_path):
    article = tmp_path / "slow-article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = run_newsmap("extract", str(article), NEWSMAP_EXTRACT_SECONDS="0.000001")
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(article) in lines[0] and "time budget" in lines[0] and "NEWSMAP_EXTRACT_SECONDS" in lines[0]
    assert result.stdout == ""


def test_the_same_article_within_its_budget_is_extracted(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = run_newsmap("extract", str(article), NEWSMAP_EXTRACT_SECONDS="120")
    assert result.returncode == 0, result.stderr
    assert '"event_type"' in result.stdout


def test_a_bad_time_budget_setting_is_one_clear_line(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = run_newsmap("extract", str(article), NEWSMAP_EXTRACT_SECONDS="soon")
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == ["newsmap: NEWSMAP_EXTRACT_SECONDS is not a number of seconds: 'soon'"]


def test_pasted_text_over_the_size_limit_is_refused_before_extraction(pipeline, monkeypatch):
    monkeypatch.setenv("NEWSMAP_MAX_TEXT_BYTES", "1000")
    with pytest.raises(InputError, match=r"^pasted text: \d+ bytes of text is over the 1000-byte limit"):
        pipeline.extract_text(ARTICLE * 20, source="pasted text")


def test_a_file_whose_text_is_over_the_text_limit_is_one_line(tmp_path):
    article = tmp_path / "long-article.txt"
    article.write_text(ARTICLE * 20, encoding="utf-8")
    result = run_newsmap("extract", str(article), NEWSMAP_MAX_TEXT_BYTES="1000")
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        f"newsmap: {article}: {len((ARTICLE * 20).encode())} bytes of text is over the 1000-byte limit (NEWSMAP_MAX_TEXT_BYTES)"]


def test_the_budget_reports_to_a_watcher_that_may_cancel(pipeline):
    """The dashboard passes a callback that lets Streamlit stop the run: it must be called, and what it
    raises must stop the extraction."""

    class Cancelled(Exception):
        pass

    calls = []

    def watcher():
        calls.append(1)
        if len(calls) >= 2:
            raise Cancelled

    from newsmap.ingest import article_from_text

    with pytest.raises(Cancelled):
        pipeline.extract(article_from_text(ARTICLE * 3, source="watched"), on_check=watcher)
    assert len(calls) == 2


def test_no_sentence_is_longer_than_the_cap_and_offsets_stay_exact():
    text = "Shelling hit " + ", ".join(["Aleppo", "Goma", "Kabul"] * 3000) + ". The war went on. " + "x" * 5000
    sentences = split_sentences(text)
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in sentences)
    assert all(text[s.start:s.end] == s.text for s in sentences)
    assert [s.index for s in sentences] == list(range(len(sentences)))
    assert any(s.text == "The war went on." for s in sentences)
    covered = "".join(s.text for s in sentences).replace(" ", "")
    assert covered == text.replace(" ", "")  # nothing lost at the cuts


class CountingList(list):
    """Counts how many elements are looked at, by iteration or by index."""

    def __init__(self, items):
        super().__init__(items)
        self.seen = 0

    def __iter__(self):
        for item in super().__iter__():
            self.seen += 1
            yield item

    def __getitem__(self, index):
        self.seen += 1
        return super().__getitem__(index)


def test_eligible_places_looks_only_at_its_own_sentence_places():
    from newsmap.events import _eligible_places

    town = Location(geonameid=1, name="Goma", country="CD", latitude=-1.68, longitude=29.22, feature_class="city")
    first = "Goma, " * 3000
    text = first + "A drone struck Goma."
    places = [Place("Goma", i * 6, i * 6 + 4, "location", town) for i in range(3000)]
    last = Place("Goma", len(first) + 15, len(first) + 19, "location", town)
    counting = CountingList(places + [last])
    sentence = Sentence("A drone struck Goma.", len(first), len(text), 1, 1)
    assert _eligible_places(sentence, counting, text, "drone_strike") == [last]
    assert counting.seen < 50  # a binary search, not a walk through the 3,000 places before
