"""Builds the Slack platform for the composition root (filled in by the Slack work)."""

from __future__ import annotations

from sqlalchemy import Engine

from bot.config import Settings
from bot.platform import PlatformParts
from bot.services.context import Services


def build_slack(settings: Settings, services: Services, engine: Engine) -> PlatformParts | None:
    """The Slack platform, or None when Slack is not configured."""
    if not settings.slack_enabled:
        return None
    raise NotImplementedError("Slack support is not built yet")
