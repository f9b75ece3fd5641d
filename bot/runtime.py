"""The composition root: settings in, a running pairbot out."""

from __future__ import annotations

import datetime as dt
import gc
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from fastapi import FastAPI
from sqlalchemy import Engine

from bot.config import Settings, load_teams_connection
from bot.core.icebreakers import load_bank
from bot.core.instruments import load_catalogue
from bot.observability.metrics import Metrics, share_between_processes
from bot.observability.metrics import install as install_metrics
from bot.platform import Platform, PlatformParts
from bot.scheduler.leader import Leadership
from bot.scheduler.runner import Scheduler
from bot.services import stats
from bot.services.calendar_links import links_for
from bot.services.clock import Clock, SystemClock
from bot.services.context import Services
from bot.services.foreground import Foreground
from bot.services.retention import retention_of
from bot.store.db import make_session_factory
from bot.store.locks import AdvisoryLock
from bot.web.app import create_app
from bot.web.calendar import calendar_router
from bot.web.console import console_off_router, console_router
from bot.worker import WorkerProcess

logger = logging.getLogger("pairbot")


def _slack_build(settings: Settings, services: Services, engine: Engine
                 ) -> PlatformParts | None:
    from bot.slack.setup import build_slack

    return build_slack(settings, services, engine)


def _slack_describe(settings: Settings) -> tuple[int, str]:
    from bot.slack.setup import describe

    return describe(settings)


def _teams_build(settings: Settings, services: Services, engine: Engine
                 ) -> PlatformParts | None:
    from bot.teams.setup import build_teams

    return build_teams(settings, load_teams_connection(), services, engine)


def _teams_describe(settings: Settings) -> tuple[int, str]:
    from bot.teams.setup import describe

    return describe(settings, load_teams_connection())


# The registry: adding a platform is its package and one line here (docs/platforms.md).
# Each platform's package is imported only when it is built, so a deployment without
# Teams never loads the Agents SDK.
PLATFORMS: tuple[Platform, ...] = (
    Platform("slack", _slack_build, _slack_describe),
    Platform("teams", _teams_build, _teams_describe),
)


@dataclass
class Runtime:
    """Everything `pairbot serve` runs."""

    app: FastAPI
    engine: Engine
    services: Services
    platforms: dict[str, PlatformParts] = field(default_factory=dict)
    closers: list[Callable[[], None]] = field(default_factory=list)
    scheduler: Scheduler | None = None
    leadership: Leadership | None = None
    # The scheduler in a process of its own (bot/worker.py), instead of `scheduler`.
    worker: WorkerProcess | None = None
    stopped: bool = False

    def begin_stop(self) -> None:
        """SIGTERM: from now on no scheduled job and no send begins (does not block)."""
        if self.scheduler is not None:
            self.scheduler.begin_stop()
        if self.worker is not None:
            self.worker.begin_stop()

    def shutdown(self, grace: float = 0.0) -> bool:
        """Stop background work, letting running jobs finish for up to `grace` seconds;
        True when none was still running. Only the first call does anything."""
        if self.stopped:
            return True
        self.stopped = True
        idle = self.scheduler.stop(grace) if self.scheduler is not None else True
        if self.worker is not None:
            idle = self.worker.stop(grace) and idle
        if self.leadership is not None:
            self.leadership.stop()
        for close in reversed(self.closers):
            close()
        return idle


@dataclass
class Background:
    """What the scheduler process runs (bot/worker.py): the scheduler, its leadership and
    the platforms' gateways it sends through, without the web app."""

    services: Services
    scheduler: Scheduler
    leadership: Leadership
    closers: list[Callable[[], None]] = field(default_factory=list)

    def begin_stop(self) -> None:
        """No scheduled job and no send begins from now on (does not block)."""
        self.scheduler.begin_stop()

    def shutdown(self, grace: float = 0.0) -> bool:
        """As Runtime.shutdown: True when no job was still running after `grace` s."""
        idle = self.scheduler.stop(grace)
        self.leadership.stop()
        for close in reversed(self.closers):
            close()
        return idle


def log_platforms(settings: Settings) -> None:
    """One line per platform: configured or what to set."""
    for platform in PLATFORMS:
        level, line = platform.describe(settings)
        logger.log(level, "%s", line)


def build_services(engine: Engine, clock: Clock | None = None,
                   settings: Settings | None = None) -> Services:
    """The services over this database, with no platform attached yet."""
    services = Services(sessions=make_session_factory(engine), clock=clock or SystemClock(),
                        bank=load_bank())
    if settings is not None:
        services.delivery.lease = dt.timedelta(seconds=settings.delivery_lease_seconds)
        services.delivery.sent_payload_retention = dt.timedelta(
            days=settings.sent_payload_days)
        services.retention = retention_of(settings)
        services.instruments = load_catalogue(settings.instruments_dir)
        # Invitation buttons are signed: with the operator's key, or (no console, so none
        # required) the Slack signing secret, which every process of a Slack install shares.
        key = settings.secret_key or settings.slack_signing_secret
        if key:
            services.secret_key = key
        services.calendar = links_for(settings.secret_key, settings.public_url)
    return services


