"""Remember which merge rule built merged_events; index the columns the dashboard filters on.

Stores merged under an older rule (or before this revision) are re-merged when next opened.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "store_meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )
    op.create_index("ix_merged_events_event_date", "merged_events", ["event_date"])
    op.create_index("ix_merged_events_country_admin1", "merged_events", ["country", "admin1"])


def downgrade() -> None:
    op.drop_index("ix_merged_events_country_admin1", table_name="merged_events")
    op.drop_index("ix_merged_events_event_date", table_name="merged_events")
    op.drop_table("store_meta")
