"""search vocabulary in bulk: PostgreSQL's vocabulary of search words is filled by ingest after
each batch (as SQLite's full-text index is) instead of by a trigger on every insert of claims,
which cost the server more than the rest of storing them

Revision ID: 0009
Revises: 0008
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    from workbench.storage.search import vocabulary_in_bulk

    vocabulary_in_bulk(op.execute, op.get_bind().dialect.name)


def downgrade() -> None:
    from workbench.storage.search import vocabulary_by_trigger

    vocabulary_by_trigger(op.execute, op.get_bind().dialect.name)
