"""matches: the suggested meeting times of each group

Added in place (`matches` is referenced by members, answers and the outbox: a batch copy
on SQLite would cascade-delete them).

Revision ID: 0014
Revises: 0012
Create Date: 2026-12-06 11:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("matches", sa.Column("slots", sa.JSON(), nullable=False,
                                       server_default=sa.text("'[]'")))


def downgrade() -> None:
    op.drop_column("matches", "slots")
