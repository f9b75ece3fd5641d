"""Buttons and selects: check-in answers, feedback, skipping a round, App Home, leaving."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot.core.replies import Say
from bot.services import checkins, enrolment, evaluation, meetings, participants
from bot.slack import learning
from bot.slack.blocks import (
    CHECKIN_ACTIONS,
    CHECKIN_REASONS,
    INVITATION_ACCEPT,
    MEETING_TIME_ACTIONS,
    build_evaluation_modal,
    build_feedback_modal,
    build_message,
    build_profile_modal,
    build_reply,
)
from bot.slack.deps import PLATFORM, deps, publish_home, team_of, tell
from bot.slack.people import look_up


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
    elif result.ask_reason:
        checkins.ask_reason_later(slack.services, PLATFORM, team_of(context), user, result)
    elif meetings.ask_time_later(slack.services, PLATFORM, team_of(context), user, result):
        pass  # When is it? comes as a message with the suggested times and a picker
    elif result.ask_feedback and result.match_id is not None:
        client.views_open(trigger_id=body["trigger_id"],
                          view=build_feedback_modal(result.match_id, result.theme))
        learning.offer_log(client, user, result.match_id)


def reason_clicked(ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient,
                   context: BoltContext) -> None:
    """Why not yet (or not at all): kept with the answer; Not yet gets new times back."""
    ack()
    found = CHECKIN_REASONS.match(str(action["action_id"]))
    value = str(action.get("value") or "")
    if found is None:
        return
    user = _user(body)
    reply = checkins.record_reason(deps(context).services, PLATFORM, team_of(context), user,
                                   int(value) if value.isdigit() else None, found.group(1))
    tell(client, user, reply)


def meeting_time_chosen(ack: Ack, body: dict[str, Any], action: dict[str, Any],
                        client: WebClient, context: BoltContext) -> None:
    """When is it: a suggested time, another one picked, or cancelling it; the message
    then shows the time, to move or cancel."""
    ack()
    found = MEETING_TIME_ACTIONS.match(str(action["action_id"]))
    if found is None:
        return
    choice, user = found.group(1), _user(body)
    raw, _, start = str(action.get("value") or str(action.get("block_id", ""))
                        .partition(":")[2]).partition("|")
    match_id = int(raw) if raw.isdigit() else None
    picked = action.get("selected_date_time")
    at = dt.datetime.fromtimestamp(picked, dt.UTC) if isinstance(picked, int) else None
    if start:
        try:
            at = dt.datetime.fromisoformat(start)
        except ValueError:
            at = None
    done = meetings.arrange(deps(context).services, PLATFORM, team_of(context), user,
                            match_id, at=at, cancel=choice == "cancel")
    container = body.get("container") or {}
    if done.request is not None and container.get("message_ts"):
        shown = build_message(done.request)
        client.chat_update(channel=container["channel_id"], ts=container["message_ts"],
                           text=shown.text, blocks=shown.block_dicts())
    tell(client, user, done.reply)


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
    """Join / Edit profile (App Home, or a message's button) opens the profile modal."""
    ack()
    locale = look_up(client, _user(body), include_locale=True).locale
    form = participants.profile_form(deps(context).services, PLATFORM, team_of(context),
                                     _user(body), platform_locale=locale)
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


def resume_pressed(ack: Ack, body: dict[str, Any], client: WebClient,
                   context: BoltContext) -> None:
    """A message's Take part again button: what typing `resume` does, with its answer."""
    ack()
    slack, team, user = deps(context), team_of(context), _user(body)
    tell(client, user, participants.resume(slack.services, PLATFORM, team, user))


def status_pressed(ack: Ack, body: dict[str, Any], client: WebClient,
                   context: BoltContext) -> None:
    """A message's Status button: what typing `status` answers, in the DM."""
    ack()
    slack, team, user = deps(context), team_of(context), _user(body)
    tell(client, user, participants.status(slack.services, PLATFORM, team, user))


def leave_confirmed(ack: Ack, body: dict[str, Any], client: WebClient,
                    context: BoltContext) -> None:
    """The confirmed leave button: erase the person's data."""
    ack()
    slack, team, user = deps(context), team_of(context), _user(body)
    reply = participants.leave(slack.services, PLATFORM, team, user)
    tell(client, user, reply)  # its `/pair-me` as a command (its .text would drop it)
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
