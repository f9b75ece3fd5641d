"""Joining, status, pause, resume, leave and my-data through the services."""

import datetime as dt

from sqlalchemy import select

from bot.core.profile import ProfileInput
from bot.core.replies import ConfirmLeave, ShowHelp
from bot.core.text import CommandRef
from bot.services import participants
from bot.store.models import Participant, Workspace
from tests.services.conftest import join


def test_joining_confirms_the_next_round(services):
    reply = join(services, "U1", "Nurse", learn=["Pharmacist"], intro="Ward 7, nights")
    assert reply.text.startswith("You're in for Paired learning. The next round is on Monday "
                                 "7 December; you'll get an introduction then. You can also "
                                 "type status or ")
    # What it says can be typed has its buttons: the profile form and the status.
    [buttons] = reply.actions
    assert [(c.label, c.value) for c in buttons.choices] == [
        ("Edit profile", "profile"), ("Status", "status")]
    again = join(services, "U1", "Nurse", learn=["Manager"])
    assert again.text.startswith("Your profile is updated for Paired learning.")
    with services.unit_of_work() as session:
        person = session.scalars(select(Participant)).one()
        assert (person.profession, person.learn, person.intro) == ("Nurse", ["Manager"], "")


def test_an_invalid_profile_returns_field_errors_and_stores_nothing(services):
    errors = participants.save_profile(
        services, "slack", "T1", "U1", "Sam", None,
        ProfileInput("Astronaut", ("Nurse",), "x" * 281),
    )
    assert errors == {
        "profession": "'Astronaut' is not one of this programme's professions.",
        "intro": "Keep your intro to 280 characters (it has 281).",
    }
    with services.unit_of_work() as session:
        assert session.scalars(select(Participant)).all() == []


def test_status_pause_and_resume(services):
    reply = participants.handle_command(services, "slack", "T1", "U1", "status")
    assert reply.error and reply.text.startswith("You haven't joined yet")
    join(services, "U1", "Nurse")
    paused = participants.handle_command(services, "slack", "T1", "U1", "pause 2w")
    assert paused.text.startswith("Paused until Monday 14 December.")
    status = participants.handle_command(services, "slack", "T1", "U1", "status")
    assert "paused until Monday 14 December." in status.text
    resumed = participants.handle_command(services, "slack", "T1", "U1", "resume")
    assert resumed.text == "Welcome back! You're in the next round on Monday 7 December."
    assert "active. Next round on Monday 7 December." in participants.handle_command(
        services, "slack", "T1", "U1", "status").text


def test_status_after_an_uninstall_marks_the_workspace_installed_again(services):
    join(services, "U1", "Nurse")
    with services.unit_of_work() as session:
        session.scalars(select(Workspace)).one().active = False
    status = participants.handle_command(services, "slack", "T1", "U1", "status")
    assert "active. Next round on Monday 7 December." in status.text
    with services.unit_of_work() as session:
        assert session.scalars(select(Workspace)).one().active is True


def test_unknown_text_gets_help_with_one_sentence_on_what_was_wrong(services):
    reply = participants.handle_command(services, "slack", "T1", "U1", "pause forever")
    assert reply == ShowHelp(lead=("`forever` is not a pause length; use e.g. `2w`, `1m` or "
                                   "`10d`.",), error=True)
    past = participants.handle_command(services, "slack", "T1", "U1", "pause until 2020-01-01")
    assert isinstance(past, ShowHelp) and past.lead == ("2020-01-01 is not in the future.",)
    # A command the sentence names stays a command, for each platform to write its way.
    bare = participants.handle_command(services, "slack", "T1", "U1", "pause")
    assert isinstance(bare, ShowHelp) and bare.lead == (
        "Say how long to pause, e.g. ", CommandRef("pause", "2w"), " or ",
        CommandRef("pause", "until 2027-01-31"), ".")


def test_leave_asks_first_then_erases_everything(services):
    join(services, "U1", "Nurse", intro="Hello")
    assert participants.handle_command(services, "slack", "T1", "U1", "leave") == ConfirmLeave()
    data = participants.my_data(services, "slack", "T1", "U1")
    assert data["programmes"][0]["intro"] == "Hello"
    reply = participants.leave(services, "slack", "T1", "U1")
    assert reply.text.startswith("You have left pairbot and your data is erased.")
    assert participants.my_data(services, "slack", "T1", "U1")["programmes"] == []


def test_pause_ends_by_itself(services, clock):
    join(services, "U1", "Nurse")
    participants.pause(services, "slack", "T1", "U1", dt.date(2026, 12, 1))
    with services.unit_of_work() as session:
        person = session.scalars(select(Participant)).one()
        assert not participants.is_active_for(person, dt.date(2026, 12, 1), "2026-12")
        assert participants.is_active_for(person, dt.date(2026, 12, 2), "2026-12")


def test_a_chosen_language_is_kept_for_every_programme_and_shown_in_my_data(services):
    join(services, "U1", "Nurse")
    saved = participants.save_profile(services, "slack", "T1", "U1", "Name U1", None,
                                      ProfileInput("Nurse", language="cy"),
                                      platform_locale="en-GB")
    assert "Mae eich proffil ar gyfer" in saved.text  # the confirmation, in their choice
    with services.unit_of_work() as session:
        person = session.scalars(select(Participant)).one()
        assert (person.language, person.platform_language) == ("cy", "en")
    data = participants.my_data(services, "slack", "T1", "U1")
    [membership] = data["programmes"]
    assert (membership["language"], membership["platform_language"]) == ("cy", "en")
    # A language no one offers is not stored; what was chosen stays.
    participants.save_profile(services, "slack", "T1", "U1", "Name U1", None,
                              ProfileInput("Nurse", language="fr"))
    with services.unit_of_work() as session:
        assert session.scalars(select(Participant)).one().language == "cy"
    assert participants.profile_form(services, "slack", "T1", "U1").language == "cy"
