"""Archive and live sources: content-addressed raw bytes, captures, article -> capture, feed polling state.

Revision ID: 0003_archive
Revises: 0002
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_archive"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "archive_blobs",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
    )
    op.create_table(
        "archive_captures",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("sha256", sa.String(64), sa.ForeignKey("archive_blobs.sha256"), nullable=False),
        sa.Column("location", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("fetched_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.Integer()),
        sa.Column("headers", sa.JSON(), nullable=False),
    )
    op.create_index("ix_archive_captures_location", "archive_captures", ["location"])
    op.create_table(
        "article_captures",
        sa.Column(
            "article_id", sa.String(200), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("capture_id", sa.Integer(), sa.ForeignKey("archive_captures.id"), nullable=False),
    )
    op.create_table(
        "feeds",
        sa.Column("url", sa.Text(), primary_key=True),
        sa.Column("etag", sa.Text()),
        sa.Column("last_modified", sa.Text()),
        sa.Column("last_polled_at", sa.DateTime()),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text()),
    )
    op.create_table(
        "feed_items",
        sa.Column("feed_url", sa.Text(), primary_key=True),
        sa.Column("item_key", sa.Text(), primary_key=True),
        sa.Column("link", sa.Text()),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text()),
        sa.Column("article_id", sa.String(200)),
        sa.Column("seen_at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("feed_items")
    op.drop_table("feeds")
    op.drop_table("article_captures")
    op.drop_index("ix_archive_captures_location", "archive_captures")
    op.drop_table("archive_captures")
    op.drop_table("archive_blobs")
