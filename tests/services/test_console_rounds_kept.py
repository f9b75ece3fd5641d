"""The rounds page reads its delivery figures from each round's kept counts
(round_deliveries, kept by the database as the outbox changes) and its late joiners from
each person's latest round (participants.last_round_id): through every event that adds,
sends, fails, cancels or deletes messages, or makes or removes places, they equal a count
made from the outbox and the groups, and the messages retention or erasure deleted stay
counted."""

import dataclasses
import datetime as dt
from collections import Counter

from sqlalchemy import case, func, select

from bot.core.states import ParticipantStatus, RoundState
from bot.services import participants, retention, rounds
from bot.services.console import access, commands, group_actions, round_log
from bot.services.delivery import deliver_due
from bot.store.models import (
    Match,
    MatchMember,
    OutboxMessage,
    Participant,
    Programme,
    Round,
)
from tests.services.conftest import ROUND_AT, join
from tests.web.console_support import TOKEN, make_client

PEOPLE = [("U1", "Nurse"), ("U2", "Manager"), ("U3", "Pharmacist"), ("U4", "Physiotherapist"),
          ("U5", "Paramedic"), ("U6", "Nurse"), ("U7", "Manager"), ("U8", "Pharmacist")]
FINISHED = ("sent", "failed", "cancelled")
MONTH = dt.timedelta(days=31)


def _outbox(session) -> Counter[tuple[int, str]]:
    return Counter({(r, s): n for r, s, n in session.execute(
        select(OutboxMessage.round_id, OutboxMessage.state, func.count())
        .where(OutboxMessage.round_id.is_not(None))
        .group_by(OutboxMessage.round_id, OutboxMessage.state))})


class Raw:
    """Counts made from the raw tables, with the finished messages deleted so far (which
    the rounds' records keep)."""

    def __init__(self, services) -> None:
        self.services = services
        self.deleted: Counter[tuple[int, str]] = Counter()
        self._before: Counter[tuple[int, str]] = Counter()

    def before_deleting(self) -> None:
        with self.services.unit_of_work() as session:
            self._before = _outbox(session)

    def after_deleting(self) -> None:
        with self.services.unit_of_work() as session:
            now = _outbox(session)
        for (round_id, state), n in self._before.items():
            if state in FINISHED and n > now[(round_id, state)]:
                self.deleted[(round_id, state)] += n - now[(round_id, state)]

    def agrees(self, pid: int) -> tuple[int, int]:
        """Assert the page's figures equal the raw counts; (messages, late joiners)."""
        services = self.services
        with services.unit_of_work() as session:
            rows = _outbox(session)
            programme = session.get_one(Programme, pid)
            all_rounds = list(session.scalars(select(Round).where(Round.programme_id == pid)))
            places = session.execute(select(Match.round_id, MatchMember.participant_id).join(
                MatchMember, MatchMember.match_id == Match.id).join(
                Round, Round.id == Match.round_id).where(Round.programme_id == pid)).all()
            people = session.execute(select(
                Participant.id, Participant.display_name, Participant.status,
                Participant.last_round_id).where(Participant.programme_id == pid)).all()
            now = services.now()
            latest = max((r for r in all_rounds if r.state != RoundState.CANCELLED),
                         key=lambda r: r.ordinal, default=None)
            open_ = latest is not None and round_log.group_window_open(programme, latest, now)
            cancelled = {r.id for r in all_rounds if r.state == RoundState.CANCELLED}
        # Each person's latest round with a place, as their places say.
        theirs: dict[int, int] = {}
        for round_id, person in places:
            if person is not None:
                theirs[person] = max(theirs.get(person, 0), round_id)
        assert {p: last for p, _, _, last in people if last is not None} == theirs
        in_latest = {p for r, p in places if latest is not None and r == latest.id}
        joiners = sorted(((p, name) for p, name, status, _ in people
                          if status == ParticipantStatus.ACTIVE and p not in in_latest),
                         key=lambda j: j[1]) if open_ else []
        shown = group_actions.late_joiners(services, access.OPERATOR, pid)
        assert list(shown.people) == joiners
        views = {v.id: v for v in round_log.rounds_of(services, access.OPERATOR, pid)}
        assert set(views) == {r.id for r in all_rounds}
        total = 0
        for round_id, view in views.items():
            kept = Counter({s: n for (r, s), n in rows.items() if r == round_id})
            if round_id not in cancelled:  # a cancelled round's messages were dropped
                kept.update({s: n for (r, s), n in self.deleted.items() if r == round_id})
            assert (view.sent, view.pending, view.failed) == (
                kept["sent"], kept["pending"] + kept["sending"], kept["failed"]), round_id
            total += sum(kept.values())
        return total, len(joiners)


def _active(services) -> list[str]:
    with services.unit_of_work() as session:
        return list(session.scalars(select(Participant.user_id).where(
            Participant.status == ParticipantStatus.ACTIVE).order_by(Participant.id)))


