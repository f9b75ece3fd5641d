"""needs-attention indexes: a round's groups in order and by check-in date, a
programme's people by status and name, the people left out last round, and the
messages that failed

Indexes only; nothing is copied or changed. The needs-attention page reads a page of
each list in order and counts the rest from the round's tally (services/round_tally.py),
so that it reads about as many rows as it shows at 100,000 people.

Revision ID: 0019
Revises: 0015
Create Date: 2026-12-06 13:50:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UNPAIRED_PG = sa.text("unpaired_last_round")
UNPAIRED_SQLITE = sa.text("unpaired_last_round = 1")
FAILED = sa.text("state = 'failed'")


def upgrade() -> None:
    op.create_index("ix_matches_round_id_id", "matches", ["round_id", "id"],
                    postgresql_include=["checkin_due_at"])
    op.create_index("ix_matches_round_id_checkin_due_at", "matches",
                    ["round_id", "checkin_due_at"])
    op.create_index("ix_participants_programme_id_status_display_name", "participants",
                    ["programme_id", "status", "display_name"])
    op.create_index("ix_participants_unpaired_programme_id_display_name", "participants",
                    ["programme_id", "display_name"], postgresql_where=UNPAIRED_PG,
                    sqlite_where=UNPAIRED_SQLITE)
    op.create_index("ix_outbox_failed_id", "outbox", ["id"], postgresql_where=FAILED,
                    sqlite_where=FAILED)


def downgrade() -> None:
    op.drop_index("ix_outbox_failed_id", table_name="outbox")
    op.drop_index("ix_participants_unpaired_programme_id_display_name",
                  table_name="participants")
    op.drop_index("ix_participants_programme_id_status_display_name", table_name="participants")
    op.drop_index("ix_matches_round_id_checkin_due_at", table_name="matches")
    op.drop_index("ix_matches_round_id_id", table_name="matches")
