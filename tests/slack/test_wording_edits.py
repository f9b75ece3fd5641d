"""Wording an organiser edits in the console reaches people in Slack, literally; a bad edit
is refused in one sentence with what was typed kept; reset brings the default back."""

from __future__ import annotations

import datetime as dt
import html

from sqlalchemy import select

from bot.services import jobs
from bot.store.models import AuditEntry, Programme, ProgrammeWording
from tests.slack.conftest import ROUND_AT
from tests.slack.support import text_of
from tests.web.console_support import csrf_of, make_client, sign_in


def _join(slack) -> int:
    for user, profession in (("U1", "Nurse"), ("U2", "Manager")):
        slack.command("", user=user)
        slack.submit(slack.opened_view(), user=user, profession=profession, learn=[], intro="")
    with slack.services.unit_of_work() as session:
        return session.scalars(select(Programme.id)).one()


def _post(console, pid: int, key: str, **fields: str):
    page = console.get(f"/admin/programmes/{pid}/wording?language=en")
    return console.post(f"/admin/programmes/{pid}/wording/{key}",
                        data={"csrf": csrf_of(page.text), "language": "en", **fields},
                        follow_redirects=False)


def test_a_bad_placeholder_is_refused_beside_the_field_with_the_text_kept(slack, engine):
    pid = _join(slack)
    console = make_client(engine, slack.services)
    sign_in(console)
    typed = "Hello {partner_names}, welcome to {programme} on {round_day}"
    refused = _post(console, pid, "intro", text=typed, action="save")
    assert refused.status_code == 400
    page = html.unescape(refused.text)
    assert ("{round_day} is not a placeholder of this text; it may use {programme}, "
            "{partner_names}, {theme} and {checkin_date}.") in page
    assert f">{typed}</textarea>" in page  # what was typed is kept
    missing = _post(console, pid, "headsup", text="A round is coming on {round_date}.",
                    action="save")
    assert missing.status_code == 400
    assert "Keep {programme} in the text" in html.unescape(missing.text)
    unclosed = _post(console, pid, "checkin", text="Did you meet for {programme?",
                     action="save")
    assert "A brace does not close" in html.unescape(unclosed.text)
    with slack.services.unit_of_work() as session:
        assert session.scalars(select(ProgrammeWording)).all() == []


def test_an_edit_is_sent_in_the_next_intro_literally_and_reset_restores_the_default(
        slack, engine, clock):
    pid = _join(slack)
    console = make_client(engine, slack.services)
    sign_in(console)
    edit = "Hi {partner_names}! <!channel> *bold* {programme} pairs you up: see you in {theme}."
    preview = _post(console, pid, "intro", text=edit, action="preview")
    assert preview.status_code == 200
    shown = preview.text
    # The preview shows the typed text filled in, as Slack and Teams would: nothing bold,
    # no mention.
    assert "Hi Alex Morgan and Sam Rees! &lt;!channel&gt; *bold* Paired learning" in shown
    assert "<strong>bold</strong>" not in shown
    with slack.services.unit_of_work() as session:
        assert session.scalars(select(ProgrammeWording)).all() == []  # a preview saves nothing

    saved = _post(console, pid, "intro", text=edit, action="save")
    assert saved.status_code == 303
    assert "The introduction&#39;s opening is saved" in console.get(saved.headers["location"]).text
    checkin_edit = "Did {partner_names} get together for {programme}?"
    assert _post(console, pid, "checkin", text=checkin_edit, action="save").status_code == 303

    clock.at = ROUND_AT + dt.timedelta(minutes=1)
    assert jobs.run_due(slack.services).delivery.sent == 1
    group = slack.fake.conversation_id("U1", "U2")
    [intro] = slack.fake.messages(group)
    opening = next(b for b in intro["blocks"] if b["type"] == "section")
    assert opening["text"] == {
        "type": "plain_text",
        "text": "Hi Ada Lovelace and Grace Hopper! <!channel> *bold* Paired learning pairs you "
                "up: see you in Roles: a day in your working life."}
    # No mention or link can form anywhere in the message.
    assert "<!channel>" not in intro["text"]
    assert all("<!channel>" not in b["text"]["text"] for b in intro["blocks"]
               if b.get("text", {}).get("type") == "mrkdwn")

    # The organiser resets the check-in before it is due: the default goes out.
    reset = _post(console, pid, "checkin", action="reset")
    assert reset.status_code == 303
    assert "back to the default" in console.get(reset.headers["location"]).text
    clock.at = ROUND_AT + dt.timedelta(days=14, minutes=5)
    assert jobs.run_due(slack.services).checkins == 1
    checkin = slack.fake.messages(group)[-1]
    assert "Did you manage to meet for Paired learning?" in text_of(checkin)
    assert "get together" not in text_of(checkin)
    with slack.services.unit_of_work() as session:
        rows = session.execute(select(ProgrammeWording.key, ProgrammeWording.text)).all()
        assert rows == [("intro", edit)]
        audit = [(a.action, a.details) for a in session.scalars(
            select(AuditEntry).where(AuditEntry.action.like("wording.%"))
            .order_by(AuditEntry.id))]
    assert audit == [
        ("wording.changed", {"changed": {"intro (en)": edit}, "was": {"intro (en)": "default"}}),
        ("wording.changed", {"changed": {"checkin (en)": checkin_edit},
                             "was": {"checkin (en)": "default"}}),
        ("wording.reset", {"changed": {"checkin (en)": "default"},
                           "was": {"checkin (en)": checkin_edit}}),
    ]
    log = html.unescape(console.get(f"/admin/programmes/{pid}/audit").text)
    assert "Changed the wording" in log and "Reset the wording" in log
