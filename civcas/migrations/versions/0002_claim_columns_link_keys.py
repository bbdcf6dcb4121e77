"""Claims: date_precision, target, lat, lon, actor index; links: foreign keys to claims; killed_max over killed.*.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

claims = sa.table(
    "claims",
    sa.column("id", sa.String),
    sa.column("data", sa.JSON),
    sa.column("date_precision", sa.String),
    sa.column("target", sa.String),
    sa.column("lat", sa.Float),
    sa.column("lon", sa.Float),
)
incidents = sa.table(
    "incidents", sa.column("id", sa.String), sa.column("data", sa.JSON), sa.column("killed_max")
)


def upgrade() -> None:
    op.add_column("claims", sa.Column("date_precision", sa.String(10)))
    op.add_column("claims", sa.Column("target", sa.String(40)))
    op.add_column("claims", sa.Column("lat", sa.Float()))
    op.add_column("claims", sa.Column("lon", sa.Float()))
    op.create_index("ix_claims_actor", "claims", ["actor"])
    _drop_dangling_links()
    with op.batch_alter_table("links") as batch:
        batch.create_foreign_key("fk_links_claim_id", "claims", ["claim_id"], ["id"], ondelete="CASCADE")
        batch.create_foreign_key(
            "fk_links_matched_claim_id", "claims", ["matched_claim_id"], ["id"], ondelete="SET NULL"
        )
        batch.create_index("ix_links_claim_id", ["claim_id"])
    _backfill_claims()
    _backfill_killed_max()


def downgrade() -> None:
    with op.batch_alter_table("links") as batch:
        batch.drop_index("ix_links_claim_id")
        batch.drop_constraint("fk_links_matched_claim_id", type_="foreignkey")
        batch.drop_constraint("fk_links_claim_id", type_="foreignkey")
    op.drop_index("ix_claims_actor", "claims")
    for column in ("lon", "lat", "target", "date_precision"):
        op.drop_column("claims", column)


def _drop_dangling_links() -> None:
    op.execute("DELETE FROM links WHERE claim_id NOT IN (SELECT id FROM claims)")
    op.execute(
        "UPDATE links SET matched_claim_id = NULL "
        "WHERE matched_claim_id IS NOT NULL AND matched_claim_id NOT IN (SELECT id FROM claims)"
    )


def _backfill_claims() -> None:
    bind = op.get_bind()
    rows = [
        {
            "b_id": claim_id,
            "b_precision": data.get("date_precision"),
            "b_target": data.get("target"),
            "b_lat": (data.get("place") or {}).get("lat"),
            "b_lon": (data.get("place") or {}).get("lon"),
        }
        for claim_id, data in bind.execute(sa.select(claims.c.id, claims.c.data))
    ]
    if rows:
        bind.execute(
            claims.update()
            .where(claims.c.id == sa.bindparam("b_id"))
            .values(
                date_precision=sa.bindparam("b_precision"),
                target=sa.bindparam("b_target"),
                lat=sa.bindparam("b_lat"),
                lon=sa.bindparam("b_lon"),
            ),
            rows,
        )


def _backfill_killed_max() -> None:
    bind = op.get_bind()
    rows = []
    for incident_id, data in bind.execute(sa.select(incidents.c.id, incidents.c.data)):
        highs = [v[1] for path, v in (data.get("casualties") or {}).items() if path.startswith("killed.")]
        rows.append({"b_id": incident_id, "b_killed": max(highs) if highs else None})
    if rows:
        bind.execute(
            incidents.update()
            .where(incidents.c.id == sa.bindparam("b_id"))
            .values(killed_max=sa.bindparam("b_killed")),
            rows,
        )
