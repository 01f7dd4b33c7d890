"""Events carry ACLED's time precision (1 day, 2 week, 3 month); stored events were all day-precise.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("extracted_events", "merged_events"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("time_precision", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    for table in ("extracted_events", "merged_events"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("time_precision")
