"""Property-based tests over profile and settings input through the services: each input is
saved (cleaned) or refused with field errors, never a crash, and a refusal writes nothing."""

from __future__ import annotations

import dataclasses

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from bot.core.profile import ProfileInput
from bot.services import participants
from bot.services.programme_schedule import next_round_at
from bot.services.programme_settings import SettingsError, settings_of, update_settings
from bot.store.models import AuditEntry, Participant, Programme
from tests.fuzz.profile import fuzz_settings

FAST = fuzz_settings(40)
ODD = st.sampled_from(["", " ", "\x00", "\u202e", "Nurse", "Manager", "Nurse\x00", "a" * 300,
                       "=1+1", "[x](https://e.example)", "😀", "\ud800", "\r\n", "None"])
TEXT = st.one_of(st.text(max_size=300), ODD)
IDS = st.one_of(st.none(), st.integers(min_value=-(2**70), max_value=2**70))


def _snapshot(services):
    with services.unit_of_work() as session:
        people = [(p.user_id, p.display_name, p.profession, tuple(p.learn), p.intro)
                  for p in session.scalars(select(Participant).order_by(Participant.id))]
        return people, session.scalar(select(Programme.professions))


@FAST
@given(name=TEXT, profession=st.one_of(st.none(), TEXT), learn=st.lists(TEXT, max_size=12),
       intro=TEXT, programme_id=IDS)
def test_any_profile_is_saved_clean_or_refused_without_a_write(services, name, profession,
                                                                learn, intro, programme_id):
    participants.profile_form(services, "slack", "T1", "U0")  # first contact: the programme
    before = _snapshot(services)
    result = participants.save_profile(services, "slack", "T1", "UFUZZ", name, programme_id,
                                       ProfileInput(profession, tuple(learn), intro))
    after = _snapshot(services)
    if isinstance(result, dict):
        assert result and all(isinstance(v, str) and v for v in result.values())
        assert after == before
        return
    assert not result.error
    [mine] = [p for p in after[0] if p[0] == "UFUZZ"]
    for text in (mine[1], mine[4]):
        assert "\x00" not in text and "\u202e" not in text
        text.encode("utf-8")
    participants.leave(services, "slack", "T1", "UFUZZ")


NUMBERS = st.one_of(st.integers(min_value=-(2**40), max_value=2**40),
                    st.sampled_from([0, 1, 2, 4, 5, 60, 61]))


@FAST
@given(name=TEXT, cadence=st.one_of(TEXT, st.sampled_from(
           ["monthly first monday 10:00", "weekly friday 9:30", "fortnightly tuesday 25:00",
            "monthly 31 10:00", "monthly last sunday 00:00"])),
       timezone=st.one_of(TEXT, st.sampled_from(["Europe/London", "UTC", "Mars/Olympus",
                                                 "../../etc/passwd", "Europe/London\x00"])),
       professions=st.lists(TEXT, max_size=6), group_size=NUMBERS, recency=NUMBERS,
       checkin=NUMBERS, mode=st.sampled_from(["cross", "two-sided", "", "CROSS"]))
def test_any_settings_are_saved_or_refused_naming_the_field(services, name, cadence, timezone,
                                                            professions, group_size, recency,
                                                            checkin, mode):
    participants.profile_form(services, "slack", "T1", "U0")  # creates the default programme
    with services.unit_of_work() as session:
        programme = session.scalars(select(Programme)).one()
        pid, current = programme.id, settings_of(programme)
        audits = len(session.scalars(select(AuditEntry)).all())
    wanted = dataclasses.replace(current, name=name, cadence=cadence, timezone=timezone,
                                 professions=tuple(professions), group_size=group_size,
                                 recency=recency, checkin_after_days=checkin, mode=mode)
    try:
        saved = update_settings(services, pid, wanted, actor="U0")
    except SettingsError as exc:
        assert exc.field and str(exc) and "\n" not in str(exc)
        with services.unit_of_work() as session:
            assert settings_of(session.get_one(Programme, pid)) == current
            assert len(session.scalars(select(AuditEntry)).all()) == audits
        return
    assert "\x00" not in saved.name and 2 <= saved.group_size <= 4
    with services.unit_of_work() as session:  # the saved settings can be used again
        next_round_at(session.get_one(Programme, pid), services.now())
