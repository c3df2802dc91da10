"""known images keep their local features (ORB keypoints) for finding them inside other pictures

Photos registered before this revision have none (NULL): they are still matched by their hashes
and thumbnails, and adding the same file again fills their features in.

Revision ID: 0006
Revises: 0005
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("known_image", schema=None) as batch_op:
        batch_op.add_column(sa.Column("features", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("known_image", schema=None) as batch_op:
        batch_op.drop_column("features")
