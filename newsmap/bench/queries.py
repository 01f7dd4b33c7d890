"""``python -m newsmap bench queries --events 1000000``: the dashboard's store queries at scale.

Fills a new PostgreSQL schema (dropped afterwards) with synthetic merged events — each with its
extracted event, its source article (ten events to an article) and real gazetteer towns, dates
spread over three years — written with COPY, then times the store calls the dashboard makes of a
store that large: the overview its filter widgets need, and for the default view, one admin-1
region and the latest 30 days the newest 5,000 matching events and their count; also a map box,
and every event (what the dashboard holds in memory for a small store). Each query runs with the
indexes of migration 0007 and again without them.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import time
from datetime import date, datetime, timedelta, timezone

import sqlalchemy as sa

from newsmap.errors import NewsmapError

FIRST_DAY = date(2023, 1, 1)
DAYS = 3 * 365
EVENTS_PER_ARTICLE = 10
INDEXES_0007 = ("ix_merged_events_lat_lon", "ix_merged_events_geonameid")


def _towns(count: int, rng: random.Random) -> list:
    from newsmap.gazetteer import Gazetteer

    gazetteer = Gazetteer.load()
    towns = [i for i in range(len(gazetteer)) if gazetteer.location(i).feature_class == "city"]
    return [gazetteer.location(i) for i in rng.sample(towns, min(count, len(towns)))]


def fill(url: str, n_events: int, seed: int = 5) -> None:
    from newsmap.merge import merge_class
    from newsmap.records import EVENT_TYPES

    rng = random.Random(seed)
    towns = _towns(3000, rng)
    types = [t for t in EVENT_TYPES if t != "other"]
    engine = sa.create_engine(url)
    now = datetime(2026, 1, 1, tzinfo=timezone.utc)
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        n_articles = (n_events + EVENTS_PER_ARTICLE - 1) // EVENTS_PER_ARTICLE
        with cursor.copy("COPY articles (article_id, source, title, published, text, body_start, pipeline_version, "
                         "ingested_at) FROM STDIN") as copy:
            for a in range(n_articles):
                copy.write_row((f"a{a:08d}", "synthetic benchmark", f"Synthetic article {a}",
                                FIRST_DAY + timedelta(days=a * DAYS // n_articles), f"Synthetic article {a}.", 0,
                                "bench", now + timedelta(microseconds=a)))
        extracted_columns = ("id, article_id, position, event_id, merge_class, event_date, event_type, excerpt, "
                             "excerpt_start, excerpt_end, place_text, place_start, place_end, place_role, geonameid, "
                             "location_name, country, latitude, longitude, feature_class, admin1, killed, wounded")
        merged_columns = ("event_id, merge_class, merge_date, article_id, event_date, event_type, location, admin1, "
                          "country, latitude, longitude, geonameid, place_text, place_start, place_end, excerpt, "
                          "excerpt_start, excerpt_end, geo_precision, killed, wounded, n_sources, corrected, "
                          "extracted_values")
        rows = []
        for n in range(n_events):
            town = rng.choice(towns)
            event_type = rng.choice(types)
            day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
            killed, wounded = rng.choice((None, 0, 1, 2, 5)), rng.choice((None, 0, 3, 8))
            excerpt = f"Synthetic event {n} in {town.name}."
            rows.append((n + 1, f"a{n // EVENTS_PER_ARTICLE:08d}", n % EVENTS_PER_ARTICLE, f"ev-{n:010d}",
                         merge_class(event_type), day, event_type, excerpt, 0, len(excerpt), town.name, 0,
                         len(town.name), "location", town.geonameid, town.name, town.country, town.latitude,
                         town.longitude, town.feature_class, town.admin1, killed, wounded))
        with cursor.copy(f"COPY extracted_events ({extracted_columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        with cursor.copy(f"COPY merged_events ({merged_columns}) FROM STDIN") as copy:
            for r in rows:
                copy.write_row((f"m-{r[3]}", r[4], r[5], r[1], r[5], r[6], r[15], r[20], r[16], r[17], r[18], r[14],
                                r[10], r[11], r[12], r[7], r[8], r[9], 1, r[21], r[22], 1, "[]", "{}"))
        with cursor.copy("COPY event_sources (merged_event_id, extracted_event_id, position) FROM STDIN") as copy:
            for r in rows:
                copy.write_row((f"m-{r[3]}", r[0], 0))
        cursor.execute("SELECT setval(pg_get_serial_sequence('extracted_events', 'id'), %s)", (n_events,))
        raw.commit()
        cursor.execute("ANALYZE")
        raw.commit()
    finally:
        raw.close()
        engine.dispose()


def _time(call, repeat: int) -> tuple[float, int | None]:
    """Median seconds of ``call``, and how many events it returned (None for a count or overview)."""
    times, size = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - started)
        size = len(result) if isinstance(result, list) else None
    return statistics.median(times), size


def measure(url: str, repeat: int = 3) -> dict:
    """The calls the dashboard makes of a store too large to hold (``pages/app/common.py``): its
    overview for the filter widgets, then one view's newest events and their count per filter."""
    from newsmap.filters import VIEW_EVENTS, Filters
    from newsmap.store import Store

    with Store(url) as store:
        with store.engine.connect() as connection:
            newest = connection.execute(sa.text("SELECT max(event_date) FROM merged_events")).scalar()
            country, admin1 = connection.execute(sa.text(
                "SELECT country, admin1 FROM merged_events WHERE admin1 IS NOT NULL "
                "GROUP BY country, admin1 ORDER BY count(*) DESC LIMIT 1")).one()
        views = {
            "default view": Filters(),
            f"region {country}/{admin1}": Filters(regions=(f"{country}/{admin1}",)),
            "latest 30 days": Filters(start=newest - timedelta(days=29), end=newest),
        }
        queries = {"overview (filter widgets)": store.event_overview}
        for name, filters in views.items():
            queries[f"{name}: newest {VIEW_EVENTS}"] = (
                lambda f=filters: store.event_dicts(newest=VIEW_EVENTS, **f.store_arguments()))
            queries[f"{name}: count"] = lambda f=filters: store.count_events(**f.store_arguments())
        queries["map box of 2x2 degrees"] = lambda: store.event_dicts(bbox=(48.0, 30.0, 50.0, 32.0))
        queries["every event (what a small store's dashboard holds)"] = lambda: store.event_dicts()
        results = {}
        for name, call in queries.items():
            seconds, size = _time(call, 1 if name.startswith("every") else repeat)
            results[name] = {"seconds": round(seconds, 3), "events": size}
    return results


