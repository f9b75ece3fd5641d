"""programme wording: an organiser's own words for the intro, heads-up, check-in and
invitation, per programme and language (a new table; nothing existing changes)

Revision ID: 0018
Revises: 0012
Create Date: 2026-12-06 10:45:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.store.models

revision: str = "0018"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "programme_wording",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=32), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_at", bot.store.models.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["programme_id"], ["programmes.id"], ondelete="CASCADE",
                                name=op.f("fk_programme_wording_programme_id_programmes")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme_wording")),
        sa.UniqueConstraint("programme_id", "key", "language",
                            name=op.f("uq_programme_wording_programme_id_key_language")),
    )
    op.create_index(op.f("ix_programme_wording_programme_id"), "programme_wording",
                    ["programme_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_programme_wording_programme_id"), table_name="programme_wording")
    op.drop_table("programme_wording")
