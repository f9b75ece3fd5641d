"""Sign in with Slack and with Microsoft, against the fakes on loopback."""

from __future__ import annotations

import urllib.request
from urllib.parse import urlsplit

import pytest
import requests

from bot.config import TeamsConnection, load_settings
from bot.services.programme_settings import ProgrammeSettings, create_programme
from bot.services.workspace_programmes import ensure_workspace
from bot.slack.gateway import SlackGateway, single_token
from bot.web.app import create_app
from bot.web.console import console_router
from tests.fakes.entra import EntraUser, FakeEntra
from tests.fakes.slack_api import FakeSlack
from tests.web.console_support import SECRET, make_services

PUBLIC = "http://testserver"
TENANT = "0f0e0d0c-aaaa-bbbb-cccc-123456789abc"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _seed(services, platform: str, workspace: str, name: str, organisers: tuple[str, ...]):
    with services.unit_of_work() as session:
        ws = ensure_workspace(session, platform, workspace, services.now())
        return create_programme(session, ws, ProgrammeSettings(
            name=name, organisers=organisers), services.now()).id


@pytest.fixture
def slack():
    with FakeSlack(client_id="111.222", client_secret="slack-secret") as fake:
        fake.add_user("U1", real_name="Ada Organiser")
        fake.add_user("U2", real_name="Bo Admin", is_admin=True)
        fake.add_user("U3", real_name="Cy Member")
        yield fake


def _slack_client(engine, services, slack):
    from fastapi.testclient import TestClient

    settings = load_settings(PAIRBOT_SECRET_KEY=SECRET, PAIRBOT_PUBLIC_URL=PUBLIC,
                             SLACK_CLIENT_ID="111.222", SLACK_CLIENT_SECRET="slack-secret",
                             SLACK_SIGNING_SECRET="s", SLACK_API_URL=slack.url)
    gateway = SlackGateway(api_url=slack.url, tokens=single_token("xoxb-test"))
    check = gateway.is_workspace_admin
    router = console_router(services, settings, None, slack_admin=check)
    return TestClient(create_app(engine=engine, routers=[router]))


def _through_slack(client, slack, user_id):
    slack.sign_in_as(user_id)
    start = client.get("/admin/login/slack", follow_redirects=False)
    assert start.status_code == 303
    assert start.headers["location"].startswith(slack.url.removesuffix("api/")
                                                + "openid/connect/authorize?")
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        opener.open(start.headers["location"])
    except urllib.error.HTTPError as redirect:
        back = urlsplit(redirect.headers["Location"])
    assert back.path == "/admin/login/slack"
    return client.get(f"{back.path}?{back.query}", follow_redirects=False)


def test_sign_in_with_slack_sees_only_programmes_they_organise(engine, slack):
    services = make_services(engine)
    mine = _seed(services, "slack", "T1", "Ada's cohort", ("U1",))
    other = _seed(services, "slack", "T1", "Someone else's", ("U9",))
    _seed(services, "slack", "T2", "Another workspace", ("U1",))
    client = _slack_client(engine, services, slack)
    done = _through_slack(client, slack, "U1")
    assert done.status_code == 303 and done.headers["location"] == "/admin/programmes"
    listing = client.get("/admin/programmes")
    assert "Signed in as Ada Organiser" in listing.text
    assert "Ada&#39;s cohort" in listing.text and "Someone else" not in listing.text
    assert "Another workspace" not in listing.text
    refused = client.get(f"/admin/programmes/{other}")
    assert refused.status_code == 403
    assert "You do not organise Someone else&#39;s" in refused.text
    assert client.get(f"/admin/programmes/{mine}").status_code == 200
    methods = [c.method for c in slack.calls]
    assert methods[:3] == ["openid.connect.authorize", "openid.connect.token",
                           "openid.connect.userInfo"]
    assert "users.info" in methods


