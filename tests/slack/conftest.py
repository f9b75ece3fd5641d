"""pairbot's Slack app behind the real web app, FakeSlack as the Web API."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from bot.config import Settings
from bot.runtime import build_services
from bot.services.clock import FixedClock
from bot.slack.gateway import Pacing, Rate
from bot.slack.setup import build_slack
from bot.web.app import create_app
from tests.fakes.slack_api import FakeSlack
from tests.slack.support import SECRET, SlackHarness

# A Monday evening a week before the default round (first Monday of December, 10:00 London).
START = dt.datetime(2026, 11, 30, 18, 0, tzinfo=dt.UTC)
ROUND_AT = dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC)
# Tests do not wait for Slack's real rate limits; the gateway tests check the pacing itself.
FAST = Pacing(open=Rate(1000, 1.0), post=Rate(1000, 1.0), call=Rate(1000, 1.0))

PEOPLE = {
    "U1": dict(real_name="Ada Lovelace"),
    "U2": dict(real_name="Grace Hopper"),
    "U3": dict(real_name="Alan Turing"),
    "U4": dict(real_name="Mary Seacole"),
    "UADMIN": dict(real_name="Workspace Admin", is_admin=True),
    "UOWNER": dict(real_name="Workspace Owner", is_owner=True),
}


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    with FakeSlack() as slack:
        for user, details in PEOPLE.items():
            slack.add_user(user, **details)
        yield slack


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


def slack_settings(fake: FakeSlack, **overrides: str) -> Settings:
    values = {"SLACK_BOT_TOKEN": FakeSlack.DEFAULT_TOKEN, "SLACK_SIGNING_SECRET": SECRET,
              "SLACK_API_URL": fake.url, **overrides}
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture
def slack(engine, fake, clock) -> Iterator[SlackHarness]:
    services = build_services(engine, clock)
    parts = build_slack(slack_settings(fake), services, engine, pacing=FAST)
    assert parts is not None
    services.gateways["slack"] = parts.gateway
    app = create_app(engine=engine, routers=[parts.router])
    with TestClient(app) as http:
        yield SlackHarness(http=http, fake=fake, parts=parts, services=services)
    assert parts.stop is not None
    parts.stop()
