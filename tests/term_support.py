"""What the database holds after a term, read the same way by the Slack and Teams term
tests (tests/slack/test_term.py, tests/teams/test_term.py)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bot.services.context import Services
from bot.services.programme_settings import parse_settings, settings_of, update_settings
from bot.services.workspace_programmes import default_programme, ensure_workspace
from bot.store.models import EvaluationAnswer, Match, MatchMember, Participant, Round


def stored_answers(services: Services, stage: str) -> dict[str, dict[str, int]]:
    """Each user's stored ratings at this stage, by domain."""
    with services.unit_of_work() as session:
        rows = session.execute(
            select(Participant.user_id, EvaluationAnswer.domain, EvaluationAnswer.score)
            .join(Participant, Participant.id == EvaluationAnswer.participant_id)
            .where(EvaluationAnswer.stage == stage)).all()
    out: dict[str, dict[str, int]] = {}
    for user, domain, score in rows:
        out.setdefault(user, {})[domain] = score
    return out


def groups_by_round(services: Services) -> list[set[frozenset[str]]]:
    """Each round's groups (as sets of user ids), in round order."""
    with services.unit_of_work() as session:
        rows = session.execute(
            select(Round.ordinal, Match.id, Participant.user_id)
            .join(Match, Match.round_id == Round.id)
            .join(MatchMember, MatchMember.match_id == Match.id)
            .join(Participant, Participant.id == MatchMember.participant_id)).all()
    by_match: dict[tuple[int, int], set[str]] = {}
    for ordinal, match_id, user in rows:
        by_match.setdefault((ordinal, match_id), set()).add(user)
    out: dict[int, set[frozenset[str]]] = {}
    for (ordinal, _), users in by_match.items():
        out.setdefault(ordinal, set()).add(frozenset(users))
    return [out[k] for k in sorted(out)]


def questions_asked(services: Services) -> dict[int, list[str]]:
    """The ids of every question each participant's meetings have had."""
    with services.unit_of_work() as session:
        asked: dict[int, list[str]] = {}
        for pid, icebreakers in session.execute(
                select(MatchMember.participant_id, Match.icebreakers)
                .join(Match, Match.id == MatchMember.match_id)):
            asked.setdefault(pid, []).extend(q["id"] for q in icebreakers)
    return asked


def make_term_programme(services: Services, platform: str, workspace: str, *, capacity: int,
                        organisers: str = "", at: dt.datetime) -> None:
    """The workspace's programme as a two-sided term of three rounds: junior doctors with
    managers, `capacity` doctors per manager."""
    with services.unit_of_work() as session:
        ws = ensure_workspace(session, platform, workspace, at)
        programme = default_programme(session, ws, at)
        programme_id, base = programme.id, settings_of(programme)
    settings = parse_settings({
        "name": "Junior doctors × Managers", "mode": "two-sided", "capacity": str(capacity),
        "professions": "Doctor (junior);Manager", "organisers": organisers,
        "side_a": "Junior doctors", "side_b": "Managers",
        "side_a_professions": "Doctor (junior)", "side_b_professions": "Manager",
        "format": "term", "term_rounds": "3"}, base=base)
    update_settings(services, programme_id, settings, actor="test")
