"""What listeners work with, handed to them through Bolt's request context."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient

from bot.core.replies import Say
from bot.services import participants
from bot.services.context import Services
from bot.slack.blocks import Message, build_home, build_reply
from bot.slack.gateway import SlackGateway

PLATFORM = "slack"
CONTEXT_KEY = "pairbot"


@dataclass
class SlackDeps:
    """The services, the gateway and (with OAuth) the installation store."""

    services: Services
    gateway: SlackGateway
    installation_store: Any | None = None
    # Runs acknowledged Events API work off Bolt's listener threads (ListenerExecutor.later);
    # None: on the listener's thread.
    later: Callable[[Callable[[], None]], None] | None = None


def deps(context: BoltContext) -> SlackDeps:
    """The dependencies the app was built with."""
    found: SlackDeps = context[CONTEXT_KEY]
    return found


def team_of(context: BoltContext) -> str:
    """The workspace (team id) the request came from."""
    return str(context.team_id or context.enterprise_id or "")


def publish_home(client: WebClient, services: Services, team: str, user_id: str) -> None:
    """Render the user's App Home from the services and publish it."""
    home = participants.home(services, PLATFORM, team, user_id)
    client.views_publish(user_id=user_id, view=build_home(home))


def tell(client: WebClient, user_id: str, reply: Say | str) -> None:
    """A message to the person in their DM with the bot."""
    tell_message(client, user_id, build_reply(reply if isinstance(reply, Say) else Say(reply)))


def tell_message(client: WebClient, user_id: str, message: Message) -> None:
    """A built message to the person in their DM with the bot."""
    client.chat_postMessage(channel=user_id, text=message.text, blocks=message.block_dicts())
