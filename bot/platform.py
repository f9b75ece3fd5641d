"""The platforms pairbot runs on: what each hands the composition root, and the registry.

Adding a platform is adding its package and one `Platform` line to `PLATFORMS`
(see docs/platforms.md); bot/runtime.py only loops over the registry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bot.services.gateway import Gateway

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from bot.config import Settings
    from bot.services.context import Services


@dataclass
class PlatformParts:
    """A configured platform: its HTTP routes, its gateway, and background work."""

    name: str
    gateway: Gateway
    router: Any = None  # a FastAPI APIRouter, mounted on the one web app
    start: Callable[[], None] | None = None
    stop: Callable[[], None] | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Platform:
    """A registered platform: how to build it, and one log line on whether it is on."""

    name: str
    build: Callable[[Settings, Services, Engine], PlatformParts | None]
    describe: Callable[[Settings], tuple[int, str]]


def _slack_build(settings: Settings, services: Services, engine: Engine
                 ) -> PlatformParts | None:
    from bot.slack.setup import build_slack

    return build_slack(settings, services, engine)


def _slack_describe(settings: Settings) -> tuple[int, str]:
    from bot.slack.setup import describe

    return describe(settings)


def _teams_build(settings: Settings, services: Services, engine: Engine
                 ) -> PlatformParts | None:
    from bot.config import load_teams_connection
    from bot.teams.setup import build_teams

    return build_teams(settings, load_teams_connection(), services, engine)


def _teams_describe(settings: Settings) -> tuple[int, str]:
    from bot.config import load_teams_connection
    from bot.teams.setup import describe

    return describe(settings, load_teams_connection())


# Each platform's package is imported only when it is built, so a deployment without
# Teams never loads the Agents SDK.
PLATFORMS: tuple[Platform, ...] = (
    Platform("slack", _slack_build, _slack_describe),
    Platform("teams", _teams_build, _teams_describe),
)
