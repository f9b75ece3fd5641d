"""The Bolt app: one workspace with SLACK_BOT_TOKEN, or many through OAuth install."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Executor
from typing import Any
from urllib.parse import urlsplit

from slack_bolt import App
from slack_bolt.oauth.callback_options import CallbackOptions, FailureArgs, SuccessArgs
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_bolt.response import BoltResponse
from slack_sdk import WebClient
from slack_sdk.oauth.installation_store import InstallationStore
from slack_sdk.oauth.state_store import OAuthStateStore

from bot.config import Settings
from bot.services import workspaces
from bot.services.context import Services
from bot.slack.deps import PLATFORM, SlackDeps
from bot.slack.executor import ListenerExecutor
from bot.slack.gateway import SlackGateway, make_client
from bot.slack.listeners import register
from bot.web.paths import SLACK_INSTALL, SLACK_OAUTH_REDIRECT

logger = logging.getLogger(__name__)

# Exactly what the listeners and the gateway use; deploy/slack/manifest*.yml list the same.
BOT_SCOPES = (
    "channels:read",     # member_joined_channel in public channels
    "chat:write",        # intros, check-ins, notices; chat.update; chat.postEphemeral
    "commands",          # /pair-me
    "files:write",       # my-data arrives as a JSON file (files.uploadV2)
    "groups:read",       # member_joined_channel in private channels
    "im:history",        # find a DM after a crash (conversations.history)
    "im:write",          # open DMs
    "mpim:history",      # find a group DM message after a crash
    "mpim:write",        # open group DMs for intros
    "reactions:read",    # reaction_added / reaction_removed on check-ins
    "users:read",        # names, admins, user_change
    "users:read.email",  # invitations from a staff list: users.lookupByEmail
)
OAUTH_STATE_SECONDS = 600


def authorize_url(api_url: str) -> str:
    """Slack's page where an admin approves the install (GovSlack has its own host)."""
    host = urlsplit(api_url).hostname or ""
    if host == "slack-gov.com" or host.endswith(".slack-gov.com"):
        return "https://slack-gov.com/oauth/v2/authorize"
    return "https://slack.com/oauth/v2/authorize"


def _callbacks(services: Services) -> CallbackOptions:
    def success(args: SuccessArgs) -> BoltResponse:
        installation = args.installation
        if installation.team_id:
            workspaces.installed(services, PLATFORM, installation.team_id,
                                 installation.team_name or "")
            logger.info("slack: installed in %s (%s)", installation.team_id,
                        installation.team_name)
        return args.default.success(args)

    def failure(args: FailureArgs) -> BoltResponse:
        logger.warning("slack: install failed: %s", args.reason)
        return args.default.failure(args)

    return CallbackOptions(success=success, failure=failure)


def build_bolt_app(settings: Settings, services: Services, *, gateway: SlackGateway,
                   installation_store: InstallationStore | None = None,
                   state_store: OAuthStateStore | None = None,
                   listener_executor: Executor | None = None,
                   client_factory: Callable[[str | None], WebClient] | None = None) -> App:
    """The Bolt app with every pairbot listener registered; nothing is called at build time."""
    make = client_factory or (lambda token: make_client(settings.slack_api_url, token))
    options: dict[str, Any] = {
        "signing_secret": settings.slack_signing_secret,
        # The HTTP endpoint (bot/slack/http.py) has checked the signature already: once.
        "request_verification_enabled": False,
        "listener_executor": listener_executor,
        # No auth.test at start: serve must come up even while Slack is unreachable.
        "token_verification_enabled": False,
        "name": "pairbot",
    }
    if settings.slack_oauth:
        if installation_store is None or state_store is None:
            raise ValueError("OAuth needs an installation store and a state store")
        options["client"] = make(None)
        options["oauth_settings"] = OAuthSettings(
            client_id=settings.slack_client_id, client_secret=settings.slack_client_secret,
            scopes=list(BOT_SCOPES), installation_store=installation_store,
            installation_store_bot_only=True, state_store=state_store,
            authorization_url=authorize_url(settings.slack_api_url),
            install_path=SLACK_INSTALL, redirect_uri_path=SLACK_OAUTH_REDIRECT,
            callback_options=_callbacks(services),
        )
    else:
        options["client"] = make(settings.slack_bot_token)
    app = App(**options)
    later = listener_executor.later if isinstance(listener_executor, ListenerExecutor) else None
    register(app, SlackDeps(services=services, gateway=gateway,
                            installation_store=installation_store, later=later))
    return app
