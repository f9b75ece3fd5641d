"""POST /api/messages: after the token, a body that is no activity is 400, and an activity whose
serviceUrl is not the token's, or a token from an unknown issuer, is 401; nothing is stored."""

from __future__ import annotations

import logging
import threading

import jwt
from microsoft_agents.hosting.core.authorization.jwt import JwtTokenValidator
from sqlalchemy import func, select

from bot.store.models import ConversationRef, Workspace
from tests.teams.conftest import Person, post
from tests.teams.tokens import TENANT, _JwkClientCacheEntry


def _stored(engine) -> int:
    with engine.connect() as conn:
        return sum(conn.execute(select(func.count()).select_from(t)).scalar_one()
                   for t in (Workspace.__table__, ConversationRef.__table__))


def test_a_valid_token_with_a_malformed_body_is_400(client, connector, signing_key, engine,
                                                     caplog):
    token = signing_key.token(service_url=connector.url)
    for body in (b"{not json", b"[1, 2]", b"\xff\xfe", b'"text"'):
        response = client.post("/api/messages", content=body, headers={
            "Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        assert response.status_code == 400, body
    assert _stored(engine) == 0
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]


def test_an_activity_for_another_host_is_401(client, connector, signing_key, engine):
    ann = Person("ann", "Ann", connector)
    activity = ann.says("help")
    activity["serviceUrl"] = "https://evil.example/teams/"
    token = signing_key.token(service_url=connector.url)
    assert post(client, signing_key, activity, token=token).status_code == 401
    activity["serviceUrl"] = connector.url.replace("127.0.0.1", "localhost")
    assert post(client, signing_key, activity, token=token).status_code == 401
    assert _stored(engine) == 0
    assert post(client, signing_key, ann.says("help"),
                token=signing_key.token(service_url=connector.url)).status_code in (200, 202)


def test_a_token_from_an_unknown_issuer_is_401(client, connector, signing_key, engine,
                                               monkeypatch):
    # Keys for any non-Bot-Framework issuer come from the tenant's Entra endpoint: serve our
    # key there too, so that only the issuer check can refuse the token.
    cache = JwtTokenValidator._jwk_client_manager._cache
    entry = _JwkClientCacheEntry(jwt.PyJWKClient(connector.url + "keys", cache_keys=False),
                                 threading.Lock())
    monkeypatch.setitem(cache, f"https://login.microsoftonline.com/{TENANT}/discovery/v2.0/keys",
                        entry)
    ann = Person("ann", "Ann", connector)
    token = signing_key.token(service_url=connector.url, issuer="https://evil.example/")
    assert post(client, signing_key, ann.says("help"), token=token).status_code == 401
    assert _stored(engine) == 0
