"""Builds the Teams platform for the composition root (filled in by the Teams work)."""

from __future__ import annotations

from sqlalchemy import Engine

from bot.config import Settings, TeamsConnection
from bot.platform import PlatformParts
from bot.services.context import Services


def build_teams(settings: Settings, teams: TeamsConnection, services: Services,
                engine: Engine) -> PlatformParts | None:
    """The Teams platform, or None when Teams is not configured."""
    if not (teams.configured or settings.teams_allow_anonymous):
        return None
    raise NotImplementedError("Teams support is not built yet")
