"""round summaries: a round's figures kept when retention removes its details

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 16:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.store.models

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "round_summaries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("groups", sa.Integer(), nullable=False),
        sa.Column("answered_groups", sa.Integer(), nullable=False),
        sa.Column("met_groups", sa.Integer(), nullable=False),
        sa.Column("feedback_count", sa.Integer(), nullable=False),
        sa.Column("learning_score_sum", sa.Integer(), nullable=False),
        sa.Column("meetings", sa.JSON(), nullable=False),
        sa.Column("created_at", bot.store.models.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["programme_id"], ["programmes.id"], ondelete="CASCADE",
                                name=op.f("fk_round_summaries_programme_id_programmes")),
        sa.ForeignKeyConstraint(["round_id"], ["rounds.id"], ondelete="CASCADE",
                                name=op.f("fk_round_summaries_round_id_rounds")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_round_summaries")),
        sa.UniqueConstraint("round_id", name=op.f("uq_round_summaries_round_id")),
    )
    with op.batch_alter_table("round_summaries") as batch:
        batch.create_index(batch.f("ix_round_summaries_programme_id"), ["programme_id"],
                           unique=False)


def downgrade() -> None:
    with op.batch_alter_table("round_summaries") as batch:
        batch.drop_index(batch.f("ix_round_summaries_programme_id"))
    op.drop_table("round_summaries")
