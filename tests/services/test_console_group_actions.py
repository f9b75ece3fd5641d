"""Acting on a group: an organiser re-matches someone whose partner never answered, with
the matcher's hard rules, after confirming; refused in one sentence when the group is
still going; audited."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select

from bot.services import checkins, programme_settings, rounds
from bot.services.console import access, audit_log, group_actions, outcomes, round_log
from bot.services.delivery import deliver_due
from bot.store.models import Match, MatchMember, OutboxMessage, Participant, Programme
from tests.services.conftest import ROUND_AT, join
from tests.web.console_support import csrf_of, make_client, sign_in

PEOPLE = [("U1", "Nurse"), ("U2", "Manager"), ("U3", "Pharmacist"), ("U4", "Physiotherapist")]


def _groups(services) -> list[list[tuple[int, int, str]]]:
    with services.unit_of_work() as session:
        rows = session.execute(select(Match.id, Participant.id, Participant.user_id).join(
            MatchMember, MatchMember.match_id == Match.id).join(
            Participant, Participant.id == MatchMember.participant_id)
            .order_by(Match.id, MatchMember.position)).all()
    out: dict[int, list[tuple[int, int, str]]] = {}
    for match_id, pid, user in rows:
        out.setdefault(match_id, []).append((match_id, pid, user))
    return list(out.values())


def test_an_organiser_rematches_someone_whose_partner_never_answered(engine, services, clock):
    for user, profession in PEOPLE:
        join(services, user, profession)
    with services.unit_of_work() as session:
        pid = session.scalars(select(Programme.id)).one()
    clock.at = ROUND_AT
    rounds.run_round(services, pid)
    first, second = _groups(services)
    clock.at = ROUND_AT + dt.timedelta(days=15)  # past the check-in (14 days)
    # One member of each group answers; their partners stay silent past the check-in.
    for match_id, _, user in (first[0], second[0]):
        checkins.record_checkin(services, "slack", "T1", user, match_id=match_id,
                                answer="not_happening", source="button")
    [view] = round_log.rounds_of(services, access.OPERATOR, pid)
    assert [g.rematchable for g in view.groups] == [((first[0][1], f"Name {first[0][2]}"),),
                                                    ((second[0][1], f"Name {second[0][2]}"),)]
    http = make_client(engine, services)
    csrf = sign_in(http)
    page = http.get(f"/admin/programmes/{pid}/rounds")
    assert f"Re-match Name {first[0][2]}" in page.text
    match_id, person, user = first[0]
    path = f"/admin/programmes/{pid}/groups/{match_id}/rematch/{person}"
    unconfirmed = http.post(path, data={"csrf": csrf})
    assert unconfirmed.status_code == 400
    assert "Tick the box to confirm that this person should be re-matched" in unconfirmed.text
    silent = http.post(f"/admin/programmes/{pid}/groups/{match_id}/rematch/{first[1][1]}",
                       data={"csrf": csrf, "confirm": "yes"})
    assert silent.status_code == 403 and "group is still going" in silent.text
    done = http.post(path, data={"csrf": csrf_of(page.text), "confirm": "yes"})
    assert done.status_code == 200
    assert f"Name {user} is in a new group of the December 2026 round" in done.text
    groups = _groups(services)
    assert len(groups) == 3
    assert {p for _, p, _ in groups[2]} == {person, second[0][1]}
    log = audit_log.audit_of(services, access.OPERATOR, pid)
    assert log[0].action == "Re-matched someone" and log[0].details.startswith(f"Name {user}")
    assert outcomes.overview(services, access.OPERATOR, pid).rounds[0].groups == 3
    again = http.post(path, data={"csrf": csrf, "confirm": "yes"})
    assert again.status_code == 403 and "is already in a new group of this round" in again.text
    assert len(_groups(services)) == 3


def test_an_organiser_ends_a_term_partnership_early_and_its_members_meet_others(
        engine, services, clock):
    people = [("U1", "Nurse"), ("U2", "Manager"), ("U3", "Pharmacist"), ("U4", "Paramedic"),
              ("U5", "Physiotherapist"), ("U6", "Nurse")]
    for user, profession in people:
        join(services, user, profession)
    with services.unit_of_work() as session:
        pid = session.scalars(select(Programme.id)).one()
        current = programme_settings.settings_of(session.get_one(Programme, pid))
    programme_settings.update_settings(services, pid, dataclasses.replace(
        current, format="term", term_rounds=3), actor="t")
    clock.at = dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC)
    rounds.run_round(services, pid)
    first = _groups(services)
    [view] = round_log.rounds_of(services, access.OPERATOR, pid)
    assert all(g.may_end for g in view.groups)
    http = make_client(engine, services)
    csrf = sign_in(http)
    ended = first[0][0][0]
    done = http.post(f"/admin/programmes/{pid}/groups/{ended}/end",
                     data={"csrf": csrf, "confirm": "yes"})
    assert done.status_code == 200 and "their term partnership ends now" in done.text
    again = http.post(f"/admin/programmes/{pid}/groups/{ended}/end",
                      data={"csrf": csrf, "confirm": "yes"})
    assert again.status_code == 403 and "already been ended" in again.text
    clock.at = dt.datetime(2027, 1, 7, 10, 0, tzinfo=dt.UTC)
    rounds.run_round(services, pid)
    by_round = _groups(services)[len(first):]
    second = {frozenset(u for _, _, u in g) for g in by_round}
    kept = {frozenset(u for _, _, u in g) for g in first[1:]}
    split = frozenset(u for _, _, u in first[0])
    # The other groups meet again (the ended group's members join them, as nobody else is
    # free); the ended group's members are never grouped together again.
    assert all(any(group <= now for now in second) for group in kept)
    assert not any(split <= now for now in second)
    assert set().union(*second) == {u for u, _ in people}
    assert audit_log.audit_of(services, access.OPERATOR, pid)[0].action == (
        "Ended a term partnership early")


def test_an_organiser_adds_a_late_joiner_to_a_group_with_room(engine, services, clock,
                                                             gateway):
    for user, profession in PEOPLE:
        join(services, user, profession)
    with services.unit_of_work() as session:
        pid = session.scalars(select(Programme.id)).one()
    clock.at = ROUND_AT
    rounds.run_round(services, pid)
    clock.at = ROUND_AT + dt.timedelta(days=2)
    join(services, "U5", "Paramedic")
    join(services, "U6", "Paramedic")
    first, _second = _groups(services)
    with services.unit_of_work() as session:
        late = {u: p for p, u in session.execute(select(Participant.id, Participant.user_id))}
    found = group_actions.late_joiners(services, access.OPERATOR, pid)
    assert [name for _, name in found.people] == ["Name U5", "Name U6"]
    assert len(found.groups) == 2
    http = make_client(engine, services)
    csrf = sign_in(http)
    page = http.get(f"/admin/programmes/{pid}/rounds")
    assert "Add someone who joined late to a group with room" in page.text
    data = {"csrf": csrf, "person": str(late["U5"]), "group": str(first[0][0]),
            "confirm": "yes"}
    done = http.post(f"/admin/programmes/{pid}/groups/join", data=data)
    assert done.status_code == 200
    assert "Name U5 joins the group of" in done.text
    assert {u for _, _, u in _groups(services)[0]} == {first[0][2], first[1][2], "U5"}
    with services.unit_of_work() as session:
        keys = set(session.scalars(select(OutboxMessage.idempotency_key).where(
            OutboxMessage.idempotency_key.like(f"%m{first[0][0]}:joined:p{late['U5']}%"))))
    assert keys  # the group is introduced again, with the newcomer
    sent = deliver_due(services)
    assert sent.sent >= 3 and sent.failed == 0 and not sent.errors
    [again_intro] = [m for m in gateway.sent if ":joined:" in m.key]
    assert set(again_intro.users) == {first[0][2], first[1][2], "U5"}
    assert "Your organiser added someone who joined late" in str(again_intro.intent)
    assert outcomes.overview(services, access.OPERATOR, pid).rounds[0].people == 5
    again = http.post(f"/admin/programmes/{pid}/groups/join", data=data)
    assert again.status_code == 403 and "is already in a group of the December 2026" in again.text
    full = http.post(f"/admin/programmes/{pid}/groups/join",
                     data={**data, "person": str(late["U6"])})
    assert full.status_code == 403 and "That group has no room" in full.text
    assert audit_log.audit_of(services, access.OPERATOR, pid)[0].action == (
        "Added a late joiner to a group")
