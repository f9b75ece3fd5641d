"""The composition root: settings in, a running pairbot out."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from fastapi import FastAPI
from sqlalchemy import Engine

from bot.config import Settings, TeamsConnection, load_teams_connection
from bot.core.icebreakers import load_bank
from bot.platform import PlatformParts
from bot.services import stats
from bot.services.clock import Clock, SystemClock
from bot.services.context import Services
from bot.services.retention import retention_of
from bot.store.db import make_session_factory
from bot.web.admin import admin_router
from bot.web.app import create_app

logger = logging.getLogger("pairbot")


@dataclass
class Runtime:
    """Everything `pairbot serve` runs."""

    app: FastAPI
    engine: Engine
    services: Services
    platforms: dict[str, PlatformParts] = field(default_factory=dict)
    closers: list[Callable[[], None]] = field(default_factory=list)

    def shutdown(self) -> None:
        """Stop background work."""
        for close in reversed(self.closers):
            close()


def log_platforms(settings: Settings, teams: TeamsConnection) -> None:
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


def build_services(engine: Engine, clock: Clock | None = None,
                   settings: Settings | None = None) -> Services:
    """The services over this database, with no platform attached yet."""
    services = Services(sessions=make_session_factory(engine), clock=clock or SystemClock(),
                        bank=load_bank())
    if settings is not None:
        services.delivery.lease = dt.timedelta(seconds=settings.delivery_lease_seconds)
        services.retention = retention_of(settings)
    return services


def attach_platforms(settings: Settings, services: Services, engine: Engine,
                     teams: TeamsConnection | None = None) -> dict[str, PlatformParts]:
    """Build each configured platform and register its gateway with the services."""
    from bot.slack.setup import build_slack
    from bot.teams.setup import build_teams

    teams = teams or load_teams_connection()
    parts: dict[str, PlatformParts] = {}
    for built in (build_slack(settings, services, engine),
                  build_teams(settings, teams, services, engine)):
        if built is not None:
            parts[built.name] = built
            services.gateways[built.name] = built.gateway
    return parts


def build_runtime(settings: Settings, *, engine: Engine, scheduler: bool = True,
                  clock: Clock | None = None) -> Runtime:
    """Wire the store, services, platforms, web app and scheduler."""
    teams = load_teams_connection()
    log_platforms(settings, teams)
    services = build_services(engine, clock, settings)
    platforms = attach_platforms(settings, services, engine, teams)
    routers = [p.router for p in platforms.values() if p.router]
    routers.append(admin_router(services, settings.admin_token))
    app = create_app(engine=engine, metrics=lambda: stats.prometheus_text(services),
                     routers=routers, slack_signing_secret=settings.slack_signing_secret)
    runtime = Runtime(app=app, engine=engine, services=services, platforms=platforms)
    for part in platforms.values():
        if part.start:
            part.start()
        if part.stop:
            runtime.closers.append(part.stop)
    if scheduler:
        from bot.scheduler.runner import Scheduler

        background = Scheduler(services)
        background.start()
        runtime.closers.append(background.stop)
    else:
        logger.info("scheduler: off (--no-scheduler); this replica only serves HTTP")
    return runtime
