"""Extracted events keep where each of their figures is written in the article.

Revision ID: 0008_figure_spans
Revises: 0007
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_figure_spans"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("extracted_events") as batch:
        # JSON: [{"field": "killed", "start": 120, "end": 122}, ...]
        batch.add_column(sa.Column("figure_spans", sa.Text(), nullable=False, server_default="[]"))


def downgrade() -> None:
    with op.batch_alter_table("extracted_events") as batch:
        batch.drop_column("figure_spans")
