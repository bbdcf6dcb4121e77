"""Analyst review: users and their tokens, the audit log, reviewed flags; full-text index of articles.

On SQLite the article title and text are indexed by an FTS5 table kept in step by triggers
(external content: the text is stored once, in ``articles``). Other backends get no index here;
the store falls back to a LIKE search there.

Revision ID: 0005_review
Revises: 0002
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_review"
down_revision = "0002"
branch_labels = None
depends_on = None

_FTS_TRIGGERS = {
    "articles_fts_ai": "AFTER INSERT ON articles BEGIN "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END",
    "articles_fts_ad": "AFTER DELETE ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
    "VALUES ('delete', old.rowid, old.title, old.text); END",
    "articles_fts_au": "AFTER UPDATE ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
    "VALUES ('delete', old.rowid, old.title, old.text); "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END",
}


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("name", sa.String(100), primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user", sa.String(100), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("target_type", sa.String(20), nullable=False),
        sa.Column("target_id", sa.String(220), nullable=False),
        sa.Column("before", sa.JSON()),
        sa.Column("after", sa.JSON()),
    )
    op.create_index("ix_audit_log_target", "audit_log", ["target_type", "target_id"])
    op.add_column("incidents", sa.Column("reviewed", sa.Boolean(), nullable=False, server_default="0"))
    op.add_column("claims", sa.Column("reviewed", sa.Boolean(), nullable=False, server_default="0"))
    op.create_index("ix_incidents_killed_max", "incidents", ["killed_max"])
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE articles_fts USING fts5("
            "title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')"
        )
        for name, body in _FTS_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {body}")
        op.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in _FTS_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS articles_fts")
    op.drop_index("ix_incidents_killed_max", "incidents")
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("reviewed")
    with op.batch_alter_table("incidents") as batch:
        batch.drop_column("reviewed")
    op.drop_index("ix_audit_log_target", "audit_log")
    op.drop_table("audit_log")
    op.drop_table("users")
