"""The store: articles, what was extracted from them, merged events and corrections.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


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


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("article_id", sa.String(64), primary_key=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("dateline_text", sa.Text(), nullable=True),
        sa.Column("dateline_start", sa.Integer(), nullable=True),
        sa.Column("dateline_end", sa.Integer(), nullable=True),
        sa.Column("body_start", sa.Integer(), nullable=False),
        sa.Column("pipeline_version", sa.String(32), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "places",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.article_id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        *_location_columns(),
        sa.UniqueConstraint("article_id", "position", name="uq_places_article_position"),
    )
    op.create_table(
        "extracted_events",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.article_id", ondelete="CASCADE"),
                  nullable=False),
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
        sa.Column("geo_precision", sa.Integer(), nullable=True),
        sa.Column("weapon", sa.Text(), nullable=True),
        sa.Column("actor", sa.Text(), nullable=True),
        sa.Column("killed", sa.Integer(), nullable=True),
        sa.Column("wounded", sa.Integer(), nullable=True),
        sa.Column("children_killed", sa.Integer(), nullable=True),
        sa.Column("children_wounded", sa.Integer(), nullable=True),
        sa.Column("acled_event_type", sa.Text(), nullable=True),
        sa.Column("acled_sub_event_type", sa.Text(), nullable=True),
        sa.UniqueConstraint("article_id", "position", name="uq_extracted_events_article_position"),
    )
    op.create_index("ix_extracted_events_group", "extracted_events", ["merge_class", "event_date"])
    op.create_table(
        "summaries",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.article_id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("killed", sa.Integer(), nullable=True),
        sa.Column("wounded", sa.Integer(), nullable=True),
        sa.UniqueConstraint("article_id", "position", name="uq_summaries_article_position"),
    )
    op.create_table(
        "merged_events",
        sa.Column("event_id", sa.String(40), primary_key=True),
        sa.Column("merge_class", sa.String(32), nullable=False),
        sa.Column("merge_date", sa.Date(), nullable=True),
        sa.Column("article_id", sa.String(64), nullable=False),
        sa.Column("event_date", sa.Date(), nullable=True),
        sa.Column("event_type", sa.String(32), nullable=False),
        sa.Column("weapon", sa.Text(), nullable=True),
        sa.Column("actor", sa.Text(), nullable=True),
        sa.Column("location", sa.Text(), nullable=True),
        sa.Column("admin1", sa.Text(), nullable=True),
        sa.Column("country", sa.String(8), nullable=True),
        sa.Column("latitude", sa.Double(), nullable=True),
        sa.Column("longitude", sa.Double(), nullable=True),
        sa.Column("geonameid", sa.BigInteger(), nullable=True),
        sa.Column("place_text", sa.Text(), nullable=True),
        sa.Column("place_start", sa.Integer(), nullable=True),
        sa.Column("place_end", sa.Integer(), nullable=True),
        sa.Column("geo_precision", sa.Integer(), nullable=True),
        sa.Column("killed", sa.Integer(), nullable=True),
        sa.Column("wounded", sa.Integer(), nullable=True),
        sa.Column("children_killed", sa.Integer(), nullable=True),
        sa.Column("children_wounded", sa.Integer(), nullable=True),
        sa.Column("excerpt", sa.Text(), nullable=False),
        sa.Column("excerpt_start", sa.Integer(), nullable=False),
        sa.Column("excerpt_end", sa.Integer(), nullable=False),
        sa.Column("acled_event_type", sa.Text(), nullable=True),
        sa.Column("acled_sub_event_type", sa.Text(), nullable=True),
        sa.Column("n_sources", sa.Integer(), nullable=False),
        sa.Column("corrected", sa.Text(), nullable=False),
        sa.Column("extracted_values", sa.Text(), nullable=False),
    )
    op.create_index("ix_merged_events_group", "merged_events", ["merge_class", "merge_date"])
    op.create_table(
        "event_sources",
        sa.Column("merged_event_id", sa.String(40),
                  sa.ForeignKey("merged_events.event_id", ondelete="CASCADE"), primary_key=True),
        sa.Column("extracted_event_id", sa.Integer(),
                  sa.ForeignKey("extracted_events.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.UniqueConstraint("extracted_event_id", name="uq_event_sources_extracted"),
    )
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(40), nullable=False),
        sa.Column("field", sa.String(32), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("extracted_value", sa.Text(), nullable=False),
        sa.Column("author", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_corrections_event_id", "corrections", ["event_id"])


def downgrade() -> None:
    for table in ("corrections", "event_sources", "merged_events", "summaries", "extracted_events",
                  "places", "articles"):
        op.drop_table(table)
