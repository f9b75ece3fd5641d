"""Many workspaces: install through OAuth against FakeSlack, then work outside any request."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, text

from bot.core.intents import Notice
from bot.runtime import build_services
from bot.services import rounds
from bot.services.delivery import deliver_due
from bot.services.gateway import Outgoing, PermanentFailure
from bot.slack.setup import build_slack
from bot.store.models import Workspace
from bot.web.app import create_app
from tests.fakes.slack_api import FakeSlack
from tests.services.conftest import join
from tests.slack.conftest import FAST, ROUND_AT, slack_settings
from tests.slack.support import SlackHarness

CLIENT_ID, CLIENT_SECRET = "1111.2222", "oauth-client-secret"


@pytest.fixture
def oauth(engine, clock) -> Iterator[SlackHarness]:
    with FakeSlack(client_id=CLIENT_ID, client_secret=CLIENT_SECRET) as fake:
        for user in ("V1", "V2"):
            fake.add_user(user, team_id="T2", real_name=f"Person {user}")
        settings = slack_settings(fake, SLACK_BOT_TOKEN="", SLACK_CLIENT_ID=CLIENT_ID,
                                  SLACK_CLIENT_SECRET=CLIENT_SECRET)
        services = build_services(engine, clock)
        parts = build_slack(settings, services, engine, pacing=FAST)
        assert parts is not None
        services.gateways["slack"] = parts.gateway
        with TestClient(create_app(engine=engine, routers=[parts.router])) as http:
            yield SlackHarness(http=http, fake=fake, parts=parts, services=services, team="T2")
        parts.stop()


def install(oauth: SlackHarness, code: str = "code-T2") -> str:
    page = oauth.http.get("/slack/install")
    assert page.status_code == 200
    link = html.unescape(re.search(r'href="(https://slack\.com/oauth/v2/authorize[^"]+)"',
                                   page.text).group(1))
    query = parse_qs(urlsplit(link).query)
    assert query["client_id"] == [CLIENT_ID]
    assert set(query["scope"][0].split(",")) >= {"chat:write", "commands", "mpim:write"}
    state = query["state"][0]
    cookie = page.headers["set-cookie"].split(";")[0]
    oauth.fake.add_oauth_code(code, team_id="T2", team_name="Second Org", bot_token="xoxb-t2",
                              bot_user_id="UBOT2")
    done = oauth.http.get(f"/slack/oauth_redirect?code={code}&state={state}",
                          headers={"Cookie": cookie})
    assert done.status_code == 200, done.text
    return state


def bot_tokens(oauth):
    with oauth.services.unit_of_work() as session:
        return session.execute(text(
            "SELECT team_id, bot_token FROM slack_bots ORDER BY id")).all()


def test_install_stores_the_installation_and_later_delivery_uses_its_token(oauth, clock):
    install(oauth)
    assert [tuple(row) for row in bot_tokens(oauth)] == [("T2", "xoxb-t2")]
    exchange = oauth.fake.calls_to("oauth.v2.access")[-1]
    assert exchange.ok and exchange.params["code"] == "code-T2"
    with oauth.services.unit_of_work() as session:
        workspace = session.scalars(select(Workspace)).one()
        assert (workspace.external_id, workspace.name, workspace.active) == (
            "T2", "Second Org", True)

    # Outside any request: a round's intro finds T2's bot token in the installation store.
    join(oauth.services, "V1", "Nurse", workspace="T2")
    join(oauth.services, "V2", "Manager", workspace="T2")
    clock.at = ROUND_AT
    with oauth.services.unit_of_work() as session:
        programme_id = session.scalar(text("SELECT id FROM programmes"))
    rounds.run_round(oauth.services, programme_id)
    assert deliver_due(oauth.services).sent == 1
    [opened] = oauth.fake.calls_to("conversations.open")
    assert opened.headers["Authorization"] == "Bearer xoxb-t2"
    group = oauth.fake.conversation_id("V1", "V2", token="xoxb-t2")
    assert len(oauth.fake.messages(group)) == 1


def test_requests_from_an_installed_workspace_are_authorised_by_the_store(oauth):
    install(oauth)
    reply = oauth.command("status", user="V1")
    assert reply.status_code == 200
    assert "You haven't joined yet" in reply.text
    assert oauth.command("", user="V1").status_code == 200
    opened = oauth.fake.calls_to("views.open")[-1]
    assert opened.ok and opened.headers["Authorization"] == "Bearer xoxb-t2"


def test_a_reused_or_forged_state_installs_nothing(oauth):
    state = install(oauth)
    oauth.fake.add_oauth_code("code-again", team_id="T3", bot_token="xoxb-t3")
    again = oauth.http.get(f"/slack/oauth_redirect?code=code-again&state={state}",
                           headers={"Cookie": f"slack-app-oauth-state={state}"})
    forged = oauth.http.get("/slack/oauth_redirect?code=code-again&state=forged",
                            headers={"Cookie": "slack-app-oauth-state=forged"})
    assert again.status_code >= 400 and forged.status_code >= 400
    assert [tuple(row) for row in bot_tokens(oauth)] == [("T2", "xoxb-t2")]


def test_uninstall_deletes_the_installation_and_stops_sending(oauth):
    install(oauth)
    oauth.event({"type": "app_uninstalled"})
    assert bot_tokens(oauth) == []
    with oauth.services.unit_of_work() as session:
        assert session.scalars(select(Workspace.active)).one() is False
    with pytest.raises(PermanentFailure) as failure:
        oauth.parts.gateway.send(Outgoing(key="k", workspace="T2", users=("V1",),
                                          intent=Notice("still there?")))
    assert failure.value.code == "not_installed"
