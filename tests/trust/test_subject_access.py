"""`my-data`: everything held about the person, and nothing about anyone else."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select

from bot.services import checkins, participants, rounds
from bot.services.delivery import deliver_due
from bot.store.models import Match, Participant, Programme
from tests.services.conftest import join


def _month(services):
    join(services, "U1", "Nurse", ["Manager"], intro="Nights on ward 7")
    join(services, "U2", "Manager", ["Nurse"], intro="Partner's private intro")
    with services.unit_of_work() as session:
        pid = session.scalar(select(Programme.id))
    rounds.run_round(services, pid, actor="test")
    deliver_due(services)
    with services.unit_of_work() as session:
        match_id = session.scalar(select(Match.id))
    for user in ("U1", "U2"):
        checkins.record_checkin(services, "slack", "T1", user, answer="met", source="button",
                                match_id=match_id)
    checkins.record_feedback(services, "slack", "T1", "U1", match_id, learned_score=4,
                             learned_text="Rotas are hard", share=True)
    checkins.record_feedback(services, "slack", "T1", "U2", match_id, learned_score=5,
                             learned_text="Partner's private learning", share=False)
    participants.skip_round(services, pid, "U1", "2027-01")


def test_my_data_holds_all_of_mine_and_none_of_theirs(services):
    _month(services)
    data = participants.my_data(services, "slack", "T1", "U1")
    text = json.dumps(data, ensure_ascii=False)
    for theirs in ("Name U2", "U2", "Partner's private intro", "Partner's private learning"):
        assert theirs not in text, theirs
    [programme] = data["programmes"]
    with services.unit_of_work() as session:
        me = session.scalar(select(Participant).where(Participant.user_id == "U1"))
        assert programme["updated_at"] == me.updated_at.isoformat()
    assert programme["skip_period"] == "2027-01"
    assert programme["unpaired_last_round"] is False
    assert programme["intro"] == "Nights on ward 7"
    [match] = programme["matches"]
    assert match["with_professions"] == ["Manager"]
    assert match["checkin"]["answer"] == "met"
    assert match["feedback"]["learned_text"] == "Rotas are hard"
    assert len(match["icebreakers"]) == 3
    assert "another member wants to learn about Nurse" in match["reasons"]
    assert "Name U1 wants to learn about Manager" in match["reasons"]
    kinds = sorted(m["kind"] for m in data["messages"])
    assert "intro" in kinds
    intro = next(m for m in data["messages"] if m["kind"] == "intro")
    assert intro["state"] == "sent" and intro["content"]["kind"] == "intro"


def test_my_data_of_someone_unknown_is_empty(services, clock):
    clock.at += dt.timedelta(days=1)
    data = participants.my_data(services, "slack", "T1", "UNOBODY")
    assert data["programmes"] == [] and data["messages"] == []
