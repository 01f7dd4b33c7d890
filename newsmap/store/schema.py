"""The store's tables, kept in step with the migrations, and the fields events are read as."""

from __future__ import annotations

import sqlalchemy as sa

from newsmap.merge import FIGURES


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
