"""Records to rows and back, and the extracted events the merge reads back as members."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from typing import Any

import sqlalchemy as sa

from newsmap.errors import InputError
from newsmap.ingest import lead_title
from newsmap.merge import Member, merge_class
from newsmap.records import Article, Event, Extraction, FigureSpan, Location, Place, Span
from newsmap.store.schema import (
    _ANCHOR_FIELDS, articles_table, event_sources_table, extracted_events_table, merged_events_table,
)


def _location_row(location: Location | None) -> dict[str, Any]:
    if location is None:
        return dict(geonameid=None, location_name=None, country=None, latitude=None, longitude=None,
                    feature_class=None, admin1=None, admin1_code=None, population=None)
    return dict(geonameid=location.geonameid, location_name=location.name, country=location.country,
                latitude=location.latitude, longitude=location.longitude,
                feature_class=location.feature_class, admin1=location.admin1,
                admin1_code=location.admin1_code, population=location.population)


def _location_from(row: Any) -> Location | None:
    if row.geonameid is None:
        return None
    return Location(geonameid=row.geonameid, name=row.location_name, country=row.country,
                    latitude=row.latitude, longitude=row.longitude, feature_class=row.feature_class,
                    admin1=row.admin1, admin1_code=row.admin1_code, population=row.population or 0)


def _article_row(article: Article, pipeline_version: str, ingested_at: datetime | None = None) -> dict[str, Any]:
    dateline = article.dateline
    return dict(
        article_id=article.article_id, source=article.source, title=article.title,
        published=article.published, text=article.text, publisher=article.publisher, url=article.url,
        lead_title=None if article.title else lead_title(article),
        dateline_text=dateline.text if dateline else None,
        dateline_start=dateline.start if dateline else None,
        dateline_end=dateline.end if dateline else None,
        body_start=article.body_start, pipeline_version=pipeline_version,
        ingested_at=ingested_at or datetime.now(timezone.utc),
    )


def _content_rows(extraction: Extraction, article_id: str) -> tuple[list[dict], list[dict], list[dict]]:
    places = [
        dict(article_id=article_id, position=i, text=p.text, span_start=p.start, span_end=p.end,
             role=p.role, **_location_row(p.location))
        for i, p in enumerate(extraction.places)
    ]
    events = []
    for i, e in enumerate(extraction.events):
        place = e.place
        events.append(dict(
            article_id=article_id, position=i, event_id=e.event_id, merge_class=merge_class(e.event_type),
            event_date=e.event_date, event_type=e.event_type, excerpt=e.excerpt,
            excerpt_start=e.excerpt_start, excerpt_end=e.excerpt_end,
            place_text=place.text if place else None, place_start=place.start if place else None,
            place_end=place.end if place else None, place_role=place.role if place else None,
            **_location_row(place.location if place else None),
            geo_precision=e.geo_precision, weapon=e.weapon, actor=e.actor, killed=e.killed,
            wounded=e.wounded, children_killed=e.children_killed, children_wounded=e.children_wounded,
            acled_event_type=e.acled_event_type, acled_sub_event_type=e.acled_sub_event_type,
            time_precision=e.time_precision, approximate=e.approximate, confidence=e.confidence,
            confidence_reasons=e.confidence_reasons,
            figure_spans=json.dumps([f.to_dict() for f in e.figure_spans]),
        ))
    summaries = [
        dict(article_id=article_id, position=i, text=s.text, span_start=s.start, span_end=s.end,
             killed=s.killed, wounded=s.wounded)
        for i, s in enumerate(extraction.summaries)
    ]
    return places, events, summaries


def _article_from(row: Any) -> Article:
    dateline = None
    if row.dateline_text is not None:
        dateline = Span(row.dateline_text, row.dateline_start, row.dateline_end)
    return Article(article_id=row.article_id, text=row.text, source=row.source, title=row.title,
                   published=row.published, dateline=dateline, body_start=row.body_start,
                   publisher=row.publisher, url=row.url)


def _event_from(row: Any, article_id: str) -> Event:
    place = None
    if row.place_text is not None:
        place = Place(row.place_text, row.place_start, row.place_end, row.place_role, _location_from(row))
    return Event(
        event_id=row.event_id, article_id=article_id, event_date=row.event_date, event_type=row.event_type,
        excerpt=row.excerpt, excerpt_start=row.excerpt_start, excerpt_end=row.excerpt_end, place=place,
        geo_precision=row.geo_precision, weapon=row.weapon, actor=row.actor, killed=row.killed,
        wounded=row.wounded, children_killed=row.children_killed, children_wounded=row.children_wounded,
        acled_event_type=row.acled_event_type, acled_sub_event_type=row.acled_sub_event_type,
        time_precision=row.time_precision, approximate=bool(row.approximate), confidence=row.confidence,
        confidence_reasons=row.confidence_reasons,
        figure_spans=tuple(FigureSpan(**f) for f in json.loads(row.figure_spans or "[]")),
    )


def _check_storable(extraction: Extraction) -> None:
    article = extraction.article
    if not article.article_id:
        raise InputError("article has no id")
    for name, value in (("text", article.text), ("source", article.source), ("title", article.title),
                        ("publisher", article.publisher), ("url", article.url)):
        if value and "\x00" in value:
            raise InputError(f"{article.source}: article {name} contains NUL characters")


def _utc(moment: datetime | None) -> datetime | None:
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


_PLACING_COLUMNS = ("id", "article_id", "event_type", "event_date", "geonameid", "latitude", "longitude",
                    "feature_class")


def _members_query(*, placing_only: bool = False, in_merged_events: bool = False) -> sa.Select:
    """Extracted events as the merge needs them, in ingestion order.

    ``placing_only``: just what places an event in a cluster; ``in_merged_events``: joined to the
    merged events holding them (and with ``merged_event_id``).
    """
    events, articles, sources = extracted_events_table, articles_table, event_sources_table
    joined = events.join(articles, articles.c.article_id == events.c.article_id)
    columns = [events.c[name] for name in _PLACING_COLUMNS] if placing_only else [events]
    if in_merged_events:
        joined = joined.join(sources, sources.c.extracted_event_id == events.c.id).join(
            merged_events_table, merged_events_table.c.event_id == sources.c.merged_event_id)
        columns.append(sources.c.merged_event_id)
    return (
        sa.select(*columns)
        .select_from(joined)
        .order_by(articles.c.ingested_at, articles.c.article_id, events.c.position)
    )


def _member(row: Any, placing_only: bool = False) -> Member:
    values = {} if placing_only else {
        name: getattr(row, "location_name" if name == "location" else name) for name in _ANCHOR_FIELDS
    }
    return Member(
        key=row.id, article_id=row.article_id, event_type=row.event_type, event_date=row.event_date,
        geonameid=row.geonameid, latitude=row.latitude, longitude=row.longitude,
        feature_class=row.feature_class, values=values,
    )
