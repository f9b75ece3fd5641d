"""Organisers see figures, never one person's check-in or learning answer; shared learnings
only when the person chose to share, and never as a live formula in a spreadsheet."""

from __future__ import annotations

import csv
import io
import re

from sqlalchemy import select

from bot.services import admin, checkins, rounds
from bot.services.delivery import deliver_due
from bot.store.models import Match, Programme
from tests.services.conftest import join
from tests.web.console_support import TOKEN, make_client

SHARED = '=HYPERLINK("https://evil.example/x","Budgets are set a year ahead")'
PRIVATE = "Private: my partner seemed unhappy at work"


def _round(services, *, scores: int = 0) -> int:
    """A round of four people, one group answering; `scores` more learning scores from the
    other group's members and others (the figures need 5 people behind them)."""
    people = (("U1", "Nurse"), ("U2", "Manager"), ("U3", "Pharmacist"),
              ("U4", "Porter and estates"), ("U5", "Nurse"), ("U6", "Manager"))
    for user, profession in people[:6 if scores else 4]:
        join(services, user, profession, intro=f"intro-{user}")
    with services.unit_of_work() as session:
        pid = session.scalar(select(Programme.id))
    rounds.run_round(services, pid, actor="test")
    deliver_due(services)
    with services.unit_of_work() as session:
        first, *others = session.scalars(select(Match).order_by(Match.id)).all()
        a, b = (m.participant_id for m in first.members)
        rest = [(m.id, mm.participant_id) for m in others for mm in m.members]
        from bot.store.models import Participant
        users = dict(session.execute(select(Participant.id, Participant.user_id)).all())
    for match_id, person in rest[:scores]:
        checkins.record_feedback(services, "slack", "T1", users[person], match_id,
                                 learned_score=4, learned_text="", share=False)
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
    http = make_client(services.sessions.kw["bind"], services)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    pages = {
        "chat": admin.programme_stats(services, pid, actor="UADMIN"),
        "overview": http.get(f"/admin/programmes/{pid}", headers=auth).text,
        "rounds": http.get(f"/admin/programmes/{pid}/rounds", headers=auth).text,
        "api": http.get(f"/admin/api/programmes/{pid}", headers=auth).text,
        "api_rounds": http.get(f"/admin/api/programmes/{pid}/rounds", headers=auth).text,
    }
    for kind in ("matches", "participants", "learnings", "evaluation"):
        response = http.get(f"/admin/programmes/{pid}/export/{kind}.csv", headers=auth)
        assert response.status_code == 200, (kind, response.text)
        pages[kind] = response.content.decode("utf-8-sig")
    return pages


def test_no_individual_answer_and_no_private_learning_reaches_organisers(services):
    pid = _round(services)
    for where, shown in _views(services, pid).items():
        assert "unhappy" not in shown, where
        for user in ("U1", "U2", "U3", "U4"):
            assert f"intro-{user}" not in shown, (where, user)
        # Who answered what is never shown: only how each group's meeting went, and counts.
        assert not re.search(r"Name U\d[^<\n]*: (Met|Scheduled|Not happening|No answer)",
                             shown), where
        assert not re.search(r"learned \d/5", shown), where


def test_shared_learnings_are_shown_and_exported_as_text(services):
    pid = _round(services, scores=3)
    views = _views(services, pid)
    assert "Budgets are set a year ahead" in views["overview"]
    rows = list(csv.reader(io.StringIO(views["learnings"])))
    assert any(cell == "'" + SHARED for row in rows for cell in row), rows
    for kind in ("matches", "participants", "learnings", "evaluation"):
        cells = [c for row in csv.reader(io.StringIO(views[kind])) for c in row]
        assert all(not c.startswith(("=", "+", "@", "-")) for c in cells), kind


def test_a_leavers_follow_up_cannot_be_un_averaged_from_two_figures():
    """Issue 25: 6 people at 4.1667, then 5 at 4.0, gave away the leaver's score. Figures now
    cover whole blocks of five people and are rounded to one decimal."""
    from bot.core import evaluation as ev

    def answers(people):
        rows = []
        for person, after in people:
            rows.append(ev.Answer(str(person), ev.Stage.BASELINE, "role", 3))
            rows.append(ev.Answer(str(person), ev.Stage.FOLLOW_UP, "role", after, term=1))
        return rows

    six = [(1, 4), (2, 4), (3, 4), (4, 4), (5, 4), (6, 5)]
    before = next(c for c in ev.changes(answers(six)) if c.domain == "role")
    after = next(c for c in ev.changes(answers(six[:5])) if c.domain == "role")
    # The sixth person is not in any published figure until four more people answer.
    assert (before.people, before.follow_up) == (after.people, after.follow_up) == (5, 4.0)
    eleven = [*six, (7, 2), (8, 3), (9, 3), (10, 4), (11, 1)]
    ten = next(c for c in ev.changes(answers(eleven)) if c.domain == "role")
    assert ten.people == 10 and ten.follow_up == round(ten.follow_up, 1)


def test_a_pilot_of_fewer_than_five_shows_no_figure_about_answers_anywhere(services):
    """One rule (MIN_GROUP = 5) for every figure made of people's answers: met rate,
    learning score, shared learnings, by theme and before and after alike."""
    pid = _round(services)
    views = _views(services, pid)
    assert "Budgets are set a year ahead" not in views["overview"]
    assert "Budgets" not in views["learnings"]
    assert "not shown for fewer than 5 people" in views["overview"]
    assert "3.0" not in views["overview"]  # the average of the two scores (5 and 1)
    assert "Met rate: not shown for fewer than 5 people" in views["chat"]
    assert "Average learning about the other's role: not shown" in views["chat"]
    assert "Budgets" not in views["chat"]


def test_the_overview_lists_the_first_shared_learnings_and_the_export_has_them_all(
        services, monkeypatch):
    from bot.services.console import outcomes
    from bot.store.models import Feedback, MatchMember, Participant

    pid = _round(services, scores=3)
    with services.unit_of_work() as session:
        match_id, user = session.execute(select(Match.id, Participant.user_id).join(
            MatchMember, MatchMember.match_id == Match.id).join(
            Participant, Participant.id == MatchMember.participant_id).where(
            ~select(Feedback.id).where(Feedback.match_id == Match.id,
                                       Feedback.participant_id == Participant.id).exists())
            ).first()
    checkins.record_feedback(services, "slack", "T1", user, match_id, learned_score=4,
                             learned_text="Rotas are drawn six weeks ahead", share=True)
    monkeypatch.setattr(outcomes, "LEARNINGS_SHOWN", 1)
    views = _views(services, pid)
    assert "Budgets are set a year ahead" in views["overview"]
    assert "Rotas are drawn six weeks ahead" not in views["overview"]
    assert "The first 1 are shown here; the learnings export has them all" in views["overview"]
    assert "Rotas are drawn six weeks ahead" in views["learnings"]
    assert "Budgets are set a year ahead" in views["learnings"]
