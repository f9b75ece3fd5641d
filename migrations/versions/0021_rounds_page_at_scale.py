"""round_deliveries: each round's messages counted by state, kept by the database as the
outbox changes; participants.last_round_id: the latest round each person holds a place in

The rounds page read its delivery figures by counting the round's outbox rows (800,000 at
100,000 people and 12 rounds), and its late joiners by reading the latest round's 100,000
places. Now it reads 12 small rows and the few people whose latest round is not the
latest one.

round_deliveries is kept by triggers on the outbox (one statement-level function on
PostgreSQL, reading each statement's rows changed; row triggers on SQLite), so that every
change of state is counted wherever it is made, ON DELETE CASCADE included: a row added
counts in its state, a change of state moves it, a pending or sending row deleted counts
no more. A finished row deleted (retention, erasure) stays counted: the round's record
of what it sent outlives the rows. Filled from the outbox here; for rounds whose rows
retention deleted before this revision nothing is left to count.

last_round_id is kept by the services that make and remove places (services/rounds.py,
group_actions.add_late_joiner, commands.cancel_latest, retention), filled here from the
places. Round ids grow with the rounds' order in a programme (ordinal = the largest one
plus one, in the transaction that inserts the round).

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-06 19:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# PostgreSQL: one function for the three statement triggers. A changed row counts +1 in its
# new state and -1 in its old (a row whose state did not change: +1 -1, nothing); the
# counters are locked in (round, state) order, so that concurrent senders cannot deadlock
# on them.
PG_FUNCTION = """
CREATE FUNCTION round_deliveries_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO round_deliveries AS d (round_id, state, messages)
    SELECT round_id, state, count(*) FROM new_rows WHERE round_id IS NOT NULL
    GROUP BY round_id, state ORDER BY round_id, state
    ON CONFLICT (round_id, state) DO UPDATE SET messages = d.messages + excluded.messages;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO round_deliveries AS d (round_id, state, messages)
    SELECT round_id, state, sum(n) FROM (
      SELECT round_id, state, 1 AS n FROM new_rows WHERE round_id IS NOT NULL
      UNION ALL
      SELECT round_id, state, -1 AS n FROM old_rows WHERE round_id IS NOT NULL) AS c
    GROUP BY round_id, state HAVING sum(n) <> 0 ORDER BY round_id, state
    ON CONFLICT (round_id, state) DO UPDATE SET messages = d.messages + excluded.messages;
  ELSE
    UPDATE round_deliveries AS d SET messages = d.messages - c.n
    FROM (SELECT round_id, state, count(*) AS n FROM old_rows
          WHERE round_id IS NOT NULL AND state IN ('pending', 'sending')
          GROUP BY round_id, state) AS c
    WHERE d.round_id = c.round_id AND d.state = c.state;
  END IF;
  RETURN NULL;
END
$$
"""
PG_TRIGGERS = [
    "CREATE TRIGGER outbox_round_deliveries_insert AFTER INSERT ON outbox "
    "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION round_deliveries_count()",
    "CREATE TRIGGER outbox_round_deliveries_update AFTER UPDATE ON outbox "
    "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION round_deliveries_count()",
    "CREATE TRIGGER outbox_round_deliveries_delete AFTER DELETE ON outbox "
    "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION round_deliveries_count()",
]
SQLITE_TRIGGERS = [
    """CREATE TRIGGER outbox_round_deliveries_insert AFTER INSERT ON outbox
WHEN NEW.round_id IS NOT NULL BEGIN
  INSERT INTO round_deliveries (round_id, state, messages) VALUES (NEW.round_id, NEW.state, 1)
  ON CONFLICT (round_id, state) DO UPDATE SET messages = messages + 1;
END""",
    """CREATE TRIGGER outbox_round_deliveries_update AFTER UPDATE OF state ON outbox
WHEN NEW.round_id IS NOT NULL AND OLD.state <> NEW.state BEGIN
  UPDATE round_deliveries SET messages = messages - 1
  WHERE round_id = OLD.round_id AND state = OLD.state;
  INSERT INTO round_deliveries (round_id, state, messages) VALUES (NEW.round_id, NEW.state, 1)
  ON CONFLICT (round_id, state) DO UPDATE SET messages = messages + 1;
END""",
    """CREATE TRIGGER outbox_round_deliveries_delete AFTER DELETE ON outbox
WHEN OLD.round_id IS NOT NULL AND OLD.state IN ('pending', 'sending') BEGIN
  UPDATE round_deliveries SET messages = messages - 1
  WHERE round_id = OLD.round_id AND state = OLD.state;
END""",
]
TRIGGER_NAMES = ("outbox_round_deliveries_insert", "outbox_round_deliveries_update",
                 "outbox_round_deliveries_delete")


def upgrade() -> None:
    op.create_table(
        "round_deliveries",
        sa.Column("round_id", sa.Integer(), sa.ForeignKey("rounds.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("messages", sa.Integer(), nullable=False, server_default="0"),
        sa.PrimaryKeyConstraint("round_id", "state"),
    )
    op.add_column("participants", sa.Column("last_round_id", sa.Integer(), nullable=True))
    op.create_index("ix_participants_programme_id_status_last_round_id", "participants",
                    ["programme_id", "status", "last_round_id"])
    bind = op.get_bind()
    postgresql = bind.dialect.name == "postgresql"
    if postgresql:
        # No row may change between the count and the triggers.
        op.execute("LOCK TABLE outbox IN SHARE ROW EXCLUSIVE MODE")
    op.execute("INSERT INTO round_deliveries (round_id, state, messages) "
               "SELECT round_id, state, count(*) FROM outbox WHERE round_id IS NOT NULL "
               "GROUP BY round_id, state")
    if postgresql:
        op.execute(PG_FUNCTION)
        for statement in PG_TRIGGERS:
            op.execute(statement)
        op.execute("UPDATE participants SET last_round_id = latest.round_id FROM ("
                   "SELECT mm.participant_id, max(m.round_id) AS round_id "
                   "FROM match_members mm JOIN matches m ON m.id = mm.match_id "
                   "WHERE mm.participant_id IS NOT NULL GROUP BY mm.participant_id) AS latest "
                   "WHERE participants.id = latest.participant_id")
        # The planner's statistics of the new column (services/placed.py).
        op.execute("ANALYZE participants")
    else:
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)
        op.execute("UPDATE participants SET last_round_id = ("
                   "SELECT max(m.round_id) FROM match_members mm "
                   "JOIN matches m ON m.id = mm.match_id "
                   "WHERE mm.participant_id = participants.id)")


def downgrade() -> None:
    for name in TRIGGER_NAMES:
        op.execute(f"DROP TRIGGER IF EXISTS {name}" + (
            " ON outbox" if op.get_bind().dialect.name == "postgresql" else ""))
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS round_deliveries_count()")
    op.drop_index("ix_participants_programme_id_status_last_round_id",
                  table_name="participants")
    # In place, never a batch copy: on SQLite a copy of `participants` would cascade-delete
    # everything that refers to it (migration 0017).
    op.drop_column("participants", "last_round_id")
    op.drop_table("round_deliveries")
