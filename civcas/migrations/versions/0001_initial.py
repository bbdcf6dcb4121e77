"""Initial schema: articles, claims, incidents, links, assessments, ingest errors.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("outlet", sa.String(200)),
        sa.Column("url", sa.Text()),
        sa.Column("published", sa.Date()),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("source", sa.Text()),
        sa.Column("source_format", sa.String(20)),
        sa.Column("meta", sa.JSON(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "incidents",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("date_min", sa.Date()),
        sa.Column("date_max", sa.Date()),
        sa.Column("governorate", sa.String(40)),
        sa.Column("place_name", sa.String(200)),
        sa.Column("lat", sa.Float()),
        sa.Column("lon", sa.Float()),
        sa.Column("killed_max", sa.Integer()),
        sa.Column("grade", sa.String(20)),
        sa.Column("n_articles", sa.Integer(), nullable=False),
        sa.Column("n_outlets", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
    )
    op.create_index("ix_incidents_date_min", "incidents", ["date_min"])
    op.create_index("ix_incidents_governorate", "incidents", ["governorate"])
    op.create_table(
        "claims",
        sa.Column("id", sa.String(220), primary_key=True),
        sa.Column(
            "article_id", sa.String(200), sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("date", sa.Date()),
        sa.Column("governorate", sa.String(40)),
        sa.Column("place_name", sa.String(200)),
        sa.Column("actor", sa.String(40)),
        sa.Column("weapon", sa.String(40)),
        sa.Column("incident_id", sa.String(40), sa.ForeignKey("incidents.id", ondelete="SET NULL")),
        sa.Column("data", sa.JSON(), nullable=False),
    )
    op.create_index("ix_claims_article_id", "claims", ["article_id"])
    op.create_index("ix_claims_date", "claims", ["date"])
    op.create_index("ix_claims_governorate", "claims", ["governorate"])
    op.create_index("ix_claims_incident_id", "claims", ["incident_id"])
    op.create_table(
        "links",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "incident_id", sa.String(40), sa.ForeignKey("incidents.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("claim_id", sa.String(220), nullable=False),
        sa.Column("matched_claim_id", sa.String(220)),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
    )
    op.create_index("ix_links_incident_id", "links", ["incident_id"])
    op.create_table(
        "assessments",
        sa.Column(
            "article_id", sa.String(200), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("verdict", sa.String(30), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("features", sa.JSON(), nullable=False),
    )
    op.create_table(
        "ingest_errors",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    for table in ("ingest_errors", "assessments", "links", "claims", "incidents", "articles"):
        op.drop_table(table)
