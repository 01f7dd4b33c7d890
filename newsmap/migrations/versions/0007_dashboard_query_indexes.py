"""Indexes for the dashboard's queries over a large store: a map box (latitude, longitude), a
place (GeoNames id). Date (also the newest events first, read backwards) and region (country,
admin-1) have theirs since 0002.

Revision ID: 0007
Revises: 0006_reviews_sources
Create Date: 2026-12-01
"""

from alembic import op

revision = "0007"
down_revision = "0006_reviews_sources"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_merged_events_lat_lon", "merged_events", ["latitude", "longitude"])
    op.create_index("ix_merged_events_geonameid", "merged_events", ["geonameid"])


def downgrade() -> None:
    op.drop_index("ix_merged_events_geonameid", table_name="merged_events")
    op.drop_index("ix_merged_events_lat_lon", table_name="merged_events")
