"""Builds the Slack platform for the composition root."""

from __future__ import annotations

import logging
from functools import partial

from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_sdk.errors import SlackApiError
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine

from bot.config import Settings
from bot.platform import PlatformParts
from bot.services import enrolment
from bot.services.context import Services
from bot.slack.app import OAUTH_STATE_SECONDS, build_bolt_app
from bot.slack.executor import ListenerExecutor
from bot.slack.gateway import Pacing, SlackGateway, installation_tokens, single_token
from bot.slack.http import build_router
from bot.store.models import SLACK_BOTS_TABLE, SLACK_INSTALLATIONS_TABLE, SLACK_OAUTH_STATES_TABLE
from bot.web.paths import SLACK_EVENTS, SLACK_INSTALL

logger = logging.getLogger(__name__)


def describe(settings: Settings) -> tuple[int, str]:
    """The start-up log line: on (and how), or what to set."""
    if settings.slack_oauth:
        return logging.INFO, f"Slack: on, OAuth install for many workspaces at {SLACK_INSTALL}"
    if settings.slack_bot_token:
        mode = "Socket Mode" if settings.slack_app_token else f"HTTP at {SLACK_EVENTS}"
        return logging.INFO, f"Slack: on, one workspace, {mode}"
    return logging.INFO, ("Slack: off; set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (one "
                          "workspace) or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and "
                          "SLACK_SIGNING_SECRET (OAuth)")


def build_slack(settings: Settings, services: Services, engine: Engine, *,
                pacing: Pacing | None = None) -> PlatformParts | None:
    """The Slack platform, or None when Slack is not configured (`pacing`: the gateway's
    rates, for a time-compressed fake)."""
    if not settings.slack_enabled:
        return None
    installation_store = state_store = None
    if settings.slack_oauth:
        assert settings.slack_client_id is not None
        # The tables come from our migrations; the stores never create them.
        installation_store = SQLAlchemyInstallationStore(
            client_id=settings.slack_client_id, engine=engine,
            bots_table_name=SLACK_BOTS_TABLE, installations_table_name=SLACK_INSTALLATIONS_TABLE)
        state_store = SQLAlchemyOAuthStateStore(
            expiration_seconds=OAUTH_STATE_SECONDS, engine=engine,
            table_name=SLACK_OAUTH_STATES_TABLE)
        tokens = installation_tokens(installation_store)
        if settings.slack_bot_token:
            logger.warning("Slack: SLACK_BOT_TOKEN is ignored; OAuth installs provide tokens")
    else:
        assert settings.slack_bot_token is not None
        tokens = single_token(settings.slack_bot_token)
    # PAIRBOT_SLACK_RATE_SCALE divides every pacing period (a time-compressed fake Slack).
    pacing = pacing or Pacing().compressed(settings.slack_rate_scale)
    gateway = SlackGateway(api_url=settings.slack_api_url, tokens=tokens,
                           open_rate=pacing.open, post_rate=pacing.post, call_rate=pacing.call,
                           sign=partial(enrolment.button_value, services))
    executor = ListenerExecutor()
    app = build_bolt_app(settings, services, gateway=gateway,
                         installation_store=installation_store, state_store=state_store,
                         listener_executor=executor)
    router = build_router(app, settings.slack_signing_secret)
    parts = PlatformParts(name="slack", gateway=gateway, router=router,
                          workspace_admin=gateway.is_workspace_admin,
                          wait_idle=executor.wait_idle)

    def stop_listeners() -> None:
        executor.wait_idle(timeout=5)
        executor.shutdown(wait=False)

    parts.stop = stop_listeners
    if settings.slack_app_token:
        socket = SocketModeHandler(app, settings.slack_app_token)

        def start() -> None:
            try:
                socket.connect()  # type: ignore[no-untyped-call]
            except SlackApiError as exc:
                logger.error("Slack: Socket Mode could not connect (%s); check SLACK_APP_TOKEN",
                             exc.response.get("error"))
                return
            logger.info("Slack: Socket Mode connected")

        def stop() -> None:
            socket.close()  # type: ignore[no-untyped-call]
            stop_listeners()

        parts.start, parts.stop = start, stop
    return parts
