"""Building the Slack platform from settings: off, one workspace, OAuth, Socket Mode."""

from __future__ import annotations

import logging

from bot.config import Settings
from bot.runtime import build_services
from bot.slack.app import authorize_url, build_bolt_app
from bot.slack.setup import build_slack
from tests.slack.conftest import slack_settings


def test_slack_is_off_without_a_token_or_client_id(engine):
    assert build_slack(Settings(), build_services(engine), engine) is None


def test_every_client_uses_slack_api_url(engine, fake):
    settings, services = slack_settings(fake), build_services(engine)
    parts = build_slack(settings, services, engine)
    assert parts is not None
    bolt = build_bolt_app(settings, services, gateway=parts.gateway)  # as build_slack does
    assert bolt.client.base_url == fake.url
    assert parts.gateway.client("T1").base_url == fake.url
    assert [r.path for r in parts.router.routes] == ["/slack/events"]  # no OAuth pages
    parts.stop()


def test_socket_mode_connects_through_slack_api_url_and_survives_a_refusal(engine, fake,
                                                                         caplog):
    settings = slack_settings(fake, SLACK_APP_TOKEN="xapp-1-A0PAIRBOT01-1-secret")
    parts = build_slack(settings, build_services(engine), engine)
    assert parts is not None and parts.start is not None and parts.stop is not None
    with caplog.at_level(logging.ERROR, logger="bot.slack.setup"):
        parts.start()  # FakeSlack has no apps.connections.open: Slack says no
    parts.stop()
    [call] = fake.calls_to("apps.connections.open")
    assert call.headers["Authorization"] == "Bearer xapp-1-A0PAIRBOT01-1-secret"
    assert "Socket Mode could not connect (unknown_method)" in caplog.text


def test_the_install_page_sends_admins_to_slack_or_govslack():
    assert authorize_url("https://slack.com/api/") == "https://slack.com/oauth/v2/authorize"
    assert authorize_url("http://127.0.0.1:5000/api/") == "https://slack.com/oauth/v2/authorize"
    assert authorize_url("https://slack-gov.com/api/") == (
        "https://slack-gov.com/oauth/v2/authorize")
