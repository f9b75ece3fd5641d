"""0011: the activity log's table, and evaluation scores on any instrument's scale."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from bot.core.profile import ProfileInput
from bot.runtime import build_services
from bot.services import participants
from bot.store import migrate


def _answer(conn, score: int, domain: str) -> None:
    conn.execute(text(
        "INSERT INTO evaluation_answers (participant_id, programme_id, stage, term, domain, "
        "score, answered_at) VALUES (1, 1, 'baseline', 0, :d, :s, '2026-12-01 10:00:00')"),
        {"d": domain, "s": score})


def test_0011_adds_activities_widens_the_score_and_downgrades_keeping_the_five_point_rows(
        empty_engine):
    migrate.upgrade(empty_engine)
    services = build_services(empty_engine)
    participants.save_profile(services, "slack", "T1", "U1", "Name", None,
                              ProfileInput("Nurse"))
    assert "activities" in inspect(empty_engine).get_table_names()
    with empty_engine.begin() as conn:
        _answer(conn, 2, "role")
        _answer(conn, 7, "isvs1")
    with pytest.raises(IntegrityError), empty_engine.begin() as conn:
        _answer(conn, 101, "isvs2")

    migrate.downgrade(empty_engine, "0006")
    assert "activities" not in inspect(empty_engine).get_table_names()
    with empty_engine.connect() as conn:
        assert conn.execute(text("SELECT domain, score FROM evaluation_answers")).all() == [
            ("role", 2)]
    with pytest.raises(IntegrityError), empty_engine.begin() as conn:
        _answer(conn, 7, "isvs1")
    migrate.upgrade(empty_engine)
    assert migrate.at_head(empty_engine)
