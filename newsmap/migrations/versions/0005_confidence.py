"""Events carry a confidence with its reasons, and whether their figures are approximate.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("extracted_events", "merged_events"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("approximate", sa.Boolean(), nullable=False, server_default=sa.false()))
            batch.add_column(sa.Column("confidence", sa.Float(), nullable=True))
            batch.add_column(sa.Column("confidence_reasons", sa.Text(), nullable=True))


def downgrade() -> None:
    for table in ("extracted_events", "merged_events"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("confidence_reasons")
            batch.drop_column("confidence")
            batch.drop_column("approximate")
