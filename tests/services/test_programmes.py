"""Programme settings: validated field by field, renames never clash, changes audited."""

import dataclasses

import pytest
from sqlalchemy import select

from bot.services import programmes as progs
from bot.store.models import AuditEntry, Programme


def _two_programmes(services):
    now = services.now()
    with services.unit_of_work() as session:
        ws = progs.ensure_workspace(session, "slack", "T1", now)
        first = progs.default_programme(session, ws, now)
        second = progs.create_programme(session, ws, progs.ProgrammeSettings(name="Cohort B"),
                                        now)
        return first.id, second.id


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"cadence": "every full moon"}, "cadence", "'every full moon' is not a cadence"),
    ({"timezone": "Mars/Olympus"}, "timezone", "'Mars/Olympus' is not a time zone"),
    ({"group_size": 5}, "group_size", "Group size is 2, 3 or 4."),
    ({"professions": ("Nurse",)}, "professions", "List at least two professions."),
    ({"mode": "two-sided"}, "sides", "A two-sided programme needs professions on side A and B."),
    ({"mode": "two-sided", "sides": {"A": ["Nurse"], "B": ["Astronaut"]}}, "sides",
     "'Astronaut' is not in the list of professions."),
])
def test_invalid_settings_name_the_field(services, change, field, message):
    first, _ = _two_programmes(services)
    with services.unit_of_work() as session:
        current = progs.settings_of(session.get_one(Programme, first))
    with pytest.raises(progs.SettingsError) as caught:
        progs.update_settings(services, first, dataclasses.replace(current, **change),
                              actor="U1")
    assert caught.value.field == field
    assert str(caught.value).startswith(message)


def test_renaming_onto_another_programme_is_refused_clearly(services):
    first, _ = _two_programmes(services)
    with services.unit_of_work() as session:
        current = progs.settings_of(session.get_one(Programme, first))
    with pytest.raises(progs.SettingsError) as caught:
        progs.update_settings(services, first, dataclasses.replace(current, name="Cohort B"),
                              actor="U1")
    assert (caught.value.field, str(caught.value)) == (
        "name", "Another programme here is already called 'Cohort B'.")


def test_a_change_is_saved_normalised_and_audited(services):
    first, _ = _two_programmes(services)
    with services.unit_of_work() as session:
        current = progs.settings_of(session.get_one(Programme, first))
    progs.update_settings(services, first, dataclasses.replace(
        current, cadence="Weekly  FRIDAY 12:30", recency=3), actor="U9")
    with services.unit_of_work() as session:
        programme = session.get_one(Programme, first)
        assert (programme.cadence, programme.recency) == ("weekly friday 12:30", 3)
        entry = session.scalars(select(AuditEntry)).one()
        assert (entry.actor, entry.action) == ("U9", "settings.update")
        assert entry.details["changed"] == {"cadence": "weekly friday 12:30", "recency": 3}
