"""meetings: each group's suggested times and arranged time; the check-in's Not yet, and why

`matches.slots` and `matches.meeting_at` are added in place (`matches` is referenced by members, answers and the
outbox: a batch copy on SQLite would cascade-delete them). `checkin_answers` gains
`reason` and the answer `not_yet`: its check is changed with a batch copy of
`checkin_answers` only, a leaf table (nothing references it), so copying it on SQLite
cascades nowhere.

Revision ID: 0014
Revises: 0012
Create Date: 2026-12-06 11:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bot.store.models import UTCDateTime

revision: str = "0014"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ANSWERS_BEFORE = "answer IN ('met', 'scheduled', 'not_happening')"
ANSWERS = "answer IN ('met', 'scheduled', 'not_yet', 'not_happening')"
REASONS = "reason IS NULL OR reason IN ('rota', 'leave', 'no_reply', 'other')"


def upgrade() -> None:
    op.add_column("matches", sa.Column("slots", sa.JSON(), nullable=False,
                                       server_default=sa.text("'[]'")))
    op.add_column("matches", sa.Column("meeting_at", UTCDateTime(), nullable=True))
    with op.batch_alter_table("checkin_answers") as batch:
        batch.add_column(sa.Column("reason", sa.String(length=16), nullable=True))
        batch.drop_constraint(op.f("ck_checkin_answers_answer"), type_="check")
        batch.create_check_constraint(op.f("ck_checkin_answers_answer"), sa.text(ANSWERS))
        batch.create_check_constraint(op.f("ck_checkin_answers_reason"), sa.text(REASONS))


def downgrade() -> None:
    op.execute("DELETE FROM checkin_answers WHERE answer = 'not_yet'")
    with op.batch_alter_table("checkin_answers") as batch:
        batch.drop_constraint(op.f("ck_checkin_answers_reason"), type_="check")
        batch.drop_constraint(op.f("ck_checkin_answers_answer"), type_="check")
        batch.create_check_constraint(op.f("ck_checkin_answers_answer"),
                                      sa.text(ANSWERS_BEFORE))
        batch.drop_column("reason")
    op.drop_column("matches", "meeting_at")
    op.drop_column("matches", "slots")
