"""What an invitation's Accept and Decline carry: its id signed for the one person it was
sent to; anything else names no invitation. The key: PAIRBOT_SECRET_KEY, else the Slack
signing secret (every process of a deployment must sign alike)."""

from __future__ import annotations

from bot.config import Settings
from bot.runtime import build_services
from bot.services import enrolment


def test_a_button_names_its_invitation_only_for_its_person(services):
    value = enrolment.button_value(services, 42, "U1")
    assert enrolment.read_button(services, value, "U1") == 42
    head, _, mac = value.partition(".")
    altered = mac[:-1] + ("1" if mac.endswith("0") else "0")  # the key is random per run
    for forged, user in [(value, "U2"),                       # someone else pressing
                         (f"43.{mac}", "U1"),                 # another id, same MAC
                         (f"{head}.{altered}", "U1"),         # an altered MAC
                         ("42", "U1"), (42, "U1"), ("", "U1"), (None, "U1"),
                         ("-42." + mac, "U1"), ("9" * 40 + "." + mac, "U1"),
                         ("42.é", "U1")]:
        assert enrolment.read_button(services, forged, user) is None, forged


def _settings(**values) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def test_the_key_is_the_operators_then_the_slack_signing_secret(engine):
    key = "k" * 40
    signing = "s" * 32
    one = build_services(engine, settings=_settings(PAIRBOT_SECRET_KEY=key))
    assert one.secret_key == key
    two = build_services(engine, settings=_settings(SLACK_BOT_TOKEN="xoxb-1",
                                                    SLACK_SIGNING_SECRET=signing))
    assert two.secret_key == signing
    # Two processes of the same deployment agree on what a button says.
    three = build_services(engine, settings=_settings(SLACK_BOT_TOKEN="xoxb-1",
                                                      SLACK_SIGNING_SECRET=signing))
    assert enrolment.read_button(three, enrolment.button_value(two, 7, "U1"), "U1") == 7
