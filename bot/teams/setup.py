"""Builds the Teams platform for the composition root.

The Agents SDK is imported only when Teams is configured, so a Slack-only
deployment (and every CLI command) starts without loading it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine

from bot.config import ConfigError, Settings, TeamsConnection
from bot.platform import PlatformParts
from bot.services.context import Services
from bot.web.paths import TEAMS_MESSAGES

if TYPE_CHECKING:
    from microsoft_agents.hosting.core import Connections


def describe(settings: Settings, teams: TeamsConnection) -> tuple[int, str]:
    """The start-up log line: on, on without authentication, or what to set."""
    if teams.configured:
        return logging.INFO, f"Teams: on, Bot Framework messages at {TEAMS_MESSAGES}"
    if settings.teams_allow_anonymous:
        return logging.WARNING, ("Teams: on WITHOUT authentication "
                                 "(PAIRBOT_TEAMS_ALLOW_ANONYMOUS); local development only")
    return logging.INFO, ("Teams: off; set CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID, "
                          "__CLIENTSECRET and __TENANTID")


def build_teams(settings: Settings, teams: TeamsConnection, services: Services,
                engine: Engine, *, connections: Connections | None = None,
                **options: Any) -> PlatformParts | None:
    """The Teams platform, or None when Teams is not configured.

    `connections` replaces the SDK's MSAL connection manager (tests use fake tokens);
    `graph_url=` points Graph group chats elsewhere (tests, national clouds).
    """
    if not (teams.configured or settings.teams_allow_anonymous):
        return None
    if teams.configured and settings.teams_allow_anonymous:
        raise ConfigError("PAIRBOT_TEAMS_ALLOW_ANONYMOUS: is refused beside real Teams "
                          "credentials (CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID); "
                          "it is for local development without them")
    from bot.teams.app import build_platform
    from bot.teams.connections import build_connections

    connections = connections or build_connections(teams)
    return build_platform(settings, teams, services, connections=connections, **options)
