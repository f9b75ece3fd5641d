"""POST /api/messages: the SDK's JWT validation decides before anything is touched."""

from __future__ import annotations

import logging

from sqlalchemy import func, select

from bot.config import TeamsConnection
from bot.store.models import ConversationRef, Participant, Workspace
from bot.teams.setup import build_teams
from bot.web.app import create_app
from tests.teams.conftest import Person, post, teams_settings
from tests.teams.tokens import SigningKey


def _rows(engine):
    with engine.connect() as conn:
        return tuple(conn.execute(select(func.count()).select_from(t)).scalar_one()
                     for t in (Workspace.__table__, ConversationRef.__table__,
                               Participant.__table__))


def test_no_token_or_a_forged_one_gets_401_and_touches_nothing(client, connector, engine,
                                                              signing_key):
    ann = Person("ann", "Ann", connector)
    assert post(client, signing_key, ann.says("pair me"), token="").status_code == 401
    forger = SigningKey()  # the same key id, another key
    forged = forger.token(service_url=connector.url)
    assert post(client, signing_key, ann.says("pair me"), token=forged).status_code == 401
    wrong_audience = signing_key.token(audience="someone-else", service_url=connector.url)
    assert post(client, signing_key, ann.says("pair me"), token=wrong_audience).status_code == 401
    response = client.post("/api/messages", json=ann.says("pair me"),
                           headers={"Authorization": "Basic abc"})
    assert response.status_code == 401
    assert _rows(engine) == (0, 0, 0)
    assert connector.calls == [c for c in connector.calls if c.path == "/keys"]


def test_a_valid_token_is_accepted_and_the_reference_stored(client, connector, engine,
                                                            signing_key):
    ann = Person("ann", "Ann", connector)
    assert post(client, signing_key, ann.says("help")).status_code == 202
    assert _rows(engine)[:2] == (1, 1)
    assert connector.sent(ann.conversation)


def test_anonymous_access_only_when_the_setting_is_on(services, engine, connector, caplog):
    off = build_teams(teams_settings(), TeamsConnection(_env_file=None), services, engine)
    assert off is None
    with caplog.at_level(logging.WARNING):
        parts = build_teams(teams_settings(PAIRBOT_TEAMS_ALLOW_ANONYMOUS="true"),
                            TeamsConnection(_env_file=None), services, engine)
    assert parts is not None
    assert "without a token" in caplog.text
    from fastapi.testclient import TestClient

    client = TestClient(create_app(engine=engine, routers=[parts.router]))
    ann = Person("ann", "Ann", connector)
    response = client.post("/api/messages", json=ann.says("help"))
    assert response.status_code == 202
    reply = connector.sent(ann.conversation)[-1]
    assert "pair me" in reply["text"]
    assert connector.calls[-1].authorization is None  # no token outbound either
    parts.stop()


def test_removing_the_app_forgets_the_reference_and_stops_matching(client, connector,
                                                                   services, signing_key):
    from bot.core.profile import ProfileInput
    from bot.services import participants
    from tests.teams.tokens import TENANT

    ann = Person("ann", "Ann", connector)
    post(client, signing_key, ann.installs())
    participants.save_profile(services, "teams", TENANT, ann.aad, "Ann", None,
                              ProfileInput("Nurse"))
    assert post(client, signing_key, ann.activity("installationUpdate", action="remove")
                ).status_code == 202
    with services.unit_of_work() as session:
        assert session.scalars(select(ConversationRef)).all() == []
        assert session.scalars(select(Participant.status)).one() == "deactivated"


def test_a_message_delivered_twice_is_answered_once(client, connector, signing_key):
    from tests.teams.conftest import Person, post

    ann = Person("dup", "Ann Dup", connector)
    activity = ann.says("help")
    assert post(client, signing_key, activity).status_code == 202
    answered = len(connector.sent(ann.conversation))
    assert answered >= 1
    # The Bot Connector retries with the same activity id: nothing more is sent.
    assert post(client, signing_key, activity).status_code in (200, 202)
    assert len(connector.sent(ann.conversation)) == answered
    # A new message (a new id) is answered as usual.
    assert post(client, signing_key, ann.says("help")).status_code == 202
    assert len(connector.sent(ann.conversation)) > answered


def test_a_message_whose_handler_fails_is_processed_when_delivered_again(
        client, connector, signing_key, monkeypatch):
    from bot.services import participants
    from tests.teams.conftest import Person, post

    ann = Person("flaky", "Ann Flaky", connector)
    post(client, signing_key, ann.says("help"))  # first contact: the welcome
    real = participants.handle_command
    calls: list[str] = []

    def fails_once(*args, **kwargs):
        calls.append(args[-1])
        if len(calls) == 1:
            raise RuntimeError("killed mid-way")
        return real(*args, **kwargs)

    monkeypatch.setattr(participants, "handle_command", fails_once)
    activity = ann.says("status")
    before = len(connector.sent(ann.conversation))
    post(client, signing_key, activity)
    failed = len(connector.sent(ann.conversation))
    assert not any("haven't joined" in str(m.get("text")) for m in
                   connector.sent(ann.conversation)[before:])
    post(client, signing_key, activity)  # the Bot Connector delivers it again
    assert calls == ["status", "status"]
    assert "You haven't joined yet" in str(connector.sent(ann.conversation)[-1].get("text"))
    answered = len(connector.sent(ann.conversation))
    assert answered > failed
    post(client, signing_key, activity)  # after success: ignored
    assert len(connector.sent(ann.conversation)) == answered and len(calls) == 2
