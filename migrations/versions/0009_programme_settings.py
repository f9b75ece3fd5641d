"""programme settings: meetings, enrolment and the learning record

Each setting of bot/core/settings.py's "added" rows is a programme column; existing
programmes take the setting's default.

Revision ID: 0009
Revises: 0006
Create Date: 2026-12-06 07:45:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Plain ADD/DROP COLUMN, never a batch "move and copy": on SQLite, copying a parent table
# and dropping the old one would cascade-delete its rounds, matches and participants.
ADDED = (
    sa.Column("availability", sa.Boolean(), nullable=False, server_default=sa.true()),
)


def upgrade() -> None:
    for column in ADDED:
        op.add_column("programmes", column)


def downgrade() -> None:
    # SQLite (3.35 and later) and PostgreSQL both drop a column in place.
    for column in reversed(ADDED):
        op.execute(f"ALTER TABLE programmes DROP COLUMN {column.name}")
