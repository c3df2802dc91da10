"""source confirmation: the analyzer's confidence in each claim's attribution, and who confirmed it

`attribution_confidence` is left empty for claims stored before the analyzer gave one (nothing
can compute it afterwards without analysing the article again). A claim a checker already
attributed to another source (`sources assign`, `e` in the app: an evidence row of kind
"source") counts as confirmed by that checker, at that time: the checker chose the source.

Revision ID: 0005
Revises: 0004
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.add_column(sa.Column("attribution_confidence", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("source_confirmed_by", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True))
        batch_op.add_column(sa.Column("source_confirmed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))

    evidence = sa.table("evidence", sa.column("id"), sa.column("claim_id"), sa.column("kind"), sa.column("user"),
                        sa.column("at"))  # "user" is quoted by SQLAlchemy: a reserved word in PostgreSQL
    conn = op.get_bind()
    latest: dict[int, tuple[object, object]] = {}
    for claim_id, user, at in conn.execute(
        sa.select(evidence.c.claim_id, evidence.c.user, evidence.c.at)
        .where(evidence.c.kind == "source").order_by(evidence.c.id)
    ):
        latest[claim_id] = (user, at)  # the newest reattribution of each claim
    if latest:
        claim = sa.table("claim", sa.column("id"), sa.column("source_confirmed_by"), sa.column("source_confirmed_at"))
        conn.execute(
            claim.update().where(claim.c.id == sa.bindparam("cid"))
            .values(source_confirmed_by=sa.bindparam("who"), source_confirmed_at=sa.bindparam("at")),
            [{"cid": cid, "who": who, "at": at} for cid, (who, at) in latest.items()],
        )


def downgrade() -> None:
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.drop_column("source_confirmed_at")
        batch_op.drop_column("source_confirmed_by")
        batch_op.drop_column("attribution_confidence")
