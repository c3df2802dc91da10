"""claim search: a folded copy of each claim's text, indexed for full-text search

SQLite gets an FTS5 table: new claims are indexed in bulk by ingest (see `workbench.services.
ingest.index_new_claims`), changes and deletions by triggers; PostgreSQL a GIN index on the text search
vector of the folded text ('simple' configuration: no stemming, which suits Arabic after
folding).

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
    if conn.dialect.name == "sqlite":
        op.execute("CREATE VIRTUAL TABLE claim_fts USING fts5(norm, content='claim', content_rowid='id', tokenize='unicode61 remove_diacritics 2')")
        op.execute("INSERT INTO claim_fts(rowid, norm) SELECT id, norm FROM claim")
        op.execute("CREATE TRIGGER claim_fts_ad AFTER DELETE ON claim BEGIN INSERT INTO claim_fts(claim_fts, rowid, norm) VALUES ('delete', old.id, old.norm); END")
        op.execute("CREATE TRIGGER claim_fts_au AFTER UPDATE OF norm ON claim BEGIN "
                   "INSERT INTO claim_fts(claim_fts, rowid, norm) VALUES ('delete', old.id, old.norm); "
                   "INSERT INTO claim_fts(rowid, norm) VALUES (new.id, new.norm); END")
    else:
        op.execute("CREATE INDEX ix_claim_norm_fts ON claim USING GIN (to_tsvector('simple', norm))")


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        for t in ("claim_fts_ad", "claim_fts_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {t}")
        op.execute("DROP TABLE IF EXISTS claim_fts")
    else:
        op.execute("DROP INDEX IF EXISTS ix_claim_norm_fts")
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.drop_column("norm")
