"""round_tallies: each round's figures kept as answers arrive, for the console's pages;
programmes.viewers: who may see a programme's figures without acting;
matches.ended_early_at: a term group an organiser ended early

A new table and a column added in place (never a batch copy of `programmes`, which
others reference), nothing copied. Rounds that ran before it get their tally from their
details (or their summary) the first time a page reads them (services/round_tally.py).

Revision ID: 0015
Revises: 0012
Create Date: 2026-12-06 10:45:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.store.models

revision: str = "0015"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "round_tallies",
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("groups", sa.Integer(), nullable=False),
        sa.Column("people", sa.Integer(), nullable=False),
        sa.Column("outcomes", sa.JSON(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("days_to_meet", sa.JSON(), nullable=False),
        sa.Column("learning_count", sa.Integer(), nullable=False),
        sa.Column("learning_sum", sa.Integer(), nullable=False),
        sa.Column("introduced", sa.JSON(), nullable=False),
        sa.Column("met_pairs", sa.JSON(), nullable=False),
        sa.Column("updated_at", bot.store.models.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["programme_id"], ["programmes.id"], ondelete="CASCADE",
                                name=op.f("fk_round_tallies_programme_id_programmes")),
        sa.ForeignKeyConstraint(["round_id"], ["rounds.id"], ondelete="CASCADE",
                                name=op.f("fk_round_tallies_round_id_rounds")),
        sa.PrimaryKeyConstraint("round_id", name=op.f("pk_round_tallies")),
    )
    op.create_index(op.f("ix_round_tallies_programme_id"), "round_tallies", ["programme_id"],
                    unique=False)
    op.add_column("programmes", sa.Column("viewers", sa.JSON(), nullable=False,
                                          server_default=sa.text("'[]'")))
    op.add_column("matches", sa.Column("ended_early_at", bot.store.models.UTCDateTime(),
                                       nullable=True))


def downgrade() -> None:
    op.drop_column("matches", "ended_early_at")
    op.drop_column("programmes", "viewers")
    op.drop_index(op.f("ix_round_tallies_programme_id"), table_name="round_tallies")
    op.drop_table("round_tallies")
