"""The meeting fields' data rules: a leaver's id leaves others' line manager and
do-not-pair references; availability off keeps what was stored; the profile's meeting
fields are checked in one sentence each."""

from __future__ import annotations

from sqlalchemy import select

from bot.core.profile import ProfileInput
from bot.services import participants
from bot.store.models import Participant, Programme
from tests.services.conftest import join


def _people(services) -> dict[str, Participant]:
    with services.unit_of_work() as session:
        rows = {p.user_id: p for p in session.scalars(select(Participant))}
        for p in rows.values():
            session.expunge(p)
        return rows


def _save(services, user: str, **fields) -> dict | object:
    return participants.save_profile(services, "slack", "T1", user, user, None,
                                     ProfileInput("Nurse", **fields))


def test_a_leaver_leaves_no_reference_in_anyone_elses_manager_or_do_not_pair_list(services):
    for user, profession in (("U1", "Nurse"), ("U2", "Manager"), ("U3", "Pharmacist")):
        join(services, user, profession)
    people = _people(services)
    with services.unit_of_work() as session:
        for p in session.scalars(select(Participant)):
            if p.user_id == "U1":
                p.manager_id, p.avoid = people["U2"].id, [people["U2"].id, people["U3"].id]
            if p.user_id == "U3":
                p.manager_id, p.avoid = people["U2"].id, [people["U2"].id]
    participants.leave(services, "slack", "T1", "U2")
    after = _people(services)
    assert "U2" not in after
    assert (after["U1"].manager_id, after["U1"].avoid) == (None, [people["U3"].id])
    assert (after["U3"].manager_id, after["U3"].avoid) == (None, [])


def test_meeting_fields_are_checked_one_sentence_each_and_nothing_is_stored(services):
    errors = _save(services, "U1", windows=("weekday-lunch",), away="2027-02-30",
                   site="x" * 201)
    assert errors == {
        "windows": "When you can meet: 'weekday-lunch' is not one of the times you can "
                   "choose.",
        "away": "Dates you're away: '2027-02-30' is not a date; write YYYY-MM-DD, or "
                "YYYY-MM-DD..YYYY-MM-DD for a range.",
        "site": "Site: keep it to 200 characters.",
    }
    assert _people(services) == {}


def test_do_not_pair_keeps_only_people_of_the_programme_and_never_oneself(services):
    join(services, "U2", "Manager")
    reply = _save(services, "U1", avoid=("U2", "U1", "UNOBODY"),
                  windows=("weekend-night", "weekday-morning"),
                  away="2027-01-04..2027-01-15; 2027-02-01")
    # Someone chosen who has not joined is not stored, and the person is told so.
    assert reply.text.endswith(
        "1 of the people you'd rather not be paired with has not joined Paired learning, so "
        "they are not on your list yet: choose them again once they have joined.")
    people = _people(services)
    assert people["U1"].avoid == [people["U2"].id]
    assert people["U1"].windows == "weekday-morning;weekend-night"
    assert people["U1"].away == "2027-01-04..2027-01-15;2027-02-01"


def test_with_availability_off_the_form_does_not_ask_and_what_was_stored_is_kept(services):
    _save(services, "U1", windows=("weekday-evening",), away="2027-02-01")
    with services.unit_of_work() as session:
        session.scalars(select(Programme)).one().availability = False
    form = participants.profile_form(services, "slack", "T1", "U1")
    assert form.availability is False
    _save(services, "U1", windows=(), away="")  # a form that did ask (opened before)
    stored = _people(services)["U1"]
    assert (stored.windows, stored.away) == ("weekday-evening", "2027-02-01")
