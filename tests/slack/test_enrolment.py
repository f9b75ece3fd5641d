"""Bringing a trust's staff in through Slack: an ESR export of 60 people imported, invited
through the outbox (users.lookupByEmail), 40 accept with their profile pre-filled, 5 decline
and are gone, the rest are reminded once and then lapse and are gone."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bot.core.states import InvitationStatus, OutboxState, ParticipantStatus
from bot.services import enrolment, jobs, participants
from bot.services.workspace_programmes import default_programme, ensure_workspace
from bot.store.models import Base, Invitation, OutboxMessage, Participant
from tests.slack.conftest import START
from tests.slack.support import text_of

GROUPS = [("Medical and Dental", "Foundation Year 1", "Doctor (junior)"),
          ("Medical and Dental", "Consultant", "Doctor (consultant)"),
          ("Nursing and Midwifery Registered", "Staff Nurse", "Nurse"),
          ("Allied Health Professionals", "Physiotherapist", "Physiotherapist"),
          ("Administrative and Clerical", "Medical Secretary", "Administrator")]
SITES = ["Queen Elizabeth", "Royal Infirmary", "St Mary's"]


def esr_file(n: int = 60) -> tuple[bytes, list[dict[str, str]]]:
    """An ESR-shaped export: its own headings, staff groups and job roles, managers."""
    staff = []
    for i in range(n):
        group, role, profession = GROUPS[i % len(GROUPS)]
        staff.append({"number": f"{10000 + i}", "name": f"Person {i:02d} Staffname",
                      "email": f"person{i:02d}@trust.nhs.uk", "group": group, "role": role,
                      "profession": profession, "site": SITES[i % 3], "team": f"Ward {i % 7}",
                      "manager": "person00@trust.nhs.uk" if 0 < i < 10 else ""})
    lines = ["Employee Number,Full Name,Email Address,Staff Group,Job Role,Location,Department,"
             "Line Manager Email"]
    lines += [",".join([s["number"], s["name"], s["email"].upper() if i == 3 else s["email"],
                        s["group"], s["role"], s["site"], s["team"], s["manager"]])
              for i, s in enumerate(staff)]
    return ("\r\n".join(lines) + "\r\n").encode(), staff


def everything_stored(slack) -> str:
    """Every row of every table, as text."""
    out = []
    with slack.services.unit_of_work() as session:
        for table in Base.metadata.sorted_tables:
            out += [repr(tuple(row)) for row in session.execute(select(table))]
    return "\n".join(out)


def invitation_in(slack, user: str) -> dict:
    (dm,) = [m for m in slack.dms(user) if "invited to" in text_of(m)][:1]
    return dm


def button(message: dict, action_id: str) -> str:
    return next(e["value"] for b in message["blocks"] if b["type"] == "actions"
                for e in b["elements"] if e["action_id"] == action_id)


def test_sixty_staff_are_invited_forty_accept_five_decline_and_the_rest_lapse(slack, clock):
    data, staff = esr_file()
    for i, person in enumerate(staff):
        if i in (57, 58):
            continue  # no Slack account with that address
        slack.fake.add_user(f"U{100 + i}", real_name=person["name"], email=person["email"],
                            deleted=i == 59)
    with slack.services.unit_of_work() as session:
        workspace = ensure_workspace(session, "slack", "T1", START)
        programme_id = default_programme(session, workspace, START).id

    dry = enrolment.preview(slack.services, programme_id, data)
    assert dry.ok and len(dry.invite) == 60 and dry.problems == []
    assert everything_stored(slack).count("trust.nhs.uk") == 0  # a preview writes nothing

    made = enrolment.import_people(slack.services, programme_id, data, actor="organiser")
    assert isinstance(made, enrolment.Imported) and made.invited == 60
    # Sent by the outbox's sender, not by the import.
    assert slack.fake.calls_to("chat.postMessage") == []
    assert jobs.run_due(slack.services).delivery.sent == 57
    assert len(slack.fake.calls_to("users.lookupByEmail")) == 60

    (funnel,) = enrolment.funnels(slack.services, programme_id)
    assert (funnel.invited, funnel.sent, funnel.waiting) == (60, 57, 0)
    # The bot's direct messages in this workspace: a link for someone who uses another
    # address in Slack; none for a deactivated account.
    join = "https://slack.com/app_redirect?team=T1&channel=UBOT"
    assert funnel.unreachable == (
        ("person57@trust.nhs.uk", "no Slack account uses this e-mail address", join),
        ("person58@trust.nhs.uk", "no Slack account uses this e-mail address", join),
        ("person59@trust.nhs.uk", "their Slack account is deactivated", ""))

    first = invitation_in(slack, "U101")
    shown = text_of(first)
    assert "You're invited to Paired learning" in shown
    assert "Doctor (consultant)" in shown and "Royal Infirmary" in shown
    assert [e["text"]["text"] for b in first["blocks"] if b["type"] == "actions"
            for e in b["elements"]] == ["Accept", "Decline"]

    # Re-importing the same file updates and sends nothing twice.
    again = enrolment.import_people(slack.services, programme_id, data, actor="organiser")
    assert isinstance(again, enrolment.Imported) and (again.invited, again.updated) == (0, 60)
    assert jobs.run_due(slack.services).delivery.sent == 0

    # 40 accept: their profile opens pre-filled with what the import knew.
    for i in range(40):
        user = f"U{100 + i}"
        message = invitation_in(slack, user)
        slack.click("invitation_accept", user=user, value=button(message, "invitation_accept"),
                    message=message)
        view = slack.opened_view()
        assert view["callback_id"] == "profile"
        chosen = next(b["element"].get("initial_option", {}).get("value") for b in view["blocks"]
                      if b.get("block_id") == "profession")
        assert chosen == staff[i]["profession"]
    with slack.services.unit_of_work() as session:
        joined = session.scalars(select(Participant).order_by(Participant.user_id)).all()
        assert [(p.user_id, p.profession, p.status, p.display_name) for p in joined[:2]] == [
            ("U100", "Doctor (junior)", ParticipantStatus.ACTIVE, "Person 00 Staffname"),
            ("U101", "Doctor (consultant)", ParticipantStatus.ACTIVE, "Person 01 Staffname")]
        assert len(joined) == 40
    accepted = next(m for m in slack.fake.messages(first["channel"]) if m["ts"] == first["ts"])
    assert "Welcome to Paired learning!" in text_of(accepted)

    # 5 decline: what the import brought about them is gone at once.
    for i in range(40, 45):
        user = f"U{100 + i}"
        message = invitation_in(slack, user)
        slack.click("invitation_decline", user=user,
                    value=button(message, "invitation_decline"), message=message)
    stored = everything_stored(slack)
    for i in range(40, 45):
        assert staff[i]["email"] not in stored and staff[i]["name"] not in stored
    declined = next(m for m in slack.fake.messages(message["channel"])
                    if m["ts"] == message["ts"])
    assert "You've declined Paired learning" in text_of(declined)

    # One reminder half-way, to those the invitation reached and who have not answered.
    def reminded() -> set[str]:
        return {m["channel"] for m in slack.fake.messages()
                if "Reminder: you're invited" in text_of(m)}

    clock.at = START + dt.timedelta(days=7, minutes=1)
    jobs.run_due(slack.services)  # the round of 7 December runs too, for the 40
    assert reminded() == {slack.fake.conversation_id(f"U{100 + i}") for i in range(45, 57)}
    clock.at = START + dt.timedelta(days=10)
    jobs.run_due(slack.services)
    assert len(reminded()) == 12

    # The rest lapse after invite_days (14): gone with everything the import brought.
    clock.at = START + dt.timedelta(days=14, minutes=1)
    jobs.run_due(slack.services)
    stored = everything_stored(slack)
    for i in range(40, 60):
        assert staff[i]["email"] not in stored and staff[i]["name"] not in stored
    for i in range(40):
        assert staff[i]["name"] in stored
    with slack.services.unit_of_work() as session:
        statuses = sorted(session.scalars(select(Invitation.status)))
        assert statuses.count(InvitationStatus.ACCEPTED) == 40
        assert session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "invitation",
            OutboxMessage.state == OutboxState.PENDING)).all() == []
    funnel = enrolment.funnels(slack.services, programme_id)[-1]
    assert (funnel.accepted, funnel.declined, funnel.expired, funnel.no_answer) == (40, 5, 15, 0)

    # A person who declined is not invited again by a re-import; one who lapsed is.
    third = enrolment.preview(slack.services, programme_id, data)
    assert {s.email for s in third.skipped} == {staff[i]["email"] for i in range(40, 45)}
    assert len(third.invite) == 15 and len(third.update) == 40


def test_a_person_who_left_is_not_invited_again(slack, clock):
    data = (b"email,name,profession\nann@trust.nhs.uk,Ann,Nurse\n")
    slack.fake.add_user("U500", real_name="Ann", email="ann@trust.nhs.uk")
    with slack.services.unit_of_work() as session:
        workspace = ensure_workspace(session, "slack", "T1", START)
        programme_id = default_programme(session, workspace, START).id
    enrolment.import_people(slack.services, programme_id, data, actor="organiser")
    jobs.run_due(slack.services)
    message = invitation_in(slack, "U500")
    slack.click("invitation_accept", user="U500", value=button(message, "invitation_accept"),
                message=message)
    mine = participants.my_data(slack.services, "slack", "T1", "U500")
    assert [(h["email"], h["profession"]) for h in mine["imported_by_an_organiser"]] == [
        ("ann@trust.nhs.uk", "Nurse")]
    slack.command("leave", user="U500")
    slack.click("leave_confirm", user="U500", value="leave")
    assert "ann@trust.nhs.uk" not in everything_stored(slack)
    again = enrolment.preview(slack.services, programme_id, data)
    assert [s.reason for s in again.skipped] == ["left the programme: not invited again"]
    assert again.invite == ()


def test_a_forged_or_someone_elses_invitation_button_is_refused(slack, clock):
    """Through the fake Slack: Bo presses Accept with Ann's button value, an altered value
    and a guessed number; each is refused in one sentence and changes nothing (Bo's own
    invitation message stays as it was); Ann's own button still works."""
    data = b"email,name,profession\nann@trust.nhs.uk,Ann,Nurse\nbo@trust.nhs.uk,Bo,Administrator\n"
    slack.fake.add_user("U600", real_name="Ann", email="ann@trust.nhs.uk")
    slack.fake.add_user("U601", real_name="Bo", email="bo@trust.nhs.uk")
    with slack.services.unit_of_work() as session:
        workspace = ensure_workspace(session, "slack", "T1", START)
        programme_id = default_programme(session, workspace, START).id
    made = enrolment.import_people(slack.services, programme_id, data, actor="organiser")
    assert isinstance(made, enrolment.Imported), made.problems
    assert jobs.run_due(slack.services).delivery.sent == 2
    anns, bos = invitation_in(slack, "U600"), invitation_in(slack, "U601")
    ann_value = button(anns, "invitation_accept")
    ann_id = int(ann_value.partition(".")[0])
    assert ann_value != button(bos, "invitation_accept")

    def stored() -> list[tuple]:
        with slack.services.unit_of_work() as session:
            return sorted(session.execute(select(Invitation.email, Invitation.status,
                                                 Invitation.participant_id)).tuples())

    before = stored()
    for action, value in [("invitation_accept", ann_value),
                          ("invitation_decline", ann_value),
                          ("invitation_accept", f"{ann_id}.{'f' * 32}"),
                          ("invitation_decline", str(ann_id)),
                          ("invitation_accept", "999999.0"),
                          ("invitation_accept", "")]:
        slack.click(action, user="U601", value=value, message=bos)
        (told,) = [m for m in slack.dms("U601") if "someone else" in text_of(m)][-1:]
        assert "This invitation was sent to someone else, so nothing was changed." in (
            text_of(told))
    assert stored() == before
    assert slack.fake.calls_to("views.open") == []
    still = next(m for m in slack.fake.messages(bos["channel"]) if m["ts"] == bos["ts"])
    assert "You're invited to Paired learning" in text_of(still)

    slack.click("invitation_accept", user="U600", value=ann_value, message=anns)
    assert slack.opened_view()["callback_id"] == "profile"
    with slack.services.unit_of_work() as session:
        assert [p.user_id for p in session.scalars(select(Participant))] == ["U600"]
