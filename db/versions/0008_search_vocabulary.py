"""search vocabulary: the words the full-text index holds, so that a search can find the ones a
query word means (with other prefixes, or one typo away)

SQLite reads them from the FTS5 index itself (an fts5vocab table); PostgreSQL keeps them in
`search_term`, filled from the claims there and, after that, by a statement trigger on new claims.

Revision ID: 0008
Revises: 0007
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    from workbench.storage.search import create_vocabulary

    create_vocabulary(op.execute, op.get_bind().dialect.name)


def downgrade() -> None:
    from workbench.storage.search import drop_vocabulary

    drop_vocabulary(op.execute, op.get_bind().dialect.name)
