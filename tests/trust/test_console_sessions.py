"""Console sessions end when they should, and the admin token cannot be guessed (issue 25).

Each test performs the attack through HTTP against the app and checks the refusal and
that nothing changed."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from fastapi.testclient import TestClient
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import select

from bot.config import ConfigError, load_settings
from bot.core.profile import ProfileInput
from bot.services import participants
from bot.slack.gateway import SlackGateway, single_token
from bot.store.models import ConsoleSession, Programme
from bot.web.app import create_app
from bot.web.console import console_router
from bot.web.console.session import Throttle
from tests.web.console_support import SECRET, TOKEN, csrf_of, make_client, make_services, sign_in
from tests.web.test_console_signin import PUBLIC, _seed, _through_slack
from tests.web.test_console_signin import slack as slack


class WallClock:
    """The console's session clock, moved by the test."""

    def __init__(self) -> None:
        self.at = dt.datetime(2026, 12, 6, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.at


@pytest.fixture
def services(engine):
    services = make_services(engine)
    participants.save_profile(services, "slack", "T1", "U1", "Person U1", None,
                              ProfileInput("Nurse"))
    return services


def _programme(services) -> tuple[int, bool]:
    with services.unit_of_work() as session:
        programme = session.scalars(select(Programme)).first()
        return programme.id, programme.active


def _copy(client: TestClient, engine, services, **kwargs) -> TestClient:
    """A second browser holding a copy of the first one's cookie."""
    thief = make_client(engine, services, **kwargs)
    thief.cookies.set("pairbot_console", client.cookies.get("pairbot_console"), path="/admin")
    return thief


def test_sign_out_ends_the_session_for_a_copied_cookie_too(engine, services):
    client = make_client(engine, services)
    csrf = sign_in(client)
    thief = _copy(client, engine, services)
    pid, _ = _programme(services)
    assert thief.get("/admin/programmes", follow_redirects=False).status_code == 200
    client.post("/admin/logout", data={"csrf": csrf})
    assert thief.get("/admin/programmes", follow_redirects=False).status_code == 303
    refused = thief.post(f"/admin/programmes/{pid}/pause", data={"csrf": csrf})
    assert refused.status_code == 401
    assert "session has ended" in refused.text and "nothing was saved" in refused.text
    assert _programme(services) == (pid, True)
    with services.unit_of_work() as session:
        assert session.scalars(select(ConsoleSession)).all() == []


def test_an_expired_session_says_so_on_a_post_and_saves_nothing(engine, services):
    clock = WallClock()
    client = make_client(engine, services, clock=clock)
    csrf = sign_in(client)
    pid, _ = _programme(services)
    clock.at += dt.timedelta(hours=8, minutes=1)
    page = client.get("/admin/programmes", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/admin/login")
    late = client.post(f"/admin/programmes/{pid}/pause", data={"csrf": csrf})
    assert late.status_code == 401
    assert "expired" in late.text and "nothing was saved" in late.text
    assert "security token" not in late.text
    assert _programme(services) == (pid, True)


def test_the_operator_signs_everyone_out_at_once(engine, services):
    organiser = make_client(engine, services)
    organiser_csrf = sign_in(organiser)
    operator = make_client(engine, services)
    operator_csrf = sign_in(operator)
    pid, _ = _programme(services)
    ended = operator.post("/admin/sessions/end", data={"csrf": operator_csrf})
    assert ended.status_code == 200 and "2 console sessions ended" in ended.text
    for browser, csrf in ((organiser, organiser_csrf), (operator, operator_csrf)):
        assert browser.get("/admin/programmes", follow_redirects=False).status_code == 303
        assert browser.post(f"/admin/programmes/{pid}/pause",
                            data={"csrf": csrf}).status_code == 401
    assert _programme(services) == (pid, True)


def test_the_browser_holds_only_a_random_id_and_the_table_only_its_hash(engine, services):
    client = make_client(engine, services)
    sign_in(client)
    cookie = client.cookies.get("pairbot_console")
    data = URLSafeTimedSerializer(SECRET, salt="pairbot-console-session").loads(cookie)
    assert set(data) <= {"sid", "csrf", "flash"} and "who" not in data
    with services.unit_of_work() as session:
        row = session.scalars(select(ConsoleSession)).one()
    assert row.id_hash == hashlib.sha256(data["sid"].encode()).hexdigest()
    assert data["sid"] not in str(row.who) and row.who["kind"] == "token"


def test_a_slack_sign_in_keeps_its_nonce_server_side(engine, services, slack):
    settings = load_settings(PAIRBOT_SECRET_KEY=SECRET, PAIRBOT_PUBLIC_URL=PUBLIC,
                             SLACK_CLIENT_ID="111.222", SLACK_CLIENT_SECRET="slack-secret",
                             SLACK_SIGNING_SECRET="s", SLACK_API_URL=slack.url)
    client = TestClient(create_app(engine=engine, routers=[console_router(
        services, settings, None)]))
    start = client.get("/admin/login/slack", follow_redirects=False)
    assert start.status_code == 303
    nonce = dict(p.split("=", 1) for p in start.headers["location"].split("?")[1].split("&")
                 )["nonce"]
    cookie = URLSafeTimedSerializer(SECRET, salt="pairbot-console-session").loads(
        client.cookies.get("pairbot_console"))
    assert nonce not in str(cookie) and "oidc" not in cookie
    with services.unit_of_work() as session:
        assert session.scalars(select(ConsoleSession)).one().pending["nonce"] == nonce


def test_a_demoted_slack_admin_loses_admin_access_within_minutes(engine, slack):
    services = make_services(engine)
    pid = _seed(services, "slack", "T1", "Second", ())
    clock = WallClock()
    settings = load_settings(PAIRBOT_SECRET_KEY=SECRET, PAIRBOT_PUBLIC_URL=PUBLIC,
                             SLACK_CLIENT_ID="111.222", SLACK_CLIENT_SECRET="slack-secret",
                             SLACK_SIGNING_SECRET="s", SLACK_API_URL=slack.url)
    gateway = SlackGateway(api_url=slack.url, tokens=single_token("xoxb-test"))
    check = gateway.is_workspace_admin
    client = TestClient(create_app(engine=engine, routers=[console_router(
        services, settings, None, slack_admin=check, clock=clock)]))
    _through_slack(client, slack, "U2")
    assert client.get(f"/admin/programmes/{pid}").status_code == 200
    slack.add_user("U2", real_name="Bo Admin", is_admin=False)
    clock.at += dt.timedelta(minutes=2)
    assert client.get(f"/admin/programmes/{pid}").status_code == 200  # not re-checked yet
    clock.at += dt.timedelta(minutes=4)
    refused = client.get(f"/admin/programmes/{pid}")
    assert refused.status_code == 403 and "You do not organise Second" in refused.text


# ------------------------------------------------------------------ guessing the token

def test_a_throttled_client_is_refused_even_the_right_token(engine, services):
    client = make_client(engine, services, throttle=Throttle(limit=5, window=300))
    for guess in range(5):
        wrong = client.get("/admin/api/programmes",
                           headers={"Authorization": f"Bearer guess-{guess}"})
        assert wrong.status_code == 401
    right = client.get("/admin/api/programmes", headers={"Authorization": f"Bearer {TOKEN}"})
    assert right.status_code == 429 and "Too many" in right.json()["error"]
    # A forged X-Forwarded-For is not believed: the address stays the client's own.
    forged = client.get("/admin/api/programmes", headers={
        "Authorization": f"Bearer {TOKEN}", "X-Forwarded-For": "203.0.113.9"})
    assert forged.status_code == 429


def test_rotating_addresses_still_meets_the_accounts_limit(engine, services):
    throttle = Throttle(limit=5, window=300, account_limit=8)
    client = make_client(engine, services, throttle=throttle)
    for guess in range(8):
        # As if each guess came from a new address (what a rotated header used to buy).
        throttle.failed(f"address:198.51.100.{guess}", "account:operator")
    right = client.get("/admin/api/programmes", headers={"Authorization": f"Bearer {TOKEN}"})
    assert right.status_code == 429


def test_successful_sign_ins_do_not_use_up_the_throttle(engine, services):
    client = make_client(engine, services, throttle=Throttle(limit=3, window=300))
    for _ in range(10):
        page = client.get("/admin/login")
        done = client.post("/admin/login", data={"token": TOKEN, "csrf": csrf_of(page.text)},
                           follow_redirects=False)
        assert done.status_code == 303
        client.post("/admin/logout", data={"csrf": csrf_of(client.get("/admin/logout").text)})
    csrf = csrf_of(client.get("/admin/login").text)
    assert client.post("/admin/login", data={"token": "typo", "csrf": csrf}).status_code == 401


@pytest.mark.parametrize("variable", ["PAIRBOT_ADMIN_TOKEN", "PAIRBOT_METRICS_TOKEN"])
def test_a_short_token_is_refused_at_start_with_how_to_make_one(variable):
    with pytest.raises(ConfigError) as caught:
        load_settings(**{variable: "x" * 31, "PAIRBOT_SECRET_KEY": SECRET})
    message = str(caught.value)
    assert message.startswith(f"{variable}: is too short (31 characters)")
    assert "secrets.token_urlsafe(32)" in message and "\n" not in message
    assert load_settings(**{variable: "x" * 32, "PAIRBOT_SECRET_KEY": SECRET})


def test_trusted_proxies_and_host_are_checked():
    assert load_settings().host == "127.0.0.1"
    assert load_settings(HOST="0.0.0.0").host == "0.0.0.0"
    settings = load_settings(PAIRBOT_TRUSTED_PROXIES="10.0.0.0/8, 192.168.1.5")
    assert settings.trusted_proxies == "10.0.0.0/8,192.168.1.5"
    with pytest.raises(ConfigError, match=r"^PAIRBOT_TRUSTED_PROXIES: must be addresses"):
        load_settings(PAIRBOT_TRUSTED_PROXIES="the ingress")
