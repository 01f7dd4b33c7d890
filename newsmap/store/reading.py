"""Reading merged events: filters as SQL conditions, the events with their sources, their count and
an overview from aggregates."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any, Iterable

import sqlalchemy as sa

from newsmap.errors import InputError
from newsmap.filters import REGION_SEPARATOR
from newsmap.labels import article_origin
from newsmap.merge import FIGURES
from newsmap.store.schema import (
    EVENT_FIELDS, articles_table, event_sources_table, extracted_events_table, merged_events_table,
)
from newsmap.store.engine import _database_errors
from newsmap.store.rows import _iso, _utc


class Reading:
    """The Store's queries of merged events (a part of ``Store``)."""

    # -- reading events ---------------------------------------------------------------------------

    @_database_errors
    def event_dicts(
        self,
        *,
        date_from: date | str | None = None,
        date_to: date | str | None = None,
        event_types: Iterable[str] | None = None,
        countries: Iterable[str] | None = None,
        admin1: Iterable[str] | None = None,
        regions: Iterable[str] | None = None,
        with_casualties: bool = False,
        event_ids: Iterable[str] | None = None,
        article_ids: Iterable[str] | None = None,
        dismissed: bool | None = False,
        confidence_below: float | None = None,
        unreviewed: bool = False,
        bbox: tuple[float, float, float, float] | None = None,
        newest: int | None = None,
    ) -> list[dict[str, Any]]:
        """Merged events with corrections applied, by date; each lists its sources with their own figures.

        Filters combine with AND; list filters match any of their values; a date filter leaves out
        events without a date. Dismissed events are left out unless ``dismissed`` is True (only
        them) or None (all). ``article_ids``: events any of these articles reports.
        ``confidence_below`` with ``unreviewed``: the review queue. A source's ``source`` is who
        published it or where it was read from (``article_origin``), never a server's path.
        ``bbox`` (south, west, north, east; west > east crosses the antimeridian) keeps events placed
        inside it. ``regions``: region keys as the dashboard's filter gives them, a country ("UA") or a
        country and admin-1 ("UA/Lviv Oblast"), any of which may match. ``newest``: only that many
        matching events, the latest by date (undated last), still returned by date. One query,
        whatever the number of events.
        """
        merged, sources, events, articles = (merged_events_table, event_sources_table,
                                             extracted_events_table, articles_table)
        conditions = _event_conditions(
            date_from=date_from, date_to=date_to, event_types=event_types, countries=countries, admin1=admin1,
            regions=regions, with_casualties=with_casualties, event_ids=event_ids, article_ids=article_ids,
            dismissed=dismissed, confidence_below=confidence_below, unreviewed=unreviewed, bbox=bbox)
        if newest is not None:
            chosen = (sa.select(merged.c.event_id).where(*conditions)
                      .order_by(merged.c.event_date.desc().nulls_last(), merged.c.event_id.desc()).limit(newest))
            conditions = [merged.c.event_id.in_(chosen)]
        source_columns = {
            "article_id": events.c.article_id, "title": sa.func.coalesce(articles.c.title, articles.c.lead_title),
            "source": articles.c.source, "publisher": articles.c.publisher, "url": articles.c.url,
            "published": articles.c.published, "excerpt": events.c.excerpt,
            "excerpt_start": events.c.excerpt_start, "excerpt_end": events.c.excerpt_end,
            **{name: events.c[name] for name in FIGURES},
            "event_type": events.c.event_type, "event_date": events.c.event_date,
            "location": events.c.location_name, "place_text": events.c.place_text,
            "extracted_event_id": events.c.event_id,
        }
        query = (
            sa.select(
                *(merged.c[name] for name in EVENT_FIELDS), merged.c.n_sources, merged.c.corrected,
                merged.c.extracted_values, merged.c.review, merged.c.reviewed_by, merged.c.reviewed_at,
                *source_columns.values(),
            )
            .select_from(
                merged.join(sources, sources.c.merged_event_id == merged.c.event_id)
                .join(events, events.c.id == sources.c.extracted_event_id)
                .join(articles, articles.c.article_id == events.c.article_id)
            )
            .where(*conditions)
            .order_by(merged.c.event_date.is_(None), merged.c.event_date, merged.c.event_id, sources.c.position)
        )
        with self.engine.connect() as connection:
            rows = connection.execute(query).all()
        # Rows are read by position: attribute access on 10,000 wide rows costs more than the query.
        n_fields = len(EVENT_FIELDS)
        first_source = n_fields + 6
        source_keys = tuple(source_columns)
        date_keys = ("published", "event_date")
        result: list[dict[str, Any]] = []
        current: dict[str, Any] = {}
        for row in rows:
            if row[0] != current.get("event_id"):
                current = dict(zip(EVENT_FIELDS, row[:n_fields]))
                current["event_date"] = _iso(current["event_date"])
                current["sources"] = []
                current["n_sources"] = row[n_fields]
                corrected, extracted = row[n_fields + 1], row[n_fields + 2]
                current["corrected"] = [] if corrected == "[]" else json.loads(corrected)
                current["extracted_values"] = {} if extracted == "{}" else json.loads(extracted)
                current["review"], current["reviewed_by"] = row[n_fields + 3], row[n_fields + 4]
                reviewed_at = row[n_fields + 5]
                current["reviewed_at"] = None if reviewed_at is None else _utc(reviewed_at).isoformat()
                result.append(current)
            source = dict(zip(source_keys, row[first_source:]))
            for key in date_keys:
                source[key] = _iso(source[key])
            source["source"] = article_origin(source["publisher"], source["url"], source["source"])
            current["sources"].append(source)
        return result

    @_database_errors
    def count_events(self, **filters: Any) -> int:
        """How many merged events ``event_dicts(**filters)`` would give (without ``newest``)."""
        query = sa.select(sa.func.count()).select_from(merged_events_table).where(*_event_conditions(**filters))
        with self.engine.connect() as connection:
            return connection.execute(query).scalar()

    @_database_errors
    def event_overview(self) -> dict[str, Any]:
        """What filter widgets need about the shown (not dismissed) events, from aggregates rather
        than the events: their number, first and last day, the (country, admin-1) pairs present, and
        each place name with the (country, admin-1) it lies in."""
        merged = merged_events_table
        shown = _event_conditions()
        with self.engine.connect() as connection:
            n_events, first, last = connection.execute(
                sa.select(sa.func.count(), sa.func.min(merged.c.event_date), sa.func.max(merged.c.event_date))
                .where(*shown)).one()
            regions = connection.execute(
                sa.select(merged.c.country, merged.c.admin1).where(*shown).group_by(merged.c.country, merged.c.admin1)
            ).all()
            places: dict[str, tuple] = {}
            for name, country, admin1 in connection.execute(
                sa.select(merged.c.location, merged.c.country, merged.c.admin1)
                .where(*shown, merged.c.location.is_not(None))
                .group_by(merged.c.location, merged.c.country, merged.c.admin1)
                .order_by(merged.c.location, sa.func.count().desc())
            ):
                places.setdefault(name, (country, admin1))  # a name shared by towns: the most frequent
        return {"n_events": n_events, "first_day": _iso(first), "last_day": _iso(last),
                "regions": [tuple(row) for row in regions],
                "places": [(name, *where) for name, where in places.items()]}


