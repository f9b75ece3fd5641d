"""Every Bolt listener, registered in one place.

Each listener is a plain function of Bolt's injected arguments: it
acknowledges, parses the payload, calls a service and renders the answer.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltContext, BoltRequest, BoltResponse
from slack_bolt.util.utils import get_arg_names_of_callable
from slack_sdk import WebClient

from bot.core import i18n
from bot.services import events, languages
from bot.slack import agreement, blocks, learning
from bot.slack.blocks import SLASH_COMMAND
from bot.slack.deps import CONTEXT_KEY, PLATFORM, SlackDeps
from bot.slack.listeners import actions, commands, slack_events, views

logger = logging.getLogger("bot.slack")

COMMAND = SLASH_COMMAND
# The Events API subscriptions; deploy/slack/manifest*.yml list exactly these.
EVENT_LISTENERS: dict[str, Callable[..., None]] = {
    "app_home_opened": slack_events.home_opened,
    "reaction_added": slack_events.reaction_changed,
    "reaction_removed": slack_events.reaction_changed,
    "member_joined_channel": slack_events.member_joined,
    "app_uninstalled": slack_events.app_uninstalled,
    "tokens_revoked": slack_events.tokens_revoked,
    "user_change": slack_events.user_changed,
}
EVENTS = tuple(EVENT_LISTENERS)
# Events whose listener writes nothing the person reads at once: no language to look up
# for each (a reaction on a check-in redraws it in its reader's language by itself,
# bot.services.checkins.record_checkin, and only when the answer changed).
SILENT_EVENTS = frozenset({"reaction_added", "reaction_removed"})


def register(app: App, slack_deps: SlackDeps) -> None:
    """Attach the dependencies, the retry filter, every listener and the error handler."""

    def attach(context: BoltContext, next_: Any) -> Any:
        context[CONTEXT_KEY] = slack_deps
        return next_()

    def skip_processed(body: dict[str, Any], request: BoltRequest, next_: Any) -> Any:
        event_id = _event_id(body)
        retries = request.headers.get("x-slack-retry-num") or []
        retry = retries[0] if retries else None
        # Over HTTP, Slack marks every redelivery with X-Slack-Retry-Num: a first delivery
        # needs no look-up (one unit of work less before the ack of every event). Socket
        # Mode's requests carry no such header, so there every event is looked up.
        first = request.mode == "http" and retry is None
        if event_id and not first and events.processed(slack_deps.services, PLATFORM,
                                                       event_id):
            logger.info("slack: event %s already processed; retry %s ignored", event_id, retry)
            return BoltResponse(status=200, body="")
        return next_()

    app.use(attach)
    app.use(skip_processed)

    def listen(listener: Callable[..., Any]) -> Callable[..., Any]:
        return in_language(listener, slack_deps)

    app.command(COMMAND)(in_language(commands.pair_me, slack_deps, when_needed=True))

    app.view_submission(blocks.PROFILE_VIEW)(listen(views.profile_submitted))
    app.view_submission(blocks.FEEDBACK_VIEW)(listen(views.feedback_submitted))
    app.view_submission(blocks.SETTINGS_VIEW)(listen(views.settings_submitted))
    app.view_submission(blocks.EVALUATION_VIEW)(listen(views.evaluation_submitted))
    app.view_submission(learning.LOG_VIEW)(listen(learning.log_submitted))
    app.view_submission(agreement.AGREEMENT_VIEW)(listen(agreement.agreement_submitted))

    app.action(blocks.CHECKIN_ACTIONS)(listen(actions.checkin_clicked))
    app.action(blocks.CHECKIN_REASONS)(listen(actions.reason_clicked))
    app.action(blocks.MEETING_TIME_ACTIONS)(listen(actions.meeting_time_chosen))
    app.action(blocks.FEEDBACK_OPEN)(listen(actions.feedback_clicked))
    app.action(blocks.EVALUATION_OPEN)(listen(actions.evaluation_clicked))
    app.action(learning.LOG_OPEN)(listen(learning.log_clicked))
    app.action(agreement.AGREEMENT_OPEN)(listen(agreement.agreement_clicked))
    app.action(blocks.HEADSUP_SKIP)(listen(actions.headsup_skip_clicked))
    app.action(blocks.INVITATION_ACCEPT)(listen(actions.invitation_answered))
    app.action(blocks.INVITATION_DECLINE)(listen(actions.invitation_answered))
    app.action(blocks.HOME_EDIT)(listen(actions.edit_clicked))
    app.action(blocks.HOME_PAUSE)(listen(actions.pause_chosen))
    app.action(blocks.HOME_RESUME)(listen(actions.resume_clicked))
    app.action(blocks.RESUME)(listen(actions.resume_pressed))
    app.action(blocks.STATUS_SHOW)(listen(actions.status_pressed))
    app.action(blocks.LEAVE_CONFIRM)(listen(actions.leave_confirmed))
    app.action(blocks.PROFILE_PROGRAMME)(listen(actions.programme_chosen))

    for event, listener in EVENT_LISTENERS.items():
        wrapped = once(listener, slack_deps)
        app.event(event)(wrapped if event in SILENT_EVENTS else listen(wrapped))

    app.error(on_error)


def _event_id(body: dict[str, Any]) -> str | None:
    event_id = body.get("event_id") if body.get("type") == "event_callback" else None
    return str(event_id) if event_id else None


def once(listener: Callable[..., Any], slack_deps: SlackDeps) -> Callable[..., None]:
    """The event listener, recording its event as processed only when it has succeeded.
    Bolt has acknowledged the event already: the work goes to `slack_deps.later` when
    there is one (bot/slack/executor.py), failures to the one error handler."""
    wanted = get_arg_names_of_callable(listener)

    def run(body: dict[str, Any], event: dict[str, Any], client: WebClient,
            context: BoltContext) -> None:
        given = {"body": body, "event": event, "client": client, "context": context}

        def work() -> None:
            listener(**{name: given[name] for name in wanted})
            event_id = _event_id(body)
            if event_id:
                events.record(slack_deps.services, PLATFORM, event_id)

        def logged() -> None:
            try:
                work()
            except Exception as exc:
                on_error(exc, body)

        if slack_deps.later is None:
            work()
        else:
            slack_deps.later(logged)

    run.__name__ = getattr(listener, "__name__", "listener")
    return run


def in_language(listener: Callable[..., Any], slack_deps: SlackDeps,
                when_needed: bool = False) -> Callable[..., Any]:
    """The listener, run in the language of the person it answers (their choice, what Slack
    says, their programme's; bot.services.languages): replies, modals and App Home alike.
    Bolt runs listeners on its own threads, so the language is set there, not in a
    middleware. `when_needed`: looked up when first needed, for a listener that finds it
    itself before any unit of work translates (`/pair-me`: `status` reads it in its own
    statement; bot.services.participants.handle_command)."""
    wanted = get_arg_names_of_callable(listener)
    names = list(dict.fromkeys([*wanted, "body", "context"]))

    def run(**given: Any) -> Any:
        body, context = given["body"], given["context"]
        user, team = _user_of(body), str(context.team_id or context.enterprise_id or "")
        if not (user and team):
            with i18n.using(None):
                return listener(**{name: given[name] for name in wanted})
        if when_needed:
            with i18n.using_when_needed(lambda: languages.of_person(
                    slack_deps.services, PLATFORM, team, user)):
                return listener(**{name: given[name] for name in wanted})
        with i18n.using(languages.of_person(slack_deps.services, PLATFORM, team, user)):
            return listener(**{name: given[name] for name in wanted})

    # Bolt passes the arguments a listener names: this one names the listener's and the two
    # it reads itself.
    run.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [inspect.Parameter(name, inspect.Parameter.POSITIONAL_OR_KEYWORD) for name in names])
    run.__name__ = getattr(listener, "__name__", "listener")
    return run


def _user_of(body: dict[str, Any]) -> str | None:
    """Who a request is from: a command's `user_id`, an interaction's `user.id`, an event's
    `user`."""
    user = body.get("user")
    found = body.get("user_id") or (user.get("id") if isinstance(user, dict) else None) or (
        body.get("event") or {}).get("user")
    return found if isinstance(found, str) and found else None


def on_error(error: Exception, body: dict[str, Any]) -> None:
    """The one error handler: log with the traceback and what Slack sent."""
    kind = body.get("type") or ("slash_command" if body.get("command") else "request")
    detail = (body.get("event") or {}).get("type") or body.get("command") or ""
    logger.exception("slack: %s %s failed", kind, detail, exc_info=error)


__all__ = ["COMMAND", "EVENTS", "register"]
