"""Each round's figures are kept as answers arrive (round_tallies) and the console reads
them: the same figures as counting the details, which stay true once retention or
erasure removes the details."""

import datetime as dt
from functools import partial

from sqlalchemy import delete, select

from bot.services import checkins, round_tally, rounds
from bot.services.console import access, bank_holidays, outcomes, round_log
from bot.store.models import (
    CheckinAnswer,
    Feedback,
    Match,
    MatchMember,
    Participant,
    Programme,
    Round,
    RoundTally,
)
from tests.services.conftest import ROUND_AT, join
from tests.web.console_support import TOKEN, make_client

PROFESSIONS = ["Nurse", "Manager", "Pharmacist", "Physiotherapist", "Paramedic"]


def _round(services, clock) -> tuple[int, list[tuple[int, str]]]:
    for i in range(12):
        join(services, f"U{i}", PROFESSIONS[i % 5])
    with services.unit_of_work() as session:
        pid = session.scalars(select(Programme.id)).one()
    clock.at = ROUND_AT
    rounds.run_round(services, pid)
    with services.unit_of_work() as session:
        firsts = session.execute(select(Match.id, Participant.user_id).join(
            MatchMember, MatchMember.match_id == Match.id).join(
            Participant, Participant.id == MatchMember.participant_id)
            .where(MatchMember.position == 0).order_by(Match.id)).all()
    return pid, [(m, u) for m, u in firsts]


def _answer(services, match_id, user, answer):
    checkins.record_checkin(services, "slack", "T1", user, match_id=match_id,
                            answer=answer, source="button")


def _figures(services, pid):
    [figures] = outcomes.overview(services, access.OPERATOR, pid).rounds
    return figures


def _as_dict(tally: RoundTally) -> dict:
    return {k: getattr(tally, k) for k in ("groups", "people", "outcomes", "reasons",
                                           "days_to_meet", "learning_count", "learning_sum",
                                           "introduced", "met_pairs")}


def test_answers_change_the_rounds_figures_as_they_arrive(services, clock):
    pid, firsts = _round(services, clock)
    assert len(firsts) == 6
    fresh = _figures(services, pid)
    assert (fresh.groups, fresh.people, fresh.met, fresh.no_answer) == (6, 12, 0, 6)
    clock.at = ROUND_AT + dt.timedelta(days=9)
    _answer(services, *firsts[0], "met")
    _answer(services, *firsts[1], "scheduled")
    _answer(services, *firsts[2], "not_happening")
    clock.at = ROUND_AT + dt.timedelta(days=15)
    _answer(services, *firsts[1], "met")  # the last answer wins: scheduled becomes met
    for day, (match_id, user) in zip((3, 5, 20), firsts[3:], strict=True):
        clock.at = ROUND_AT + dt.timedelta(days=day)
        _answer(services, match_id, user, "met")
    clock.at = ROUND_AT + dt.timedelta(days=21)
    f = _figures(services, pid)
    assert (f.met, f.scheduled, f.not_happening, f.no_answer) == (5, 0, 1, 0)
    assert f.met_rate == 100 * 5 / 6
    assert f.days_to_meet == ((3, 1), (5, 1), (9, 1), (15, 1), (20, 1))
    assert f.median_days == 9
    # The met matrix counts only the groups that met.
    overview = outcomes.overview(services, access.OPERATOR, pid)
    assert overview.met.total == 5 and overview.introduced.total == 6
    # A withdrawn answer takes its count back.
    checkins.record_checkin(services, "slack", "T1", firsts[2][1], match_id=firsts[2][0],
                            answer="not_happening", source="button", withdraw=True)
    assert (_figures(services, pid).not_happening, _figures(services, pid).no_answer) == (0, 1)


