"""Migrations: empty to head and back, and models agree with migrations."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

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
