"""Fuzz tests use the service and platform harnesses of the other test packages."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from bot.config import TeamsConnection
from bot.teams.setup import build_teams
from bot.web.app import create_app
from tests.services.conftest import gateway, services  # noqa: F401
from tests.teams.conftest import connector, signing_key, teams_settings  # noqa: F401
from tests.trust.conftest import clock, fake, slack  # noqa: F401


@pytest.fixture
def anonymous_teams(services, engine, connector) -> Iterator[TestClient]:  # noqa: F811
    """/api/messages with PAIRBOT_TEAMS_ALLOW_ANONYMOUS: no token, so fuzzed activities reach
    the handlers."""
    parts = build_teams(teams_settings(PAIRBOT_TEAMS_ALLOW_ANONYMOUS="true"),
                        TeamsConnection(_env_file=None), services, engine)
    assert parts is not None
    services.gateways["teams"] = parts.gateway
    with TestClient(create_app(engine=engine, routers=[parts.router]),
                    raise_server_exceptions=False) as client:
        yield client
    assert parts.stop is not None
    parts.stop()
