"""claim search: a folded copy of each claim's text, indexed for full-text search

SQLite gets an FTS5 table, PostgreSQL a GIN index on the text search vector of the folded text:
see `workbench.storage.search`, where the index is made, filled and queried.

Revision ID: 0004
Revises: 0003
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.add_column(sa.Column("norm", sa.Text(), nullable=False, server_default=""))
    from workbench.text.normalize import fold

    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, text FROM claim")).all()
    if rows:
        conn.execute(sa.text("UPDATE claim SET norm = :n WHERE id = :i"), [{"n": fold(t), "i": i} for i, t in rows])
    from workbench.storage.search import create_index

    create_index(op.execute, conn.dialect.name)


def downgrade() -> None:
    from workbench.storage.search import drop_index

    drop_index(op.execute, op.get_bind().dialect.name)
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.drop_column("norm")
