"""The platform contract: what a chat platform hands the composition root.

This module is a leaf: the platform packages (bot/slack, bot/teams) import it
downward, and it imports none of them (an import-linter contract keeps it so).
The registry of platforms lives in the composition root, `bot/runtime.py`.

A platform provides, through its setup module:

- `build(settings, services, engine)`: a `PlatformParts`, or None when the
  platform is not configured;
- `describe(settings)`: one start-up log line (a level and the text) saying
  whether it is on, or what to set.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.services.gateway import Gateway

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from bot.config import Settings
    from bot.services.context import Services


@dataclass
class PlatformParts:
    """A configured platform.

    `gateway` is what the outbox sends through; `router` a FastAPI APIRouter mounted on
    the one web app; `start` and `stop` begin and end its background work (a socket, a
    loop); `workspace_admin(workspace, user)` tells whether a user administers their
    workspace, for the console's sign-in, when the platform can say so; `wait_idle(timeout)`
    waits for the work that requests began after they were acknowledged (False when
    `timeout` seconds passed first), for whoever must know it is done (a drain, a test).
    """

    name: str
    gateway: Gateway
    router: Any = None
    start: Callable[[], None] | None = None
    stop: Callable[[], None] | None = None
    workspace_admin: Callable[[str, str], bool] | None = None
    wait_idle: Callable[[float], bool] | None = None


@dataclass(frozen=True)
class Platform:
    """A registered platform: how to build it, and one log line on whether it is on."""

    name: str
    build: Callable[[Settings, Services, Engine], PlatformParts | None]
    describe: Callable[[Settings], tuple[int, str]]
