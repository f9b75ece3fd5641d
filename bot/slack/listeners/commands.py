"""`/pair-me …`: one slash command, parsed by `bot.core.commands` through the services."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot.core.intents import Notice
from bot.services import admin, participants, subject_access
from bot.slack.blocks import (
    build_leave_confirmation,
    build_notice,
    build_profile_modal,
    build_settings_modal,
    build_text,
)
from bot.slack.deps import PLATFORM, SlackDeps, deps, team_of
from bot.slack.people import look_up

ADMIN_RESULTS = {
    "preview": admin.preview,
    "run-now": admin.run_now,
    "stats": admin.programme_stats,
}


def pair_me(ack: Ack, command: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """Answer `/pair-me TEXT`: ephemeral replies, the profile modal, leave, my-data, admin."""
    slack = deps(context)
    team, user = team_of(context), str(command["user_id"])
    reply = participants.handle_command(slack.services, PLATFORM, team, user,
                                        str(command.get("text") or ""))
    if reply.action == "open_profile":
        ack()
        form = participants.profile_form(slack.services, PLATFORM, team, user)
        client.views_open(trigger_id=command["trigger_id"], view=build_profile_modal(form))
    elif reply.action == "confirm_leave":
        message = build_leave_confirmation(reply.text)
        ack(text=message.text, blocks=list(message.blocks))
    elif reply.action == "send_my_data":
        _reply(ack, reply.text + " I've sent it to you in a direct message, as a file.")
        dm = client.conversations_open(users=user)["channel"]["id"]
        client.files_upload_v2(channel=dm, filename=subject_access.FILENAME,
                               title="Your pairbot data", content=subject_access.as_json(
                                   reply.data), initial_comment=reply.text)
    elif reply.action == "admin":
        _admin(ack, client, slack, team, command, str(reply.data["admin_action"]),
               reply.data.get("programme"))
    else:
        _reply(ack, reply.text)


def _reply(ack: Ack, text: str) -> None:
    """An ephemeral answer only the person who typed the command sees."""
    message = build_text(text)
    ack(text=message.text, blocks=list(message.blocks))


def _admin(ack: Ack, client: WebClient, slack: SlackDeps, team: str, command: dict[str, Any],
           action: str, programme: str | None) -> None:
    user = str(command["user_id"])
    person = look_up(client, user, str(command.get("user_name") or ""))
    access = admin.organiser_access(slack.services, PLATFORM, team, user,
                                    platform_admin=person.admin, programme_name=programme)
    if isinstance(access, participants.Reply):
        _reply(ack, access.text)
        return
    if action == "settings":
        ack()
        client.views_open(trigger_id=command["trigger_id"],
                          view=build_settings_modal(access.programme_id, access.settings))
        return
    # Matching a large programme can take longer than the three seconds Slack waits for an
    # answer, so the result follows in a direct message.
    _reply(ack, f"Working on `admin {action}` for {access.programme}; "
                "the result follows in a direct message.")
    result = ADMIN_RESULTS[action](slack.services, access.programme_id, actor=user)
    message = build_notice(Notice(text=result, title=f"{access.programme}: admin {action}"))
    client.chat_postMessage(channel=user, text=message.text, blocks=message.block_dicts())
