"""journey: terms, themes and the before-and-after evaluation

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 16:20:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.store.models

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Plain ADD/DROP COLUMN, never a batch "move and copy": on SQLite, copying a parent table
# and dropping the old one would cascade-delete its rounds, matches and participants.
ADDED = (
    ("programmes", sa.Column("term_starts", sa.String(length=300), nullable=False,
                             server_default="")),
    ("programmes", sa.Column("journey", sa.String(length=1000), nullable=False,
                             server_default="")),
    ("rounds", sa.Column("term", sa.Integer(), nullable=True)),
    ("rounds", sa.Column("round_in_term", sa.Integer(), nullable=True)),
    ("rounds", sa.Column("theme", sa.String(length=32), nullable=True)),
    ("matches", sa.Column("term_group", sa.Integer(), nullable=True)),
)


def upgrade() -> None:
    for table, column in ADDED:
        op.add_column(table, column)
    op.create_table(
        "evaluation_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=16), nullable=False),
        sa.Column("term", sa.Integer(), nullable=False),
        sa.Column("domain", sa.String(length=32), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("answered_at", bot.store.models.UTCDateTime(), nullable=False),
        sa.CheckConstraint("score BETWEEN 1 AND 5", name=op.f("ck_evaluation_answers_score")),
        sa.CheckConstraint("stage IN ('baseline', 'follow_up')",
                           name=op.f("ck_evaluation_answers_stage")),
        sa.ForeignKeyConstraint(["participant_id"], ["participants.id"], ondelete="CASCADE",
                                name=op.f("fk_evaluation_answers_participant_id_participants")),
        sa.ForeignKeyConstraint(["programme_id"], ["programmes.id"], ondelete="CASCADE",
                                name=op.f("fk_evaluation_answers_programme_id_programmes")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evaluation_answers")),
        sa.UniqueConstraint("participant_id", "stage", "term", "domain",
                            name=op.f("uq_evaluation_answers_participant_id_stage_term_domain")),
    )
    op.create_index(op.f("ix_evaluation_answers_participant_id"), "evaluation_answers",
                    ["participant_id"])
    op.create_index(op.f("ix_evaluation_answers_programme_id"), "evaluation_answers",
                    ["programme_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_evaluation_answers_programme_id"), table_name="evaluation_answers")
    op.drop_index(op.f("ix_evaluation_answers_participant_id"), table_name="evaluation_answers")
    op.drop_table("evaluation_answers")
    # SQLite (3.35 and later) and PostgreSQL both drop a column in place.
    for table, column in reversed(ADDED):
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column.name}")
