"""Events API: App Home, reactions on check-ins, channel joins, uninstall, deleted users."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient

from bot.core.states import Answer
from bot.services import checkins, meetings, workspaces
from bot.services.gateway import SentRef
from bot.slack.deps import PLATFORM, deps, publish_home, team_of

logger = logging.getLogger(__name__)

# A reaction to the check-in counts the same as its button.
REACTIONS = {
    "white_check_mark": Answer.MET,
    "calendar": Answer.SCHEDULED,
    "spiral_calendar_pad": Answer.SCHEDULED,
    "hourglass_flowing_sand": Answer.NOT_YET,
    "hourglass": Answer.NOT_YET,
    "x": Answer.NOT_HAPPENING,
}


def home_opened(event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """Publish the person's App Home when they open it."""
    if event.get("tab", "home") != "home":
        return
    publish_home(client, deps(context).services, team_of(context), str(event["user"]))


def reaction_changed(event: dict[str, Any], context: BoltContext) -> None:
    """reaction_added answers the check-in it is on; reaction_removed takes the answer back."""
    item = event.get("item") or {}
    answer = REACTIONS.get(str(event.get("reaction", "")).split("::")[0])
    if answer is None or item.get("type") != "message":
        return
    channel, ts, user = item.get("channel"), item.get("ts"), event.get("user")
    if not (isinstance(channel, str) and channel and isinstance(ts, str) and ts
            and isinstance(user, str) and user):
        logger.warning("slack: a reaction event without item.channel, item.ts or user; ignored")
        return
    slack, team = deps(context), team_of(context)
    result = checkins.record_checkin(
        slack.services, PLATFORM, team, user, answer=answer, source="reaction",
        message=SentRef(channel, ts),
        withdraw=event.get("type") == "reaction_removed")
    # A reaction brings no trigger id to open a modal with: ask in a DM, with a button.
    checkins.ask_feedback_later(slack.services, PLATFORM, team, user, result)
    checkins.ask_reason_later(slack.services, PLATFORM, team, user, result)
    meetings.ask_time_later(slack.services, PLATFORM, team, user, result)


def member_joined(event: dict[str, Any], context: BoltContext) -> None:
    """Someone joined a programme's channel: a welcome DM goes out through the outbox."""
    user = str(event.get("user") or "")
    if not user or user == context.bot_user_id:
        return
    workspaces.welcome_channel_member(deps(context).services, PLATFORM, team_of(context),
                                      str(event.get("channel") or ""), user)


def app_uninstalled(context: BoltContext) -> None:
    """Stop sending to the workspace and forget its installation."""
    slack, team = deps(context), team_of(context)
    dropped = workspaces.uninstalled(slack.services, PLATFORM, team)
    if slack.installation_store is not None:
        slack.installation_store.delete_all(enterprise_id=context.enterprise_id, team_id=team)
    logger.info("slack: uninstalled from %s; %d pending messages dropped", team, dropped)


def tokens_revoked(event: dict[str, Any], context: BoltContext) -> None:
    """Revoked user tokens are forgotten; a revoked bot token means nothing can be sent."""
    slack, team = deps(context), team_of(context)
    tokens = event.get("tokens") or {}
    store = slack.installation_store
    if store is not None:
        for user_id in tokens.get("oauth") or []:
            store.delete_installation(enterprise_id=context.enterprise_id, team_id=team,
                                      user_id=user_id)
    if tokens.get("bot"):
        if store is not None:
            store.delete_bot(enterprise_id=context.enterprise_id, team_id=team)
        dropped = workspaces.uninstalled(slack.services, PLATFORM, team)
        logger.info("slack: bot token revoked in %s; %d pending messages dropped", team,
                    dropped)


def user_changed(event: dict[str, Any], context: BoltContext) -> None:
    """A member deleted from the workspace is erased."""
    user = event.get("user") or {}
    if user.get("deleted") and user.get("id"):
        workspaces.user_deleted(deps(context).services, PLATFORM, team_of(context),
                                str(user["id"]))
