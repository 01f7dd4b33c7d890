"""The store's side of batch ingest: several articles in one transaction, the source fields of a
JSON Lines input, and the bounded queries a dashboard over a large store needs."""

from __future__ import annotations

import pytest

from newsmap.batch.articles import article_from_record
from newsmap.bench.synthetic_articles import synthetic_articles
from newsmap.errors import InputError
from newsmap.store import Store
from tests.test_store import store, store_url  # noqa: F401  (fixtures: SQLite and PostgreSQL)


@pytest.fixture(scope="module")
def extractions(pipeline):
    records = synthetic_articles(30, seed=4, days=5)
    return [pipeline.extract(article_from_record(r, f"feed.jsonl:{n}")) for n, r in enumerate(records, 1)]


def test_add_many_stores_what_adding_one_by_one_stores(store, store_url, extractions, tmp_path):
    results = store.add_many(extractions[:20]) + store.add_many(extractions[20:] + extractions[:3])
    assert [r.created for r in results] == [True] * 30 + [False] * 3
    with Store(f"sqlite:///{tmp_path / 'one-by-one.db'}") as one_by_one:
        for extraction in extractions:
            one_by_one.add(extraction)
        assert store.event_dicts() == one_by_one.event_dicts()
        assert [a["article_id"] for a in store.articles()] == [a["article_id"] for a in one_by_one.articles()]


def test_add_many_is_all_or_nothing(store, extractions):
    import dataclasses

    broken = dataclasses.replace(extractions[2], article=dataclasses.replace(extractions[2].article, title="a\x00b"))
    with pytest.raises(InputError, match="NUL"):
        store.add_many([extractions[0], extractions[1], broken])
    assert store.is_empty()


def test_url_and_publisher_are_kept(store, extractions):
    store.add(extractions[0])
    article = store.article(extractions[0].article.article_id).article
    assert article == extractions[0].article
    assert article.url.startswith("https://news.example/") and article.publisher


def test_newest_gives_the_latest_events_in_date_order(store, extractions):
    store.add_many(extractions)
    every = store.event_dicts()
    newest = store.event_dicts(newest=5)
    latest = sorted(every, key=lambda e: (e["event_date"], e["event_id"]))[-5:]
    assert newest == sorted(latest, key=lambda e: (e["event_date"], e["event_id"]))
    assert store.event_dicts(newest=len(every) + 10) == every
    first_country = every[0]["country"]
    assert store.event_dicts(countries=[first_country], newest=2) == \
        [e for e in every if e["country"] == first_country][-2:]


def test_a_map_box_keeps_the_events_inside_it(store, extractions):
    store.add_many(extractions)
    every = store.event_dicts()
    box = (10.0, 20.0, 60.0, 50.0)  # south, west, north, east
    inside = [e for e in every if 10 <= e["latitude"] <= 60 and 20 <= e["longitude"] <= 50]
    assert inside and len(inside) < len(every)
    assert store.event_dicts(bbox=box) == inside
    across = (-90.0, 50.0, 90.0, 20.0)  # west > east: the box crosses the antimeridian
    assert store.event_dicts(bbox=across) == [e for e in every if e["longitude"] >= 50 or e["longitude"] <= 20]
