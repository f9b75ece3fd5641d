"""When people can meet, where they work, whom they must not meet, through Slack: an
import's site, team and line manager, profiles with windows, away dates and a private
do-not-pair choice, bad input refused with the form kept, and a round that honours all of
it (issues #21 and #26)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bot.services import enrolment, jobs, workspace_programmes
from bot.store.models import CheckinAnswer, Match, MatchMember, Participant, Programme
from tests.slack.conftest import ROUND_AT, START
from tests.slack.support import text_of

# user, profession, site, team, the line manager's user, windows
STAFF = [
    ("U1", "Nurse", "Queen Elizabeth", "Ward 7", None, ["weekday-evening"]),
    ("U2", "Manager", "Queen Elizabeth", "Finance", None, ["weekday-evening"]),
    ("U3", "Pharmacist", "Queen Elizabeth", "Pharmacy", None, ["weekday-evening"]),
    ("U4", "Physiotherapist", "Heartlands", "Therapies", None, ["weekday-morning"]),
    ("U5", "Midwife", "Heartlands", "Maternity", "U6", ["weekday-morning"]),
    ("U6", "Paramedic", "Heartlands", "Maternity", None, ["weekday-morning"]),
    ("U7", "Administrator", "Heartlands", "Estates", "U6", []),
]


def email(user: str) -> str:
    return f"{user.lower()}@trust.nhs.uk"


def staff_file() -> bytes:
    lines = ["email,name,profession,site,team,manager_email"]
    lines += [f"{email(u)},Person {u},{p},{site},{team},{email(m) if m else ''}"
              for u, p, site, team, m, _ in STAFF]
    return ("\n".join(lines) + "\n").encode()


def participant(slack, user: str) -> Participant:
    with slack.services.unit_of_work() as session:
        p = session.scalars(select(Participant).where(Participant.user_id == user)).one()
        session.expunge(p)
        return p


def accept(slack, user: str) -> dict:
    """Accept the invitation; the profile modal it opens."""
    dm = next(m for m in slack.dms(user) if "invited to" in text_of(m))
    value = next(e["value"] for b in dm["blocks"] if b["type"] == "actions"
                 for e in b["elements"] if e["action_id"] == "invitation_accept")
    slack.click("invitation_accept", user=user, value=value, message=dm)
    return slack.opened_view()


def block(view: dict, block_id: str) -> dict:
    return next(b for b in view["blocks"] if b.get("block_id") == block_id)


def groups_formed(slack) -> list[frozenset[str]]:
    with slack.services.unit_of_work() as session:
        rows = session.execute(select(MatchMember.match_id, Participant.user_id)
                               .join(Participant,
                                     Participant.id == MatchMember.participant_id)).all()
    out: dict[int, set[str]] = {}
    for match_id, user in rows:
        out.setdefault(match_id, set()).add(user)
    return [frozenset(g) for g in out.values()]


def test_profiles_with_times_places_and_private_choices_shape_the_round(slack, clock):
    for user, *_ in STAFF:
        slack.fake.add_user(user, real_name=f"Person {user}", email=email(user))
    with slack.services.unit_of_work() as session:
        workspace = workspace_programmes.ensure_workspace(session, "slack", "T1", START)
        programme_id = workspace_programmes.default_programme(session, workspace, START).id
    made = enrolment.import_people(slack.services, programme_id, staff_file(), actor="test")
    assert isinstance(made, enrolment.Imported) and made.invited == len(STAFF)
    assert jobs.run_due(slack.services).delivery.sent == len(STAFF)

    # U5 accepts before their manager has joined; the manager joining later links them.
    views = {"U5": accept(slack, "U5")}
    assert participant(slack, "U5").manager_id is None
    for user, *_ in STAFF:
        if user != "U5":
            views[user] = accept(slack, user)
    assert participant(slack, "U5").manager_id == participant(slack, "U6").id
    assert participant(slack, "U7").manager_id == participant(slack, "U6").id  # after U6
    assert participant(slack, "U1").manager_id is None

    # The profile opens with the import's site and team, and asks when they can meet.
    view = views["U1"]
    assert block(view, "site")["element"]["initial_value"] == "Queen Elizabeth"
    assert block(view, "team")["element"]["initial_value"] == "Ward 7"
    assert block(view, "windows")["element"]["type"] == "multi_static_select"
    assert block(view, "avoid")["element"]["type"] == "multi_users_select"

    # Bad input: one sentence on the field, nothing stored; Slack keeps the rest typed.
    for typed, says in (("2027-01-15..2027-01-04", "ends before it starts"),
                        ("15/01/2027", "is not a date")):
        refused = slack.submit(view, user="U1", profession="Nurse",
                               windows=["weekday-evening"], away=typed, avoid=["U2"],
                               site="Queen Elizabeth", team="Ward 7").json()
        assert refused["response_action"] == "errors"
        assert list(refused["errors"]) == ["away"] and says in refused["errors"]["away"]
        assert refused["errors"]["away"].startswith("Dates you're away:")
        stored = participant(slack, "U1")
        assert (stored.windows, stored.away, stored.avoid) == (None, None, [])

    # Everyone saves: U1 would rather not meet U2 (privately); U7 is away all fortnight.
    for user, profession, site, team, _, windows in STAFF:
        away = "2026-12-01..2026-12-31" if user == "U7" else "2027-02-01"
        response = slack.submit(views[user], user=user, profession=profession,
                                windows=windows, away=away, site=site, team=team,
                                avoid=["U2"] if user == "U1" else [])
        assert response.status_code == 200 and "errors" not in (response.text or "")
    u1 = participant(slack, "U1")
    assert u1.windows == "weekday-evening" and u1.away == "2027-02-01"
    assert u1.avoid == [participant(slack, "U2").id]

    # Her status says what she gave; the do-not-pair list only as a count, to her.
    status = text_of(slack.command("status", user="U1").json())
    assert "When you can meet: Weekday evenings (5pm to 9pm)" in status
    assert "Site: Queen Elizabeth" in status and "Team: Ward 7" in status
    assert "You'd rather not be paired with 1 person (only you see this)." in status
    assert "Person U2" not in status
    slack.event({"type": "app_home_opened", "user": "U1", "channel": "D1", "tab": "home"})
    home = text_of(slack.fake.home_view("U1"))
    assert "When you can meet: Weekday evenings (5pm to 9pm)" in home
    assert "Away: Monday 1 February" in home and "Person U2" not in home

    # The round: nobody meets their line manager or someone on their list; people who
    # share a site and a time are grouped together where the numbers allow.
    clock.at = ROUND_AT + dt.timedelta(minutes=1)
    jobs.run_due(slack.services)
    groups = groups_formed(slack)
    assert len(groups) == 3 and all(len(g) == 2 for g in groups)
    assert frozenset({"U1", "U2"}) not in groups and frozenset({"U5", "U6"}) not in groups
    evenings, mornings = {"U1", "U2", "U3"}, {"U4", "U5", "U6"}
    assert sum(1 for g in groups if g <= evenings or g <= mornings) == 2
    assert not any("U7" in g for g in groups)
    together = next(g for g in groups if g <= evenings)
    intro = text_of(slack.fake.messages(slack.fake.conversation_id(*sorted(together)))[0])
    assert "You can both meet on weekday evenings." in intro
    assert "You both work at the Queen Elizabeth site." in intro
    assert "rather not" not in intro

    # U7, away all fortnight, sits out and is told so in one message, first next round.
    clock.at = ROUND_AT + dt.timedelta(minutes=20)
    jobs.run_due(slack.services)
    notice = text_of(slack.dms("U7")[-1])
    assert "You're away for the whole fortnight after this round" in notice
    assert "We'll put you first in the next round, on Monday 4 January." in notice
    assert participant(slack, "U7").unpaired_last_round is True

    # The organiser's preview of the next round says the same about who is away.
    with slack.services.unit_of_work() as session:
        session.get_one(Participant, participant(slack, "U7").id).away = "2027-01-01..2027-01-31"
    from bot.services import rounds

    plan = rounds.preview_round(slack.services, programme_id,
                                at=dt.datetime(2027, 1, 4, 10, 0, tzinfo=dt.UTC))
    assert ("Nobody is grouped with their line manager (2 of the people taking part have "
            "one in the programme).") in plan.summary()
    assert "rather not" not in plan.summary()
    assert [reason for name, reason in plan.unpaired if name.startswith("Person U7")] == [
        "You are away for all of the 14 days after this round, so you were not matched. "
        "You will get priority next round."]


def test_a_pair_that_never_met_is_introduced_again_inside_the_recency_window(slack, clock):
    for user, profession in (("U1", "Nurse"), ("U2", "Manager")):
        slack.command("", user=user)
        slack.submit(slack.opened_view(), user=user, profession=profession)
    clock.at = ROUND_AT + dt.timedelta(minutes=1)
    jobs.run_due(slack.services)
    assert groups_formed(slack) == [frozenset({"U1", "U2"})]

    # Both answer the check-in: it is not going to happen.
    clock.at = ROUND_AT + dt.timedelta(days=14, minutes=5)
    jobs.run_due(slack.services)
    group = slack.fake.conversation_id("U1", "U2")
    checkin = slack.fake.messages(group)[-1]
    for user in ("U1", "U2"):
        slack.click("checkin_not_happening", user=user, value=next(
            e["value"] for b in checkin["blocks"] if b["type"] == "actions"
            for e in b["elements"] if e["action_id"] == "checkin_not_happening"),
            message=checkin)
    with slack.services.unit_of_work() as session:
        assert {a.answer for a in session.scalars(select(CheckinAnswer))} == {"not_happening"}

    # January: they never met, so the recency rule (6 rounds) does not keep them apart.
    january = dt.datetime(2027, 1, 4, 10, 1, tzinfo=dt.UTC)
    clock.at = january
    jobs.run_due(slack.services)
    with slack.services.unit_of_work() as session:
        assert session.scalar(select(Match.id).order_by(Match.id.desc())) == 2
    assert len(groups_formed(slack)) == 2

    # With `unmet_counts_as_repeat yes`, the same history keeps them apart.
    with slack.services.unit_of_work() as session:
        programme = session.scalars(select(Programme)).one()
        programme.unmet_counts_as_repeat = True
        programme_id = programme.id
    from bot.services import rounds

    plan = rounds.preview_round(slack.services, programme_id,
                                at=dt.datetime(2027, 2, 1, 10, 0, tzinfo=dt.UTC))
    assert plan.groups == () and len(plan.unpaired) == 2


def test_a_line_manager_the_person_names_is_never_in_their_group(slack, clock):
    # A nurse and a manager, the only two people: she names him as her line manager.
    slack.command("", user="U3")
    slack.submit(slack.opened_view(), user="U3", profession="Manager")
    slack.command("", user="U1")
    view = slack.opened_view()
    assert block(view, "manager")["element"]["type"] == "users_select"
    slack.submit(view, user="U1", profession="Nurse", manager="U3")
    assert participant(slack, "U1").manager_id == participant(slack, "U3").id
    # The form shows it again.
    slack.command("", user="U1")
    again = slack.opened_view()
    assert block(again, "manager")["element"]["initial_user"] == "U3"

    # The round groups nobody: the only possible pair is her and her line manager.
    clock.at = ROUND_AT + dt.timedelta(minutes=1)
    jobs.run_due(slack.services)
    assert groups_formed(slack) == []

    # Someone not in the programme is not kept; cleared, the two may meet next round.
    slack.submit(again, user="U1", profession="Nurse", manager="U9")
    assert participant(slack, "U1").manager_id is None
    clock.at = dt.datetime(2027, 1, 4, 10, 1, tzinfo=dt.UTC)
    jobs.run_due(slack.services)
    assert groups_formed(slack) == [frozenset({"U1", "U3"})]
