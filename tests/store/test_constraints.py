"""The data rules of docs/development.md hold in the database itself, not only in code."""

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.store.models import (
    CheckinAnswer,
    Feedback,
    Match,
    MatchMember,
    OutboxMessage,
    Participant,
    ProcessedEvent,
    Programme,
    Round,
    Workspace,
)

NOW = dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC)


def _world(session: Session):
    ws = Workspace(platform="slack", external_id="T1", name="Acme", created_at=NOW)
    session.add(ws)
    session.flush()
    prog = Programme(workspace_id=ws.id, name="Paired learning", created_at=NOW, updated_at=NOW)
    session.add(prog)
    session.flush()
    people = [
        Participant(
            programme_id=prog.id, user_id=f"U{i}", display_name=f"Person {i}",
            profession=prof, joined_at=NOW, updated_at=NOW,
        )
        for i, prof in enumerate(["Nurse", "Manager"])
    ]
    session.add_all(people)
    session.flush()
    rnd = Round(programme_id=prog.id, period="2026-12", ordinal=1, seed=1, started_at=NOW)
    session.add(rnd)
    session.flush()
    match = Match(
        round_id=rnd.id, score=10, checkin_due_at=NOW, reminder_due_at=NOW, created_at=NOW
    )
    session.add(match)
    session.flush()
    for pos, person in enumerate(people):
        session.add(MatchMember(
            match_id=match.id, participant_id=person.id, position=pos,
            profession=person.profession,
        ))
    session.flush()
    return ws, prog, people, rnd, match


def test_a_round_is_claimed_once_per_programme_and_period(engine):
    with Session(engine) as session:
        _, prog, *_ = _world(session)
        session.commit()
        session.add(
            Round(programme_id=prog.id, period="2026-12", ordinal=2, seed=2, started_at=NOW)
        )
        with pytest.raises(IntegrityError):
            session.commit()


def test_outbox_idempotency_key_is_unique(engine):
    with Session(engine) as session:
        ws, _, people, rnd, match = _world(session)
        key = f"{rnd.id}:{match.id}:intro:{people[0].id}"
        for _ in range(2):
            session.add(OutboxMessage(
                idempotency_key=key, workspace_id=ws.id, round_id=rnd.id, match_id=match.id,
                recipient_id=people[0].id, kind="intro", not_before=NOW, created_at=NOW,
            ))
        with pytest.raises(IntegrityError):
            session.commit()


def test_one_checkin_answer_per_match_and_person(engine):
    with Session(engine) as session:
        *_, people, _, match = _world(session)
        session.add(CheckinAnswer(match_id=match.id, participant_id=people[0].id, answer="met",
                                  source="button", answered_at=NOW))
        session.commit()
        session.add(CheckinAnswer(match_id=match.id, participant_id=people[0].id,
                                  answer="scheduled", source="reaction", answered_at=NOW))
        with pytest.raises(IntegrityError):
            session.commit()


def test_checkin_answer_must_be_a_known_kind(engine):
    with Session(engine) as session:
        *_, people, _, match = _world(session)
        session.add(CheckinAnswer(match_id=match.id, participant_id=people[0].id, answer="maybe",
                                  source="button", answered_at=NOW))
        with pytest.raises(IntegrityError):
            session.commit()


def test_a_platform_event_is_recorded_once(engine):
    with Session(engine) as session:
        session.add(ProcessedEvent(platform="slack", event_id="Ev1", received_at=NOW))
        session.commit()
        session.add(ProcessedEvent(platform="slack", event_id="Ev1", received_at=NOW))
        with pytest.raises(IntegrityError):
            session.commit()


def test_erasing_a_participant_cascades_and_leaves_a_placeholder(engine):
    with Session(engine) as session:
        ws, _, people, rnd, match = _world(session)
        leaver = people[0]
        session.add_all([
            CheckinAnswer(match_id=match.id, participant_id=leaver.id, answer="met",
                          source="button", answered_at=NOW),
            Feedback(match_id=match.id, participant_id=leaver.id, learned_score=4,
                     learned_text="Rotas are hard", created_at=NOW),
            OutboxMessage(idempotency_key="k", workspace_id=ws.id, round_id=rnd.id,
                          match_id=match.id, recipient_id=leaver.id, kind="checkin",
                          not_before=NOW, created_at=NOW),
        ])
        session.commit()
        session.delete(leaver)
        session.commit()
        session.expire_all()

        assert session.scalars(select(CheckinAnswer)).all() == []
        assert session.scalars(select(Feedback)).all() == []
        assert session.scalars(select(OutboxMessage)).all() == []
        members = session.scalars(select(MatchMember).order_by(MatchMember.position)).all()
        assert [m.participant_id for m in members] == [None, people[1].id]
        assert session.get(Match, match.id) is not None
