"""Buttons beside the commands a message names (issue #21), through signed requests and the
fake Slack: the profile confirmation's Edit profile and Status, Join for someone who has
not joined, and every command written as `/pair-me …`."""

from __future__ import annotations

from typing import Any

from tests.slack.support import text_of
from tests.slack.test_commands import joined


def _buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for b in message["blocks"] if b["type"] == "actions" for e in b["elements"]]


def test_the_profile_confirmation_offers_edit_profile_and_status(slack):
    joined(slack)
    [saved] = [m for m in slack.dms("U1") if "You're in for Paired learning" in text_of(m)]
    assert ("You can also type `/pair-me status` or `/pair-me` any time."
            in text_of(saved))
    buttons = _buttons(saved)
    assert [(b["text"]["text"], b["action_id"]) for b in buttons] == [
        ("Edit profile", "home_edit"), ("Status", "status_show")]

    # Edit profile opens the profile modal, filled in as she left it.
    edit, status = buttons
    slack.click(edit["action_id"], value=edit["value"], message=saved)
    view = slack.opened_view()
    blocks = {b["block_id"]: b for b in view["blocks"]}
    assert view["callback_id"] == "profile"
    assert blocks["profession"]["element"]["initial_option"]["value"] == "Nurse"
    assert blocks["intro"]["element"]["initial_value"] == "Nights on ward 7"

    # Status answers in the DM what `/pair-me status` answers.
    slack.click(status["action_id"], value=status["value"], message=saved)
    slack.wait()
    answer = text_of(slack.dms("U1")[-1])
    assert "Paired learning: active. Next round on Monday 7 December." in answer
    assert "You are a Nurse; you want to learn about Manager." in answer
    assert "Type `/pair-me log` after a meeting to record it." in answer


def test_an_edit_is_confirmed_with_the_same_buttons(slack):
    joined(slack)
    slack.command("")
    slack.submit(slack.opened_view(), profession="Nurse", learn=["Manager"], intro="Days now")
    slack.wait()
    updated = slack.dms("U1")[-1]
    assert text_of(updated).startswith("Your profile is updated for Paired learning.")
    assert [b["action_id"] for b in _buttons(updated)] == ["home_edit", "status_show"]


def test_someone_who_has_not_joined_gets_a_join_button_that_opens_the_form(slack):
    reply = slack.command("status").json()
    assert text_of(reply).splitlines()[0] == (
        "You haven't joined yet: type `/pair-me` to fill in your profile.")
    [join] = _buttons(reply)
    assert (join["text"]["text"], join["action_id"], join["style"]) == (
        "Join", "home_edit", "primary")
    slack.click(join["action_id"], value=join["value"])
    assert slack.opened_view()["callback_id"] == "profile"


def test_the_status_button_before_joining_says_so(slack):
    slack.click("status_show", value="status")
    slack.wait()
    answer = slack.dms("U1")[-1]
    assert text_of(answer).splitlines()[0] == (
        "You haven't joined yet: type `/pair-me` to fill in your profile.")
    assert [b["action_id"] for b in _buttons(answer)] == ["home_edit"]
