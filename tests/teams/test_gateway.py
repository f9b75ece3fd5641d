"""TeamsGateway against the fake Bot Connector: sends, updates, failures, group chats."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.config import TeamsConnection
from bot.core.intents import CheckIn, Intro, Notice, Person
from bot.services import jobs, references, rounds
from bot.services.gateway import Outgoing, PermanentFailure, SentRef, TransientFailure
from bot.store.models import ConversationRef, OutboxMessage, Participant, Programme
from bot.teams import cards
from bot.teams.setup import build_teams
from tests.services.conftest import join
from tests.teams.conftest import ROUND_AT, teams_settings
from tests.teams.tokens import APP_ID, TENANT, FakeTokens, fake_connections

ANN = Person("aad-ann", "Ann Jones", "Nurse", "Nights on 7")
BOB = Person("aad-bob", "Bob Smith", "Manager", "")


def _install(services, connector, user, upn=None):
    key = user.removeprefix("aad-")
    references.remember(services, TENANT, user, {
        "channelId": "msteams", "serviceUrl": connector.url,
        "user": {"id": f"29:{key}", "aadObjectId": user},
        "bot": {"id": f"28:{APP_ID}"},
        "conversation": {"id": f"a:personal-{key}", "conversationType": "personal",
                         "tenantId": TENANT}}, name=user, upn=upn)


def _intro():
    return Intro(match_id=1, programme="Paired learning", members=(ANN, BOB),
                 reasons=("Ann wants to learn about managers",), icebreakers=("Q1?", "Q2?"),
                 checkin_on="Monday 21 December")


def test_send_and_update_in_place(teams, connector, services):
    _install(services, connector, ANN.user_id)
    _install(services, connector, BOB.user_id, upn="bob@trust.example")
    gateway = teams.gateway
    ref = gateway.send(Outgoing("k1", TENANT, _intro(), users=(ANN.user_id,)))
    assert ref == SentRef("dm:aad-ann", "act-1")
    card = connector.cards("a:personal-ann")[0]
    assert card["body"][0]["text"] == "Meet Bob Smith"
    assert any("users=bob@trust.example" in a["url"] for a in cards.all_actions(card))
    assert connector.calls[-1].authorization == "Bearer token-for-api.botframework.com"

    checkin = CheckIn(match_id=1, programme="Paired learning", members=(ANN, BOB),
                      answers={BOB.user_id: "scheduled"})
    gateway.update(TENANT, ref, checkin)
    activity_id, activity = connector.updates()[0]
    assert activity_id == "act-1"
    facts = next(b for b in activity["attachments"][0]["content"]["body"]
                 if b["type"] == "FactSet")["facts"]
    assert facts == [{"title": "Ann Jones", "value": "no answer yet"},
                     {"title": "Bob Smith", "value": "We've arranged it"}]


@pytest.mark.parametrize(("status", "headers", "expected"), [
    (404, {}, PermanentFailure("conversation_not_found", "aad-ann")),
    (403, {}, PermanentFailure("bot_blocked_or_removed", "aad-ann")),
    (429, {"Retry-After": "7"}, TransientFailure("rate_limited", 7.0)),
    (503, {}, TransientFailure("connector_503", None)),
])
def test_connector_errors_become_outbox_failures(teams, connector, services, status, headers,
                                                 expected):
    _install(services, connector, ANN.user_id)
    connector.failures["a:personal-ann"] = [(status, headers)]
    with pytest.raises(type(expected)) as caught:
        teams.gateway.send(Outgoing("k1", TENANT, Notice("hi"), users=(ANN.user_id,)))
    assert caught.value.code == expected.code
    if isinstance(expected, PermanentFailure):
        assert caught.value.user_id == expected.user_id
    else:
        assert caught.value.retry_after == expected.retry_after


def test_someone_never_installed_is_unreachable(teams, services):
    with pytest.raises(PermanentFailure) as caught:
        teams.gateway.send(Outgoing("k1", TENANT, Notice("hi"), users=("aad-nobody",)))
    assert (caught.value.code, caught.value.user_id) == ("no_conversation_reference",
                                                         "aad-nobody")
    assert teams.gateway.find_sent(Outgoing("k1", TENANT, Notice("hi"), users=("x",))) is None


def test_a_removed_user_is_deactivated_and_the_partner_told(teams, connector, services, clock):
    for user, profession in (("aad-ann", "Nurse"), ("aad-bob", "Manager")):
        join(services, user, profession, workspace=TENANT, platform="teams")
        _install(services, connector, user)
    connector.failures["a:personal-bob"] = [(404, {})]
    clock.at = ROUND_AT
    report = jobs.run_due(services)
    assert report.delivery.errors == {"conversation_not_found": 1}
    with services.unit_of_work() as session:
        bob = session.scalars(select(Participant).where(
            Participant.user_id == "aad-bob")).one()
        assert bob.status == "deactivated"
    jobs.run_due(services)
    told = [c for c in connector.cards("a:personal-ann")
            if "can no longer be reached" in str(c)]
    assert len(told) == 1


def test_rate_limits_are_retried_after_the_connectors_delay(teams, connector, services, clock):
    for user, profession in (("aad-ann", "Nurse"), ("aad-bob", "Manager")):
        join(services, user, profession, workspace=TENANT, platform="teams")
        _install(services, connector, user)
    connector.failures["a:personal-ann"] = [(429, {"Retry-After": "30"})]
    clock.at = ROUND_AT
    assert jobs.run_due(services).delivery.retried == 1
    with services.unit_of_work() as session:
        row = session.scalars(select(OutboxMessage).where(
            OutboxMessage.state == "pending")).one()
        assert (row.not_before - clock.at).total_seconds() == 30
    clock.advance(seconds=31)
    assert jobs.run_due(services).delivery.sent == 1
    assert len(connector.cards("a:personal-ann")) == 1


def test_group_chats_through_graph(services, engine, connector, monkeypatch):
    parts = build_teams(
        teams_settings(PAIRBOT_TEAMS_GROUP_CHATS="true"),
        TeamsConnection(_env_file=None, clientid=APP_ID, tenantid=TENANT), services, engine,
        connections=fake_connections(), graph_url=connector.graph_url)
    assert parts is not None
    services.gateways["teams"] = parts.gateway
    assert parts.gateway.group_conversations
    try:
        for user, profession in (("aad-ann", "Nurse"), ("aad-bob", "Manager")):
            join(services, user, profession, workspace=TENANT, platform="teams")
            _install(services, connector, user)
        # The app's installation has not reached the connector the first time.
        connector.failures["19:chat1@thread.v2"] = [(404, {})]
        with services.unit_of_work() as session:
            programme_id = session.scalars(select(Programme.id)).one()
        services.clock.at = ROUND_AT
        rounds.run_round(services, programme_id)
        first = jobs.run_due(services)
        assert first.delivery.errors == {"group_chat_not_ready": 1}
        services.clock.advance(seconds=31)
        second = jobs.run_due(services)
        assert second.delivery.sent == 1
        chats = connector.of("POST", "/graph/v1.0/chats")
        created = [c for c in chats if c.path == "/graph/v1.0/chats"]
        assert len(created) == 1  # the retry reused the chat
        members = created[0].body["members"]
        assert {m["user@odata.bind"] for m in members} == {
            "https://graph.microsoft.com/v1.0/users('aad-ann')",
            "https://graph.microsoft.com/v1.0/users('aad-bob')"}
        assert created[0].authorization == "Bearer token-for-graph.microsoft.com"
        install = next(c for c in chats if c.path.endswith("/installedApps"))
        assert install.body["teamsApp@odata.bind"].endswith("/teamsApps/catalog-pairbot")
        card = connector.cards("19:chat1@thread.v2")[0]
        assert card["body"][0]["text"] == "Meet Name aad-ann and Name aad-bob"
        assert ("https://graph.microsoft.com", ["https://graph.microsoft.com/.default"]) in (
            FakeTokens.requests)
        with services.unit_of_work() as session:
            remembered = session.scalars(select(ConversationRef).where(
                ConversationRef.user_id.like("chat:%"))).one()
            assert remembered.reference == {"chat_id": "19:chat1@thread.v2"}
    finally:
        parts.stop()
