"""All programmes at a glance over a date range: people, groups, met rate (among groups
whose check-in is due), before-and-after change, per programme and in total."""

import datetime as dt

from sqlalchemy import select

from bot.services import checkins, rounds
from bot.services.console import access, all_programmes
from bot.store.models import Match, MatchMember, Participant, Programme
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
