"""Buttons and selects: check-in answers, feedback, skipping a round, App Home, leaving."""

from __future__ import annotations

import json
from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot.core.replies import Say
from bot.services import checkins, enrolment, evaluation, participants
from bot.slack import learning
from bot.slack.blocks import (
    CHECKIN_ACTIONS,
    INVITATION_ACCEPT,
    build_evaluation_modal,
    build_feedback_modal,
    build_profile_modal,
    build_reply,
)
from bot.slack.deps import PLATFORM, deps, publish_home, team_of, tell


def _user(body: dict[str, Any]) -> str:
    return str(body["user"]["id"])


def checkin_clicked(ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient,
                    context: BoltContext) -> None:
    """Met / Scheduled / Not going to happen; after *Met*, the feedback form."""
    ack()
    slack = deps(context)
    found = CHECKIN_ACTIONS.match(str(action["action_id"]))
    value = str(action.get("value") or "")
    if found is None or not value.isdigit():
        return
    user = _user(body)
    result = checkins.record_checkin(slack.services, PLATFORM, team_of(context), user,
                                     answer=found.group(1), source="button",
                                     match_id=int(value))
    if result.error:
        tell(client, user, result.error)
    elif result.ask_feedback and result.match_id is not None:
        client.views_open(trigger_id=body["trigger_id"],
                          view=build_feedback_modal(result.match_id, result.theme))
        learning.offer_log(client, user, result.match_id)


def feedback_clicked(ack: Ack, body: dict[str, Any], action: dict[str, Any],
                     client: WebClient, context: BoltContext) -> None:
    """The button in the feedback request opens the form, naming the meeting's theme."""
    ack()
    value = str(action.get("value") or "")
    if value.isdigit():
        theme = checkins.meeting_theme(deps(context).services, int(value))
        client.views_open(trigger_id=body["trigger_id"],
                          view=build_feedback_modal(int(value), theme))


def evaluation_clicked(ack: Ack, body: dict[str, Any], action: dict[str, Any],
                       client: WebClient, context: BoltContext) -> None:
    """The button in a questionnaire request opens the five questions."""
    ack()
    try:
        data = json.loads(str(action.get("value") or ""))
        programme_id, stage, term = int(data["programme_id"]), str(data["stage"]), int(
            data.get("term") or 0)
    except (ValueError, KeyError, TypeError):
        return
    request = evaluation.request_for(deps(context).services, programme_id, stage, term)
    client.views_open(trigger_id=body["trigger_id"], view=build_evaluation_modal(
        programme_id, stage, term, questions=request.questions, scale_of=request.scale))


def headsup_skip_clicked(ack: Ack, body: dict[str, Any], action: dict[str, Any],
                         client: WebClient, context: BoltContext) -> None:
    """Skip the coming round; the heads-up message says so."""
    ack()
    try:
        data = json.loads(str(action.get("value") or ""))
        programme_id, period = int(data["programme_id"]), str(data["period"])
    except (ValueError, KeyError, TypeError):
        return
    reply = participants.skip_round(deps(context).services, programme_id, _user(body), period)
    container = body.get("container") or {}
    channel, ts = container.get("channel_id"), container.get("message_ts")
    if channel and ts:
        message = build_reply(reply)
        client.chat_update(channel=channel, ts=ts, text=message.text,
                           blocks=message.block_dicts())


def edit_clicked(ack: Ack, body: dict[str, Any], client: WebClient,
                 context: BoltContext) -> None:
    """App Home: Join / Edit profile opens the profile modal."""
    ack()
    form = participants.profile_form(deps(context).services, PLATFORM, team_of(context),
                                     _user(body))
    client.views_open(trigger_id=body["trigger_id"], view=build_profile_modal(form))


def pause_chosen(ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient,
                 context: BoltContext) -> None:
    """App Home: pause for the chosen length (the same words as `/pair-me pause 2w`)."""
    ack()
    slack, team, user = deps(context), team_of(context), _user(body)
    length = str((action.get("selected_option") or {}).get("value") or "")
    participants.handle_command(slack.services, PLATFORM, team, user, f"pause {length}")
    publish_home(client, slack.services, team, user)


def resume_clicked(ack: Ack, body: dict[str, Any], client: WebClient,
                   context: BoltContext) -> None:
    """App Home: take part again."""
    ack()
    slack, team, user = deps(context), team_of(context), _user(body)
    participants.handle_command(slack.services, PLATFORM, team, user, "resume")
    publish_home(client, slack.services, team, user)


def leave_confirmed(ack: Ack, body: dict[str, Any], client: WebClient,
                    context: BoltContext) -> None:
    """The confirmed leave button: erase the person's data."""
    ack()
    slack, team, user = deps(context), team_of(context), _user(body)
    reply = participants.leave(slack.services, PLATFORM, team, user)
    tell(client, user, reply.text)
    publish_home(client, slack.services, team, user)


def programme_chosen(ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient,
                     context: BoltContext) -> None:
    """The profile modal's programme select: show that programme's professions."""
    ack()
    value = str((action.get("selected_option") or {}).get("value") or "")
    view = body.get("view") or {}
    if not value.isdigit() or not view.get("id"):
        return
    form = participants.profile_form(deps(context).services, PLATFORM, team_of(context),
                                     _user(body), int(value))
    client.views_update(view_id=view["id"], hash=view.get("hash"),
                        view=build_profile_modal(form))


def invitation_answered(ack: Ack, body: dict[str, Any], action: dict[str, Any],
                        client: WebClient, context: BoltContext) -> None:
    """An import's invitation: Accept opens the profile, pre-filled with what the import
    knew; Decline deletes it. The invitation message then says what happened."""
    ack()
    value = str(action.get("value") or "")
    slack, team, user = deps(context), team_of(context), _user(body)
    if action.get("action_id") == INVITATION_ACCEPT:
        answer = enrolment.accept(slack.services, value, PLATFORM, team, user,
                                  str(body["user"].get("name") or ""))
    else:
        answer = enrolment.decline(slack.services, value, PLATFORM, team, user)
    if answer.programme_id is not None:
        form = participants.profile_form(slack.services, PLATFORM, team, user,
                                         answer.programme_id)
        client.views_open(trigger_id=body["trigger_id"], view=build_profile_modal(form))
    container = body.get("container") or {}
    channel, ts = container.get("channel_id"), container.get("message_ts")
    message = build_reply(Say(answer.text, error=answer.error))
    if channel and ts and not answer.refused:
        client.chat_update(channel=channel, ts=ts, text=message.text,
                           blocks=message.block_dicts())
    else:
        tell(client, user, answer.text)
