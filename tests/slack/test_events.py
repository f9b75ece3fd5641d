"""Events and App Home: home tab, heads-up skip, channel welcome, uninstall, deleted users,
retries, signatures."""

from __future__ import annotations

import datetime as dt
import json
import time
from urllib.parse import urlencode

import pytest
from sqlalchemy import func, select

from bot.services import jobs
from bot.services.delivery import deliver_due
from bot.store.models import OutboxMessage, Participant, ProcessedEvent, Programme, Workspace
from tests.slack.conftest import ROUND_AT
from tests.slack.support import sign, text_of
from tests.slack.test_commands import joined


def test_app_home_opened_publishes_the_home(slack):
    slack.event({"type": "app_home_opened", "user": "U1", "channel": "D1", "tab": "home"})
    home = slack.fake.home_view("U1")
    assert home["type"] == "home"
    assert "You haven't joined Paired learning yet" in text_of(home)
    assert "The next round is on Monday 7 December" in text_of(home)
    slack.event({"type": "app_home_opened", "user": "U2", "channel": "D2", "tab": "messages"})
    assert slack.fake.home_view("U2") is None


def test_home_buttons_edit_pause_resume(slack):
    joined(slack)
    slack.click("home_edit", value="edit")
    assert slack.opened_view()["callback_id"] == "profile"
    slack.click("home_pause", selected="1m")
    home = text_of(slack.fake.home_view("U1"))
    assert "Status: paused until Wednesday 30 December." in home
    actions = next(b for b in slack.fake.home_view("U1")["blocks"] if b["type"] == "actions")
    assert [e["action_id"] for e in actions["elements"]] == [
        "home_edit", "home_resume", "leave_confirm"]
    slack.click("home_resume", value="resume")
    assert "Status: active. Next round on Monday 7 December." in text_of(
        slack.fake.home_view("U1"))


def test_the_heads_up_skip_button_skips_one_round(slack, clock):
    joined(slack, user="U1", profession="Nurse", learn=[])
    joined(slack, user="U2", profession="Manager", learn=[])
    clock.at = ROUND_AT - dt.timedelta(hours=20)
    assert jobs.run_due(slack.services).headsups == 2
    headsup = slack.dms("U1")[-1]
    assert "The next Paired learning round is on Monday 7 December" in text_of(headsup)
    button = next(b for b in headsup["blocks"] if b["type"] == "actions")["elements"][0]
    slack.click(button["action_id"], value=button["value"], message=headsup)
    shown = next(m for m in slack.dms("U1") if m["ts"] == headsup["ts"])
    assert text_of(shown) == "OK, you'll skip this round and be back for the next one."
    clock.at = ROUND_AT
    jobs.run_due(slack.services)
    assert "No introduction for you" not in text_of(slack.dms("U1")[-1])  # skipped, not left out
    with slack.services.unit_of_work() as session:
        assert session.scalar(select(func.count(OutboxMessage.id)).where(
            OutboxMessage.kind == "intro")) == 0


def test_joining_the_programme_channel_brings_a_welcome_dm_once(slack):
    slack.command("admin", user="UADMIN")
    view = slack.opened_view()
    slack.submit(view, user="UADMIN", name="Paired learning", mode="cross", group_size="2",
                 cadence="monthly first monday 10:00", timezone="Europe/London", recency="6",
                 checkin_after="14", professions="Nurse\nManager", channel="C0LEARN")
    joined(slack, user="U2", profession="Manager", learn=[])
    for user in ("U3", "U3", "U2", "UBOT"):
        slack.event({"type": "member_joined_channel", "user": user, "channel": "C0LEARN",
                     "channel_type": "C", "team": "T1"})
    slack.event({"type": "member_joined_channel", "user": "U4", "channel": "C0OTHER",
                 "channel_type": "C", "team": "T1"})
    deliver_due(slack.services)
    [welcome] = slack.dms("U3")
    assert "Type `/pair-me` to fill in a short profile and join" in text_of(welcome)
    # What the welcome says to type has its button: Join opens the profile modal.
    [join] = next(b for b in welcome["blocks"] if b["type"] == "actions")["elements"]
    assert (join["text"]["text"], join["action_id"], join["style"]) == (
        "Join", "home_edit", "primary")
    slack.click(join["action_id"], user="U3", value=join["value"], message=welcome)
    assert slack.opened_view()["callback_id"] == "profile"
    assert slack.dms("U4") == []
    assert all("Welcome!" not in text_of(m) for m in slack.dms("U2"))


def test_uninstall_stops_sending_to_the_workspace(slack, clock):
    joined(slack, user="U1", profession="Nurse", learn=[])
    joined(slack, user="U2", profession="Manager", learn=[])
    clock.at = ROUND_AT
    jobs.run_due(slack.services, deliver=False)
    slack.event({"type": "app_uninstalled"})
    with slack.services.unit_of_work() as session:
        assert session.scalars(select(Workspace.active)).one() is False
        assert set(session.scalars(select(OutboxMessage.state))) == {"cancelled"}
    slack.fake.reset_calls()
    clock.at += dt.timedelta(days=30)
    jobs.run_due(slack.services)
    assert slack.fake.calls == []


