"""Programme settings: validated field by field, renames never clash, changes audited."""

import dataclasses

import pytest
from sqlalchemy import select

from bot.services import programme_settings
from bot.services.programme_settings import (
    SETTINGS_KEYS,
    ProgrammeSettings,
    create_programme,
    settings_as_text,
    settings_of,
    update_settings,
    validate_settings,
)
from bot.services.workspace_programmes import default_programme, ensure_workspace
from bot.store.models import AuditEntry, Programme


def _two_programmes(services):
    now = services.now()
    with services.unit_of_work() as session:
        ws = ensure_workspace(session, "slack", "T1", now)
        first = default_programme(session, ws, now)
        second = create_programme(session, ws, ProgrammeSettings(name="Cohort B"),
                                        now)
        return first.id, second.id


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"cadence": "every full moon"}, "cadence", "'every full moon' is not a cadence"),
    ({"timezone": "Mars/Olympus"}, "timezone", "'Mars/Olympus' is not a time zone"),
    ({"group_size": 5}, "group_size", "Group size is 2, 3 or 4."),
    ({"professions": ("Nurse",)}, "professions", "List at least two professions."),
    ({"mode": "two-sided"}, "side_a_professions",
     "A two-sided programme needs professions on side A and B."),
    ({"mode": "two-sided", "sides": {"A": ["Nurse"], "B": ["Astronaut"]}}, "side_b_professions",
     "'Astronaut' is not in the list of professions."),
])
def test_invalid_settings_name_the_field(services, change, field, message):
    first, _ = _two_programmes(services)
    with services.unit_of_work() as session:
        current = settings_of(session.get_one(Programme, first))
    with pytest.raises(programme_settings.SettingsError) as caught:
        update_settings(services, first, dataclasses.replace(current, **change),
                              actor="U1")
    assert caught.value.field == field
    assert str(caught.value).startswith(message)


def test_renaming_onto_another_programme_is_refused_clearly(services):
    first, _ = _two_programmes(services)
    with services.unit_of_work() as session:
        current = settings_of(session.get_one(Programme, first))
    with pytest.raises(programme_settings.SettingsError) as caught:
        update_settings(services, first, dataclasses.replace(current, name="Cohort B"),
                              actor="U1")
    assert (caught.value.field, str(caught.value)) == (
        "name", "Another programme here is already called 'Cohort B'.")


def test_a_change_is_saved_normalised_and_audited(services):
    first, _ = _two_programmes(services)
    with services.unit_of_work() as session:
        current = settings_of(session.get_one(Programme, first))
    update_settings(services, first, dataclasses.replace(
        current, cadence="Weekly  FRIDAY 12:30", recency=3), actor="U9")
    with services.unit_of_work() as session:
        programme = session.get_one(Programme, first)
        assert (programme.cadence, programme.recency) == ("weekly friday 12:30", 3)
        entry = session.scalars(select(AuditEntry)).one()
        assert (entry.actor, entry.action) == ("U9", "settings.update")
        assert entry.details["changed"] == {"cadence": "weekly friday 12:30", "recency": 3}


def test_parse_settings_reads_every_key_of_the_contract():
    settings = programme_settings.parse_settings({
        "name": " Doctors × managers ", "mode": "two-sided", "group_size": "3",
        "capacity": "2", "cadence": "Fortnightly  Monday 10:00", "timezone": "Europe/Paris",
        "recency": "4", "checkin_after": "10", "professions": "Nurse; Porter",
        "side_a": "Junior doctors", "side_b": "Managers",
        "side_a_professions": "Junior doctor", "side_b_professions": "Manager;Finance",
        "format": "term", "term_rounds": "8", "evaluation": "off",
        "organisers": "U1, U2;U3", "channel": "C0LEARN"})
    assert settings == ProgrammeSettings(
        name="Doctors × managers", mode="two-sided", group_size=3, capacity=2,
        cadence="fortnightly monday 10:00", timezone="Europe/Paris", recency=4,
        checkin_after_days=10,
        professions=("Nurse", "Porter", "Junior doctor", "Manager", "Finance"),
        sides={"A": ("Junior doctor",), "B": ("Manager", "Finance")},
        side_names={"A": "Junior doctors", "B": "Managers"}, format="term", term_rounds=8,
        evaluation=False, organisers=("U1", "U2", "U3"), channel_id="C0LEARN")
    assert programme_settings.parse_settings(settings_as_text(settings)) == settings
    assert list(settings_as_text(settings)) == list(SETTINGS_KEYS)


def test_parse_settings_keeps_what_is_not_given_and_defaults_a_new_programme():
    fresh = programme_settings.parse_settings({"name": "Cohort C"})
    assert fresh == validate_settings(ProgrammeSettings(name="Cohort C"))
    assert (fresh.format, fresh.term_rounds, fresh.evaluation) == ("rotating", 6, True)
    changed = programme_settings.parse_settings(
        {"recency": "2", "channel": ""}, base=dataclasses.replace(fresh, channel_id="C1"))
    assert dataclasses.replace(changed, recency=6, channel_id="C1") == dataclasses.replace(
        fresh, channel_id="C1")
    assert (changed.recency, changed.channel_id) == (2, None)


