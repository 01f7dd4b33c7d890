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
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, make_url

from newsmap import __version__
from newsmap.errors import NewsmapError
from newsmap.labels import article_origin
from newsmap.merge import MERGE_VERSION, Cluster, Clustering, cluster, merge_class, merged_values
from newsmap.records import Extraction, Place, Summary
from newsmap.store.schema import (
    EVENT_FIELDS, articles_table, event_sources_table, extracted_events_table, merged_events_table,
    places_table, store_meta_table, summaries_table,
)
from newsmap.store.engine import (
    _database_errors, _display, _one_line, _write_transaction, create_store_engine, current_revision,
    default_url, head_revision, is_read_only, migrate,
)
from newsmap.store.rows import (
    _article_from, _article_row, _check_storable, _content_rows, _event_from, _iso, _location_from, _member,
    _members_query, _utc,
)
from newsmap.store.corrections import Corrections, _column_value, _json_value, _review_values
from newsmap.store.reading import Reading
from newsmap.store.schema import metadata  # re-exported: the schema the migrations build


@dataclass(frozen=True)
class AddResult:
    article_id: str
    created: bool
    n_events: int


class Store(Reading, Corrections):
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