def run(args: argparse.Namespace) -> int:
    from newsmap.bench.ingest import postgres_schema
    from newsmap.store import Store

    base = args.postgres or os.environ.get("NEWSMAP_TEST_POSTGRES_URL")
    if not base:
        raise NewsmapError("bench queries needs PostgreSQL: pass --postgres URL or set NEWSMAP_TEST_POSTGRES_URL")
    with postgres_schema(base) as url:
        Store(url).close()  # creates the schema at the newest migration
        started = time.perf_counter()
        fill(url, args.events)
        print(f"{args.events} synthetic events written in {time.perf_counter() - started:.0f} s")
        with_indexes = measure(url)
        engine = sa.create_engine(url)
        with engine.begin() as connection:
            for index in ("ix_merged_events_event_date", "ix_merged_events_country_admin1", *INDEXES_0007):
                connection.execute(sa.text(f"DROP INDEX IF EXISTS {index}"))
            connection.execute(sa.text("ANALYZE merged_events"))
        engine.dispose()
        without = measure(url)
    for name, result in with_indexes.items():
        returned = " " * 15 if result["events"] is None else f"{result['events']:8} events"
        print(f"{name:52} {returned}  {result['seconds']:7.3f} s with indexes, "
              f"{without[name]['seconds']:7.3f} s without")
    print(json.dumps({"events": args.events, "with_indexes": with_indexes, "without_indexes": without}))
    return 0
