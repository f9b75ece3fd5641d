"""Signed random payloads posted to /slack/events and random activities to /api/messages
(anonymous Teams): never a 500, never a traceback in the log, and a refused request writes
nothing."""

from __future__ import annotations

import json
import logging
from urllib.parse import urlencode

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from sqlalchemy import MetaData, Table, func, select

from tests.fuzz.profile import fuzz_settings
from tests.slack.support import sign

FAST = fuzz_settings(40)

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70),
                    st.text(max_size=20),
                    st.sampled_from(["U1", "U2", "T1", "C0LEARN", "met", "1", "10" * 12,
                                     "block_actions", "view_submission", "event_callback",
                                     "message", "invoke", "adaptiveCard/action",
                                     "reaction_added", "app_home_opened", "user_change",
                                     "member_joined_channel", "app_uninstalled", "pair me",
                                     "my-data", "leave", "checkin_met", "leave_confirm"]))
KEYS = st.sampled_from(["type", "event", "user", "id", "team_id", "team", "actions",
                        "action_id", "value", "view", "state", "values", "trigger_id",
                        "container", "channel", "item", "reaction", "text", "name",
                        "from", "conversation", "recipient", "channelId", "serviceUrl",
                        "verb", "data", "action", "tenantId", "callback_id", "private_metadata",
                        "event_id", "message", "ts", "deleted", "aadObjectId"])
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=6)), max_leaves=25)
OBJECTS = st.dictionaries(KEYS, VALUES, max_size=8)


@pytest.fixture
def tables(engine) -> list[Table]:
    """Every table of the database, read from it once per test: reflecting them took
    ~0.15 s, more than counting their rows, and the examples of a test share one
    database."""
    metadata = MetaData()
    metadata.reflect(engine)
    assert {"outbox", "participants"} <= set(metadata.tables), sorted(metadata.tables)
    return list(metadata.sorted_tables)


def _counts(engine, tables: list[Table]) -> dict[str, int]:
    with engine.connect() as conn:
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                for t in tables}


def _failures(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]


@pytest.mark.slow  # 40 random requests through the whole app: 5-10 s of CPU a database
@FAST
@given(body=OBJECTS, as_form=st.booleans(), command=st.booleans())
@example(body={}, as_form=False, command=True)  # a slash command without user_id
def test_signed_random_slack_payloads(slack, engine, tables, caplog, body, as_form,
                                      command):
    caplog.clear()
    if command:
        fields = {k: json.dumps(v) if not isinstance(v, str) else v for k, v in body.items()}
        fields.setdefault("command", "/pair-me")
        text, content_type = urlencode(fields), "application/x-www-form-urlencoded"
    elif as_form:
        text = urlencode({"payload": json.dumps(body)})
        content_type = "application/x-www-form-urlencoded"
    else:
        text, content_type = json.dumps(body), "application/json"
    before = _counts(engine, tables)
    response = slack.http.post("/slack/events", content=text.encode(),
                               headers={"Content-Type": content_type, **sign(text)})
    slack.wait()
    assert response.status_code < 500, response.text
    assert _failures(caplog) == []
    if response.status_code >= 400:
        assert _counts(engine, tables) == before


@pytest.mark.slow  # 40 random activities through the whole app: 5-10 s of CPU a database
@FAST
@given(activity=OBJECTS, kind=st.sampled_from(["message", "invoke", "conversationUpdate",
                                               "installationUpdate", "messageReaction"]))
@example(activity={"from": {}}, kind="installationUpdate")  # the SDK raised on from.id
@example(activity={"type": None}, kind="message")  # the SDK's validator logged a traceback
# Issue 25: a serviceUrl that is not absolute reached the SDK, which raised (500) building
# its client, and left an aiohttp session unclosed.
@example(activity={"serviceUrl": "met", "text": "help"}, kind="message")
@example(activity={"serviceUrl": "not a url"}, kind="message")
def test_random_activities_to_anonymous_teams(anonymous_teams, connector, engine, tables,
                                              caplog, activity, kind):
    caplog.clear()
    activity = {"type": kind, "channelId": "msteams", "serviceUrl": connector.url,
                "from": {"id": "29:fuzz", "aadObjectId": "aad-fuzz"},
                "conversation": {"id": "a:fuzz", "conversationType": "personal",
                                 "tenantId": "tenant-fuzz"},
                "recipient": {"id": "28:bot"}, **activity}
    before = _counts(engine, tables)
    response = anonymous_teams.post("/api/messages", content=json.dumps(activity).encode(),
                                    headers={"Content-Type": "application/json"})
    # 501 is the Bot Framework's answer to an invoke the bot has no handler for.
    unhandled_invoke = activity["type"] == "invoke" and response.status_code == 501
    assert response.status_code < 500 or unhandled_invoke, response.text
    assert _failures(caplog) == []
    if response.status_code >= 400:
        assert _counts(engine, tables) == before
