"""Teams fixtures: a fake Bot Connector on loopback, signed tokens, the real /api/messages."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from bot.config import Settings, TeamsConnection
from bot.runtime import build_services
from bot.services.clock import FixedClock
from bot.teams.setup import build_teams
from bot.web.app import create_app
from tests.teams.fake_connector import FakeConnector
from tests.teams.tokens import (
    APP_ID,
    TENANT,
    FakeTokens,
    SigningKey,
    fake_connections,
    trust_fake_keys,
)

START = dt.datetime(2026, 11, 30, 18, 0, tzinfo=dt.UTC)
ROUND_AT = dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC)
_ids = itertools.count(1)


@pytest.fixture(scope="session")
def signing_key() -> SigningKey:
    return SigningKey()


@pytest.fixture
def connector(signing_key: SigningKey) -> Iterator[FakeConnector]:
    fake = FakeConnector(jwks=signing_key.jwks(),
                         app_catalog=[{"id": "catalog-pairbot", "externalId": APP_ID}]).start()
    yield fake
    fake.stop()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def services(engine, clock):
    return build_services(engine, clock)


def teams_settings(**values: Any) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture
def teams(services, engine, connector, monkeypatch):
    """The Teams platform as `pairbot serve` builds it, with fake tokens and a fake connector."""
    trust_fake_keys(monkeypatch, connector.url + "keys")
    FakeTokens.requests.clear()
    parts = build_teams(teams_settings(), TeamsConnection(_env_file=None, clientid=APP_ID,
                                                          tenantid=TENANT),
                        services, engine, connections=fake_connections())
    assert parts is not None
    services.gateways["teams"] = parts.gateway
    yield parts
    assert parts.stop is not None
    parts.stop()


@pytest.fixture
def client(teams, engine) -> TestClient:
    return TestClient(create_app(engine=engine, routers=[teams.router]))


class Person:
    """A Teams user talking to the bot in their personal chat."""

    def __init__(self, key: str, name: str, connector: FakeConnector, *,
                 upn: str | None = None) -> None:
        self.aad = f"aad-{key}"
        self.channel_id = f"29:{key}"
        self.name = name
        self.conversation = f"a:personal-{key}"
        self.connector = connector
        connector.members[self.channel_id] = {
            "id": self.channel_id, "name": name, "aadObjectId": self.aad,
            "userPrincipalName": upn or f"{key}@example.org", "email": upn or f"{key}@example.org"}

    def activity(self, kind: str = "message", **fields: Any) -> dict[str, Any]:
        return {
            "type": kind, "id": f"in-{next(_ids)}", "channelId": "msteams",
            "serviceUrl": self.connector.url, "timestamp": "2026-11-30T18:00:00Z",
            "from": {"id": self.channel_id, "name": self.name, "aadObjectId": self.aad},
            "recipient": {"id": f"28:{APP_ID}", "name": "pairbot"},
            "conversation": {"id": self.conversation, "conversationType": "personal",
                             "tenantId": TENANT},
            "channelData": {"tenant": {"id": TENANT}},
            **fields,
        }

    def says(self, text: str) -> dict[str, Any]:
        return self.activity(text=text)

    def installs(self) -> dict[str, Any]:
        return self.activity("installationUpdate", action="add")

    def clicks(self, verb: str, data: dict[str, Any]) -> dict[str, Any]:
        return self.activity("invoke", name="adaptiveCard/action", value={
            "action": {"type": "Action.Execute", "verb": verb, "data": data},
            "trigger": "manual"})

    def reacts(self, to: str, reaction: str, *, removed: bool = False) -> dict[str, Any]:
        key = "reactionsRemoved" if removed else "reactionsAdded"
        return self.activity("messageReaction", replyToId=to, **{key: [{"type": reaction}]})


def post(client: TestClient, key: SigningKey, activity: dict[str, Any], *,
         token: str | None = None) -> Any:
    """POST an activity to /api/messages the way the Bot Connector does."""
    bearer = token if token is not None else key.token(service_url=activity["serviceUrl"])
    return client.post("/api/messages", json=activity,
                       headers={"Authorization": f"Bearer {bearer}"} if bearer else {})
