"""participants: the language their chat platform reports (Slack's locale, Teams' locale)

The person's own choice stays in `language` (migration 0012); this column holds what
their platform says, the default until they choose. Added in place, never a batch copy:
on SQLite a copy of `participants` would cascade-delete everything that refers to it.

Revision ID: 0017
Revises: 0012
Create Date: 2026-12-06 10:40:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("participants",
                  sa.Column("platform_language", sa.String(length=8), nullable=True))


def downgrade() -> None:
    op.drop_column("participants", "platform_language")
