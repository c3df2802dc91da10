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
    if op.get_bind().dialect.name == "sqlite":
        op.execute("CREATE VIRTUAL TABLE claim_vocab USING fts5vocab(claim_fts, 'row')")
        return
    # In code-point order ("C"), as SQLite's index: a word's stretch of it is one range.
    op.execute('CREATE TABLE search_term (term TEXT COLLATE "C" PRIMARY KEY)')
    op.execute("INSERT INTO search_term (term) SELECT DISTINCT unnest(tsvector_to_array(to_tsvector('simple', norm))) "
               "FROM claim ON CONFLICT DO NOTHING")
    op.execute("""
        CREATE FUNCTION claim_search_terms() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO search_term (term)
            SELECT DISTINCT unnest(tsvector_to_array(to_tsvector('simple', norm))) FROM new_claims
            ON CONFLICT DO NOTHING;
            RETURN NULL;
        END $$""")
    op.execute("CREATE TRIGGER claim_search_terms AFTER INSERT ON claim REFERENCING NEW TABLE AS new_claims "
               "FOR EACH STATEMENT EXECUTE FUNCTION claim_search_terms()")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS claim_vocab")
        return
    op.execute("DROP TRIGGER IF EXISTS claim_search_terms ON claim")
    op.execute("DROP FUNCTION IF EXISTS claim_search_terms()")
    op.execute("DROP TABLE IF EXISTS search_term")
