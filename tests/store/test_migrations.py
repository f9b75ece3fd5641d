"""Migrations: empty to head and back, and models agree with migrations."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from bot.store import migrate
from bot.store.models import Base

EXPECTED_TABLES = {
    "workspaces", "programmes", "participants", "rounds", "matches", "match_members",
    "outbox", "checkin_answers", "feedback", "processed_events", "audit_log",
    "conversation_refs", "slack_installations", "slack_bots", "slack_oauth_states",
}


def test_upgrade_from_empty_to_head_and_back_down(empty_engine):
    assert migrate.current_revision(empty_engine) is None
    migrate.upgrade(empty_engine)
    assert migrate.at_head(empty_engine)
    tables = set(inspect(empty_engine).get_table_names())
    assert tables >= EXPECTED_TABLES

    migrate.downgrade(empty_engine)
    assert migrate.current_revision(empty_engine) is None
    assert set(inspect(empty_engine).get_table_names()) <= {"alembic_version"}

    migrate.upgrade(empty_engine)
    assert migrate.at_head(empty_engine)


def test_models_and_migrations_agree(engine):
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def _outbox_indexes(engine) -> dict[str, tuple[list[str], str]]:
    """The outbox's indexes: their columns and partial-index condition ('' if none)."""
    found = {}
    for index in inspect(engine).get_indexes("outbox"):
        options = index.get("dialect_options", {})
        where = options.get("postgresql_where", options.get("sqlite_where", ""))
        found[index["name"]] = (index["column_names"], " ".join(str(where).split()))
    return found


def test_0006_makes_the_due_indexes_partial_and_downgrades_keeping_the_rows(empty_engine):
    migrate.upgrade(empty_engine, "0005")
    with empty_engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO workspaces (id, platform, external_id, name, active, created_at) "
            "VALUES (1, 'slack', 'T1', '', true, '2026-12-01 10:00:00')"))
        for i, state in enumerate(("pending", "sending", "sent")):
            conn.execute(text(
                "INSERT INTO outbox (idempotency_key, workspace_id, kind, payload, state, "
                "attempts, not_before, created_at) VALUES (:k, 1, 'notice', '{}', :s, 0, "
                "'2026-12-01 10:00:00', '2026-12-01 10:00:00')"), {"k": f"k{i}", "s": state})
    before = _outbox_indexes(empty_engine)
    assert before["ix_outbox_state_not_before_id"] == (["state", "not_before", "id"], "")

    migrate.upgrade(empty_engine)
    after = _outbox_indexes(empty_engine)
    assert "ix_outbox_state_not_before_id" not in after
    columns, where = after["ix_outbox_pending_due"]
    assert columns == ["not_before", "id"] and "pending" in where
    columns, where = after["ix_outbox_sending_claimed_at"]
    assert columns == ["claimed_at"] and "sending" in where
    columns, where = after["ix_outbox_payload_purge_at"]
    assert columns == ["payload_purge_at"] and "IS NOT NULL" in where.upper()

    migrate.downgrade(empty_engine, "0005")
    assert _outbox_indexes(empty_engine) == before
    with empty_engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM outbox")).scalar_one() == 3
    migrate.upgrade(empty_engine)
    assert migrate.at_head(empty_engine)


def test_0009_gives_existing_programmes_the_added_settings_defaults_and_downgrades(
        empty_engine):
    from sqlalchemy.orm import Session

    from bot.core import settings as table
    from bot.services.programme_settings import settings_as_text, settings_of
    from bot.store.models import Programme

    migrate.upgrade(empty_engine, "0006")
    with empty_engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO workspaces (id, platform, external_id, name, active, created_at) "
            "VALUES (1, 'slack', 'T1', '', true, '2026-12-01 10:00:00')"))
        conn.execute(text(
            "INSERT INTO programmes (id, workspace_id, name, mode, group_size, capacity, "
            "cadence, timezone, recency, checkin_after_days, professions, sides, weights, "
            "organisers, side_names, format, term_rounds, evaluation, term_starts, journey, "
            "active, created_at, updated_at) VALUES (1, 1, 'P', 'cross', 2, 1, "
            "'monthly first monday 10:00', 'Europe/London', 6, 14, '[\"Nurse\", \"Porter\"]', "
            "'{}', '{}', '[]', '{}', 'rotating', 6, true, '', '', true, "
            "'2026-12-01 10:00:00', '2026-12-01 10:00:00')"))
    migrate.upgrade(empty_engine)
    with Session(empty_engine) as session:
        shown = settings_as_text(settings_of(session.get_one(Programme, 1)))
    added = table.KEYS[table.KEYS.index("availability"):]
    assert {key: shown[key] for key in added} == {
        key: table.BY_KEY[key].text(table.BY_KEY[key].default) for key in added}
    migrate.downgrade(empty_engine, "0006")
    columns = {c["name"] for c in inspect(empty_engine).get_columns("programmes")}
    assert "availability" not in columns and "language" not in columns
    with empty_engine.connect() as conn:
        assert conn.execute(text("SELECT name FROM programmes")).scalar_one() == "P"
