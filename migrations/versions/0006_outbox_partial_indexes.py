"""outbox: partial indexes on what is due

The sender's claims and the payload purge walk indexes that hold only the rows they
look for: pending rows by due time, rows being sent by claim time, and rows with a
payload still to purge by purge time. Sent rows (nearly all of a busy outbox) are in
none of them, so a quiet tick reads a few index pages whatever the table's size, and
the wide (state, not_before, id) index every state change rewrote goes.

Plain CREATE/DROP INDEX on both databases, never a batch table copy.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 20:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PENDING = sa.text("state = 'pending'")
SENDING = sa.text("state = 'sending'")
TO_PURGE = sa.text("payload_purge_at IS NOT NULL")


def _partial(name: str, columns: list[str], where: sa.TextClause) -> None:
    op.create_index(name, "outbox", columns, postgresql_where=where, sqlite_where=where)


def upgrade() -> None:
    op.drop_index("ix_outbox_state_not_before_id", table_name="outbox")
    op.drop_index("ix_outbox_payload_purge_at", table_name="outbox")
    _partial("ix_outbox_pending_due", ["not_before", "id"], PENDING)
    _partial("ix_outbox_sending_claimed_at", ["claimed_at"], SENDING)
    _partial("ix_outbox_payload_purge_at", ["payload_purge_at"], TO_PURGE)


def downgrade() -> None:
    op.drop_index("ix_outbox_payload_purge_at", table_name="outbox")
    op.drop_index("ix_outbox_sending_claimed_at", table_name="outbox")
    op.drop_index("ix_outbox_pending_due", table_name="outbox")
    op.create_index("ix_outbox_payload_purge_at", "outbox", ["payload_purge_at"])
    op.create_index("ix_outbox_state_not_before_id", "outbox", ["state", "not_before", "id"])