def test_the_kept_tally_equals_counting_the_details_again(services, clock):
    _, firsts = _round(services, clock)
    clock.at = ROUND_AT + dt.timedelta(days=8)
    for (match_id, user), answer in zip(firsts, ["met", "met", "scheduled", "met",
                                                 "not_happening", "met"], strict=True):
        _answer(services, match_id, user, answer)
    _answer(services, *firsts[2], "met")
    for match_id, user in firsts[:5]:
        checkins.record_feedback(services, "slack", "T1", user, match_id, learned_score=4,
                                 learned_text="", share=False)
    checkins.record_feedback(services, "slack", "T1", firsts[0][1], firsts[0][0],
                             learned_score=2, learned_text="", share=False)
    with services.unit_of_work() as session:
        rnd = session.scalars(select(Round)).one()
        kept = _as_dict(session.get_one(RoundTally, rnd.id))
        session.execute(delete(RoundTally))
        counted = _as_dict(round_tally.build(session, rnd, clock.at))
    assert kept == counted
    assert kept["learning_count"] == 5 and kept["learning_sum"] == 18
    assert kept["outcomes"] == {"met": 5, "not_happening": 1}


def test_figures_stay_when_the_details_are_deleted(services, clock):
    pid, firsts = _round(services, clock)
    clock.at = ROUND_AT + dt.timedelta(days=8)
    for match_id, user in firsts[:5]:
        _answer(services, match_id, user, "met")
        checkins.record_feedback(services, "slack", "T1", user, match_id, learned_score=5,
                                 learned_text="", share=False)
    before = _figures(services, pid)
    with services.unit_of_work() as session:
        session.execute(delete(Feedback))
        session.execute(delete(CheckinAnswer))
    after = _figures(services, pid)
    assert (after.met, after.learning_count, after.learning) == (5, 5, 5.0)
    assert after == before
    [view] = round_log.rounds_of(services, access.OPERATOR, pid)
    assert view.figures.met == 5 and view.group_count == 6 and len(view.groups) == 6


def test_reasons_below_five_people_are_not_shown():
    figures = outcomes.RoundFigures(
        period="2026-12", day="Monday 7 December", state="done", people=40, groups=20,
        met=10, scheduled=0, not_happening=2, no_answer=0, learning=None, not_yet=8,
        reasons=(("not_yet", "rota", 6), ("not_yet", "leave", 2), ("not_happening", "left", 2)),
        days_to_meet=((4, 2), (10, 2)))
    assert figures.reasons_shown == (("not_yet", "rota", 6),)
    assert figures.reasons_hidden == 4
    assert figures.median_days is None  # four met groups: fewer than five


def test_the_rounds_page_shows_each_answer_and_the_median_days_to_meet(engine, services, clock):
    pid, firsts = _round(services, clock)
    for day, (match_id, user) in zip((2, 4, 6, 8, 10), firsts[:5], strict=True):
        clock.at = ROUND_AT + dt.timedelta(days=day)
        _answer(services, match_id, user, "met")
    clock.at = ROUND_AT + dt.timedelta(days=15)
    http = make_client(engine, services)
    page = http.get(f"/admin/programmes/{pid}/rounds", headers={"Authorization": f"Bearer {TOKEN}"})
    assert page.status_code == 200
    assert "Check-in answers of round December 2026, groups by their best answer" in page.text
    assert "<td>5</td><td>0</td><td>0</td><td>0</td><td>1</td>" in page.text
    assert "Median time from introduction to meeting: 6 days." in page.text


def test_a_cadence_on_a_bank_holiday_is_warned_of(engine, services, clock):
    join(services, "U1", "Nurse")
    with services.unit_of_work() as session:
        programme = session.scalars(select(Programme)).one()
        programme.cadence = "monthly last friday 10:00"  # Friday 25 December 2026
        pid = programme.id
    found = bank_holidays.holiday_rounds(services, access.OPERATOR, pid)
    assert found[0] == bank_holidays.HolidayRound("Friday 25 December 2026", "Christmas Day",
                                                  "England")
    page = make_client(engine, services).get(
        f"/admin/programmes/{pid}/settings", headers={"Authorization": f"Bearer {TOKEN}"})
    assert ("A coming round falls on a bank holiday in England: Friday 25 December 2026 "
            "(Christmas Day)") in page.text
    with services.unit_of_work() as session:
        session.get_one(Programme, pid).holidays = "none"
    assert bank_holidays.holiday_rounds(services, access.OPERATOR, pid) == ()