def test_a_slack_workspace_admin_sees_every_programme_of_their_workspace(engine, slack):
    services = make_services(engine)
    _seed(services, "slack", "T1", "First", ("U1",))
    _seed(services, "slack", "T1", "Second", ())
    client = _slack_client(engine, services, slack)
    _through_slack(client, slack, "U2")
    listing = client.get("/admin/programmes")
    assert "First" in listing.text and "Second" in listing.text
    assert "Create a programme" in listing.text


def test_a_slack_member_who_organises_nothing_sees_nothing(engine, slack):
    services = make_services(engine)
    pid = _seed(services, "slack", "T1", "First", ("U1",))
    client = _slack_client(engine, services, slack)
    _through_slack(client, slack, "U3")
    assert "You do not organise any programme yet." in client.get("/admin/programmes").text
    api = client.get(f"/admin/api/programmes/{pid}")
    assert api.status_code == 403 and "You do not organise First" in api.json()["error"]


def test_a_forged_or_stale_slack_callback_is_refused(engine, slack):
    services = make_services(engine)
    client = _slack_client(engine, services, slack)
    forged = client.get("/admin/login/slack?code=x&state=y")
    assert forged.status_code == 401
    assert "Signing in with Slack did not work" in forged.text
    cancelled = client.get("/admin/login/slack?error=access_denied&state=y")
    assert "access_denied" in cancelled.text


@pytest.fixture
def entra():
    with FakeEntra(client_id="app-id-1", client_secret="entra-secret") as fake:
        yield fake


def _ms_client(engine, services, entra, monkeypatch):
    from fastapi.testclient import TestClient

    monkeypatch.setenv("REQUESTS_CA_BUNDLE", entra.ca_file)
    settings = load_settings(PAIRBOT_SECRET_KEY=SECRET, PAIRBOT_PUBLIC_URL=PUBLIC,
                             PAIRBOT_MICROSOFT_AUTHORITY=entra.authority(TENANT))
    teams = TeamsConnection(clientid="app-id-1", clientsecret="entra-secret", tenantid=TENANT)
    router = console_router(services, settings, teams)
    return TestClient(create_app(engine=engine, routers=[router]))


def _through_entra(client, entra, user):
    entra.sign_in_as(user)
    start = client.get("/admin/login/microsoft", follow_redirects=False)
    assert start.status_code == 303, start.text
    assert start.headers["location"].startswith(entra.authority(TENANT))
    assert "code_challenge_method=S256" in start.headers["location"]
    answer = requests.get(start.headers["location"], allow_redirects=False,
                          verify=entra.ca_file, timeout=10)
    back = urlsplit(answer.headers["Location"])
    return client.get(f"{back.path}?{back.query}", follow_redirects=False)


def test_sign_in_with_microsoft_sees_their_tenants_programmes(engine, entra, monkeypatch):
    services = make_services(engine)
    mine = _seed(services, "teams", TENANT, "Ward managers", ("oid-ada",))
    _seed(services, "teams", TENANT, "Not hers", ("oid-other",))
    _seed(services, "teams", "other-tenant", "Elsewhere", ("oid-ada",))
    client = _ms_client(engine, services, entra, monkeypatch)
    done = _through_entra(client, entra, EntraUser(oid="oid-ada", name="Ada Lovelace",
                                                   tenant=TENANT))
    assert done.status_code == 303, done.text
    listing = client.get("/admin/programmes")
    assert "Signed in as Ada Lovelace" in listing.text and "Ward managers" in listing.text
    assert "Not hers" not in listing.text and "Elsewhere" not in listing.text
    assert client.get(f"/admin/programmes/{mine}/rounds").status_code == 200
    token_calls = [path for method, path in entra.requests if method == "POST"]
    assert token_calls == [f"/{TENANT}/oauth2/v2.0/token"]


def test_a_microsoft_user_who_cancels_is_told_so(engine, entra, monkeypatch):
    services = make_services(engine)
    client = _ms_client(engine, services, entra, monkeypatch)
    refused = _through_entra(client, entra, None)
    assert refused.status_code == 401
    assert "Signing in with Microsoft did not work (access_denied)" in refused.text
