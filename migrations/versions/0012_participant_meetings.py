"""participants: when they can meet, where they work, who they must not meet, their language

All nullable (or defaulted) columns added in place, so that nothing is copied: on
SQLite a batch copy of `participants` would cascade-delete everything that refers to it.
For the same reason `manager_id` carries no foreign key (SQLite can neither add one in
place nor drop the column again while it has one): like `avoid`, it holds participant
ids that erasure clears (services/erasure.py).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06 10:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ("windows", "away", "site", "team", "manager_id", "avoid", "language")


def upgrade() -> None:
    op.add_column("participants", sa.Column("windows", sa.String(length=200), nullable=True))
    op.add_column("participants", sa.Column("away", sa.String(length=1000), nullable=True))
    op.add_column("participants", sa.Column("site", sa.String(length=200), nullable=True))
    op.add_column("participants", sa.Column("team", sa.String(length=200), nullable=True))
    op.add_column("participants", sa.Column("manager_id", sa.Integer(), nullable=True))
    op.add_column("participants", sa.Column("avoid", sa.JSON(), nullable=False,
                                            server_default=sa.text("'[]'")))
    op.add_column("participants", sa.Column("language", sa.String(length=8), nullable=True))


def downgrade() -> None:
    # In place, never a batch copy (see above).
    for column in reversed(COLUMNS):
        op.drop_column("participants", column)
