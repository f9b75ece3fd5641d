"""Building the console app in-process for tests, and signing in to it."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from fastapi.testclient import TestClient

from bot.config import load_settings
from bot.runtime import build_services
from bot.services.clock import FixedClock
from bot.web.app import create_app
from bot.web.console import console_router
from bot.web.console.session import Throttle

TOKEN = "operator-token-123-for-the-console-tests"
SECRET = "test-secret-key-0123456789"
NOW = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)


def make_services(engine: Any, now: dt.datetime = NOW) -> Any:
    return build_services(engine, FixedClock(now))


def make_client(engine: Any, services: Any, *, throttle: Throttle | None = None,
                clock: Any = None, slack_admin: Any = None, **settings: Any) -> TestClient:
    values = {"PAIRBOT_ADMIN_TOKEN": TOKEN, "PAIRBOT_SECRET_KEY": SECRET, **settings}
    router = console_router(services, load_settings(**values), None, throttle=throttle,
                            clock=clock, slack_admin=slack_admin)
    return TestClient(create_app(engine=engine, routers=[router]))


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "the page has no CSRF field"
    return found.group(1)


def sign_in(client: TestClient) -> str:
    """Sign in with the token; the CSRF token of the new session."""
    page = client.get("/admin/login")
    response = client.post("/admin/login", data={"token": TOKEN, "csrf": csrf_of(page.text)},
                           follow_redirects=False)
    assert response.status_code == 303, response.text
    return csrf_of(client.get("/admin/programmes").text)
