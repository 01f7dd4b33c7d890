"""Index articles by ingestion order: merging reads events oldest article first, and each new
article is stamped just after the newest one.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_articles_ingest_order", "articles", ["ingested_at", "article_id"])


def downgrade() -> None:
    op.drop_index("ix_articles_ingest_order", table_name="articles")
