"""Organisers see figures, never one person's check-in or learning answer; shared learnings
only when the person chose to share, and never as a live formula in a spreadsheet."""

from __future__ import annotations

import csv
import io

from fastapi.testclient import TestClient
from sqlalchemy import select

from bot.services import admin, checkins, rounds
from bot.services.delivery import deliver_due
from bot.store.models import Match, Programme
from bot.web.admin import admin_router
from bot.web.app import create_app
from tests.services.conftest import join

TOKEN = "organiser-token"
SHARED = '=HYPERLINK("https://evil.example/x","Budgets are set a year ahead")'
PRIVATE = "Private: my partner seemed unhappy at work"


def _round(services) -> int:
    for user, profession in (("U1", "Nurse"), ("U2", "Manager"), ("U3", "Pharmacist"),
                             ("U4", "Porter and estates")):
        join(services, user, profession, intro=f"intro-{user}")
    with services.unit_of_work() as session:
        pid = session.scalar(select(Programme.id))
    rounds.run_round(services, pid, actor="test")
    deliver_due(services)
    with services.unit_of_work() as session:
        first, _ = session.scalars(select(Match).order_by(Match.id)).all()
        a, b = (m.participant_id for m in first.members)
        from bot.store.models import Participant
        users = dict(session.execute(select(Participant.id, Participant.user_id)).all())
    checkins.record_checkin(services, "slack", "T1", users[a], answer="met", source="button",
                            match_id=first.id)
    checkins.record_checkin(services, "slack", "T1", users[b], answer="not_happening",
                            source="button", match_id=first.id)
    checkins.record_feedback(services, "slack", "T1", users[a], first.id, learned_score=5,
                             learned_text=SHARED, share=True)
    checkins.record_feedback(services, "slack", "T1", users[b], first.id, learned_score=1,
                             learned_text=PRIVATE, share=False)
    return pid


def _views(services, pid) -> dict[str, str]:
    http = TestClient(create_app(engine=services.sessions.kw["bind"],
                                 routers=[admin_router(services, TOKEN)]))
    auth = {"Authorization": f"Bearer {TOKEN}"}
    return {
        "chat": admin.programme_stats(services, pid, actor="UADMIN"),
        "dashboard": http.get("/admin", headers=auth).text,
        "api": http.get("/admin/api/stats", headers=auth).text,
        "csv": http.get(f"/admin/programmes/{pid}/report.csv", headers=auth).text,
    }


def test_no_individual_answer_and_no_private_learning_reaches_organisers(services):
    pid = _round(services)
    for where, shown in _views(services, pid).items():
        assert "unhappy" not in shown, where
        for user in ("U1", "U2", "U3", "U4"):
            assert f"Name {user}" not in shown and f"intro-{user}" not in shown, (where, user)
        assert "Not going to happen" not in shown and "not_happening" not in shown, where


def test_shared_learnings_are_shown_and_exported_as_text(services):
    pid = _round(services)
    views = _views(services, pid)
    assert "Budgets are set a year ahead" in views["api"]
    assert "Budgets are set a year ahead" in views["dashboard"]
    rows = list(csv.reader(io.StringIO(views["csv"])))
    [learning] = [r for r in rows if r[0] == "shared_learning"]
    assert learning[2] == "'" + SHARED
    assert all(not cell.startswith(("=", "+", "@")) for row in rows for cell in row)
