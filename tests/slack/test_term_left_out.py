"""Someone left out of a term round is told the true reason and when they will be placed,
in the programme's side names, and is placed in a kept group with room the next round
(issue #21: they were promised priority, then left out again as "nobody is on side B")."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bot.services import jobs
from bot.store.models import Participant
from tests.slack.conftest import ROUND_AT, START
from tests.slack.support import text_of
from tests.term_support import groups_by_round, make_term_programme


def _notice(slack, user: str) -> str:
    found = [text_of(m) for m in slack.dms(user) if "No introduction for you" in text_of(m)]
    return found[-1] if found else ""


def test_people_left_out_of_a_term_are_told_the_truth_and_placed_where_there_is_room(
        slack, clock):
    make_term_programme(slack.services, "slack", slack.team, capacity=1, at=START)
    for user, profession in (("U1", "Doctor (junior)"), ("U2", "Doctor (junior)"),
                             ("U3", "Doctor (junior)"), ("U4", "Manager")):
        slack.command("", user=user)
        slack.submit(slack.opened_view(), user=user, profession=profession)

    # December, the term's first round: one manager, one place; two doctors left out.
    clock.at = ROUND_AT + dt.timedelta(minutes=1)
    jobs.run_due(slack.services)
    clock.at = ROUND_AT + dt.timedelta(minutes=20)
    jobs.run_due(slack.services)
    [first] = groups_by_round(slack.services)
    assert len(first) == 1
    left = sorted({"U1", "U2", "U3"} - set(next(iter(first))))
    for user in left:
        told = _notice(slack, user)
        assert ("There were 3 people on the Junior doctors side and only 1 on the Managers "
                "side with 1 place each, so every place was taken.") in told
        assert "side A" not in told and "side B" not in told
        # A term of three rounds: the next term starts in March.
        assert ("You'll be placed as soon as a group has room or someone new joins, and at "
                "the latest when the next term starts, in the round on Monday 1 March.") in told

    # January: the kept pair has room for one more; the other is told the true reason.
    clock.at = dt.datetime(2027, 1, 4, 10, 1, tzinfo=dt.UTC)
    jobs.run_due(slack.services)
    clock.at = dt.datetime(2027, 1, 4, 10, 20, tzinfo=dt.UTC)
    jobs.run_due(slack.services)
    second = groups_by_round(slack.services)[1]
    [group] = second
    assert len(group) == 3 and next(iter(first)) < group
    [still_out] = [u for u in left if u not in group]
    told = _notice(slack, still_out)
    assert "Nobody is on" not in told
    assert "Every group of this term is full, and nobody else new this round could meet you." \
        in told
    assert "in the round on Monday 1 March." in told

    # February: the manager is away all fortnight. She sits out and is told so; the
    # doctors of her group, whose group cannot meet without her, are told the true reason.
    with slack.services.unit_of_work() as session:
        session.scalars(select(Participant).where(Participant.user_id == "U4")).one().away = (
            "2027-01-30..2027-02-20")
    clock.at = dt.datetime(2027, 2, 1, 10, 1, tzinfo=dt.UTC)
    jobs.run_due(slack.services)
    clock.at = dt.datetime(2027, 2, 1, 10, 20, tzinfo=dt.UTC)
    jobs.run_due(slack.services)
    assert len(groups_by_round(slack.services)) == 2  # nobody could meet in February
    away = _notice(slack, "U4")
    assert "You're away for the whole fortnight after this round" in away
    assert "We'll put you first in the next round, on Monday 1 March." in away
    for user in group - {"U4"}:
        assert "Nobody is on the Managers side this round" in _notice(slack, user)
