"""The composition root: settings in, a running pairbot out."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI
from sqlalchemy import Engine

from bot.config import Settings, load_teams_connection
from bot.web.app import create_app

logger = logging.getLogger("pairbot")


@dataclass
class Runtime:
    """Everything `pairbot serve` runs."""

    app: FastAPI
    engine: Engine
    closers: list[Any] = field(default_factory=list)

    def shutdown(self) -> None:
        """Stop background work."""
        for close in reversed(self.closers):
            close()


def log_platforms(settings: Settings) -> None:
    """One line per platform: configured or what to set."""
    if settings.slack_oauth:
        logger.info("Slack: on, OAuth install for many workspaces at /slack/install")
    elif settings.slack_bot_token:
        mode = "Socket Mode" if settings.slack_app_token else "HTTP at /slack/events"
        logger.info("Slack: on, one workspace, %s", mode)
    else:
        logger.info(
            "Slack: off; set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (one workspace) "
            "or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_SIGNING_SECRET (OAuth)"
        )
    teams = load_teams_connection()
    if teams.configured:
        logger.info("Teams: on, Bot Framework messages at /api/messages")
    elif settings.teams_allow_anonymous:
        logger.warning(
            "Teams: on WITHOUT authentication (PAIRBOT_TEAMS_ALLOW_ANONYMOUS); "
            "local development only"
        )
    else:
        logger.info(
            "Teams: off; set CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID, "
            "__CLIENTSECRET and __TENANTID"
        )


def build_runtime(settings: Settings, *, engine: Engine, scheduler: bool = True) -> Runtime:
    """Wire the store, services, platforms, web app and scheduler."""
    log_platforms(settings)
    app = create_app(engine=engine)
    return Runtime(app=app, engine=engine)
