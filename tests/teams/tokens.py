"""Bot Framework tokens for tests: our own signing key, served as the JWKS on loopback.

Inbound: the SDK's validator fetches signing keys from login.botframework.com;
`trust_fake_keys` points its key client for that address at the fake
connector's `/keys`, so a token we sign validates exactly as a real one
would, and one signed with any other key is refused.

Outbound: `FakeTokens` stands in for MSAL behind the SDK's own
`ConnectionManager`, handing out a recognisable token per resource.
"""

from __future__ import annotations

import threading
import time
from typing import Any, ClassVar

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm
from microsoft_agents.hosting.core import AccessTokenProviderBase, AgentAuthConfiguration
from microsoft_agents.hosting.core.authorization import AuthenticationConstants
from microsoft_agents.hosting.core.authorization.connection_manager import ConnectionManager
from microsoft_agents.hosting.core.authorization.jwt.jwt_token_validator import (
    JwtTokenValidator,
    _JwkClientCacheEntry,
)

APP_ID = "11111111-2222-3333-4444-555555555555"
TENANT = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
KID = "pairbot-test-key"


class SigningKey:
    """An RSA key and its public JWKS."""

    def __init__(self, kid: str = KID) -> None:
        self.kid = kid
        self.private = rsa.generate_private_key(public_exponent=65537, key_size=2048)

    def jwks(self) -> dict[str, Any]:
        public = RSAAlgorithm.to_jwk(self.private.public_key(), as_dict=True)
        return {"keys": [{**public, "kid": self.kid, "use": "sig", "alg": "RS256"}]}

    def token(self, *, audience: str = APP_ID, service_url: str = "",
              issuer: str = AuthenticationConstants.AGENTS_SDK_TOKEN_ISSUER) -> str:
        now = int(time.time())
        claims = {"iss": issuer, "aud": audience, "iat": now, "nbf": now - 5,
                  "exp": now + 3600, "serviceurl": service_url, "appid": "bot-framework"}
        return jwt.encode(claims, self.private, algorithm="RS256", headers={"kid": self.kid})


def trust_fake_keys(monkeypatch: Any, jwks_url: str) -> None:
    """Make the SDK's validator fetch Bot Framework signing keys from `jwks_url`."""
    cache = JwtTokenValidator._jwk_client_manager._cache
    entry = _JwkClientCacheEntry(jwt.PyJWKClient(jwks_url, cache_keys=False), threading.Lock())
    monkeypatch.setitem(cache, AuthenticationConstants.PUBLIC_ABS_JWKS_URL, entry)


class FakeTokens(AccessTokenProviderBase):
    """Hands out `token-for-<resource>`; records every request."""

    requests: ClassVar[list[tuple[str, list[str]]]] = []

    def __init__(self, configuration: AgentAuthConfiguration) -> None:
        self._configuration = configuration

    @property
    def configuration(self) -> AgentAuthConfiguration:
        return self._configuration

    async def get_access_token(self, resource_url: str, scopes: list[str],
                               force_refresh: bool = False) -> str:
        FakeTokens.requests.append((resource_url, list(scopes or [])))
        return "token-for-" + resource_url.split("//")[-1].split("/")[0]

    def get_token_credential(self) -> Any:
        raise NotImplementedError


def fake_connections(app_id: str = APP_ID) -> ConnectionManager:
    """The SDK's connection manager with FakeTokens instead of MSAL."""
    return ConnectionManager(provider_factory=FakeTokens, CONNECTIONS={
        "SERVICE_CONNECTION": {"SETTINGS": {"CLIENTID": app_id, "TENANTID": TENANT}}})
