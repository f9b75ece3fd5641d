"""Organiser access: by programme name when a workspace has several."""

import pytest

from bot.services import admin
from bot.services.participants import Reply
from bot.services.programme_settings import ProgrammeSettings, SettingsError, create_programme
from bot.services.workspace_programmes import default_programme, ensure_workspace


def _workspace_with_two(services):
    now = services.now()
    with services.unit_of_work() as session:
        ws = ensure_workspace(session, "slack", "T1", now)
        default_programme(session, ws, now)
        create_programme(session, ws, ProgrammeSettings(
            name="Cohort B", organisers=("U7",)), now)


def test_an_organiser_picks_a_programme_by_name(services):
    _workspace_with_two(services)
    access = admin.organiser_access(services, "slack", "T1", "U7", platform_admin=False,
                                    programme_name="cohort b")
    assert not isinstance(access, Reply) and access.programme == "Cohort B"
    # U7 organises only Cohort B: without a name, that is the one they get.
    first = admin.organiser_access(services, "slack", "T1", "U7", platform_admin=False)
    assert not isinstance(first, Reply) and first.programme == "Cohort B"


def test_organising_one_programme_gives_no_access_to_another(services):
    _workspace_with_two(services)
    refused = admin.organiser_access(services, "slack", "T1", "U7", platform_admin=False,
                                     programme_name="Paired learning")
    assert isinstance(refused, Reply) and refused.error
    assert refused.text.startswith("Only organisers of Paired learning can use admin")


def test_an_unknown_name_lists_the_programmes(services):
    _workspace_with_two(services)
    reply = admin.organiser_access(services, "slack", "T1", "U1", platform_admin=True,
                                   programme_name="Cohort Z")
    assert isinstance(reply, Reply)
    assert reply.text == ("There is no programme called 'Cohort Z' here; the programmes are: "
                          "Paired learning, Cohort B. The organiser commands are admin, admin "
                          "preview, admin run-now and admin stats, each optionally followed "
                          "by a programme's name.")


def test_an_organiser_cannot_take_themselves_off_the_list(services):
    _workspace_with_two(services)
    second = admin.organiser_access(services, "slack", "T1", "U7", platform_admin=False)
    assert not isinstance(second, Reply)
    with pytest.raises(SettingsError) as caught:
        admin.save_settings(services, "slack", "T1", "U7", {"organisers": "U8"},
                            platform_admin=False, programme_id=second.programme_id)
    assert caught.value.field == "organisers"
    assert str(caught.value) == ("Keep your own id (U7) in the organisers, or nobody here "
                                 "could change these settings any more.")
    # A workspace admin stays an organiser whatever the list says.
    saved = admin.save_settings(services, "slack", "T1", "U1", {"organisers": "U8"},
                                platform_admin=True, programme_id=second.programme_id)
    assert not isinstance(saved, Reply) and saved.organisers == ("U8",)
