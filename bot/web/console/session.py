"""The console's session cookie, CSRF tokens, sign-in throttle and security headers.

The cookie holds a signed (itsdangerous), timestamped dictionary: who is signed in, the
CSRF token, an OIDC sign-in in progress. It never holds the admin token. It is HttpOnly,
SameSite=Lax, and Secure when the console is served over HTTPS (PAIRBOT_PUBLIC_URL is
https, or the proxy says X-Forwarded-Proto: https).
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from fastapi import Request, Response
from itsdangerous import BadSignature, URLSafeTimedSerializer

COOKIE = "pairbot_console"
CSRF_FIELD = "csrf"
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; "
                               "img-src 'self' data:; form-action 'self'; "
                               "frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


class Sessions:
    """Reads and writes the signed session cookie."""

    def __init__(self, secret: str, *, max_age_seconds: float, public_url: str | None,
                 clock: Callable[[], float] = time.time) -> None:
        self._serializer = URLSafeTimedSerializer(secret, salt="pairbot-console-session")
        self.max_age = max_age_seconds
        self._https = bool(public_url and public_url.startswith("https://"))
        self._clock = clock

    def load(self, request: Request) -> dict[str, Any]:
        """The request's session; empty when absent, tampered with or expired."""
        raw = request.cookies.get(COOKIE)
        if not raw:
            return {}
        try:
            data = self._serializer.loads(raw, max_age=int(self.max_age))
        except BadSignature:
            return {}
        if not isinstance(data, dict):
            return {}
        # Re-signing refreshes the cookie's timestamp; the sign-in time caps the session.
        started = data.get("since")
        if isinstance(started, (int, float)) and self._clock() - started > self.max_age:
            return {}
        return data

    def secure(self, request: Request) -> bool:
        """Whether the browser reached us over HTTPS."""
        forwarded = request.headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
        return self._https or forwarded == "https" or request.url.scheme == "https"

    def save(self, response: Response, request: Request, data: dict[str, Any]) -> None:
        """Write the session back to the browser."""
        response.set_cookie(COOKIE, self._serializer.dumps(data), max_age=int(self.max_age),
                            httponly=True, samesite="lax", secure=self.secure(request),
                            path="/admin")

    def clear(self, response: Response, request: Request) -> None:
        """Forget the session (logout)."""
        response.delete_cookie(COOKIE, path="/admin", httponly=True, samesite="lax",
                               secure=self.secure(request))

    def now(self) -> float:
        """The clock sessions are timed by."""
        return self._clock()


def csrf_token(session: dict[str, Any]) -> str:
    """The session's CSRF token, made on first use."""
    token = session.get(CSRF_FIELD)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(24)
        session[CSRF_FIELD] = token
    return token


def csrf_ok(session: dict[str, Any], given: str | None) -> bool:
    """Whether a form's CSRF field matches the session's token."""
    expected = session.get(CSRF_FIELD)
    return bool(isinstance(expected, str) and given
                and hmac.compare_digest(expected.encode(), given.encode()))


class Throttle:
    """At most `limit` sign-in attempts per address in a sliding `window` of seconds."""

    def __init__(self, *, limit: int = 10, window: float = 300.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.window, self._clock = limit, window, clock
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def attempt(self, address: str) -> float | None:
        """Count an attempt; None if allowed, else the seconds until the next one is."""
        now = self._clock()
        with self._lock:
            seen = self._seen.setdefault(address, deque())
            while seen and now - seen[0] > self.window:
                seen.popleft()
            if len(seen) >= self.limit:
                return self.window - (now - seen[0])
            seen.append(now)
            if len(self._seen) > 10_000:  # forget idle addresses rather than grow forever
                for key in [k for k, v in self._seen.items() if not v]:
                    del self._seen[key]
            return None