@pytest.mark.parametrize(("values", "field", "message"), [
    ({"name": "X", "colour": "blue"}, "colour", "'colour' is not a setting; the settings are "
                                                "name, mode, group_size,"),
    ({"name": ""}, "name", "Give the programme a name of 1 to 100 characters."),
    ({"name": "X", "group_size": "two"}, "group_size", "'two' is not a whole number."),
    ({"name": "X", "recency": "2.5"}, "recency", "'2.5' is not a whole number."),
    ({"name": "X", "checkin_after": "0"}, "checkin_after",
     "The check-in comes 1 to 60 days after the intro."),
    ({"name": "X", "mode": "random"}, "mode", "Mode is either cross or two-sided."),
    ({"name": "X", "format": "forever"}, "format", "Format is either rotating or term."),
    ({"name": "X", "term_rounds": "99"}, "term_rounds", "A term is 1 to 24 rounds."),
    ({"name": "X", "evaluation": "maybe"}, "evaluation", "Evaluation is either on or off."),
    ({"name": "X", "mode": "two-sided", "side_a_professions": "Nurse"}, "side_b_professions",
     "A two-sided programme needs professions on side A and B."),
    ({"name": "X", "mode": "two-sided", "side_a_professions": "Nurse",
      "side_b_professions": "Nurse"}, "side_b_professions", "'Nurse' cannot be on both sides."),
    ({"name": "X", "timezone": "Mars/Olympus"}, "timezone", "'Mars/Olympus' is not a time zone"),
])
def test_parse_settings_names_the_bad_key_in_one_sentence(values, field, message):
    with pytest.raises(programme_settings.SettingsError) as caught:
        programme_settings.parse_settings(values)
    assert caught.value.field == field
    assert str(caught.value).startswith(message)


def test_format_term_and_evaluation_are_stored(services):
    first, _ = _two_programmes(services)
    with services.unit_of_work() as session:
        current = settings_of(session.get_one(Programme, first))
    update_settings(services, first, programme_settings.parse_settings(
        {"format": "term", "term_rounds": "5", "evaluation": "off", "side_a": "Doctors"},
        base=current), actor="U1")
    with services.unit_of_work() as session:
        saved = settings_of(session.get_one(Programme, first))
    assert (saved.format, saved.term_rounds, saved.evaluation, saved.side_names) == (
        "term", 5, False, {"A": "Doctors"})


def test_term_starts_and_journey_longer_than_their_columns_are_refused_not_cut():
    from bot.services.programme_settings import SettingsError, parse_settings

    repeated = parse_settings({"name": "X", "term_starts": "; ".join(
        ["first monday of may"] * 40)})
    assert repeated.term_starts == "first monday of may"
    many = "; ".join(f"{o} {d} of {m}" for o in ("first", "second", "third")
                     for d in ("monday", "tuesday") for m in ("may", "june", "july"))
    with pytest.raises(SettingsError) as caught:
        parse_settings({"name": "X", "term_starts": many})
    assert caught.value.field == "term_starts"
    titled = "; ".join(f"{t}={'x' * 80}" for t in (
        "roles", "values", "challenges", "barriers", "shadowing", "reflection") * 2)
    with pytest.raises(SettingsError) as caught:
        parse_settings({"name": "X", "journey": titled})
    assert str(caught.value) == ("Keep the journey under 1000 characters; shorten the "
                                 "custom titles.")


def test_every_bad_key_is_named_at_once():
    with pytest.raises(programme_settings.SettingsError) as caught:
        programme_settings.parse_settings({"name": "X", "colour": "blue", "recency": "99",
                              "cadence": "sometimes", "evaluation": "maybe",
                              "mode": "two-sided"})
    assert caught.value.errors == {
        "colour": caught.value.errors["colour"],
        "evaluation": "Evaluation is either on or off.",
        "cadence": caught.value.errors["cadence"],
        "recency": "Recency is 0 to 60 rounds.",
        "side_a_professions": "A two-sided programme needs professions on side A and B.",
    }
    assert caught.value.field == "colour"
    assert caught.value.errors["cadence"].startswith("'sometimes' is not a cadence")


def _other_value(setting):
    """A value of the setting that is not its default, as text."""
    from bot.core import settings as table

    if setting.options:
        return next(v for v, _ in setting.options if v != setting.text(setting.default))
    if setting.kind == table.Kind.INT:
        return str(setting.high if setting.default != setting.high else setting.low)
    if setting.kind == table.Kind.PAIRS:
        return "Nursing=Nurse; Medical and Dental=Doctor"
    return None


def test_every_setting_is_stored_read_back_and_shown_as_set(services):
    """Adding a row to the table is enough for it to be parsed, saved and shown."""
    from bot.core import settings as table

    first, _ = _two_programmes(services)
    changes = {s.key: value for s in table.SETTINGS if (value := _other_value(s)) is not None}
    changes.pop("mode")  # two-sided needs sides, tested above
    with services.unit_of_work() as session:
        current = settings_of(session.get_one(Programme, first))
    update_settings(services, first, programme_settings.parse_settings(changes, base=current),
                          actor="U1")
    with services.unit_of_work() as session:
        shown = settings_as_text(settings_of(session.get_one(Programme, first)))
    assert {key: shown[key] for key in changes} == changes
