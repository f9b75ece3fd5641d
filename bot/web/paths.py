"""The platforms' HTTP paths, written once: each platform mounts its own, the request
guard caps the bodies of the webhooks, and the start-up lines name them."""

from __future__ import annotations

SLACK_EVENTS = "/slack/events"  # events, slash commands and interactivity on one URL
SLACK_INSTALL = "/slack/install"
SLACK_OAUTH_REDIRECT = "/slack/oauth_redirect"
TEAMS_MESSAGES = "/api/messages"

# POSTed by the platforms' servers: bodies capped before anything reads them.
WEBHOOKS = (SLACK_EVENTS, TEAMS_MESSAGES)
