"""Organiser access: by programme name when a workspace has several."""

from bot.services import admin
from bot.services import programmes as progs
from bot.services.participants import Reply


def _workspace_with_two(services):
    now = services.now()
    with services.unit_of_work() as session:
        ws = progs.ensure_workspace(session, "slack", "T1", now)
        progs.default_programme(session, ws, now)
        progs.create_programme(session, ws, progs.ProgrammeSettings(
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
    assert refused.text.startswith("Only organisers of Paired learning can use `admin`")


def test_an_unknown_name_lists_the_programmes(services):
    _workspace_with_two(services)
    reply = admin.organiser_access(services, "slack", "T1", "U1", platform_admin=True,
                                   programme_name="Cohort Z")
    assert isinstance(reply, Reply)
    assert reply.text == ("There is no programme called 'Cohort Z' here; the programmes are: "
                          "Paired learning, Cohort B.")
