"""Rounds through the services: claim once, introduce everyone, check in, recover."""

import datetime as dt

import pytest
from sqlalchemy import func, select, update

from bot.services import checkins, jobs, participants, rounds, stats
from bot.services.delivery import deliver_due
from bot.services.programme_schedule import headsup_at
from bot.store.models import (
    CheckinAnswer,
    Match,
    MatchMember,
    OutboxMessage,
    Participant,
    Programme,
    Round,
)
from tests.services.conftest import ROUND_AT, join

PEOPLE = [
    ("U1", "Nurse", ["Manager"]),
    ("U2", "Manager", ["Nurse"]),
    ("U3", "Pharmacist", []),
    ("U4", "Physiotherapist", ["Pharmacist"]),
    ("U5", "Paramedic", []),
]


def _join_all(services, people=PEOPLE):
    for user, profession, learn in people:
        join(services, user, profession, learn=learn)


def _programme_id(services):
    from bot.store.models import Programme

    with services.unit_of_work() as session:
        return session.scalars(select(Programme.id)).one()


def test_a_round_introduces_everyone_once_with_icebreakers(services, gateway, clock):
    _join_all(services)
    clock.at = ROUND_AT
    plan = rounds.run_round(services, _programme_id(services))
    assert plan.period == "2026-12"
    assert sorted(len(g.members) for g in plan.groups) == [2, 3]  # the odd one joins a trio
    assert plan.unpaired == ()

    report = deliver_due(services)
    assert report.sent == 2
    intros = gateway.of_kind("intro")
    assert sorted(u for s in intros for u in s.users) == ["U1", "U2", "U3", "U4", "U5"]
    for sent in intros:
        assert len(sent.intent.icebreakers) == 3
        assert sent.intent.checkin_on == "Monday 21 December"
        assert sent.intent.reasons
    nurse_manager = next(s for s in intros if set(s.users) >= {"U1", "U2"})
    assert any("wants to learn about" in r for r in nurse_manager.intent.reasons)

    with pytest.raises(rounds.RoundTaken):
        rounds.run_round(services, _programme_id(services))
    assert deliver_due(services).sent == 0


def test_the_heads_up_goes_out_on_the_working_day_before_never_on_a_day_off(services,
                                                                          gateway, clock):
    _join_all(services)
    assert ROUND_AT.weekday() == 0  # a Monday round: the heads-up is Friday's
    clock.at = ROUND_AT - dt.timedelta(days=3, minutes=1)
    assert jobs.run_due(services).headsups == 0
    clock.at = ROUND_AT - dt.timedelta(days=3)
    assert jobs.run_due(services).headsups == 5
    assert len(gateway.of_kind("headsup")) == 5
    clock.at = ROUND_AT - dt.timedelta(days=1)  # Sunday: nothing more
    assert jobs.run_due(services).headsups == 0
    with services.unit_of_work() as session:
        programme = session.get_one(Programme, _programme_id(services))
        tuesday = ROUND_AT + dt.timedelta(days=1)
        assert headsup_at(programme, tuesday) == ROUND_AT  # a Tuesday round: Monday's
        # Friday 1 January is a bank holiday in England: Thursday's.
        new_year = dt.datetime(2027, 1, 4, 10, tzinfo=dt.UTC)
        assert headsup_at(programme, new_year) == dt.datetime(2026, 12, 31, 10, tzinfo=dt.UTC)


def test_tick_is_idempotent_and_runs_the_round_at_its_time(services, gateway, clock):
    _join_all(services)
    first = jobs.run_due(services)
    assert first.rounds == [] and first.delivery.sent == 0  # a week early: nothing
    clock.at = ROUND_AT - dt.timedelta(hours=20)
    headsup = jobs.run_due(services)
    assert headsup.headsups == 5 and len(gateway.of_kind("headsup")) == 5
    clock.at = ROUND_AT + dt.timedelta(minutes=1)
    report = jobs.run_due(services)
    assert report.rounds == ["Paired learning 2026-12"]
    sent = len(gateway.sent)
    again = jobs.run_due(services)
    assert again.rounds == [] and again.delivery.sent == 0 and len(gateway.sent) == sent
    with services.unit_of_work() as session:
        assert session.scalars(select(Round.state)).all() == ["done"]  # everything is out


