"""The app manifests and the docs say exactly what the code uses."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.config import Settings
from bot.slack.app import BOT_SCOPES
from bot.slack.listeners import COMMAND, EVENTS

REPO = Path(__file__).resolve().parents[2]
MANIFESTS = ["deploy/slack/manifest.yml", "deploy/slack/manifest-socket.yml"]


@pytest.mark.parametrize("path", MANIFESTS)
def test_the_manifest_asks_for_exactly_the_scopes_and_events_used(path):
    manifest = yaml.safe_load((REPO / path).read_text())
    assert sorted(manifest["oauth_config"]["scopes"]["bot"]) == sorted(BOT_SCOPES)
    assert sorted(manifest["settings"]["event_subscriptions"]["bot_events"]) == sorted(EVENTS)
    [command] = manifest["features"]["slash_commands"]
    assert command["command"] == COMMAND
    assert manifest["settings"]["interactivity"]["is_enabled"] is True
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True
    socket = manifest["settings"]["socket_mode_enabled"]
    if socket:
        assert "url" not in command
        assert "request_url" not in manifest["settings"]["event_subscriptions"]
    else:
        urls = {command["url"], manifest["settings"]["event_subscriptions"]["request_url"],
                manifest["settings"]["interactivity"]["request_url"]}
        assert {u.rsplit("/", 2)[-2:][1] for u in urls} == {"events"}
        assert manifest["oauth_config"]["redirect_urls"][0].endswith("/slack/oauth_redirect")


def test_every_slack_setting_scope_and_event_is_documented():
    docs = (REPO / "docs/slack.md").read_text()
    variables = [f.alias for name, f in Settings.model_fields.items() if name.startswith("slack")]
    for word in [*variables, *BOT_SCOPES, *EVENTS, "deploy/slack/manifest.yml",
                 "deploy/slack/manifest-socket.yml"]:
        assert f"`{word}`" in docs or word in docs, word
