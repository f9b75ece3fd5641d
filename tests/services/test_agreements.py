"""The agreement at the start, below the platforms: which intros ask, what the group is
sent, what organisers count, and that retention and leaving treat the answers as personal
free text."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import select

from bot.core import agreement
from bot.core.intents import AgreementShared, Intro
from bot.services import agreements, participants, retention, rounds
from bot.services.delivery import deliver_due
from bot.services.programme_settings import parse_settings, settings_of, update_settings
from bot.store.models import Agreement, Match, Programme
from tests.services.conftest import join

ANN = {"learn": "How Name U2 plans the rota", "offer": "A shift on the ward",
       "how_often": "weekly", "confidential": "Ward names"}
BO = {"learn": "Why beds run out", "offer": "The bed meeting", "how_often": "weekly"}


def _round(services, *, agreement_on: bool) -> tuple[int, int]:
    join(services, "U1", "Nurse")
    join(services, "U2", "Manager")
    with services.unit_of_work() as session:
        programme = session.scalars(select(Programme)).one()
        programme.agreement = agreement_on
        pid = programme.id
    rounds.run_round(services, pid, period="2026-12")
    deliver_due(services)
    with services.unit_of_work() as session:
        return pid, int(session.scalars(select(Match.id)).one())


@pytest.mark.parametrize("on", [True, False])
def test_a_rotating_programme_asks_only_with_the_setting_on(services, gateway, on):
    _round(services, agreement_on=on)
    [intro] = [s.intent for s in gateway.sent if isinstance(s.intent, Intro)]
    assert intro.agreement is on


def test_parse_refuses_in_one_sentence_naming_the_field():
    with pytest.raises(agreement.AgreementError) as empty:
        agreement.parse({})
    assert empty.value.field == "learn" and str(empty.value).startswith("The form is empty")
    with pytest.raises(agreement.AgreementError) as often:
        agreement.parse({"learn": "a", "offer": "b", "how_often": "hourly"})
    assert (often.value.field, str(often.value)) == ("how_often",
                                                     "Choose how often you will meet.")
    terms = agreement.parse({"learn": " a ", "offer": "b", "how_often": "ONCE"})
    assert terms == agreement.Terms("a", "b", agreement.HowOften.ONCE, "")


def test_answers_are_shared_with_the_group_and_answering_again_shares_the_update(
        services, gateway):
    _, match_id = _round(services, agreement_on=True)
    assert isinstance(agreements.record(services, "slack", "T1", "U1", match_id, ANN),
                      agreements.Agreed)
    again = agreements.record(services, "slack", "T1", "U1", match_id,
                              {**ANN, "how_often": "monthly"})
    assert again == agreements.Agreed(match_id, 2)
    deliver_due(services)
    shared = [s for s in gateway.sent if isinstance(s.intent, AgreementShared)]
    assert [s.intent.updated for s in shared] == [False, True]
    assert shared[-1].intent.how_often == "monthly"
    assert set(shared[-1].users) == {"U1", "U2"}
    with services.unit_of_work() as session:
        assert session.scalars(select(Agreement.revision)).all() == [2]


def test_retention_empties_the_texts_and_keeps_the_count(services, clock, gateway):
    pid, match_id = _round(services, agreement_on=True)
    for user, answers in (("U1", ANN), ("U2", BO)):
        agreements.record(services, "slack", "T1", user, match_id, answers)
    before = agreements.programme_counts(services, pid)
    assert before == agreements.AgreementCounts(asked=1, made=1, started=1)
    clock.advance(days=400)
    services.retention = dataclasses.replace(services.retention,
                                             learnings=dt.timedelta(days=365))
    retention.apply(services)
    with services.unit_of_work() as session:
        rows = session.scalars(select(Agreement)).all()
        assert [(r.learn, r.offer, r.confidential) for r in rows] == [("", "", "")] * 2
    assert agreements.programme_counts(services, pid) == before


def test_leaving_erases_ones_answers_and_scrubs_ones_name_from_the_partners(
        services, gateway):
    _, match_id = _round(services, agreement_on=True)
    agreements.record(services, "slack", "T1", "U1", match_id, ANN)
    agreements.record(services, "slack", "T1", "U2", match_id, BO)
    participants.leave(services, "slack", "T1", "U2")
    with services.unit_of_work() as session:
        [left] = session.scalars(select(Agreement)).all()
    # Ann's own answers stay hers, with the leaver's name taken out.
    assert "Name U2" not in left.learn and left.offer == ANN["offer"]
    # The leaver's pending share is not sent, and nothing of theirs reaches the group.
    deliver_due(services)
    assert not any(isinstance(s.intent, AgreementShared) and s.intent.learn == BO["learn"]
                   for s in gateway.sent)


def test_a_term_programme_asks_at_its_first_meeting_whatever_the_setting(services, gateway):
    join(services, "U1", "Nurse")
    join(services, "U2", "Manager")
    with services.unit_of_work() as session:
        programme = session.scalars(select(Programme)).one()
        pid, base = programme.id, settings_of(programme)
    update_settings(services, pid, parse_settings(
        {"format": "term", "term_rounds": "3", "agreement": "off"}, base=base), actor="test")
    rounds.run_round(services, pid, period="2026-12")
    deliver_due(services)
    [intro] = [s.intent for s in gateway.sent if isinstance(s.intent, Intro)]
    assert intro.agreement is True


def test_a_rotating_group_introduced_again_is_not_asked_again(services, gateway, clock):
    """Only two people and no recency window: the same pair every round. The first intro
    asks; the second does not, and the organisers' count says one group was asked."""
    pid, _ = _round(services, agreement_on=True)
    with services.unit_of_work() as session:
        session.get_one(Programme, pid).recency = 0
    clock.advance(days=31)
    rounds.run_round(services, pid, period="2027-01")
    deliver_due(services)
    intros = [s.intent for s in gateway.sent if isinstance(s.intent, Intro)]
    assert [i.agreement for i in intros] == [True, False]
    assert agreements.programme_counts(services, pid).asked == 1