def test_checkin_by_answer_last_wins_and_updates_the_message(services, gateway, clock):
    join(services, "U1", "Nurse")
    join(services, "U2", "Manager")
    clock.at = ROUND_AT
    jobs.run_due(services)
    intro = gateway.of_kind("intro")[0]
    clock.at = ROUND_AT + dt.timedelta(days=14, minutes=1)
    assert jobs.run_due(services).checkins == 1
    checkin = gateway.of_kind("checkin")[0]
    assert checkin.conversation == intro.conversation
    assert jobs.run_due(services).checkins == 0

    result = checkins.record_checkin(services, "slack", "T1", "U1", answer="met",
                                     source="reaction", message=checkin.ref)
    assert result.changed and result.ask_feedback
    assert gateway.updates[-1][1].answers == {"U1": "met"}
    repeat = checkins.record_checkin(services, "slack", "T1", "U1", answer="met",
                                     source="button", message=checkin.ref)
    assert not repeat.changed
    checkins.record_checkin(services, "slack", "T1", "U1", answer="scheduled", source="button",
                            message=checkin.ref)
    outsider = checkins.record_checkin(services, "slack", "T1", "U9", answer="met",
                                       source="button", message=checkin.ref)
    assert outsider.error == "Only the people in this group can answer its check-in."
    with services.unit_of_work() as session:
        answers = session.scalars(select(CheckinAnswer)).all()
        assert [(a.answer, a.source) for a in answers] == [("scheduled", "button")]
    checkins.record_checkin(services, "slack", "T1", "U1", answer="scheduled",
                            source="reaction", message=checkin.ref, withdraw=True)
    with services.unit_of_work() as session:
        assert session.scalar(select(func.count(CheckinAnswer.id))) == 0


def test_one_reminder_when_nobody_answered(services, gateway, clock):
    join(services, "U1", "Nurse")
    join(services, "U2", "Manager")
    clock.at = ROUND_AT
    jobs.run_due(services)
    # 28 December 2026 is a bank holiday (Boxing Day's substitute): the reminder waits
    # for the next working day, the 29th.
    clock.at = ROUND_AT + dt.timedelta(days=22, minutes=1)
    report = jobs.run_due(services)
    assert report.checkins == 1 and report.reminders == 1
    assert sorted(s.intent.reminder for s in gateway.of_kind("checkin")) == [False, True]
    assert jobs.run_due(services).reminders == 0
    reminder = next(s for s in gateway.of_kind("checkin") if s.intent.reminder)
    checkins.record_checkin(services, "slack", "T1", "U1", answer="met", source="reaction",
                            message=reminder.ref)
    redrawn = {ref.message_id: intent.reminder for ref, intent in gateway.updates}
    assert redrawn[reminder.ref.message_id] is True  # still reads as a reminder
    assert sorted(redrawn.values()) == [False, True]


def test_three_ignored_intros_pause_a_participant(services, gateway, clock):
    # Three of each, so that three rounds can pair everyone without a repeat.
    for user, profession in [("U1", "Nurse"), ("U2", "Manager"), ("U3", "Nurse"),
                             ("U4", "Manager"), ("U5", "Nurse"), ("U6", "Manager")]:
        join(services, user, profession)
    # Rounds on the first Mondays; a match closes 28 days after its intro.
    for at in [ROUND_AT, dt.datetime(2027, 1, 4, 10, 1, tzinfo=dt.UTC),
               dt.datetime(2027, 2, 1, 10, 1, tzinfo=dt.UTC)]:
        clock.at = at
        jobs.run_due(services)
        assert not gateway.of_kind("autopaused")
    clock.at = dt.datetime(2027, 3, 1, 10, 1, tzinfo=dt.UTC)
    report = jobs.run_due(services)
    assert report.auto_paused == 6
    notices = gateway.of_kind("autopaused")
    assert sorted(u for s in notices for u in s.users) == [f"U{i}" for i in range(1, 7)]
    with services.unit_of_work() as session:
        assert {p.status for p in session.scalars(select(Participant))} == {"paused"}


def _round_with_one_manager(services, clock):
    for user, profession in [("U1", "Manager"), ("U2", "Nurse"), ("U3", "Nurse"),
                             ("U4", "Nurse")]:
        join(services, user, profession)
    clock.at = ROUND_AT
    plan = rounds.run_round(services, _programme_id(services))
    # Only one nurse can meet the manager; the other two are left out, with a reason.
    assert len(plan.groups) == 1 and len(plan.unpaired) == 2


