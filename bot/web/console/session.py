"""The console's session cookie, CSRF tokens, sign-in throttle and security headers.

The cookie holds a signed (itsdangerous), timestamped dictionary: the random id of a
server-side session, the CSRF token, a sentence for the next page. Who is signed in, and
an OIDC sign-in in progress (state, nonce, PKCE verifier), are kept server-side. It never
holds the admin token. It is HttpOnly, SameSite=Lax, and Secure when the console is served
over HTTPS (PAIRBOT_PUBLIC_URL is https, or a trusted proxy says X-Forwarded-Proto: https).
"""

from __future__ import annotations

import datetime as dt
import hmac
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from fastapi import Request, Response
from itsdangerous import BadSignature, URLSafeTimedSerializer

from bot.services import console_sessions as stored
from bot.services.context import Services

COOKIE = "pairbot_console"
COOKIE_KEYS = ("sid", "csrf", "flash")
COOKIE_GRACE = 7 * 24 * 3600
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
    """The signed cookie (a CSRF token, a flash sentence, the session's random id) and the
    server-side session it names (bot.services.console_sessions)."""

    def __init__(self, secret: str, *, max_age_seconds: float, public_url: str | None,
                 services: Services, clock: Callable[[], dt.datetime] | None = None) -> None:
        self._serializer = URLSafeTimedSerializer(secret, salt="pairbot-console-session")
        self.max_age = max_age_seconds
        # The browser keeps the cookie a week longer than the session lasts, so that a form
        # sent after the session ended is told so, not refused for a missing token.
        self._cookie_age = int(max_age_seconds) + COOKIE_GRACE
        self._https = bool(public_url and public_url.startswith("https://"))
        self.services = services
        # The wall clock: a session lasts hours of real time whatever `tick --at` says.
        self._clock = clock or services.wall.now

    def load(self, request: Request) -> dict[str, Any]:
        """The request's cookie data; empty when absent or tampered with. Who is signed in
        is not in it: `resolve` reads that from the server."""
        raw = request.cookies.get(COOKIE)
        if not raw:
            return {}
        try:
            data = self._serializer.loads(raw, max_age=self._cookie_age)
        except BadSignature:
            return {}
        if not isinstance(data, dict):
            return {}
        return {k: v for k, v in data.items() if k in COOKIE_KEYS}

    def resolve(self, session: dict[str, Any]) -> None:
        """Add who is signed in (`who`) and a sign-in in progress (`oidc`) from the session
        the cookie names; forget the id when that session has ended."""
        raw = session.get("sid")
        if not isinstance(raw, str):
            return
        found = stored.find(self.services, raw, self.now())
        if found is None:
            del session["sid"]
            return
        if found.who:
            session["who"], session["checked_at"] = found.who, found.checked_at
        if found.pending:
            session["oidc"] = found.pending

    def start(self, session: dict[str, Any], *, who: dict[str, Any] | None = None,
              pending: dict[str, Any] | None = None) -> bool:
        """A new server-side session (signed in, or signing in) in place of the current one;
        False when too many sign-ins are in progress."""
        lasts = dt.timedelta(seconds=self.max_age) if who else stored.PENDING_FOR
        raw = stored.start(self.services, self.now(), who=who, pending=pending, lasts=lasts,
                           replaces=session.get("sid"))
        if raw is None:
            return False
        session["sid"] = raw
        return True

    def end(self, session: dict[str, Any]) -> None:
        """End the server-side session (sign-out, or a sign-in that finished)."""
        raw = session.pop("sid", None)
        if isinstance(raw, str):
            stored.end(self.services, raw)
        session.pop("who", None)
        session.pop("oidc", None)

    def secure(self, request: Request) -> bool:
        """Whether the browser reached us over HTTPS (the scheme is the proxy's when it is
        a trusted proxy: uvicorn's forwarded_allow_ips)."""
        return self._https or request.url.scheme == "https"

    def save(self, response: Response, request: Request, data: dict[str, Any]) -> None:
        """Write the cookie back to the browser (never who is signed in)."""
        cookie = {k: v for k, v in data.items() if k in COOKIE_KEYS}
        response.set_cookie(COOKIE, self._serializer.dumps(cookie), max_age=self._cookie_age,
                            httponly=True, samesite="lax", secure=self.secure(request),
                            path="/admin")

    def clear(self, response: Response, request: Request) -> None:
        """Forget the cookie (logout)."""
        response.delete_cookie(COOKIE, path="/admin", httponly=True, samesite="lax",
                               secure=self.secure(request))

    def now(self) -> dt.datetime:
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
    """Failed sign-in attempts, counted per key (the address, the account tried) in a
    sliding `window` of seconds. A key with `limit` failures is refused before anything is
    compared, even a right token; successes are not counted. The operator's account, which
    any address can try, has its own larger limit so that rotating addresses does not buy
    unlimited guesses."""

    def __init__(self, *, limit: int = 10, window: float = 300.0, account_limit: int = 100,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.window, self.account_limit = limit, window, account_limit
        self._clock = clock
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _limit(self, key: str) -> int:
        return self.account_limit if key.startswith("account:") else self.limit

    def blocked(self, *keys: str) -> float | None:
        """None if another attempt is allowed under every key, else the seconds to wait."""
        now = self._clock()
        waits = []
        with self._lock:
            for key in keys:
                seen = self._seen.get(key)
                if not seen:
                    continue
                while seen and now - seen[0] > self.window:
                    seen.popleft()
                if len(seen) >= self._limit(key):
                    waits.append(self.window - (now - seen[0]))
        return max(waits) if waits else None

    def failed(self, *keys: str) -> None:
        """Count a failed attempt under each key."""
        now = self._clock()
        with self._lock:
            for key in keys:
                self._seen.setdefault(key, deque()).append(now)
                seen = self._seen[key]
                while len(seen) > self._limit(key):
                    seen.popleft()
            if len(self._seen) > 10_000:  # forget idle keys rather than grow forever
                for key in [k for k, v in self._seen.items()
                            if not v or now - v[-1] > self.window]:
                    del self._seen[key]
