"""Each participant's latest round with a place in it (`participants.last_round_id`), kept
where places are made and removed, so that the people in no group of a programme's latest
round (the late joiners the console offers to add) are read from an index of the few of
them, not by reading the round's places (100,000 at 100,000 people).

"Latest" is by round id: a programme's rounds are numbered in the order they run
(services/rounds.py gives a round the largest ordinal plus one as it inserts it), so the
larger id is the later round. A cancelled round's places are deleted, and retention deletes
the oldest rounds' places: afterwards the id names the latest round still holding a place of
theirs, or none (NULL).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence

from sqlalchemy import func, or_, select, text, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot.services import outbox
from bot.services.context import Services
from bot.store import bulk
from bot.store.models import Match, MatchMember, Participant, Round

logger = logging.getLogger(__name__)


def placed(session: Session, round_id: int, people: Iterable[int | None]) -> None:
    """These people were just given places in this round (a round's groups, a re-match, a
    late joiner added): it is their latest round unless they hold a place in a later one."""
    ids = sorted({p for p in people if p is not None})
    if not ids:
        return
    session.execute(update(Participant).where(
        outbox.among(session, Participant.id, ids),
        or_(Participant.last_round_id.is_(None), Participant.last_round_id < round_id))
        .values(last_round_id=round_id).execution_options(synchronize_session=False))


def round_removed(session: Session, rnd: Round) -> None:
    """The round's places were deleted (a cancelled round): those whose latest round it was
    now have the latest round they still hold a place in, or none."""
    session.flush()
    latest = (select(func.max(Match.round_id))
              .join(MatchMember, MatchMember.match_id == Match.id)
              .where(MatchMember.participant_id == Participant.id).scalar_subquery())
    session.execute(update(Participant).where(
        Participant.programme_id == rnd.programme_id, Participant.last_round_id == rnd.id)
        .values(last_round_id=latest).execution_options(synchronize_session=False))


def details_removed(session: Session, round_ids: Sequence[int]) -> None:
    """Retention is deleting these rounds' places (the oldest rounds of their programmes):
    whoever's latest round is one of them holds no place any more."""
    if not round_ids:
        return
    programmes = select(Round.programme_id).where(Round.id.in_(round_ids))
    session.execute(update(Participant).where(
        Participant.programme_id.in_(programmes), Participant.last_round_id.in_(round_ids))
        .values(last_round_id=None).execution_options(synchronize_session=False))


def refresh_statistics(services: Services) -> None:
    """After a round gave its people its id (PostgreSQL): the planner's statistics of the
    column as it now is. Planned on the previous ones, "latest round before this one" looks
    like everyone, and the late joiners were read by walking every name (140 ms at 100,000
    people, instead of 0.1 ms on the index of the few). A sample of the table, once a round."""
    try:
        with services.unit_of_work() as session:
            if bulk.is_postgresql(session):
                session.execute(text("ANALYZE participants (last_round_id)"))
    except SQLAlchemyError as error:
        # The round has run; statistics are the planner's help, and autovacuum's analyse
        # comes round in time (a role that does not own the table may not ANALYZE it).
        logger.warning("after the round, participants' statistics were not refreshed: %s",
                       type(error).__name__)
