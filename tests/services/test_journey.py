"""The learning journey through the services: a term keeps its groups, every meeting has a
theme with questions for both sides, and nobody is asked the same question twice."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bot.core import i18n, wording
from bot.services import participants, programme_settings, rounds
from bot.services.delivery import deliver_due
from bot.store.models import Match, MatchMember, Programme, Round
from tests.services.conftest import ROUND_AT, join

DOCTORS = [f"D{i}" for i in range(4)]
MANAGERS = [f"M{i}" for i in range(4)]


def _term_programme(services, term_rounds: int = 3) -> int:
    join(services, DOCTORS[0], "Doctor (junior)")
    with services.unit_of_work() as session:
        programme = session.scalars(select(Programme)).one()
        base = programme_settings.settings_of(programme)
    settings = programme_settings.parse_settings({
        "name": "Junior doctors × Managers", "mode": "two-sided",
        "side_a": "Junior doctors", "side_b": "Managers",
        "side_a_professions": "Doctor (junior)", "side_b_professions": "Manager",
        "format": "term", "term_rounds": str(term_rounds)}, base=base)
    programme_settings.update_settings(services, programme.id, settings, actor="U-organiser")
    for user in DOCTORS[1:]:
        join(services, user, "Doctor (junior)")
    for user in MANAGERS:
        join(services, user, "Manager")
    return programme.id


def _month(k: int) -> dt.datetime:
    return ROUND_AT + dt.timedelta(days=35 * k)


def _run(services, clock, programme_id: int, k: int):
    clock.at = _month(k)
    plan = rounds.run_round(services, programme_id, at=_month(k))
    deliver_due(services)
    return plan


def _groups(services, round_id: int) -> set[frozenset[int]]:
    with services.unit_of_work() as session:
        rows = session.execute(select(MatchMember.match_id, MatchMember.participant_id)
                               .join(Match, Match.id == MatchMember.match_id)
                               .where(Match.round_id == round_id)).all()
    by_match: dict[int, set[int]] = {}
    for match_id, pid in rows:
        by_match.setdefault(match_id, set()).add(pid)
    return {frozenset(m) for m in by_match.values()}


def _questions_by_person(services) -> dict[int, list[str]]:
    with services.unit_of_work() as session:
        rows = session.execute(select(MatchMember.participant_id, Match.icebreakers)
                               .join(Match, Match.id == MatchMember.match_id)).all()
    had: dict[int, list[str]] = {}
    for pid, icebreakers in rows:
        had.setdefault(pid, []).extend(q["id"] for q in icebreakers)
    return had


def test_a_term_keeps_its_groups_with_a_theme_each_meeting_and_no_repeats(
        services, gateway, clock) -> None:
    programme_id = _term_programme(services)
    plans = [_run(services, clock, programme_id, k) for k in range(3)]
    ids = [p.round_id for p in plans]
    first = _groups(services, ids[0])
    assert len(first) == 4 and all(len(g) == 2 for g in first)
    assert _groups(services, ids[1]) == first and _groups(services, ids[2]) == first
    with services.unit_of_work() as session:
        found = [(r.term, r.round_in_term, r.theme) for r in session.scalars(
            select(Round).order_by(Round.ordinal))]
    assert found == [(1, 1, "roles"), (1, 2, "values"), (1, 3, "challenges")]
    # Nobody was given a question they had had before in the programme.
    for questions in _questions_by_person(services).values():
        assert len(questions) == len(set(questions)) == 9
    intros = gateway.of_kind("intro")
    assert len(intros) == 12
    second = [s.intent for s in intros[4:8]]
    for intro in second:
        assert intro.theme == "Values: what matters to you and your profession"
        assert "Meeting 2 of 3 of this term" in intro.reasons
        # A Welsh reader (or the Welsh half of a bilingual intro) reads the term's notes in
        # Welsh: they are kept by reference and worded as each message is written.
        with i18n.using("cy"):
            welsh = wording.intro(intro)
        assert "Cyfarfod 2 o 3 y tymor hwn" in repr(welsh)
        assert "Rydych chi'n cwrdd eto: yr un grŵp am y tymor cyfan" in repr(welsh)
        assert "of this term" not in repr(welsh) and "You meet again" not in repr(welsh)
        # A question for each side, aimed by name at the doctor and at the manager.
        doctor = next(m.name for m in intro.members if m.profession == "Doctor (junior)")
        manager = next(m.name for m in intro.members if m.profession == "Manager")
        assert any(q.startswith(f"For {doctor}:") for q in wording.questions(intro))
        assert any(q.startswith(f"For {manager}:") for q in wording.questions(intro))
    # A new term re-matches everyone, and the history rules keep last term's pairs apart.
    fourth = _run(services, clock, programme_id, 3)
    assert not (_groups(services, fourth.round_id) & first)
    with services.unit_of_work() as session:
        rnd = session.get_one(Round, fourth.round_id)
        assert (rnd.term, rnd.round_in_term, rnd.theme) == (2, 1, "roles")


def test_someone_whose_partner_leaves_mid_term_is_rematched_and_told(
        services, gateway, clock) -> None:
    programme_id = _term_programme(services)
    _run(services, clock, programme_id, 0)
    # Two pairs lose a member each: the doctor of one and the manager of another.
    with services.unit_of_work() as session:
        pairs = [sorted(g) for g in _groups(services, session.scalars(
            select(Round.id)).one())]
    leaving = []
    for pair in pairs[:2]:
        leaving.append(pair[0] if len(leaving) == 0 else pair[1])
    with services.unit_of_work() as session:
        users = {p: session.get_one(participants.Participant, p).user_id for p in leaving}
    for user in users.values():
        participants.leave(services, "slack", "T1", user)
    left_behind = {p for pair in pairs[:2] for p in pair} - set(leaving)
    second = _run(services, clock, programme_id, 1)
    groups = _groups(services, second.round_id)
    assert frozenset(left_behind) in groups or all(
        len(g & left_behind) == 1 for g in groups if g & left_behind)
    for pair in pairs[2:]:
        assert frozenset(pair) in groups  # the untouched pairs go on
    told = [s.intent for s in gateway.of_kind("intro")[-len(groups):]
            if any("Your partner has left the programme" in r for r in s.intent.reasons)]
    assert len(told) >= 1


def test_a_rotating_programme_cycles_through_the_themes(services, gateway, clock) -> None:
    for user in DOCTORS:
        join(services, user, "Doctor (junior)")
    for user in MANAGERS:
        join(services, user, "Manager")
    with services.unit_of_work() as session:
        programme_id = session.scalars(select(Programme.id)).one()
    for k in range(3):
        _run(services, clock, programme_id, k)
    with services.unit_of_work() as session:
        themes = list(session.scalars(select(Round.theme).order_by(Round.ordinal)))
    assert themes == ["roles", "values", "challenges"]
    for questions in _questions_by_person(services).values():
        assert len(questions) == len(set(questions))


def test_a_theme_met_again_asks_nobody_what_they_had_on_it(services, gateway, clock) -> None:
    """The journey comes back to a theme: its questions someone had then are not asked
    again, though what they had on the theme in between no longer counts."""
    for user in DOCTORS:
        join(services, user, "Doctor (junior)")
    for user in MANAGERS:
        join(services, user, "Manager")
    with services.unit_of_work() as session:
        programme = session.scalars(select(Programme)).one()
        settings = programme_settings.parse_settings({"journey": "roles; values; roles"},
                                             base=programme_settings.settings_of(programme))
    programme_settings.update_settings(services, programme.id, settings, actor="U-organiser")
    for k in range(3):
        _run(services, clock, programme.id, k)
    with services.unit_of_work() as session:
        themes = list(session.scalars(select(Round.theme).order_by(Round.ordinal)))
        rows = session.execute(select(MatchMember.participant_id, Round.ordinal,
                                      Match.icebreakers)
                               .join(Match, Match.id == MatchMember.match_id)
                               .join(Round, Round.id == Match.round_id)).all()
    assert themes == ["roles", "values", "roles"]
    by_round: dict[int, dict[int, set[str]]] = {}
    for pid, ordinal, icebreakers in rows:
        by_round.setdefault(pid, {})[ordinal] = {q["id"] for q in icebreakers}
    assert len(by_round) == 8
    for rounds_had in by_round.values():
        assert rounds_had[1] and rounds_had[3]
        assert not rounds_had[1] & rounds_had[3]
        assert {q["theme"] for _, o, ice in rows if o == 3 for q in ice} == {"roles"}
