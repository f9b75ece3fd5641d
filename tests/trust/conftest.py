"""Trust tests reuse the Slack and Teams harnesses: real signatures, fake platforms."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from bot.config import load_settings
from bot.runtime import build_services
from bot.slack.setup import build_slack
from bot.web.app import create_app
from bot.web.console import console_router
from tests.services.conftest import gateway, services  # noqa: F401  (fixtures)
from tests.slack.conftest import FAST, clock, fake, slack_settings  # noqa: F401
from tests.slack.support import SlackHarness
from tests.teams.conftest import client, connector, signing_key, teams  # noqa: F401

ADMIN_TOKEN = "admin-token-for-trust-tests-0123456789"


@pytest.fixture
def slack(engine, fake, clock) -> Iterator[SlackHarness]:  # noqa: F811  (fixtures)
    """pairbot's web app as `serve` builds it: the guard knows the signing secret."""
    bot = build_services(engine, clock)
    parts = build_slack(slack_settings(fake), bot, engine, pacing=FAST)
    assert parts is not None
    bot.gateways["slack"] = parts.gateway
    app = create_app(engine=engine,
                     routers=[parts.router, console_router(bot, load_settings(
                         PAIRBOT_ADMIN_TOKEN=ADMIN_TOKEN,
                         PAIRBOT_SECRET_KEY="trust-tests-secret-key-0123"), None)])
    with TestClient(app, raise_server_exceptions=False) as http:
        yield SlackHarness(http=http, fake=fake, parts=parts, services=bot)
    assert parts.stop is not None
    parts.stop()
