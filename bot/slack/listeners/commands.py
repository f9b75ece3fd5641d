"""`/pair-me …`: one slash command, parsed by `bot.core.commands` through the services.

Slack waits three seconds for the acknowledgement. Bolt answers the HTTP request as
soon as `ack()` is called and runs the rest of the listener on its executor, so every
branch acks first (quick answers ride on the ack) and only then calls the Web API or
a service that can be slow; those answers follow as a modal or a direct message.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot.core import i18n
from bot.core.i18n import _
from bot.core.replies import (
    ConfirmLeave,
    OpenLog,
    OpenProfile,
    Organise,
    Say,
    SendCpd,
    SendMyData,
    ShowHelp,
)
from bot.core.text import CommandRef
from bot.core.wording import sentence
from bot.services import admin, languages, participants, subject_access
from bot.slack import learning
from bot.slack.blocks import (
    Message,
    build_help,
    build_leave_confirmation,
    build_profile_modal,
    build_reply,
    build_settings_modal,
    render,
)
from bot.slack.deps import PLATFORM, SlackDeps, deps, team_of, tell_message
from bot.slack.people import look_up


def pair_me(ack: Ack, command: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """Answer `/pair-me TEXT`: ephemeral replies, the profile modal, leave, my-data, admin."""
    slack = deps(context)
    team, user = team_of(context), str(command["user_id"])
    reply = participants.handle_command(slack.services, PLATFORM, team, user,
                                        str(command.get("text") or ""))
    if isinstance(reply, OpenProfile):
        ack()
        # The form offers their Slack's language first (users.info is quick enough to
        # come before views.open's three seconds).
        locale = look_up(client, user, include_locale=True).locale
        form = participants.profile_form(slack.services, PLATFORM, team, user,
                                         platform_locale=locale)
        client.views_open(trigger_id=command["trigger_id"], view=build_profile_modal(form))
    elif isinstance(reply, ConfirmLeave):
        _ack(ack, build_leave_confirmation())
    elif isinstance(reply, SendMyData):
        _ack(ack, build_reply(Say(_("Here is everything pairbot stores about you. I've sent "
                                    "it to you in a direct message, as a file."))))
        dm = client.conversations_open(users=user)["channel"]["id"]
        client.files_upload_v2(channel=dm, filename=subject_access.FILENAME,
                               title=_("Your pairbot data"),
                               content=subject_access.as_json(dict(reply.data)),
                               initial_comment=_("Everything pairbot stores about you."))
    elif isinstance(reply, OpenLog):
        ack()
        learning.open_log(client, context, user, command["trigger_id"])
    elif isinstance(reply, SendCpd):
        _ack(ack, build_reply(Say(_("I'm making your learning record; it follows in a direct "
                                    "message as a PDF and a CSV."))))
        learning.send_cpd(client, context, user)
    elif isinstance(reply, Organise):
        _admin(ack, client, slack, team, command, reply)
    elif isinstance(reply, ShowHelp):
        _ack(ack, build_help(reply.lead))
    else:
        _ack(ack, build_reply(reply))


def _ack(ack: Ack, message: Message) -> None:
    """An ephemeral answer only the person who typed the command sees."""
    ack(text=message.text, blocks=list(message.blocks))


def _admin(ack: Ack, client: WebClient, slack: SlackDeps, team: str, command: dict[str, Any],
           request: Organise) -> None:
    user = str(command["user_id"])
    if request.action == "settings":
        ack()
    else:
        # Matching a large programme can take longer than Slack waits: the result follows.
        _ack(ack, build_reply(Say(sentence(
            _("Working on {command}; the result follows in a direct message."),
            command=CommandRef("admin", request.action)))))
    person = look_up(client, user, str(command.get("user_name") or ""), include_locale=True)
    # An organiser who has not joined has no language of their own: what Slack says.
    i18n.choose(languages.of_person(slack.services, PLATFORM, team, user,
                                    platform_locale=person.locale))
    result = admin.organise(slack.services, PLATFORM, team, user, request.action,
                            request.programme, platform_admin=person.admin)
    if isinstance(result, Say):
        tell_message(client, user, build_reply(result))
    elif isinstance(result, admin.OrganiserAccess):
        client.views_open(trigger_id=command["trigger_id"],
                          view=build_settings_modal(result.programme_id, result.settings))
    else:
        tell_message(client, user, render(result.document()))
