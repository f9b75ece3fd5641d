"""`/pair-me …` as Slack sends it: every subcommand, what the user sees, what is stored."""

from __future__ import annotations

import json

from sqlalchemy import select

from bot.store.models import Participant
from tests.slack.support import text_of


def joined(slack, user="U1", profession="Nurse", learn=("Manager",), intro="Nights on ward 7"):
    slack.command("", user=user)
    view = slack.opened_view()
    response = slack.submit(view, user=user, profession=profession, learn=list(learn),
                            intro=intro)
    assert response.status_code == 200, response.text
    # Joining a programme with evaluation on turns the modal into the baseline questions.
    assert response.content in (b"", b"null") or response.json()["view"]["callback_id"] == (
        "evaluation"), response.text


def test_pair_me_alone_opens_the_profile_modal(slack):
    response = slack.command("")
    assert response.status_code == 200
    view = slack.opened_view()
    assert view["callback_id"] == "profile"
    blocks = {b["block_id"]: b for b in view["blocks"]}
    assert blocks["profession"]["element"]["type"] == "static_select"
    assert blocks["learn"]["element"]["type"] == "multi_static_select"
    assert blocks["intro"]["element"]["max_length"] == 280
    assert "programme" not in blocks  # one programme: nothing to choose
    professions = [o["value"] for o in blocks["profession"]["element"]["options"]]
    assert "Nurse" in professions and "Manager" in professions


def test_help_and_malformed_text_answer_ephemerally(slack):
    help_reply = slack.command("help").json()
    assert "pause 2w" in help_reply["text"] and help_reply.get("response_type") != "in_channel"
    wrong = slack.command("dance <!channel>").json()
    text = text_of(wrong)
    assert "I don't know the command `dance &lt;!channel&gt;`." in text
    assert "<!channel>" not in json.dumps(wrong)
    assert "`/pair-me resume`: take part again" in text  # the help follows the one sentence
    bad_pause = text_of(slack.command("pause forever").json())
    assert bad_pause.startswith("`forever` is not a pause length")
    # A command the sentence names is written as Slack's: typing it as shown works.
    no_length = text_of(slack.command("pause").json())
    assert no_length.startswith("Say how long to pause, e.g. `/pair-me pause 2w` or "
                                "`/pair-me pause until 2027-01-31`.")
    assert text_of(slack.command("status now").json()).startswith(
        "`/pair-me status` takes nothing after it.")


def test_status_before_and_after_joining(slack):
    assert text_of(slack.command("status").json()).startswith("You haven't joined yet")
    joined(slack)
    status = text_of(slack.command("status").json())
    assert "Paired learning: active. Next round on Monday 7 December." in status
    assert "You are a Nurse; you want to learn about Manager." in status


def test_pause_for_two_weeks_a_month_or_until_a_date_then_resume(slack):
    joined(slack)
    paused = slack.command("pause 2w").json()
    assert text_of(paused).startswith("Paused until Monday 14 December")
    # What can be typed is shown as a command, and has its button.
    assert "type `/pair-me resume` to come back sooner" in str(paused["blocks"])
    [button] = next(b for b in paused["blocks"] if b["type"] == "actions")["elements"]
    assert (button["text"]["text"], button["action_id"]) == ("Take part again", "resume")
    status = slack.command("status").json()
    assert "Type `/pair-me resume`" not in str(status["blocks"])  # paused until a day
    assert next(b for b in status["blocks"] if b["type"] == "actions")
    slack.click("resume", value="resume")
    assert text_of(slack.command("pause 1m").json()).startswith("Paused until Wednesday 30 Dec")
    reply = text_of(slack.command("pause until 2027-02-01").json())
    assert reply.startswith("Paused until Monday 1 February")
    with slack.services.unit_of_work() as session:
        person = session.scalars(select(Participant)).one()
        assert (person.status, person.paused_until.isoformat()) == ("paused", "2027-02-01")
    assert text_of(slack.command("resume").json()).startswith("Welcome back!")
    assert text_of(slack.command("resume").json()) == "You are already taking part."


def test_leave_asks_for_confirmation_then_erases(slack):
    joined(slack)
    reply = slack.command("leave").json()
    button = next(b for b in reply["blocks"] if b["type"] == "actions")["elements"][0]
    assert button["action_id"] == "leave_confirm" and button["style"] == "danger"
    assert button["confirm"]["confirm"]["text"] == "Leave"  # Slack's own "are you sure?"
    with slack.services.unit_of_work() as session:
        assert session.scalars(select(Participant)).all() != []  # nothing erased yet
    slack.click("leave_confirm", value="leave")
    with slack.services.unit_of_work() as session:
        assert session.scalars(select(Participant)).all() == []
    assert text_of(slack.dms("U1")[-1]) == (
        "You have left pairbot and your data is erased. You're welcome back any time with "
        "`/pair-me`.")
    home = slack.fake.home_view("U1")
    assert "You haven't joined Paired learning yet" in text_of(home)


def test_my_data_is_sent_as_a_json_file_in_a_dm(slack):
    joined(slack, intro="I like <b>bold</b> & <!here>")
    reply = slack.command("my-data").json()
    assert "direct message" in reply["text"]
    dm = slack.fake.conversation_id("U1")
    [shared] = slack.fake.uploaded_files(dm)
    assert shared["name"] == "pairbot-my-data.json"
    assert slack.dms("U1")[-1]["files"][0]["id"] == shared["id"]
    data = json.loads(shared["content"])
    assert data["user_id"] == "U1"
    [programme] = data["programmes"]
    assert (programme["profession"], programme["intro"]) == (
        "Nurse", "I like <b>bold</b> & <!here>")
    assert programme["display_name"] == "Ada Lovelace"


def test_a_failing_listener_is_logged_once_with_its_traceback(slack, caplog):
    slack.fake.fail("views.open", "internal_error")
    with caplog.at_level("ERROR", logger="bot.slack"):
        assert slack.command("").status_code == 200  # acknowledged before the failure
    [record] = [r for r in caplog.records if r.name == "bot.slack"]
    assert record.getMessage() == "slack: slash_command /pair-me failed"
    assert record.exc_info is not None and "internal_error" in str(record.exc_info[1])
