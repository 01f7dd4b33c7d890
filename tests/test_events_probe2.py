"""Rules found by probing newsmap with wire stories written for these tests (AP, Reuters, AFP, Al
Jazeera, OCHA and local-outlet styles about Ukraine, Gaza, Lebanon, Sudan, Myanmar, Syria, Yemen, the
DRC, the Sahel and Haiti). Every sentence here was written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from newsmap.casualties import find_casualties
from newsmap.ingest import article_from_text


def _extract(pipeline, text, published=date(2025, 3, 4)):
    return pipeline.extract(article_from_text(text, source="test", published=published))


@pytest.mark.parametrize("sentence, killed, wounded, approximate", [
    ("Gunmen killed seven villagers near Djibo, burning dozens of homes.", 7, None, False),
    ("The strike wounded 14 people and damaged hundreds of buildings.", None, 14, False),
    ("Dozens of people were wounded and three were killed as thousands of residents fled.", 3, 12, True),
    ("Shelling killed dozens of people in the camp.", 12, None, True),
])
def test_only_a_figure_read_from_a_vague_count_is_approximate(sentence, killed, wounded, approximate):
    figures = find_casualties(sentence)
    assert (figures.killed, figures.wounded, figures.approximate) == (killed, wounded, approximate)
