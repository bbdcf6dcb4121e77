"""Reference records: casualty records imported from VDC, ACLED, UCDP, Airwars or any mapped CSV.

Revision ID: 0004_reference
Revises: 0002
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_reference"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reference_records",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("source", sa.String(100), nullable=False),
        sa.Column("external_id", sa.String(200), nullable=False),
        sa.Column("date_start", sa.Date(), index=True),
        sa.Column("date_end", sa.Date()),
        sa.Column("place", sa.String(200)),
        sa.Column("governorate", sa.String(40), index=True),
        sa.Column("lat", sa.Float()),
        sa.Column("lon", sa.Float()),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("source", "external_id", name="uq_reference_source_external_id"),
    )


def downgrade() -> None:
    op.drop_table("reference_records")
