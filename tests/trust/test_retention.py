"""The retention job deletes what is older than the settings allow, and the figures
organisers see stay what they were (round summaries written before the details go)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import func, select

from bot.services import checkins, retention, rounds, stats, workspaces
from bot.services.delivery import deliver_due
from bot.store.models import (
    CheckinAnswer,
    Feedback,
    Match,
    OutboxMessage,
    Programme,
    RoundSummary,
    Workspace,
)
from tests.services.conftest import START, join
from tests.trust.scan import scan

DAY = dt.timedelta(days=1)


def _count(services, model, *where) -> int:
    with services.unit_of_work() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where)) or 0


def _a_round_with_answers(services) -> int:
    for user, profession, learn in (("U1", "Nurse", ["Manager"]), ("U2", "Manager", []),
                                    ("U3", "Pharmacist", []), ("U4", "Porter and estates", [])):
        join(services, user, profession, learn, intro=f"Intro of {user}")
    with services.unit_of_work() as session:
        pid = session.scalar(select(Programme.id))
    rounds.run_round(services, pid, actor="test")
    deliver_due(services)
    with services.unit_of_work() as session:
        matches = list(session.scalars(select(Match).order_by(Match.id)))
        members = {m.id: [mm.participant_id for mm in m.members] for m in matches}
    from bot.store.models import Participant
    with services.unit_of_work() as session:
        users = dict(session.execute(select(Participant.id, Participant.user_id)).all())
    first, second = (members[m.id] for m in matches)
    checkins.record_checkin(services, "slack", "T1", users[first[0]], answer="met",
                            source="button", match_id=matches[0].id)
    checkins.record_checkin(services, "slack", "T1", users[second[0]], answer="not_happening",
                            source="button", match_id=matches[1].id)
    checkins.record_feedback(services, "slack", "T1", users[first[0]], matches[0].id,
                             learned_score=4, learned_text="Budgets are set a year ahead",
                             share=True)
    checkins.record_feedback(services, "slack", "T1", users[first[1]], matches[0].id,
                             learned_score=2, learned_text="Private note", share=False)
    return pid


def _figures(services, pid):
    f = stats.programme_stats(services, pid)
    return (f.rounds, f.matches, f.met_percent, f.average_learning, f.meetings)


def test_answers_then_matches_go_and_the_figures_stay(services, clock):
    pid = _a_round_with_answers(services)
    before = _figures(services, pid)
    assert before[1:4] == (2, 50.0, 3.0)
    assert stats.programme_stats(services, pid).shared_learnings == (
        "Budgets are set a year ahead",)

    clock.at = START + 364 * DAY
    assert retention.apply(services).summarised_rounds == 0
    assert _count(services, CheckinAnswer) == 2 and _count(services, Feedback) == 2

    clock.at = START + 366 * DAY
    report = retention.apply(services)
    assert (report.summarised_rounds, report.answers) == (1, 4)
    assert _count(services, CheckinAnswer) == 0 and _count(services, Feedback) == 0
    assert _count(services, Match) == 2  # match history is kept longer
    assert _figures(services, pid) == before
    assert stats.programme_stats(services, pid).shared_learnings == ()
    assert retention.apply(services).summarised_rounds == 0  # idempotent

    clock.at = START + 731 * DAY
    assert retention.apply(services).matches == 2
    assert _count(services, Match) == 0 and _count(services, RoundSummary) == 1
    assert _figures(services, pid) == before
    assert scan(services.sessions.kw["bind"], ["Budgets are set", "Private note"]) == []


def test_learnings_can_go_before_answers(services, clock):
    services.retention = dataclasses.replace(services.retention, learnings=30 * DAY)
    pid = _a_round_with_answers(services)
    before = _figures(services, pid)
    clock.at = START + 31 * DAY
    assert retention.apply(services).learnings == 2
    with services.unit_of_work() as session:
        assert sorted(session.scalars(select(Feedback.learned_score))) == [2, 4]
        assert set(session.scalars(select(Feedback.learned_text))) == {""}
    assert _figures(services, pid) == before


def test_sent_messages_go_after_their_period_pending_ones_stay(services, clock):
    _a_round_with_answers(services)
    sent = _count(services, OutboxMessage, OutboxMessage.state == "sent")
    assert sent > 0
    with services.unit_of_work() as session:
        session.add(OutboxMessage(idempotency_key="later", workspace_id=session.scalar(
            select(Workspace.id)), kind="notice", payload={}, state="pending",
            not_before=START + 200 * DAY, created_at=START))
    clock.at = START + 91 * DAY
    assert retention.apply(services).messages == sent
    assert _count(services, OutboxMessage) == 1


def test_an_uninstalled_workspace_is_erased_after_the_grace_period(services, clock):
    _a_round_with_answers(services)
    workspaces.uninstalled(services, "slack", "T1")
    clock.at = START + 29 * DAY
    assert retention.apply(services).workspaces == 0
    assert _count(services, Workspace) == 1
    clock.at = START + 31 * DAY
    assert retention.apply(services).workspaces == 1
    assert _count(services, Workspace) == 0
    assert scan(services.sessions.kw["bind"], ["Intro of U1", "Name U1", "U1"]) == []


def test_a_workspace_added_back_within_the_grace_period_is_kept(services, clock):
    _a_round_with_answers(services)
    workspaces.uninstalled(services, "slack", "T1")
    clock.at = START + 10 * DAY
    workspaces.installed(services, "slack", "T1")
    clock.at = START + 60 * DAY
    assert retention.apply(services).workspaces == 0
    assert _count(services, Workspace) == 1


def test_retention_settings_come_from_the_environment():
    from bot.config import load_settings

    settings = load_settings(_env_file=None, PAIRBOT_RETAIN_ANSWERS_DAYS="30",
                             PAIRBOT_ERASE_UNINSTALLED_AFTER_DAYS="7")
    policy = retention.retention_of(settings)
    assert (policy.answers, policy.uninstalled_grace, policy.matches) == (
        30 * DAY, 7 * DAY, 730 * DAY)
