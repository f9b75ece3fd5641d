"""A fake Microsoft Entra ID (OpenID Connect) on loopback HTTPS, for Sign in with Microsoft.

MSAL only accepts https authorities, so the fake makes a self-signed certificate for
127.0.0.1 (``ca_file``: point ``REQUESTS_CA_BUNDLE`` at it for the process that runs MSAL,
and let the browser ignore HTTPS errors). It serves, per tenant:

* ``GET /{tenant}/v2.0/.well-known/openid-configuration``: discovery;
* ``GET /{tenant}/oauth2/v2.0/authorize``: signs in whoever ``sign_in_as`` names (no
  login form) and redirects to ``redirect_uri`` with a one-time ``code`` and the ``state``;
  with nobody set it redirects with ``error=access_denied``;
* ``POST /{tenant}/oauth2/v2.0/token``: the authorization-code grant, checking the client
  secret, the redirect URI and PKCE (S256), answering with an RS256 ``id_token`` (``kid``
  in the JWKS) carrying ``tid``, ``oid``, ``name``, ``preferred_username`` and the nonce;
* ``GET /{tenant}/discovery/v2.0/keys``: the JWKS.

Every request is recorded in ``requests``.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import ipaddress
import json
import secrets
import ssl
import tempfile
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import jwt
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

KID = "fake-entra-key-1"


@dataclass(frozen=True)
class EntraUser:
    """Who the fake signs in."""

    oid: str
    name: str
    tenant: str
    username: str = ""


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        self.server.fake._serve(self)

    do_POST = do_GET

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    fake: FakeEntra


class FakeEntra:
    """Entra's OpenID Connect endpoints for one app registration."""

    def __init__(self, *, client_id: str, client_secret: str) -> None:
        self.client_id, self.client_secret = client_id, client_secret
        self.requests: list[tuple[str, str]] = []
        self._user: EntraUser | None = None
        self._codes: dict[str, dict[str, Any]] = {}
        self._lock = threading.Lock()
        self._key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self._dir = tempfile.TemporaryDirectory(prefix="fake-entra-")
        self.ca_file = str(Path(self._dir.name) / "cert.pem")
        self._server: _Server | None = None

    # ------------------------------------------------------------------ life

    def start(self) -> FakeEntra:
        cert_file, key_file = self._certificate()
        server = _Server(("127.0.0.1", 0), _Handler)
        server.fake = self
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert_file, key_file)
        server.socket = context.wrap_socket(server.socket, server_side=True)
        self._server = server
        threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True,
                         name="fake-entra").start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        self._dir.cleanup()

    def __enter__(self) -> FakeEntra:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        """The base URL; the authority of a tenant is ``authority(tenant)``."""
        assert self._server is not None, "FakeEntra is not started"
        return f"https://127.0.0.1:{self._server.server_address[1]}"

    def authority(self, tenant: str) -> str:
        """What PAIRBOT_MICROSOFT_AUTHORITY is set to for this tenant."""
        return f"{self.url}/{tenant}"

    def sign_in_as(self, user: EntraUser | None) -> None:
        """The person the next authorize request signs in (None: the user cancels)."""
        self._user = user

    # -------------------------------------------------------------- serving

    def _serve(self, request: _Handler) -> None:
        split = urlsplit(request.path)
        length = int(request.headers.get("Content-Length") or 0)
        body = request.rfile.read(length).decode() if length else ""
        query = dict(parse_qsl(split.query))
        form = dict(parse_qsl(body))
        self.requests.append((request.command, split.path))
        parts = split.path.strip("/").split("/")
        tenant, rest = parts[0], "/".join(parts[1:])
        if rest == "v2.0/.well-known/openid-configuration":
            return self._json(request, 200, self._discovery(tenant))
        if rest == "discovery/v2.0/keys":
            return self._json(request, 200, {"keys": [self._jwk()]})
        if rest == "oauth2/v2.0/authorize":
            return self._authorize(request, tenant, query)
        if rest == "oauth2/v2.0/token" and request.command == "POST":
            return self._token(request, tenant, form, request.headers.get("Authorization", ""))
        return self._json(request, 404, {"error": "not_found"})

    def _discovery(self, tenant: str) -> dict[str, Any]:
        base = f"{self.url}/{tenant}"
        return {
            "issuer": f"{base}/v2.0",
            "authorization_endpoint": f"{base}/oauth2/v2.0/authorize",
            "token_endpoint": f"{base}/oauth2/v2.0/token",
            "jwks_uri": f"{base}/discovery/v2.0/keys",
            "response_types_supported": ["code", "id_token", "code id_token"],
            "subject_types_supported": ["pairwise"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "profile", "email", "offline_access"],
            "code_challenge_methods_supported": ["S256"],
        }

    def _authorize(self, request: _Handler, tenant: str, query: dict[str, str]) -> None:
        redirect = query.get("redirect_uri", "")
        if query.get("client_id") != self.client_id or not redirect:
            return self._json(request, 400, {"error": "invalid_client"})
        user = self._user
        if user is None or user.tenant != tenant:
            answer = {"error": "access_denied", "state": query.get("state", "")}
        else:
            code = secrets.token_urlsafe(16)
            with self._lock:
                self._codes[code] = {"user": user, "redirect_uri": redirect,
                                     "nonce": query.get("nonce"),
                                     "challenge": query.get("code_challenge"),
                                     "method": query.get("code_challenge_method")}
            answer = {"code": code, "state": query.get("state", "")}
        request.send_response(302)
        request.send_header("Location", f"{redirect}?{urlencode(answer)}")
        request.send_header("Content-Length", "0")
        request.end_headers()

    def _token(self, request: _Handler, tenant: str, form: dict[str, str],
               authorization: str) -> None:
        client_id, secret = form.get("client_id"), form.get("client_secret")
        if authorization.lower().startswith("basic "):
            client_id, _, secret = base64.b64decode(authorization[6:]).decode().partition(":")
        if client_id != self.client_id or secret != self.client_secret:
            return self._json(request, 401, {"error": "invalid_client",
                                             "error_description": "AADSTS7000215: Invalid "
                                                                  "client secret provided."})
        with self._lock:
            grant = self._codes.pop(form.get("code", ""), None)
        if grant is None or form.get("grant_type") != "authorization_code":
            return self._json(request, 400, {"error": "invalid_grant",
                                             "error_description": "AADSTS70008: code expired"})
        if form.get("redirect_uri") != grant["redirect_uri"]:
            return self._json(request, 400, {"error": "invalid_grant",
                                             "error_description": "redirect_uri mismatch"})
        verifier = form.get("code_verifier", "")
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
        if grant["method"] != "S256" or challenge.decode().rstrip("=") != grant["challenge"]:
            return self._json(request, 400, {"error": "invalid_grant",
                                             "error_description": "AADSTS501481: PKCE failed"})
        user: EntraUser = grant["user"]
        now = int(time.time())
        claims = {"iss": f"{self.url}/{tenant}/v2.0", "aud": self.client_id, "iat": now,
                  "nbf": now, "exp": now + 3600, "sub": f"sub-{user.oid}", "oid": user.oid,
                  "tid": user.tenant, "name": user.name,
                  "preferred_username": user.username or f"{user.oid}@example.org",
                  "ver": "2.0"}
        if grant["nonce"]:
            claims["nonce"] = grant["nonce"]
        id_token = jwt.encode(claims, self._key, algorithm="RS256", headers={"kid": KID})
        client_info = base64.urlsafe_b64encode(json.dumps(
            {"uid": user.oid, "utid": user.tenant}).encode()).decode().rstrip("=")
        return self._json(request, 200, {
            "token_type": "Bearer", "scope": "openid profile offline_access",
            "expires_in": 3600, "access_token": secrets.token_urlsafe(24),
            "id_token": id_token, "client_info": client_info})

    def _jwk(self) -> dict[str, Any]:
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self._key.public_key()))
        return {**jwk, "kid": KID, "use": "sig", "alg": "RS256"}

    @staticmethod
    def _json(request: _Handler, status: int, payload: dict[str, Any]) -> None:
        data = json.dumps(payload).encode()
        request.send_response(status)
        request.send_header("Content-Type", "application/json")
        request.send_header("Content-Length", str(len(data)))
        request.end_headers()
        request.wfile.write(data)

    def _certificate(self) -> tuple[str, str]:
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
        now = dt.datetime.now(dt.UTC)
        cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
                .public_key(self._key.public_key()).serial_number(x509.random_serial_number())
                .not_valid_before(now - dt.timedelta(minutes=5))
                .not_valid_after(now + dt.timedelta(days=1))
                .add_extension(x509.SubjectAlternativeName(
                    [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
                .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                .sign(self._key, hashes.SHA256()))
        key_file = str(Path(self._dir.name) / "key.pem")
        Path(self.ca_file).write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        Path(key_file).write_bytes(self._key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption()))
        return self.ca_file, key_file
