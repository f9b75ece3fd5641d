"""All programmes at a glance over a date range: people, groups, met rate (among groups
whose check-in is due), before-and-after change, per programme and in total."""

import dataclasses
import datetime as dt

from sqlalchemy import func, select

from bot.services import checkins, participants, retention, rounds
from bot.services.console import access, all_programmes, commands, group_actions
from bot.store.models import Match, MatchMember, Participant, Programme, Round, RoundTally
from tests.services.conftest import ROUND_AT, join
from tests.web.console_support import TOKEN, make_client

PEOPLE = [("U1", "Nurse"), ("U2", "Manager"), ("U3", "Pharmacist"), ("U4", "Physiotherapist"),
          ("U5", "Paramedic"), ("U6", "Nurse")]


def _setup(services, clock) -> int:
    for user, profession in PEOPLE:
        join(services, user, profession)
    with services.unit_of_work() as session:
        pid = session.scalars(select(Programme.id)).one()
    clock.at = ROUND_AT
    rounds.run_round(services, pid)
    return pid


def test_the_glance_counts_people_groups_and_the_one_met_rate(services, clock):
    pid = _setup(services, clock)
    early = all_programmes.at_a_glance(services, access.OPERATOR)
    [row] = early.rows
    assert (row.id, row.people, row.groups, row.due_groups) == (pid, 6, 3, 0)
    assert row.met_rate is None  # check-ins not yet due
    clock.at = ROUND_AT + dt.timedelta(days=15)
    with services.unit_of_work() as session:
        firsts = session.execute(select(Match.id, Participant.user_id).join(
            MatchMember, MatchMember.match_id == Match.id).join(
            Participant, Participant.id == MatchMember.participant_id)
            .where(MatchMember.position == 0).order_by(Match.id)).all()
    for match_id, user in firsts[:2]:
        checkins.record_checkin(services, "slack", "T1", user, match_id=match_id,
                                answer="met", source="button")
    glance = all_programmes.at_a_glance(services, access.OPERATOR)
    [row] = glance.rows
    assert (row.people, row.groups, row.due_groups, row.met) == (6, 3, 3, 2)
    assert round(row.met_rate) == 67
    assert glance.total.met_rate == row.met_rate and glance.total.people == 6
    before = all_programmes.at_a_glance(services, access.OPERATOR, dt.date(2026, 1, 1),
                                 dt.date(2026, 11, 30))
    assert before.rows[0].groups == 0 and before.total.groups == 0


def test_the_glance_page_takes_a_date_range_and_refuses_a_bad_one(engine, services, clock):
    _setup(services, clock)
    http = make_client(engine, services)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    page = http.get("/admin?from=2026-12-01&to=2026-12-31", headers=auth)
    assert page.status_code == 200
    assert "All programmes at a glance" in page.text and "1 December 2026" in page.text
    assert "check-ins not yet due" in page.text
    bad = http.get("/admin?from=December", headers=auth)
    assert bad.status_code == 400 and "The start date must be written YYYY-MM-DD" in bad.text


def _people_from_details(session, start: dt.date, end: dt.date) -> int:
    """The glance's people as its groups say, read row by row: each person in a group of
    a round started in the range once, a leaver's place once per group, and a round whose
    groups retention removed counted from its own record where that is larger."""
    since = dt.datetime.combine(start, dt.time(), tzinfo=dt.UTC)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
    chosen = [r for r in session.scalars(select(Round)) if r.state != "cancelled"
              and since <= r.started_at < until]
    places = session.execute(select(Match.round_id, MatchMember.participant_id).join(
        MatchMember, MatchMember.match_id == Match.id)).all()
    inside = {r.id for r in chosen}
    people = {p for r, p in places if r in inside and p is not None}
    erased = sum(1 for r, p in places if r in inside and p is None)
    live = {r for r, _ in places}
    thinned = max((int(r.stats.get("people", 0)) for r in chosen if r.id not in live),
                  default=0)
    return max(thinned, len(people) + erased)


def _every_range_agrees(services) -> int:
    with services.unit_of_work() as session:
        days = sorted({r.started_at.date() for r in session.scalars(select(Round))
                       if r.state != "cancelled"})
        expected = {(a, b): _people_from_details(session, a, b)
                    for i, a in enumerate(days) for b in days[i:]}
    for (a, b), people in expected.items():
        assert all_programmes.at_a_glance(services, access.OPERATOR, a, b).rows[0].people \
            == people, (a, b)
    return len(expected)


def test_the_glance_counts_each_person_once_over_any_range_as_their_groups_say(
        services, clock):
    """People counted from the rounds' tallies, through late joiners, re-matches, leavers,
    a cancelled round in the middle and retention, equal the count from the groups."""
    pid = _setup(services, clock)
    month = dt.timedelta(days=31)
    join(services, "U7", "Paramedic")
    clock.at = ROUND_AT + month
    second = rounds.run_round(services, pid).round_id
    join(services, "U8", "Midwife")
    with services.unit_of_work() as session:
        newcomer = session.scalar(select(Participant.id).where(Participant.user_id == "U8"))
        pair = session.scalar(select(Match.id).join(MatchMember).where(
            Match.round_id == second).group_by(Match.id).having(func.count() == 2)
            .order_by(Match.id))
    assert "joins the group" in group_actions.add_late_joiner(
        services, access.OPERATOR, pid, newcomer, pair)
    clock.at = ROUND_AT + 2 * month
    third = rounds.run_round(services, pid).round_id
    clock.at = ROUND_AT + 3 * month
    fourth = rounds.run_round(services, pid).round_id
    assert _every_range_agrees(services) == 10
    participants.leave(services, "slack", "T1", "U2")
    participants.leave(services, "slack", "T1", "U8")
    assert _every_range_agrees(services) == 10
    # Those whose partner left are re-matched in a new group of the same round.
    with services.unit_of_work() as session:
        stranded = session.execute(select(Match.id, MatchMember.participant_id).join(
            MatchMember).where(Match.round_id == fourth, Match.id.in_(
                select(MatchMember.match_id).where(MatchMember.participant_id.is_(None))),
            MatchMember.participant_id.is_not(None)).order_by(Match.id)).all()
    assert len(stranded) == 2
    assert "is in a new group" in group_actions.rematch_member(
        services, access.OPERATOR, pid, *stranded[0])
    assert _every_range_agrees(services) == 10
    # The third round, which sent nothing, is cancelled: the fourth's people were last
    # grouped in the second, or before.
    commands.cancel_latest(services, pid, actor="cli", round_id=third)
    assert _every_range_agrees(services) == 6
    with services.unit_of_work() as session:
        tally = session.get_one(RoundTally, fourth)
        assert str(third) not in tally.last_seen and sum(tally.last_seen.values()) == 6
    # Retention removes the first round's groups: its record still counts its people.
    clock.at = ROUND_AT + dt.timedelta(days=400)
    services.retention = dataclasses.replace(
        services.retention, matches=dt.timedelta(days=380), answers=dt.timedelta(days=380),
        learnings=dt.timedelta(days=380))
    retention.apply(services)
    with services.unit_of_work() as session:
        grouped = set(session.scalars(select(Match.round_id).distinct()))
        assert grouped == {second, fourth}
        assert str(second) in session.get_one(RoundTally, fourth).last_seen
        # Nobody is last seen in a round whose groups are gone.
        first = session.scalar(select(func.min(Round.id)))
        assert str(first) not in session.get_one(RoundTally, second).last_seen
    assert _every_range_agrees(services) == 6
    participants.leave(services, "slack", "T1", "U3")  # in every round
    assert _every_range_agrees(services) == 6
