"""learning record: the activity log, and evaluation answers on any instrument's scale

`activities` is new. `evaluation_answers.score` was checked against 1-5 (pairbot-5's
scale); instruments from PAIRBOT_INSTRUMENTS_DIR may use 0-100, checked when answering.
The check is changed with a batch copy of `evaluation_answers` only: it is a leaf table
(nothing references it), so copying it on SQLite cascades nowhere.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 07:40:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.store.models

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _score_check(low: int, high: int) -> None:
    with op.batch_alter_table("evaluation_answers") as batch:
        batch.drop_constraint(op.f("ck_evaluation_answers_score"), type_="check")
        batch.create_check_constraint(op.f("ck_evaluation_answers_score"),
                                      sa.text(f"score BETWEEN {low} AND {high}"))


def upgrade() -> None:
    op.create_table(
        "activities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("match_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("learned", sa.Text(), nullable=False),
        sa.Column("differently", sa.Text(), nullable=False),
        sa.Column("created_at", bot.store.models.UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('conversation', 'shadowing', 'project', 'teaching', 'other')",
            name=op.f("ck_activities_kind")),
        sa.CheckConstraint("minutes BETWEEN 1 AND 1999", name=op.f("ck_activities_minutes")),
        sa.ForeignKeyConstraint(["participant_id"], ["participants.id"], ondelete="CASCADE",
                                name=op.f("fk_activities_participant_id_participants")),
        sa.ForeignKeyConstraint(["programme_id"], ["programmes.id"], ondelete="CASCADE",
                                name=op.f("fk_activities_programme_id_programmes")),
        sa.ForeignKeyConstraint(["match_id"], ["matches.id"], ondelete="SET NULL",
                                name=op.f("fk_activities_match_id_matches")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activities")),
    )
    op.create_index(op.f("ix_activities_participant_id"), "activities", ["participant_id"])
    op.create_index(op.f("ix_activities_programme_id"), "activities", ["programme_id"])
    _score_check(0, 100)


def downgrade() -> None:
    # Answers outside pairbot-5's scale cannot be kept under the old check.
    op.execute("DELETE FROM evaluation_answers WHERE score NOT BETWEEN 1 AND 5")
    _score_check(1, 5)
    op.drop_index(op.f("ix_activities_programme_id"), table_name="activities")
    op.drop_index(op.f("ix_activities_participant_id"), table_name="activities")
    op.drop_table("activities")
