"""Several processes writing one store at once (the same SQLite file, or one PostgreSQL schema) lose
nothing and duplicate nothing."""

from __future__ import annotations

import multiprocessing
import random
import traceback

import pytest

from newsmap.store import Store
from tests.test_store import report, store_url  # noqa: F401  (store_url is a fixture)

WORKERS = 3

# (place, event type, killed, wounded): several outlets report each incident; Bucha and Irpin are
# under 10 km apart, so their reports are one incident.
REPORTS = [
    [("Kharkiv", "drone_strike", None, 4)],
    [("Kharkiv", "missile_strike", 1, 6), ("Lviv", "drones_downed", None, None)],
    [("Kherson", "shelling", 2, None)],
    [("Kherson", "shelling", 3, 1), ("Kharkiv", "air_strike", None, 5)],
    [("Bucha", "glide_bomb", 3, 10)],
    [("Irpin", "air_strike", 5, None)],
    [("Dnipro", "missile_strike", None, 12), ("Kherson", "drone_strike", None, 2)],
    [("Lviv", "drones_downed", None, None)],
    [("Dnipro", "missile_strike", 1, 9)],
    [("Zhytomyr", "drone_strike", None, 1)],
    [("Irpin", "glide_bomb", None, 8), ("Zhytomyr", "drones_downed", None, None)],
    [("Odesa", "drone_strike", None, None)],
    [("Kharkiv", "drone_strike", None, 2), ("Kharkiv", "shelling", None, 3)],  # two incidents, one town
]


def _extractions(gazetteer):
    extractions = []
    for number, events in enumerate(REPORTS):
        lines = [f"Report {number}"]
        specs = []
        for place, event_type, killed, wounded in events:
            lines.append(f"Outlet {number}: a {event_type.replace('_', ' ')} hit {place} today.")
            occurrence = sum(line.count(place) for line in lines)
            specs.append(dict(place=place, country="UA", occurrence=occurrence, event_type=event_type,
                              killed=killed, wounded=wounded))
        extractions.append(report(gazetteer, "\n".join(lines) + "\n", f"outlet-{number}.txt", specs))
    return extractions


def _ingest(url, extractions, seed, barrier, results):
    try:
        order = list(extractions)
        random.Random(seed).shuffle(order)
        barrier.wait(timeout=60)
        with Store(url) as store:  # all workers open (and migrate) a fresh database at once
            outcome = [(e.article.article_id, store.add(e).created) for e in order]
        results.put(("ok", outcome))
    except BaseException:
        results.put(("error", traceback.format_exc()))


def _signature(events):
    return sorted(
        (tuple(sorted(s["article_id"] for s in e["sources"])), e["n_sources"], e["killed"], e["wounded"])
        for e in events
    )


def test_processes_ingesting_the_same_articles_at_once_lose_and_duplicate_nothing(store_url, gazetteer, tmp_path):
    extractions = _extractions(gazetteer)
    context = multiprocessing.get_context("fork")
    barrier, results = context.Barrier(WORKERS), context.Queue()
    workers = [context.Process(target=_ingest, args=(store_url, extractions, seed, barrier, results))
               for seed in range(WORKERS)]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=240) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
    errors = [detail for status, detail in outcomes if status == "error"]
    assert not errors, errors[0]

    created = [article_id for _, outcome in outcomes for article_id, was_created in outcome if was_created]
    assert sorted(created) == sorted(e.article.article_id for e in extractions)  # each stored exactly once

    with Store(f"sqlite:///{tmp_path / 'one-by-one.db'}") as reference:
        for extraction in extractions:
            reference.add(extraction)
        expected = reference.event_dicts()
    with Store(store_url) as store:
        assert len(store.articles()) == len(extractions)
        for extraction in extractions:
            assert store.article(extraction.article.article_id) == extraction
        events = store.event_dicts()
    assert _signature(events) == _signature(expected)
    assert sum(e["n_sources"] for e in events) == sum(len(r) for r in REPORTS)
    assert len(events) < sum(len(r) for r in REPORTS)  # merging happened


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_merging_article_by_article_matches_merging_everything_at_once(tmp_path, gazetteer, seed):
    extractions = _extractions(gazetteer)
    random.Random(seed).shuffle(extractions)
    with Store(f"sqlite:///{tmp_path / 'store.db'}") as store:
        for extraction in extractions:
            store.add(extraction)
        one_by_one = store.event_dicts()
        corrected = one_by_one[seed]["event_id"]
        store.correct(corrected, {"wounded": 99})

        class SamePipeline:  # re-extraction that changes nothing forces a full re-merge
            def extract(self, article):
                return next(e for e in extractions if e.article.article_id == article.article_id)

        store.reprocess(SamePipeline())
        at_once = store.event_dicts()
    assert [e["event_id"] for e in at_once] == [e["event_id"] for e in one_by_one]
    for before, after in zip(one_by_one, at_once):
        if before["event_id"] == corrected:
            assert after["wounded"] == 99 and after["corrected"] == ["wounded"]
            after = {**after, "wounded": before["wounded"], "corrected": [], "extracted_values": {}}
        assert after == before