def test_the_rounds_page_counts_as_the_outbox_and_the_groups_say_through_every_event(
        engine, services, clock, gateway):
    for user, profession in PEOPLE:
        join(services, user, profession)
    with services.unit_of_work() as session:
        pid = session.scalars(select(Programme.id)).one()
    raw = Raw(services)
    # Introductions one person at a time (as on Teams): erasing someone deletes theirs.
    gateway.group_conversations = False
    clock.at = ROUND_AT
    first = rounds.run_round(services, pid).round_id
    assert raw.agrees(pid) == (8, 0)  # eight introductions waiting, nobody left out
    # Two people the platform cannot reach: their groups' introductions fail, and their
    # partners are re-matched with each other; one send is retried later.
    with services.unit_of_work() as session:
        pairs = session.execute(select(Match.id, Participant.user_id, Participant.profession)
                                .join(MatchMember, MatchMember.match_id == Match.id)
                                .join(Participant, Participant.id == MatchMember.participant_id)
                                .order_by(Match.id, MatchMember.position)).all()
    groups: dict[int, list[tuple[str, str]]] = {}
    for match_id, user, profession in pairs:
        groups.setdefault(match_id, []).append((user, profession))
    (a, a_partner), *others = [g for g in groups.values() if len(g) == 2]
    b, _b_partner = next(g for g in others if g[1][1] != a_partner[1])
    gateway.unreachable = {a[0]: "user_not_found", b[0]: "user_not_found"}
    gateway.transient = ["ratelimited"]
    report = deliver_due(services)
    assert report.failed == 2 and report.retried == 1
    with services.unit_of_work() as session:
        assert session.scalar(select(func.count()).select_from(Match).where(
            Match.round_id == first)) == 5  # the re-match
    raw.agrees(pid)
    gateway.unreachable = {}
    clock.at += dt.timedelta(hours=1)
    deliver_due(services)
    raw.agrees(pid)
    # Someone joins late: offered, then added to a group.
    join(services, "U9", "Paramedic")
    assert raw.agrees(pid)[1] == 1
    with services.unit_of_work() as session:
        newcomer = session.scalar(select(Participant.id).where(Participant.user_id == "U9"))
        room = session.scalars(select(Match.id).join(MatchMember).join(
            Participant, Participant.id == MatchMember.participant_id).where(
            Match.round_id == first).group_by(Match.id).having(
            func.count() == 2, func.max(Participant.status) == "active",
            func.sum(case((Participant.profession == "Paramedic", 1), else_=0)) == 0)
            .order_by(Match.id)).first()
    assert "joins the group" in group_actions.add_late_joiner(
        services, access.OPERATOR, pid, newcomer, room)
    assert raw.agrees(pid)[1] == 0
    assert deliver_due(services).sent == 3  # the group introduced again
    raw.agrees(pid)
    # Someone pauses: the first round stays their latest.
    paused, leaver = _active(services)[:2]
    participants.pause(services, "slack", "T1", paused, (ROUND_AT + 2 * MONTH).date())
    clock.at = ROUND_AT + MONTH
    second = rounds.run_round(services, pid).round_id
    raw.agrees(pid)
    # Someone leaves (erased) before the round's introductions go: theirs are deleted, the
    # first round still counts theirs sent.
    raw.before_deleting()
    participants.leave(services, "slack", "T1", leaver)
    raw.after_deleting()
    assert sum(raw.deleted.values()) > 0
    raw.agrees(pid)
    deliver_due(services)
    raw.agrees(pid)
    join(services, "U10", "Nurse")
    assert raw.agrees(pid)[1] == 1
    # The next month's round run early, and cancelled before it sent anything: the second
    # is the latest again, its groups still open.
    clock.at = ROUND_AT + MONTH + dt.timedelta(days=2)
    third = rounds.run_round(services, pid, period="2027-02").round_id
    raw.agrees(pid)
    # One of its messages fails (a transient failure, with no attempts left): nothing sent.
    kept = services.delivery
    services.delivery = dataclasses.replace(kept, max_attempts=1)
    gateway.transient = ["ratelimited"]
    assert deliver_due(services, limit=1).failed == 1
    services.delivery = kept
    raw.agrees(pid)
    commands.cancel_latest(services, pid, actor="cli", round_id=third)
    assert raw.agrees(pid)[1] >= 1  # U10, in no group of the second round
    # Retention deletes the first round's groups and the first two rounds' messages: the
    # page still shows what they sent.
    before = {v.id: (v.sent, v.failed) for v in round_log.rounds_of(
        services, access.OPERATOR, pid)}
    clock.at = ROUND_AT + dt.timedelta(days=200)
    services.retention = dataclasses.replace(
        services.retention, matches=dt.timedelta(days=180), answers=dt.timedelta(days=180),
        learnings=dt.timedelta(days=180), messages=dt.timedelta(days=100))
    raw.before_deleting()
    retention.apply(services)
    raw.after_deleting()
    with services.unit_of_work() as session:
        assert not session.scalar(select(func.count()).select_from(OutboxMessage).where(
            OutboxMessage.round_id.in_([first, second])))
        assert set(session.scalars(select(Match.round_id).distinct())) == {second}
    raw.agrees(pid)
    after = {v.id: (v.sent, v.failed) for v in round_log.rounds_of(
        services, access.OPERATOR, pid)}
    assert after == before and after[second][0] > 0 and after[first][1] == 2
    http = make_client(engine, services)
    page = http.get(f"/admin/programmes/{pid}/rounds?round={first}",
                    headers={"Authorization": f"Bearer {TOKEN}"})
    sent, failed = after[first]
    assert f"Messages: {sent} sent, 0 waiting, {failed} failed." in page.text