def _event_conditions(*, date_from=None, date_to=None, event_types=None, countries=None, admin1=None, regions=None,
                      with_casualties=False, event_ids=None, article_ids=None, dismissed=False,
                      confidence_below=None, unreviewed=False, bbox=None) -> list:
    """The WHERE conditions on merged events for ``Store.event_dicts``'s filters (which see)."""
    merged, sources, events = merged_events_table, event_sources_table, extracted_events_table
    conditions = []
    if dismissed is not None:
        is_dismissed = merged.c.review == "dismissed"
        conditions.append(is_dismissed if dismissed else sa.or_(merged.c.review.is_(None), ~is_dismissed))
    if unreviewed:
        conditions.append(merged.c.review.is_(None))
    if confidence_below is not None:
        conditions.append(merged.c.confidence < confidence_below)
    if article_ids is not None:
        conditions.append(merged.c.event_id.in_(
            sa.select(sources.c.merged_event_id)
            .join(events, events.c.id == sources.c.extracted_event_id)
            .where(events.c.article_id.in_(list(article_ids)))
        ))
    if date_from is not None:
        conditions.append(merged.c.event_date >= _as_date(date_from))
    if date_to is not None:
        conditions.append(merged.c.event_date <= _as_date(date_to))
    for column, values in ((merged.c.event_type, event_types), (merged.c.country, countries),
                           (merged.c.admin1, admin1), (merged.c.event_id, event_ids)):
        if values is not None:
            conditions.append(column.in_(list(values)))
    if with_casualties:
        conditions.append(sa.or_(*(merged.c[name] > 0 for name in FIGURES)))
    if bbox is not None:
        south, west, north, east = bbox
        conditions.append(merged.c.latitude.between(south, north))
        conditions.append(merged.c.longitude.between(west, east) if west <= east
                          else sa.or_(merged.c.longitude >= west, merged.c.longitude <= east))
    if regions is not None:
        conditions.append(sa.or_(sa.false(), *(_region_condition(key) for key in regions)))
    return conditions


def _region_condition(key: str):
    merged = merged_events_table
    country, _, admin1 = key.partition(REGION_SEPARATOR)
    if admin1:
        return sa.and_(merged.c.country == country, merged.c.admin1 == admin1)
    return merged.c.country == country


def _as_date(value: date | str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise InputError(f"not a date in YYYY-MM-DD form: {value!r}") from None
