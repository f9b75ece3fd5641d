"""The outbox by reference: what the database holds is ids, names appear only when sent."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select

from bot.config import Settings
from bot.core.intents import Notice
from bot.services import checkins, jobs, participants, rounds, stats
from bot.services.delivery import deliver_due
from bot.store.models import Match, OutboxMessage, Participant, Programme, Round, Workspace
from tests.fakes.gateway import RecordingGateway
from tests.services.conftest import ROUND_AT, join

NAME = "Chloé d'Arcy"
INTRO = "I run the night shift on ward 7B"


def _programme_id(services) -> int:
    with services.unit_of_work() as session:
        return session.scalars(select(Programme.id)).one()


def _stored(services) -> str:
    """Every outbox payload and match reason, as the database holds them."""
    with services.unit_of_work() as session:
        payloads = session.scalars(select(OutboxMessage.payload)).all()
        reasons = session.scalars(select(Match.reasons)).all()
    return json.dumps([payloads, reasons], ensure_ascii=False)


def _join_chloe(services):
    join(services, "U1", "Nurse", learn=["Manager"], intro=INTRO)
    with services.unit_of_work() as session:
        session.scalars(select(Participant).where(Participant.user_id == "U1")).one() \
            .display_name = NAME
    join(services, "U2", "Manager", learn=["Nurse"], intro="Rotas and budgets")


def test_payloads_and_reasons_hold_references_and_names_appear_when_sent(
        services, gateway, clock):
    _join_chloe(services)
    clock.at = ROUND_AT
    rounds.run_round(services, _programme_id(services))
    stored = _stored(services)
    assert NAME not in stored and INTRO not in stored and "Name U2" not in stored
    with services.unit_of_work() as session:
        reasons = session.scalars(select(Match.reasons)).one()
        chloe = session.scalars(select(Participant.id).where(Participant.user_id == "U1")).one()
    # A catalogue message, its reader's form and its data; the person by id, never by name.
    assert {"template": "{0} wants to learn about {profession}",
            "you": "You want to learn about {profession}", "values": {"profession": "Manager"},
            "people": [str(chloe)]} in reasons

    deliver_due(services)
    intro = gateway.of_kind("intro")[0].intent
    assert [(m.name, m.intro) for m in intro.members] == [
        (NAME, INTRO), ("Name U2", "Rotas and budgets")]
    assert f"{NAME} wants to learn about Manager" in intro.reasons
    assert intro.reasons[0] == "Nurse meets Manager"
    assert len(intro.icebreakers) == 3 and intro.checkin_on == "Monday 21 December"
    assert NAME not in _stored(services)


def test_someone_who_left_before_sending_shows_as_a_placeholder(services, clock):
    teams = RecordingGateway(platform="teams", group_conversations=False)
    services.gateways = {"teams": teams}
    join(services, "U1", "Nurse", learn=["Manager"], intro=INTRO, platform="teams")
    join(services, "U2", "Manager", platform="teams")
    clock.at = ROUND_AT
    rounds.run_round(services, _programme_id(services))
    participants.leave(services, "teams", "T1", "U1")
    assert INTRO not in _stored(services) and "Name U1" not in _stored(services)
    deliver_due(services)
    [sent] = teams.of_kind("intro")
    assert sent.users == ("U2",)
    names = [(m.name, m.profession, m.intro) for m in sent.intent.members]
    assert names == [("Someone who has left", "Nurse", ""), ("Name U2", "Manager", "")]
    assert "Someone who has left wants to learn about Manager" in sent.intent.reasons


def test_a_checkin_shows_the_answers_as_they_are_when_it_is_sent(services, gateway, clock):
    join(services, "U1", "Nurse")
    join(services, "U2", "Manager")
    clock.at = ROUND_AT
    jobs.run_due(services)
    with services.unit_of_work() as session:
        match_id = session.scalars(select(Match.id)).one()
    checkins.record_checkin(services, "slack", "T1", "U2", answer="scheduled",
                            source="button", match_id=match_id)
    clock.at = ROUND_AT + dt.timedelta(days=14, minutes=1)
    jobs.run_due(services)
    [checkin] = gateway.of_kind("checkin")
    assert checkin.intent.answers == {"U2": "scheduled"}
    assert [m.name for m in checkin.intent.members] == ["Name U1", "Name U2"]


def test_sent_payloads_are_emptied_after_the_retention_and_checkins_still_work(
        services, gateway, clock):
    join(services, "U1", "Nurse")
    join(services, "U2", "Manager")
    clock.at = ROUND_AT
    jobs.run_due(services)
    # 28 December 2026 is a bank holiday (Boxing Day's substitute): the reminder waits
    # for the next working day, the 29th.
    clock.at = ROUND_AT + dt.timedelta(days=22, minutes=1)
    jobs.run_due(services)  # check-in, reminder and (nobody answered) the offers of a rescue
    with services.unit_of_work() as session:
        sent = session.scalars(select(OutboxMessage).where(OutboxMessage.state == "sent")).all()
        assert sent and all(r.payload_purge_at == r.sent_at + dt.timedelta(days=30)
                            for r in sent)
    clock.at = ROUND_AT + dt.timedelta(days=52, minutes=2)
    jobs.run_due(services)
    with services.unit_of_work() as session:
        rows = session.execute(select(OutboxMessage.kind, OutboxMessage.payload,
                                      OutboxMessage.payload_purge_at)).all()
    assert {(kind, json.dumps(p), purge) for kind, p, purge in rows} == {
        ("intro", "{}", None), ("checkin", "{}", None), ("rescue_offer", "{}", None)}
    reminder = next(s for s in gateway.of_kind("checkin") if s.intent.reminder)
    result = checkins.record_checkin(services, "slack", "T1", "U1", answer="met",
                                     source="reaction", message=reminder.ref)
    assert result.changed
    redrawn = {ref.message_id: intent.reminder for ref, intent in gateway.updates}
    assert redrawn == {reminder.ref.message_id: True,
                       next(s for s in gateway.of_kind("checkin")
                            if not s.intent.reminder).ref.message_id: False}


def test_the_retention_is_a_setting(monkeypatch):
    monkeypatch.setenv("PAIRBOT_SENT_PAYLOAD_DAYS", "7")
    assert Settings().sent_payload_days == 7


def test_create_matches_avoids_questions_the_members_were_asked_together(services, clock):
    join(services, "U1", "Nurse")
    join(services, "U2", "Manager")
    clock.at = ROUND_AT
    with services.unit_of_work() as session:
        programme = session.scalars(select(Programme)).one()
        workspace = session.get_one(Workspace, programme.workspace_id)
        people = session.scalars(select(Participant).order_by(Participant.id)).all()
        asked = []
        for ordinal in (1, 2):
            rnd = Round(programme_id=programme.id, period=f"2026-0{ordinal}",
                        ordinal=ordinal, seed=7, started_at=clock.at)
            session.add(rnd)
            session.flush()
            history = rounds.load_history(session, programme.id)
            [match_id] = rounds.create_matches(
                services, session, workspace, programme, rnd,
                [rounds.NewMatch(members=tuple(people), score=10, reasons=[], seed=7)],
                clock.at, history)
            asked.append({q["id"] for q in session.get_one(Match, match_id).icebreakers})
    # The same seed both times: only the history makes the second set different.
    assert len(asked[0]) == len(asked[1]) == 3 and not asked[0] & asked[1]


def test_metrics_read_the_backlog_live_and_the_totals_seldom(services, engine, clock):
    from tests.services.test_scale import counted

    join(services, "U1", "Nurse")
    join(services, "U2", "Manager")
    clock.at = ROUND_AT
    rounds.run_round(services, _programme_id(services))
    first = stats.operational_counts(services)
    assert first["pairbot_outbox_messages"] == {
        "pending": 1, "sending": 0, "sent": 0, "failed": 0, "cancelled": 0}
    assert first["pairbot_participants"]["active"] == 2
    assert first["pairbot_rounds"]["delivering"] == 1
    deliver_due(services)
    with counted(engine) as statements:
        again = stats.operational_counts(services)
    # Pending is live; the whole-table totals (sent) are not re-counted within minutes.
    assert again["pairbot_outbox_messages"]["pending"] == 0
    assert again["pairbot_outbox_messages"]["sent"] == 0
    assert len(statements) == 2 and statements.matching("participants") == 0


def test_the_purge_empties_a_bounded_batch_a_tick_and_never_an_unsent_row(
        services, gateway, clock, monkeypatch):
    for user, profession in (("U1", "Nurse"), ("U2", "Manager"), ("U3", "Nurse"),
                             ("U4", "Manager"), ("U5", "Nurse"), ("U6", "Manager")):
        join(services, user, profession)
    clock.at = ROUND_AT
    jobs.run_due(services)
    assert len(gateway.of_kind("intro")) == 3
    with services.unit_of_work() as session:
        workspace = session.scalars(select(Workspace)).one()
        later = rounds.enqueue(session, workspace, "later:notice",
                               Notice("A notice for next year"),
                               users=["U1"], now=clock.at,
                               not_before=ROUND_AT + dt.timedelta(days=365))
    assert later
    monkeypatch.setattr(jobs, "PURGE_BATCH", 2)

    def payloads() -> dict[str, bool]:
        with services.unit_of_work() as session:
            return {key: bool(payload) for key, payload in session.execute(
                select(OutboxMessage.idempotency_key, OutboxMessage.payload))}

    clock.at = ROUND_AT + dt.timedelta(days=29)
    jobs.tidy(services)  # not yet due
    assert all(payloads().values())
    clock.at = ROUND_AT + dt.timedelta(days=31)
    jobs.tidy(services)
    first = payloads()
    assert first.pop("later:notice") is True
    assert sorted(first.values()) == [False, False, True]  # two a tick
    jobs.tidy(services)
    rest = payloads()
    assert rest.pop("later:notice") is True
    assert set(rest.values()) == {False}
    with services.unit_of_work() as session:
        pending = session.scalars(select(OutboxMessage).where(
            OutboxMessage.idempotency_key == "later:notice")).one()
        assert (pending.state, pending.payload_purge_at) == ("pending", None)