def attach_platforms(settings: Settings, services: Services, engine: Engine
                     ) -> dict[str, PlatformParts]:
    """Build each configured platform of the registry and register its gateway."""
    parts: dict[str, PlatformParts] = {}
    for platform in PLATFORMS:
        built = platform.build(settings, services, engine)
        if built is not None:
            parts[built.name] = built
            services.gateways[built.name] = built.gateway
    if "teams" in parts and not (settings.secret_key or settings.slack_signing_secret):
        # The process that sends an invitation and the one that reads its button differ.
        logger.warning("Teams: PAIRBOT_SECRET_KEY is not set, so the Accept and Decline of "
                       "invitations work only in the process that sent them; set it")
    return parts


def _workspace_admin(platforms: dict[str, PlatformParts], name: str
                     ) -> Callable[[str, str], bool] | None:
    part = platforms.get(name)
    return part.workspace_admin if part is not None else None


def freeze_start_up_heap() -> int:
    """Move what start-up built into the collector's permanent generation; its size.

    A full garbage collection walks every tracked object that is not frozen. After
    start-up that is about 200,000 objects (the modules, the app, the catalogues),
    ~100 ms of CPU that stalls every request in flight, and request handling triggers a
    full collection every minute or so under load. None of it is garbage, so it is
    frozen once: full collections then walk only what was made since."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


def warm_scheduler_jobs(services: Services) -> None:
    """Work out now what the scheduler's jobs would otherwise first do in the middle of
    serving: the bank holidays (heads-ups and reminders move off them). The `holidays`
    package loads its UK calendar at the first call, ~0.25 s of CPU, which fell on the
    first housekeeping tick a minute after start while requests waited for the
    interpreter, and its objects stayed out of the frozen start-up heap; each nation and
    year is then kept (bot.core.slots)."""
    from bot.core.slots import NATIONS, bank_holidays

    year = services.now().year
    for nation in NATIONS:
        bank_holidays(nation, (year - 1, year, year + 1))


def open_pool(engine: Engine) -> int:
    """Open the pool's connections now, not during the first burst of requests: each new
    PostgreSQL connection is a server process forked and an authentication, and up to
    eleven of them fell in the first seconds of load (bench/load.py --probe). How many."""
    size = getattr(engine.pool, "size", None)
    wanted = size() if callable(size) else 0
    opened = []
    try:
        for _ in range(wanted):
            opened.append(engine.connect())
    finally:
        for connection in opened:
            connection.close()
    return len(opened)


def start_scheduler(settings: Settings, services: Services, engine: Engine,
                    foreground: Foreground | None = None) -> tuple[Scheduler, Leadership]:
    """The scheduler, started whenever this process gains the leadership."""
    warm_scheduler_jobs(services)
    background = Scheduler(services, foreground=foreground)
    # Every replica may lead; the advisory lock lets one at a time.
    leadership = Leadership(AdvisoryLock(engine), on_gain=background.start,
                            on_loss=background.stop_now,
                            retry_seconds=settings.leader_retry_seconds)
    leadership.start()
    return background, leadership


def shares_a_database(engine: Engine) -> bool:
    """Whether another process can open this engine's database (not an in-memory SQLite)."""
    return engine.url.database not in (None, "", ":memory:")


def build_runtime(settings: Settings, *, engine: Engine, scheduler: bool = True,
                  clock: Clock | None = None, scheduler_process: bool = False) -> Runtime:
    """Wire the store, services, platforms, web app and scheduler. With `scheduler_process`
    the scheduler runs in a process of its own (`pairbot serve`), started here, and the
    two processes' metrics are added up in this one's /metrics."""
    log_platforms(settings)
    worker = None
    if scheduler and scheduler_process and shares_a_database(engine):
        worker = WorkerProcess(grace=settings.shutdown_grace_seconds)
        share_between_processes(worker.directory)
    open_pool(engine)
    services = build_services(engine, clock, settings)
    platforms = attach_platforms(settings, services, engine)
    routers = [p.router for p in platforms.values() if p.router]
    console = console_router(services, settings, load_teams_connection(),
                             slack_admin=_workspace_admin(platforms, "slack"))
    routers.append(console if console is not None else console_off_router())
    routers.append(calendar_router(services))
    metrics = Metrics(store=lambda: stats.metrics_figures(services))
    install_metrics(metrics)
    # The requests in flight: a scheduler in this process starts its sender's turns
    # between them.
    foreground = Foreground()
    app = create_app(engine=engine, metrics=metrics, metrics_token=settings.metrics_token,
                     foreground=foreground,
                     metrics_closed=settings.metrics_closed, routers=routers,
                     https=bool(settings.public_url
                                and settings.public_url.startswith("https://")))
    runtime = Runtime(app=app, engine=engine, services=services, platforms=platforms)
    for part in platforms.values():
        if part.start:
            part.start()
        if part.stop:
            runtime.closers.append(part.stop)
    if worker is not None:
        runtime.worker = worker
        worker.start()
    elif scheduler:
        runtime.scheduler, runtime.leadership = start_scheduler(settings, services, engine,
                                                                foreground)
    else:
        logger.info("scheduler: off (--no-scheduler); this replica only serves HTTP")
    return runtime


def build_background(settings: Settings, *, engine: Engine,
                     clock: Clock | None = None) -> Background:
    """What the scheduler process runs: services, the platforms' gateways (no web app and
    no Socket Mode: the web process receives), the scheduler and its leadership."""
    services = build_services(engine, clock, settings)
    platforms = attach_platforms(settings, services, engine)
    install_metrics(Metrics())
    scheduler, leadership = start_scheduler(settings, services, engine)
    background = Background(services=services, scheduler=scheduler, leadership=leadership)
    background.closers.extend(part.stop for part in platforms.values() if part.stop)
    return background
