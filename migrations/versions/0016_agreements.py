"""agreements: each member's answers to the agreement at the start of a group

A new leaf table (nothing refers to it); its rows go with the person or the match
(ON DELETE CASCADE).

Revision ID: 0016
Revises: 0012
Create Date: 2026-12-06 10:40:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.store.models

revision: str = "0016"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "agreements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("match_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("learn", sa.Text(), nullable=False),
        sa.Column("offer", sa.Text(), nullable=False),
        sa.Column("how_often", sa.String(length=16), nullable=False),
        sa.Column("confidential", sa.Text(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("created_at", bot.store.models.UTCDateTime(), nullable=False),
        sa.Column("updated_at", bot.store.models.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["match_id"], ["matches.id"], ondelete="CASCADE",
                                name=op.f("fk_agreements_match_id_matches")),
        sa.ForeignKeyConstraint(["participant_id"], ["participants.id"], ondelete="CASCADE",
                                name=op.f("fk_agreements_participant_id_participants")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreements")),
        sa.UniqueConstraint("match_id", "participant_id",
                            name=op.f("uq_agreements_match_id_participant_id")),
    )
    op.create_index(op.f("ix_agreements_match_id"), "agreements", ["match_id"])
    op.create_index(op.f("ix_agreements_participant_id"), "agreements", ["participant_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_agreements_participant_id"), table_name="agreements")
    op.drop_index(op.f("ix_agreements_match_id"), table_name="agreements")
    op.drop_table("agreements")