def test_the_rounds_page_shows_a_reason_as_its_button_says_it(engine, services, clock):
    pid, firsts = _round(services, clock)
    clock.at = ROUND_AT + dt.timedelta(days=3)
    for match_id, user in firsts[:5]:
        _answer(services, match_id, user, "not_yet")
        checkins.record_reason(services, "slack", "T1", user, match_id, "rota")
    clock.at = ROUND_AT + dt.timedelta(days=15)
    http = make_client(engine, services)
    page = http.get(f"/admin/programmes/{pid}/rounds", headers={"Authorization": f"Bearer {TOKEN}"})
    assert page.status_code == 200
    # The label a participant saw on the check-in's button, not the key it is stored as.
    assert "Reasons given: My rota (5)." in page.text
    assert "rota (5)" not in page.text.replace("My rota (5)", "")


def _statements_of(engine, work) -> list[str]:
    """The SQL statements `work()` runs, in order (COMMIT included)."""
    from sqlalchemy import event

    seen: list[str] = []

    def statement(_conn, _cursor, text, *_args):
        seen.append(" ".join(text.split()))

    def commit(_conn):
        seen.append("COMMIT")

    event.listen(engine, "before_cursor_execute", statement)
    event.listen(engine, "commit", commit)
    try:
        work()
    finally:
        event.remove(engine, "before_cursor_execute", statement)
        event.remove(engine, "commit", commit)
    return seen


def test_an_answer_locks_the_rounds_tally_only_for_the_end_of_its_transaction(
        services, clock, engine):
    # Every answer of a round updates the same tally row, so the row is locked only at
    # the commit: the twenty-odd statements that redraw the check-in and queue the
    # follow-up run first, unlocked (bench/load.py found answers queueing on this lock).
    pid, firsts = _round(services, clock)
    clock.at = ROUND_AT + dt.timedelta(days=9)
    for answer, withdraw in (("scheduled", False), ("scheduled", True), ("met", False)):
        match_id, user = firsts[0]
        seen = _statements_of(engine, partial(
            checkins.record_checkin, services, "slack", "T1", user, match_id=match_id,
            answer=answer, source="button", withdraw=withdraw))
        locks = [i for i, s in enumerate(seen) if s.startswith("SELECT round_tallies.")]
        assert len(locks) == 1, seen
        tail = seen[locks[0] + 1:]
        # After the lock: the group's answers (and for "met" its start and professions),
        # the tally's UPDATE, the commit; nothing else.
        assert tail[-1] == "COMMIT" and tail[-2].startswith("UPDATE round_tallies"), tail
        assert len(tail) <= 5, tail
        assert len(seen) - len(tail) > 10  # the work that used to run under the lock
    # And the figures are right.
    clock.at = ROUND_AT + dt.timedelta(days=10)
    f = _figures(services, pid)
    assert (f.met, f.scheduled, f.no_answer) == (1, 0, 5)


def test_a_rolled_back_change_is_not_applied_by_the_sessions_next_commit(services, clock):
    _, firsts = _round(services, clock)
    match_id, _ = firsts[0]
    with services.sessions() as session:
        with session.begin():
            round_tally.feedback_changed(session, match_id, None, 4, clock.now())
            session.rollback()
        with session.begin():
            pass  # the same session's next transaction commits: nothing left over
    with services.unit_of_work() as session:
        tally = session.scalars(select(RoundTally)).one()
        assert (tally.learning_count, tally.learning_sum) == (0, 0)
