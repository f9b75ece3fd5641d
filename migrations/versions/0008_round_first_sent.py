"""rounds.first_sent_at: whether a round ever sent a message, kept on the round;
programmes.archived_at

Whether a round may be cancelled was read from its outbox rows, which message retention
deletes after 90 days: a finished round then looked as if it had sent nothing, and one
click removed its history. The round now records when its first message went out.

The backfill marks every round that shows it sent something: a sent (or being sent)
outbox row, a summary written by retention, or (its outbox purged) groups or people
with no outbox row left at all. Only a round with pending rows only, or with nobody in
it, stays cancellable.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 07:40:00
"""
import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.store.models

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # An archived programme keeps its figures and runs no more rounds.
    with op.batch_alter_table("programmes") as batch:
        batch.add_column(sa.Column("archived_at", bot.store.models.UTCDateTime(),
                                   nullable=True))
    with op.batch_alter_table("rounds") as batch:
        batch.add_column(sa.Column("first_sent_at", bot.store.models.UTCDateTime(),
                                   nullable=True))
    conn = op.get_bind()
    # Plain SQL, both databases: sent if any sign of a message having gone out remains.
    conn.execute(sa.text("""
        UPDATE rounds SET first_sent_at = started_at
        WHERE state <> 'cancelled' AND (
            EXISTS (SELECT 1 FROM outbox o WHERE o.round_id = rounds.id
                    AND o.state IN ('sent', 'sending'))
            OR EXISTS (SELECT 1 FROM round_summaries s WHERE s.round_id = rounds.id)
            OR (NOT EXISTS (SELECT 1 FROM outbox o WHERE o.round_id = rounds.id)
                AND EXISTS (SELECT 1 FROM matches m WHERE m.round_id = rounds.id)))
    """))
    # A round whose groups and outbox are both gone but which had people in it.
    rows = conn.execute(sa.text(
        "SELECT id, stats FROM rounds WHERE first_sent_at IS NULL AND state <> 'cancelled' "
        "AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.round_id = rounds.id)")).all()
    for round_id, stats in rows:
        figures = json.loads(stats) if isinstance(stats, str) else (stats or {})
        if int(figures.get("people", 0) or 0) > 0:
            conn.execute(sa.text("UPDATE rounds SET first_sent_at = started_at WHERE id = :id"),
                         {"id": round_id})


def downgrade() -> None:
    # In place (SQLite 3.35 and later, PostgreSQL): a batch copy of `rounds` or `programmes`
    # on SQLite would cascade-delete their matches and participants.
    op.execute("ALTER TABLE rounds DROP COLUMN first_sent_at")
    op.execute("ALTER TABLE programmes DROP COLUMN archived_at")
