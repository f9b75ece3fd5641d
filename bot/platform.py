"""What a platform package hands the composition root."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.services.gateway import Gateway


@dataclass
class PlatformParts:
    """A configured platform: its HTTP routes, its gateway, and background work."""

    name: str
    gateway: Gateway
    router: Any = None  # a FastAPI APIRouter, mounted on the one web app
    start: Callable[[], None] | None = None
    stop: Callable[[], None] | None = None
    extra: dict[str, Any] = field(default_factory=dict)
