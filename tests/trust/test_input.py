"""User text without control characters, ids inside the database's range: bad input is
refused or cleaned, never a crash and never a lost profile (SQLite and PostgreSQL)."""

from __future__ import annotations

from sqlalchemy import select

from bot.core.profile import ProfileInput
from bot.services import checkins, participants, programme_settings
from bot.store.models import Feedback, Participant, Programme
from tests.services.conftest import join


def _people(services):
    with services.unit_of_work() as session:
        return {p.user_id: (p.display_name, p.intro) for p in session.scalars(select(Participant))}


def test_a_nul_in_an_intro_or_a_name_is_taken_out_and_the_profile_kept(services):
    result = participants.save_profile(
        services, "slack", "T1", "U1", "Ada\x00 \u202eLovelace\x07", None,
        ProfileInput("Nurse", ("Pharmacist",), "I run\x00 the ward\r\nat night\x1b[31m"))
    assert isinstance(result, participants.Reply), result
    assert _people(services) == {"U1": ("Ada Lovelace", "I run the ward\nat night[31m")}


def test_feedback_text_loses_control_characters(services):
    join(services, "U1", "Nurse")
    join(services, "U2", "Pharmacist")
    from bot.services import rounds
    rounds.run_round(services, _programme(services), actor="test")
    with services.unit_of_work() as session:
        from bot.store.models import Match
        match_id = session.scalar(select(Match.id))
    result = checkins.record_feedback(services, "slack", "T1", "U1", match_id,
                                      learned_score=4, learned_text="learned\x00 a lot\x0c",
                                      share=True)
    assert isinstance(result, participants.Reply) and not result.error
    with services.unit_of_work() as session:
        assert session.scalar(select(Feedback.learned_text)) == "learned a lot"


def _programme(services) -> int:
    with services.unit_of_work() as session:
        return session.scalar(select(Programme.id))


def test_ids_beyond_the_database_range_find_nothing(services):
    join(services, "U1", "Nurse")
    huge = 10**23
    result = checkins.record_checkin(services, "slack", "T1", "U1", answer="met",
                                     source="button", match_id=huge)
    assert result.match_id is None and not result.changed
    result = checkins.record_checkin(services, "slack", "T1", "U1", answer="met",
                                     source="button", match_id=2**31)
    assert result.match_id is None
    reply = checkins.record_feedback(services, "slack", "T1", "U1", huge, learned_score=3,
                                     learned_text="", share=False)
    assert isinstance(reply, participants.Reply) and reply.error
    errors = participants.save_profile(services, "slack", "T1", "U1", "Ada", huge,
                                       ProfileInput("Nurse"))
    assert errors == {"programme": "Choose one of this workspace's programmes."}
    assert participants.skip_round(services, huge, "U1", "2026-12").error
    assert _people(services) == {"U1": ("Name U1", "")}


def test_settings_lose_control_characters(services):
    join(services, "U1", "Nurse")
    pid = _programme(services)
    with services.unit_of_work() as session:
        current = programme_settings.settings_of(session.get_one(Programme, pid))
    import dataclasses
    saved = programme_settings.update_settings(services, pid, dataclasses.replace(
        current, name="Ward\x00 pairs", professions=("Nurse\x00", "Pharmacist")), actor="U1")
    assert saved.name == "Ward pairs"
    with services.unit_of_work() as session:
        assert session.get_one(Programme, pid).professions == ["Nurse", "Pharmacist"]
