"""One deployment, two platforms: a Slack workspace and a Teams tenant, each running its own
programme through the same runtime, scheduler jobs and outbox."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from bot.config import Settings
from bot.core.profile import ProfileInput
from bot.runtime import build_runtime
from bot.services import jobs, participants
from bot.store.models import Programme, Workspace
from tests.fakes.slack_api import FakeSlack
from tests.teams.conftest import ROUND_AT, Person, post
from tests.teams.tokens import APP_ID, TENANT, fake_connections, trust_fake_keys


def test_slack_and_teams_side_by_side(engine, clock, connector, signing_key, monkeypatch,
                                      tmp_path):
    monkeypatch.chdir(tmp_path)  # no stray .env
    monkeypatch.setenv("CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID", APP_ID)
    monkeypatch.setenv("CONNECTIONS__SERVICE_CONNECTION__SETTINGS__TENANTID", TENANT)
    monkeypatch.setenv("CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTSECRET", "secret")
    # MSAL cannot reach Entra from a test; the SDK's connection manager gets fake tokens.
    monkeypatch.setattr("bot.teams.connections.build_connections", lambda teams: fake_connections())
    trust_fake_keys(monkeypatch, connector.url + "keys")
    with FakeSlack() as slack:
        for user, name in (("U1", "Sam Nurse"), ("U2", "Kim Manager")):
            slack.add_user(user, real_name=name)
        settings = Settings(_env_file=None, SLACK_BOT_TOKEN="xoxb-test",  # type: ignore[call-arg]
                            SLACK_SIGNING_SECRET="secret", SLACK_API_URL=slack.url)
        try:
            runtime = build_runtime(settings, engine=engine, scheduler=False, clock=clock)
        except NotImplementedError:
            pytest.skip("the Slack platform is not built yet")
        try:
            assert set(runtime.platforms) == {"slack", "teams"}
            client = TestClient(runtime.app)
            ann = Person("ann", "Ann Jones", connector)
            bob = Person("bob", "Bob Smith", connector)
            for person, profession in ((ann, "Nurse"), (bob, "Manager")):
                post(client, signing_key, person.installs())
                form = connector.cards(person.conversation)[-1]
                response = post(client, signing_key, person.clicks("profile.save", {
                    "programme_id": form["actions"][0]["data"]["programme_id"],
                    "profession": profession}))
                assert response.status_code == 200
            for user, profession in (("U1", "Nurse"), ("U2", "Manager")):
                reply = participants.save_profile(runtime.services, "slack", "T1", user, user,
                                                  None, ProfileInput(profession))
                assert isinstance(reply, participants.Reply)

            clock.at = ROUND_AT + dt.timedelta(minutes=1)
            report = jobs.run_due(runtime.services)
            assert report.rounds == ["Paired learning 2026-12", "Paired learning 2026-12"]
            assert report.delivery.sent == 3  # one Slack group DM, two Teams 1:1 cards
            with runtime.services.unit_of_work() as session:
                programmes = session.execute(select(Workspace.platform, Programme.name).join(
                    Programme, Programme.workspace_id == Workspace.id)).all()
            assert sorted(programmes) == [("slack", "Paired learning"),
                                          ("teams", "Paired learning")]
            assert "Meet Bob Smith" in str(connector.cards(ann.conversation)[-1])
            assert "Meet Ann Jones" in str(connector.cards(bob.conversation)[-1])
            group = slack.conversation_id("U1", "U2")
            assert slack.messages(group), "the Slack pair got its group DM"
            assert "aad-ann" not in str(slack.messages(group))
        finally:
            runtime.shutdown()
