"""`pairbot serve` and `pairbot migrate`."""

from __future__ import annotations

import argparse
import logging
import time
from typing import TYPE_CHECKING

from bot.cli.errors import UserError
from bot.core.i18n import _

if TYPE_CHECKING:
    import socket
    from types import FrameType

logger = logging.getLogger("pairbot")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `serve` and `migrate`."""
    serve = sub.add_parser(
        "serve",
        help=_("migrate the database, then serve HTTP and run the scheduler"),
        description=_("Migrate the database, then serve HTTP (Slack events, Teams messages, "
                      "health, admin) on PORT and run the scheduler. Configuration comes from "
                      "the environment or a .env file; see the README."),
    )
    serve.add_argument("--host", default=None,
                       help=_("address to listen on (default: HOST or 127.0.0.1)"))
    serve.add_argument("--port", type=int, default=None,
                       help=_("port (default: PORT or 3000)"))
    serve.add_argument(
        "--no-scheduler",
        action="store_true",
        help=_("serve HTTP only; for extra replicas beside one that runs the scheduler"),
    )
    serve.set_defaults(func=run_serve)

    mig = sub.add_parser(
        "migrate",
        help=_("upgrade the database to the newest schema"),
        description=_("Run Alembic migrations on DATABASE_URL up to head."),
    )
    mig.set_defaults(func=run_migrate)


def run_migrate(args: argparse.Namespace) -> int:
    from bot.cli.common import migrated_engine, settings_or_exit
    from bot.store import migrate

    settings = settings_or_exit()
    engine = migrated_engine(settings)
    print(_("database at revision {revision} (head)").format(
        revision=migrate.current_revision(engine)))
    return 0


def run_serve(args: argparse.Namespace) -> int:
    from bot.cli.common import migrated_engine, settings_or_exit

    settings = settings_or_exit()  # a bad setting is refused before the runtime is imported
    import asyncio

    import uvicorn

    from bot.config import LOOPBACK, ConfigError
    from bot.runtime import Runtime, build_runtime, freeze_start_up_heap
    from bot.store import migrate
    grace = settings.shutdown_grace_seconds

    def stop(runtime: Runtime) -> None:
        if runtime.stopped:
            return
        started = time.monotonic()
        if runtime.shutdown(grace):
            logger.info("stopped in %.1f s", time.monotonic() - started)
        else:
            # Past the grace period: the row of a send still under way stays claimed, and
            # another replica checks it with the platform before sending it again.
            logger.warning("stopping after %.0f s with a send still under way", grace)

    class Server(uvicorn.Server):
        """uvicorn, telling the scheduler to stop taking work as soon as SIGTERM arrives;
        uvicorn stops accepting connections and finishes open requests, then the sends in
        flight finish, before uvicorn ends the process with the signal it received."""

        def __init__(self, config: uvicorn.Config, runtime: Runtime) -> None:
            super().__init__(config)
            self.runtime = runtime

        def handle_exit(self, sig: int, frame: FrameType | None) -> None:
            if not self.should_exit:
                logger.info("stopping: finishing requests and sends in flight (up to %.0f s)",
                            grace)
            self.runtime.begin_stop()
            super().handle_exit(sig, frame)

        async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
            await super().shutdown(sockets)
            await asyncio.to_thread(stop, self.runtime)

    root = logging.getLogger()
    if root.level != logging.DEBUG:  # -v wins over PAIRBOT_LOG_LEVEL
        root.setLevel(settings.log_level)
    engine = migrated_engine(settings)
    logger.info("database %s migrated to %s (head)", engine.url.get_backend_name(),
                migrate.current_revision(engine))
    host = args.host or settings.host
    if args.host and settings.teams_allow_anonymous and args.host not in LOOPBACK:
        raise UserError(_("PAIRBOT_TEAMS_ALLOW_ANONYMOUS: lets anyone act as anyone, so it is "
                          "refused unless pairbot listens on loopback only (--host {host})")
                        .format(host=host))
    try:
        # The scheduler runs in a process of its own (bot/worker.py).
        runtime = build_runtime(settings, engine=engine, scheduler=not args.no_scheduler,
                                scheduler_process=True)
    except ConfigError as exc:
        raise UserError(str(exc)) from None
    port = args.port or settings.port
    frozen = freeze_start_up_heap()
    logger.debug("%d objects made at start-up frozen out of full collections", frozen)
    logger.info("pairbot listening on http://%s:%s", host, port)
    # X-Forwarded-For/-Proto are believed only from the proxies the operator lists; by
    # default from no one (uvicorn's own default trusts anyone on loopback).
    proxies = settings.trusted_proxies
    config = uvicorn.Config(runtime.app, host=host, port=port, log_level="warning",
                            log_config=None, timeout_graceful_shutdown=max(1, int(grace)),
                            proxy_headers=bool(proxies), forwarded_allow_ips=proxies or "")
    try:
        Server(config, runtime).run()
    finally:
        stop(runtime)  # when uvicorn ended without a signal (e.g. the port was taken)
    return 0
