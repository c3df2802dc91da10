"""source history: every change to a source the whole team sees (rating, name, kind, acceptance,
merges), who made it and when

Revision ID: 0007
Revises: 0006
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "source_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("user", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("what", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("old", sa.Text(), nullable=True),
        sa.Column("new", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["source_id"], ["source.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("source_change", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_source_change_source_id"), ["source_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("source_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_source_change_source_id"))
    op.drop_table("source_change")
