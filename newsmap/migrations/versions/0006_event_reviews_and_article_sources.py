"""Analysts' reviews of events (confirm, dismiss, restore) and articles' publisher, web address and
lead-sentence title.

Revision ID: 0006_reviews_sources
Revises: 0005
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_reviews_sources"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "event_reviews",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(40), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("author", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_event_reviews_event_id", "event_reviews", ["event_id"])
    with op.batch_alter_table("merged_events") as batch:
        batch.add_column(sa.Column("review", sa.String(16), nullable=True))
        batch.add_column(sa.Column("reviewed_by", sa.Text(), nullable=True))
        batch.add_column(sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("publisher", sa.Text(), nullable=True))
        batch.add_column(sa.Column("url", sa.Text(), nullable=True))
        batch.add_column(sa.Column("lead_title", sa.Text(), nullable=True))
    _fill_lead_titles()


def _fill_lead_titles() -> None:
    """Articles stored without a headline get their lead sentence as a title to show."""
    from newsmap.ingest import lead_title
    from newsmap.records import Article

    connection = op.get_bind()
    articles = sa.table("articles", sa.column("article_id"), sa.column("title"), sa.column("text"),
                        sa.column("source"), sa.column("body_start"), sa.column("lead_title"))
    rows = connection.execute(
        sa.select(articles.c.article_id, articles.c.text, articles.c.source, articles.c.body_start)
        .where(articles.c.title.is_(None))
    ).all()
    for row in rows:
        title = lead_title(Article(article_id=row.article_id, text=row.text, source=row.source,
                                   body_start=row.body_start))
        if title:
            connection.execute(sa.update(articles).where(articles.c.article_id == row.article_id)
                               .values(lead_title=title))


def downgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("lead_title")
        batch.drop_column("url")
        batch.drop_column("publisher")
    with op.batch_alter_table("merged_events") as batch:
        batch.drop_column("reviewed_at")
        batch.drop_column("reviewed_by")
        batch.drop_column("review")
    op.drop_index("ix_event_reviews_event_id", table_name="event_reviews")
    op.drop_table("event_reviews")
