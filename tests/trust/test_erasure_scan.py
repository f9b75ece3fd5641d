"""`leave` erases: after a month of taking part, nothing in any table or column of the
database holds the person's name, intro or user id (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from bot.services import jobs
from bot.services.delivery import deliver_due
from bot.store.models import Feedback, MatchMember, Participant
from tests.slack.conftest import ROUND_AT
from tests.slack.support import text_of
from tests.trust.scan import column_count, scan

NAME = "Chloé d'Arcy-Ñúñez"
USER = "UCHLOE7Q"
INTRO = "Zebra-striped theatre rotas since 1997, ask me about Ypsilanti"
LEARNED = "Quokka budgets are set a year ahead"


def _month(slack, clock) -> None:
    slack.fake.add_user(USER, real_name=NAME)
    # The organiser gives the programme a channel; Chloé joins it and is welcomed.
    slack.command("admin", user="UADMIN")
    slack.submit(slack.opened_view(), user="UADMIN", name="Paired learning", mode="cross",
                 group_size="2", cadence="monthly first monday 10:00",
                 timezone="Europe/London", recency="6", checkin_after_days="14",
                 professions="Nurse\nManager", channel="C0LEARN")
    slack.event({"type": "member_joined_channel", "user": USER, "channel": "C0LEARN",
                 "channel_type": "C", "team": "T1"})
    deliver_due(slack.services)
    for user, profession, learn, intro in ((USER, "Nurse", ["Manager"], INTRO),
                                           ("U2", "Manager", ["Nurse"], "I run rotas.")):
        slack.command("", user=user)
        slack.submit(slack.opened_view(), user=user, profession=profession, learn=learn,
                     intro=intro)
    clock.at = ROUND_AT - dt.timedelta(hours=20)
    jobs.run_due(slack.services)
    clock.at = ROUND_AT + dt.timedelta(minutes=1)
    assert jobs.run_due(slack.services).rounds
    group = slack.fake.conversation_id(USER, "U2")
    assert NAME in text_of(slack.fake.messages(group)[0])
    clock.at = ROUND_AT + dt.timedelta(days=14, minutes=5)
    assert jobs.run_due(slack.services).checkins == 1
    checkin = slack.fake.messages(group)[-1]
    slack.event({"type": "reaction_added", "user": USER, "reaction": "white_check_mark",
                 "item": {"type": "message", "channel": group, "ts": checkin["ts"]},
                 "item_user": "UBOT", "event_ts": "1.0"})
    slack.event({"type": "reaction_added", "user": "U2", "reaction": "white_check_mark",
                 "item": {"type": "message", "channel": group, "ts": checkin["ts"]},
                 "item_user": "UBOT", "event_ts": "1.1"})
    assert jobs.run_due(slack.services).delivery.sent == 2  # the two feedback requests
    for user, text in ((USER, LEARNED), ("U2", f"{NAME} showed me the theatre rotas")):
        request = slack.dms(user)[-1]
        button = next(b for b in request["blocks"] if b["type"] == "actions")["elements"][0]
        slack.click(button["action_id"], user=user, value=button["value"], message=request)
        slack.submit(slack.opened_view(), user=user, learned_score="5", learned_text=text,
                     share=["share"])
    slack.command("admin stats", user="UADMIN")
    # The next round's heads-up is pending for both when Chloé leaves.
    clock.at = dt.datetime(2027, 1, 3, 15, 0, tzinfo=dt.UTC)
    jobs.run_due(slack.services, deliver=False)


def test_leave_erases_every_copy(slack, clock, engine):
    _month(slack, clock)
    assert scan(engine, [NAME, INTRO, LEARNED, USER])  # the scan does find them before
    with slack.services.unit_of_work() as session:
        assert session.scalar(select(func.count(Feedback.id))) == 2

    slack.command("leave", user=USER)
    slack.click("leave_confirm", user=USER, value="leave")
    assert "your data is erased" in text_of(slack.dms(USER)[-1])

    assert column_count(engine) > 100
    assert scan(engine, [NAME, INTRO, LEARNED, USER, "Ypsilanti", "Ñúñez"]) == []
    with slack.services.unit_of_work() as session:
        # The match keeps an anonymous placeholder with the profession; the partner stays.
        assert [(m.participant_id is None, m.profession) for m in session.scalars(
            select(MatchMember).order_by(MatchMember.position))] == [
            (True, "Nurse"), (False, "Manager")]
        assert session.scalars(select(Participant.user_id)).all() == ["U2"]
        [kept] = session.scalars(select(Feedback)).all()
        assert kept.learned_text == "a former participant showed me the theatre rotas"
    # The figures stay true.
    slack.command("admin stats", user="UADMIN")
    assert "2 introductions" not in text_of(slack.dms("UADMIN")[-1])
    assert "1 introductions" in text_of(slack.dms("UADMIN")[-1])


def test_a_deleted_slack_user_is_erased_the_same_way(slack, clock, engine):
    _month(slack, clock)
    slack.event({"type": "user_change", "user": {"id": USER, "team_id": "T1", "deleted": True,
                                                 "real_name": NAME}})
    assert scan(engine, [NAME, INTRO, LEARNED, USER]) == []


def test_teams_leave_without_joining_forgets_the_reference(client, connector, signing_key,
                                                           engine, services):
    from bot.services import participants
    from tests.teams.conftest import Person, post
    from tests.teams.tokens import TENANT

    zed = Person("zed", "Zedekiah Quarrington", connector, upn="zed.q@nhs.example")
    assert post(client, signing_key, zed.says("help")).status_code == 202
    assert scan(engine, ["Zedekiah", "zed.q@nhs.example"])
    reply = participants.leave(services, "teams", TENANT, zed.aad)
    assert "nothing to erase" in reply.text
    assert scan(engine, ["Zedekiah", "zed.q@nhs.example", zed.aad]) == []


def test_removal_by_an_organiser_erases_in_that_programme(slack, clock, engine):
    from bot.services import erasure
    from bot.store.models import AuditEntry, Programme

    _month(slack, clock)
    with slack.services.unit_of_work() as session:
        pid = session.scalar(select(Programme.id))
    assert erasure.remove_by_organiser(slack.services, pid, USER, actor="UADMIN")
    assert not erasure.remove_by_organiser(slack.services, pid, USER, actor="UADMIN")
    assert not erasure.remove_by_organiser(slack.services, 10**23, USER, actor="UADMIN")
    assert scan(engine, [NAME, INTRO, LEARNED, USER]) == []
    with slack.services.unit_of_work() as session:
        assert session.scalars(select(AuditEntry.action).where(
            AuditEntry.action == "participant.remove")).all() == ["participant.remove"]