def test_unreachable_partner_is_deactivated_and_the_other_rematched(services, gateway, clock):
    _round_with_one_manager(services, clock)
    with services.unit_of_work() as session:
        pair = session.scalars(select(MatchMember.participant_id)).all()
        partner = session.scalars(select(Participant).where(
            Participant.id.in_(pair), Participant.user_id != "U1")).one().user_id
    gateway.unreachable[partner] = "user_not_found"
    report = deliver_due(services)
    assert report.errors == {"user_not_found": 1}
    with services.unit_of_work() as session:
        gone = session.scalars(select(Participant).where(Participant.user_id == partner)).one()
        assert gone.status == "deactivated"
    intros = gateway.of_kind("intro")
    assert len(intros) == 1 and "U1" in intros[0].users and partner not in intros[0].users
    assert "could not be reached" in intros[0].intent.reasons[-1]
    # The nurse who was re-matched does not also get a "you were left out" notice.
    rematched = next(u for u in intros[0].users if u != "U1")
    assert gateway.of_kind("unpaired") == []  # they wait for the intros
    clock.advance(minutes=15)
    deliver_due(services)
    assert [s.users for s in gateway.of_kind("unpaired")] == [
        (u,) for u in sorted({"U2", "U3", "U4"} - {partner, rematched})]


def test_the_partner_of_someone_unreachable_is_told_in_their_own_language(
        services, gateway, clock):
    _round_with_one_manager(services, clock)
    with services.unit_of_work() as session:
        session.execute(update(Participant).values(language="cy"))
    gateway.unreachable["U1"] = "account_inactive"
    deliver_due(services)
    clock.advance(minutes=15)
    deliver_due(services)
    [told] = [s for s in gateway.of_kind("notice") if "nid oes modd cyrraedd" in s.intent.text]
    assert "can no longer be reached" not in told.intent.text
    assert "Cewch flaenoriaeth yn y cylch nesaf." in told.intent.text


def test_unreachable_manager_leaves_the_partner_told_with_priority(services, gateway, clock):
    _round_with_one_manager(services, clock)
    gateway.unreachable["U1"] = "account_inactive"
    deliver_due(services)
    clock.advance(minutes=15)
    deliver_due(services)
    assert len(gateway.of_kind("unpaired")) == 2
    told = [s for s in gateway.of_kind("notice") if "can no longer be reached" in s.intent.text]
    assert len(told) == 1
    with services.unit_of_work() as session:
        person = session.scalars(select(Participant).where(
            Participant.user_id == told[0].users[0])).one()
        assert person.unpaired_last_round


def test_leaving_keeps_an_anonymous_placeholder_in_matches(services, gateway, clock):
    join(services, "U1", "Nurse")
    join(services, "U2", "Manager")
    clock.at = ROUND_AT
    jobs.run_due(services)
    participants.leave(services, "slack", "T1", "U1")
    with services.unit_of_work() as session:
        members = session.scalars(select(MatchMember).order_by(MatchMember.position)).all()
        assert sorted((m.participant_id is None, m.profession) for m in members) == [
            (False, "Manager"), (True, "Nurse")]
        assert session.scalar(select(func.count(Match.id))) == 1


def test_stats_count_meetings_and_learning(services, gateway, clock):
    join(services, "U1", "Nurse")
    join(services, "U2", "Manager")
    clock.at = ROUND_AT
    jobs.run_due(services)
    clock.at += dt.timedelta(days=15)
    jobs.run_due(services)
    checkin = gateway.of_kind("checkin")[0]
    result = checkins.record_checkin(services, "slack", "T1", "U1", answer="met",
                                     source="button", message=checkin.ref)
    checkins.record_feedback(services, "slack", "T1", "U1", result.match_id, learned_score=4,
                             learned_text="How rotas are built", share=True)
    figures = stats.programme_stats(services, _programme_id(services))
    assert (figures.participants, figures.rounds, figures.matches) == (2, 1, 1)
    assert figures.met_percent == 100.0 and figures.average_learning == 4.0
    assert figures.meetings == (("Manager", "Nurse", 1),)
    assert figures.shared_learnings == ("How rotas are built",)


def test_outbox_rows_and_matches_are_written_together(services, clock):
    _join_all(services)
    clock.at = ROUND_AT
    rounds.run_round(services, _programme_id(services))
    with services.unit_of_work() as session:
        keys = session.scalars(select(OutboxMessage.idempotency_key)).all()
        matches = session.scalars(select(Match.id)).all()
    assert len(keys) == len(matches) == 2
    assert all(k.endswith(":intro:group") for k in keys)
