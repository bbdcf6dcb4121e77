"""Web speed: indexes for the incident list's default order, and a data revision for the page cache.

The list sorts by ``date_min IS NULL, date_min, id`` (undated last); an expression index in each
direction lets the database walk it instead of sorting every incident per request.

``data_revision`` holds one counter that triggers raise on every write to a table the pages show, so
a web server (any number of processes) can tell with one read whether what it rendered is still
current, whoever wrote: the server itself, ``civcas run`` or another worker. SQLite only; other
backends get no triggers and the server does not cache there.

Revision ID: 0006_web
Revises: 0002
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_web"
down_revision = "0002"
branch_labels = None
depends_on = None

# Every analyst change (0005_review) writes claims or incidents in the same transaction as its audit
# entry, and only anonymous pages are cached, so these tables of 0001 are all a page depends on.
WATCHED = ("articles", "claims", "incidents", "links", "assessments")
EVENTS = ("INSERT", "UPDATE", "DELETE")


def _trigger_name(table: str, event: str) -> str:
    return f"data_revision_{table}_{event.lower()}"


def upgrade() -> None:
    date_nulls_last = sa.text("(date_min IS NULL)")
    op.create_index("ix_incidents_date_order", "incidents", [date_nulls_last, "date_min", "id"])
    op.create_index(
        "ix_incidents_date_order_desc", "incidents", [date_nulls_last, sa.text("date_min DESC"), "id"]
    )
    op.create_table(
        "data_revision",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("n", sa.Integer(), nullable=False),
    )
    op.execute("INSERT INTO data_revision (id, n) VALUES (1, 0)")
    if op.get_bind().dialect.name == "sqlite":
        for table in WATCHED:
            for event in EVENTS:
                op.execute(
                    f"CREATE TRIGGER {_trigger_name(table, event)} AFTER {event} ON {table} "
                    "BEGIN UPDATE data_revision SET n = n + 1 WHERE id = 1; END"
                )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in WATCHED:
            for event in EVENTS:
                op.execute(f"DROP TRIGGER IF EXISTS {_trigger_name(table, event)}")
    op.drop_table("data_revision")
    op.drop_index("ix_incidents_date_order_desc", "incidents")
    op.drop_index("ix_incidents_date_order", "incidents")
