"""claim assignment: the checker who holds each claim (who gave it to them, when), and the history
of every assignment

The columns are added and dropped in place (ALTER TABLE on both backends, never SQLite's copy of
the table, which would lose the full-text triggers on `claim`). A claim stored before has nobody.

Revision ID: 0010
Revises: 0009
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("claim", sa.Column("assignee", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True))
    op.add_column("claim", sa.Column("assigned_by", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True))
    op.add_column("claim", sa.Column("assigned_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
    op.create_index(op.f("ix_claim_assignee"), "claim", ["assignee"], unique=False)
    op.create_table(
        "assignment_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("user", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("from_assignee", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
        sa.Column("to_assignee", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
        sa.ForeignKeyConstraint(["claim_id"], ["claim.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_assignment_change_claim_id"), "assignment_change", ["claim_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_assignment_change_claim_id"), table_name="assignment_change")
    op.drop_table("assignment_change")
    op.drop_index(op.f("ix_claim_assignee"), table_name="claim")
    op.drop_column("claim", "assigned_at")
    op.drop_column("claim", "assigned_by")
    op.drop_column("claim", "assignee")