def test_revoked_bot_token_also_stops_sending(slack):
    joined(slack)
    slack.event({"type": "tokens_revoked", "tokens": {"oauth": [], "bot": ["UBOT"]}})
    with slack.services.unit_of_work() as session:
        assert session.scalars(select(Workspace.active)).one() is False


def test_a_deleted_user_is_erased(slack):
    joined(slack, user="U1")
    joined(slack, user="U2", profession="Manager", learn=[])
    slack.event({"type": "user_change", "user": {"id": "U1", "team_id": "T1", "deleted": True,
                                                 "real_name": "Ada Lovelace"}})
    slack.event({"type": "user_change", "user": {"id": "U2", "team_id": "T1", "deleted": False,
                                                 "real_name": "Grace H."}})
    with slack.services.unit_of_work() as session:
        status = dict(session.execute(select(Participant.user_id, Participant.status)).all())
    assert status == {"U2": "active"}


def test_a_retried_event_is_acknowledged_and_ignored(slack):
    joined(slack)
    event = {"type": "app_home_opened", "user": "U1", "channel": "D1", "tab": "home"}
    assert slack.event(event, event_id="Ev0RETRY").status_code == 200
    publishes = len(slack.fake.calls_to("views.publish"))
    for retry in (1, 2):
        response = slack.event(event, event_id="Ev0RETRY", retry=retry)
        assert response.status_code == 200
    assert len(slack.fake.calls_to("views.publish")) == publishes
    with slack.services.unit_of_work() as session:
        assert session.scalar(select(func.count(ProcessedEvent.id)).where(
            ProcessedEvent.event_id == "Ev0RETRY")) == 1


def test_a_listener_that_fails_midway_leaves_the_event_for_slacks_retry(slack, caplog):
    joined(slack)
    event = {"type": "app_home_opened", "user": "U1", "channel": "D1", "tab": "home"}
    def published():
        return len([c for c in slack.fake.calls_to("views.publish") if c.ok])

    before = published()
    slack.fake.fail("views.publish", "internal_error")  # the listener raises mid-way
    assert slack.event(event, event_id="Ev0FAILS").status_code == 200
    assert "slack: event_callback app_home_opened failed" in caplog.text
    assert published() == before
    with slack.services.unit_of_work() as session:
        assert session.scalar(select(func.count(ProcessedEvent.id)).where(
            ProcessedEvent.event_id == "Ev0FAILS")) == 0

    assert slack.event(event, event_id="Ev0FAILS", retry=1).status_code == 200
    assert published() == before + 1  # the retry was processed
    assert "Your profile" in text_of(slack.fake.home_view("U1"))
    publishes = len(slack.fake.calls_to("views.publish"))
    slack.event(event, event_id="Ev0FAILS", retry=2)  # after success: ignored
    assert len(slack.fake.calls_to("views.publish")) == publishes
    with slack.services.unit_of_work() as session:
        assert session.scalar(select(func.count(ProcessedEvent.id)).where(
            ProcessedEvent.event_id == "Ev0FAILS")) == 1


def _database(slack):
    with slack.services.unit_of_work() as session:
        return {table.__tablename__: session.scalar(select(func.count()).select_from(table))
                for table in (Workspace, Programme, Participant, ProcessedEvent)}


@pytest.mark.parametrize("tamper", ["missing", "wrong", "stale", "other secret"])
def test_unsigned_or_badly_signed_requests_get_401_and_touch_nothing(slack, tamper):
    before = _database(slack)
    command = urlencode({"team_id": "T1", "user_id": "U1", "command": "/pair-me", "text": "",
                         "trigger_id": "1.2.3"})
    event = json.dumps({"type": "event_callback", "team_id": "T1", "event_id": "Ev0BAD",
                        "event": {"type": "app_home_opened", "user": "U1", "tab": "home"}})
    for body, kind in ((command, "application/x-www-form-urlencoded"),
                       (event, "application/json")):
        headers = {"missing": {},
                   "wrong": {**sign(body), "X-Slack-Signature": "v0=" + "0" * 64},
                   "stale": sign(body, timestamp=int(time.time()) - 6 * 60),
                   "other secret": sign(body, secret="not-our-secret")}[tamper]
        response = slack.post(body, kind, headers=headers, signed=False)
        assert response.status_code == 401
    assert _database(slack) == before
    assert slack.fake.calls == []


def test_a_signature_four_minutes_old_is_still_accepted(slack):
    body = json.dumps({"type": "url_verification", "challenge": "abc", "token": "x"})
    response = slack.post(body, "application/json", signed=False,
                          headers=sign(body, timestamp=int(time.time()) - 4 * 60))
    assert response.status_code == 200 and response.json() == {"challenge": "abc"}
