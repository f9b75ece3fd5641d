"""Organisers: `/pair-me admin …` for workspace admins and listed organisers only, audited."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import func, select

from bot.services.programme_settings import (
    ProgrammeSettings,
    create_programme,
    parse_settings,
    settings_of,
    update_settings,
)
from bot.services.workspace_programmes import default_programme, ensure_workspace
from bot.store.models import AuditEntry, Match, Programme, Round
from tests.slack.conftest import ROUND_AT
from tests.slack.support import text_of
from tests.slack.test_commands import joined


def audit(slack):
    with slack.services.unit_of_work() as session:
        return [(a.actor, a.action) for a in session.scalars(
            select(AuditEntry).order_by(AuditEntry.id))]


@pytest.mark.parametrize("text", ["admin", "admin preview", "admin run-now", "admin stats"])
def test_a_participant_who_is_not_an_organiser_is_refused(slack, text):
    joined(slack)
    assert slack.command(text, user="U1").status_code == 200
    # Whether U1 administers the workspace takes users.info, after the ack: the answer is a DM.
    reply = text_of(slack.dms("U1")[-1])
    assert reply.startswith("Only organisers of Paired learning can use `/pair-me admin`")
    assert "(your id is U1)" in reply
    assert slack.fake.calls_to("views.open")[-1].params["view"]  # only the profile modal
    assert len(slack.fake.calls_to("views.open")) == 1
    assert audit(slack) == []
    with slack.services.unit_of_work() as session:
        assert session.scalar(select(func.count(Round.id))) == 0


def test_a_workspace_admin_opens_the_settings_and_saves_them_audited(slack):
    slack.command("admin", user="UADMIN")
    view = slack.opened_view()
    assert view["callback_id"] == "settings"
    blocks = {b["block_id"]: b for b in view["blocks"] if b["type"] == "input"}
    assert blocks["name"]["element"]["initial_value"] == "Paired learning"
    assert blocks["cadence"]["element"]["initial_value"] == "monthly first monday 10:00"
    response = slack.submit(
        view, user="UADMIN", name="Ward learning", mode="cross", group_size="3",
        cadence="weekly wednesday 12:30", timezone="Europe/London", recency="4",
        checkin_after="10", professions="Nurse\nManager\nPorter and estates",
        organisers=["U2"], channel="C0LEARN")
    assert response.status_code == 200 and not response.content.strip(b"null")
    with slack.services.unit_of_work() as session:
        programme = session.scalars(select(Programme)).one()
        assert (programme.name, programme.group_size, programme.cadence, programme.recency,
                programme.checkin_after_days, programme.organisers, programme.channel_id) == (
            "Ward learning", 3, "weekly wednesday 12:30", 4, 10, ["U2"], "C0LEARN")
        assert programme.professions == ["Nurse", "Manager", "Porter and estates"]
    assert audit(slack) == [("UADMIN", "settings.update")]
    assert "Settings saved for Ward learning" in text_of(slack.dms("UADMIN")[-1])


def test_invalid_settings_are_shown_in_the_modal_and_nothing_changes(slack):
    slack.command("admin", user="UOWNER")
    view = slack.opened_view()
    response = slack.submit(
        view, user="UOWNER", name="Ward learning", mode="two-sided", group_size="2",
        cadence="every blue moon", timezone="Europe/London", recency="6",
        checkin_after="14", professions="Nurse\nManager")
    assert response.json()["response_action"] == "errors"
    # Every bad field at once: the cadence, and the sides a two-sided programme needs.
    assert set(response.json()["errors"]) == {"cadence", "side_a_professions"}
    response = slack.submit(
        view, user="UOWNER", name="Ward learning", mode="two-sided", group_size="2",
        cadence="monthly day 1 09:00", timezone="Europe/London", recency="6",
        checkin_after="14", professions="Nurse\nManager", side_a_professions="Nurse")
    assert response.json() == {"response_action": "errors", "errors": {
        "side_b_professions": "A two-sided programme needs professions on side A and B."}}
    numbers = slack.submit(
        view, user="UOWNER", name="Ward learning", mode="cross", group_size="2",
        cadence="monthly day 1 09:00", timezone="Mars/Olympus", recency="lots",
        checkin_after="14", professions="Nurse\nManager")
    assert numbers.json()["errors"] == {
        "recency": "'lots' is not a whole number.",
        "timezone": "'Mars/Olympus' is not a time zone; use e.g. Europe/London."}
    with slack.services.unit_of_work() as session:
        assert session.scalars(select(Programme.name)).one() == "Paired learning"
    assert audit(slack) == []


SETTINGS = dict(name="Ward learning", mode="cross", group_size="2",
                cadence="monthly day 1 09:00", timezone="Europe/London", recency="6",
                checkin_after="14", professions="Nurse\nManager")


def test_every_setting_is_in_the_modal_and_saved(slack):
    slack.command("admin", user="UADMIN")
    view = slack.opened_view()
    blocks = {b["block_id"]: b for b in view["blocks"] if b["type"] == "input"}
    assert {"capacity", "side_a", "side_b", "format", "term_rounds", "term_starts", "journey",
            "evaluation"} <= set(blocks)
    assert blocks["format"]["element"]["initial_option"]["value"] == "rotating"
    assert blocks["evaluation"]["element"]["initial_option"]["value"] == "on"
    assert blocks["term_rounds"]["element"]["initial_value"] == "6"
    assert blocks["journey"]["element"]["initial_value"].startswith("roles; values")
    response = slack.submit(
        view, user="UADMIN", **SETTINGS, capacity="2", side_a="Mentors", side_b="Mentees",
        format="term", term_rounds="3", evaluation="off",
        term_starts="first wednesday of august; first wednesday of december",
        journey="roles; values; challenges")
    assert response.status_code == 200 and not response.content.strip(b"null")
    with slack.services.unit_of_work() as session:
        programme = session.scalars(select(Programme)).one()
        assert (programme.capacity, programme.side_names, programme.format,
                programme.term_rounds, programme.evaluation) == (
            2, {"A": "Mentors", "B": "Mentees"}, "term", 3, False)
        assert programme.term_starts == "first wednesday of august; first wednesday of december"
        assert programme.journey == "roles; values; challenges"
    assert "Settings saved for Ward learning" in text_of(slack.dms("UADMIN")[-1])
    # The modal opens again with what was saved.
    slack.command("admin", user="UADMIN")
    again = {b["block_id"]: b for b in slack.opened_view()["blocks"] if b["type"] == "input"}
    assert again["format"]["element"]["initial_option"]["value"] == "term"
    assert again["evaluation"]["element"]["initial_option"]["value"] == "off"
    assert again["side_b"]["element"]["initial_value"] == "Mentees"


@pytest.mark.parametrize(("field", "value", "message"), [
    ("term_rounds", "30", "A term is 1 to 24 rounds."),
    ("term_rounds", "2.5", "'2.5' is not a whole number."),
    ("capacity", "9", "Capacity is 1 to 8 side-A partners per side-B member."),
    ("format", "sometimes", "Format is either rotating or term."),
    ("side_a", "x" * 61, "Keep a side's name under 60 characters."),
])
def test_a_bad_new_setting_is_shown_on_its_block(slack, field, value, message):
    slack.command("admin", user="UOWNER")
    view = slack.opened_view()
    response = slack.submit(view, user="UOWNER", **{**SETTINGS, field: value})
    assert response.json() == {"response_action": "errors", "errors": {field: message}}
    with slack.services.unit_of_work() as session:
        assert session.scalars(select(Programme.name)).one() == "Paired learning"
    assert audit(slack) == []


def test_a_listed_organiser_previews_runs_and_reads_stats_each_audited(slack, clock):
    for user, profession in (("U1", "Nurse"), ("U2", "Manager"), ("U3", "Pharmacist")):
        joined(slack, user=user, profession=profession, learn=())
    programme_id = slack.programme_id()
    with slack.services.unit_of_work() as session:
        current = settings_of(session.get_one(Programme, programme_id))
    update_settings(slack.services, programme_id,
                               ProgrammeSettings(**{**current.__dict__,
                                                               "organisers": ("U4",)}),
                               actor="test")
    clock.at = ROUND_AT
    ack = text_of(slack.command("admin preview", user="U4").json())
    assert ack.startswith("Working on `/pair-me admin preview`; the result follows")
    preview = text_of(slack.dms("U4")[-1])
    assert "Preview, nothing was sent." in preview and "3 taking part" in preview
    assert "Proven best: no other grouping that places as many people scores more" in preview
    with slack.services.unit_of_work() as session:
        assert session.scalar(select(func.count(Match.id))) == 0

    slack.command("admin run-now", user="U4")
    assert "Round started" in text_of(slack.dms("U4")[-1])
    with slack.services.unit_of_work() as session:
        assert session.scalar(select(func.count(Match.id))) == 1  # a trio
    slack.command("admin run-now", user="U4")
    again = text_of(slack.dms("U4")[-1])
    assert "The December 2026 round has already run. Nothing new was sent." in again

    slack.command("admin stats", user="U4")
    stats = text_of(slack.dms("U4")[-1])
    assert "Paired learning: 3 participants (3 active), 1 rounds, 1 introductions." in stats
    assert "By profession: Manager 1, Nurse 1, Pharmacist 1" in stats
    assert [a for _, a in audit(slack)] == [
        "settings.update", "round.preview", "round.run", "stats.view"]
    assert [u for u, _ in audit(slack)][1:] == ["U4", "U4", "U4"]


def test_unknown_admin_action_gets_the_help(slack):
    slack.command("admin delete-everyone", user="UADMIN")
    reply = text_of(slack.dms("UADMIN")[-1])
    assert reply == ("There is no programme called 'delete-everyone' here; the programmes "
                     "are: Paired learning. The organiser commands are `/pair-me admin`, "
                     "`/pair-me admin preview`, `/pair-me admin run-now` and "
                     "`/pair-me admin stats`, each optionally followed by a programme's name.")


def test_saving_the_modal_keeps_all_sixty_professions_of_a_side(slack):
    side_a = tuple(f"Clinical specialty number {n:02d} with a long descriptive name"
                   for n in range(60))
    side_b = ("Manager", "Finance")
    programme_id = _first_programme(slack)
    with slack.services.unit_of_work() as session:
        current = settings_of(session.get_one(Programme, programme_id))
    update_settings(slack.services, programme_id, parse_settings(
        {"mode": "two-sided", "professions": "; ".join(side_a + side_b),
         "side_a_professions": "; ".join(side_a), "side_b_professions": "; ".join(side_b)},
        base=current), actor="test")
    slack.command("admin", user="UADMIN")
    view = slack.opened_view()
    answers = {b["block_id"]: b["element"].get("initial_value") for b in view["blocks"]
               if b["type"] == "input" and "initial_value" in b["element"]}
    assert sum(len(v) for k, v in answers.items() if k.startswith("side_a")) > 3000
    answers.update(mode="two-sided", group_size="2", recency="5")
    response = slack.submit(view, user="UADMIN", **answers)
    assert response.status_code == 200 and not response.content.strip(b"null")
    with slack.services.unit_of_work() as session:
        programme = session.get_one(Programme, programme_id)
        assert (programme.sides["A"], programme.sides["B"], programme.recency) == (
            list(side_a), list(side_b), 5)


def _first_programme(slack):
    now = slack.services.now()
    with slack.services.unit_of_work() as session:
        ws = ensure_workspace(session, "slack", "T1", now)
        return default_programme(session, ws, now).id


def test_admin_followed_by_a_programme_name_opens_its_settings(slack):
    _first_programme(slack)
    now = slack.services.now()
    with slack.services.unit_of_work() as session:
        ws = ensure_workspace(session, "slack", "T1", now)
        create_programme(session, ws, ProgrammeSettings(name="Cohort B"),
                                    now)
    slack.command("admin Cohort B", user="UADMIN")
    view = slack.opened_view()
    blocks = {b["block_id"]: b for b in view["blocks"] if b["type"] == "input"}
    assert blocks["name"]["element"]["initial_value"] == "Cohort B"


def test_the_command_is_acked_at_once_while_users_info_is_rate_limited(slack):
    slack.fake.fail("users.info", "ratelimited", retry_after=5)
    started = time.monotonic()
    response = slack.command("admin stats", user="UADMIN", wait=False)
    acked_after = time.monotonic() - started
    assert response.status_code == 200 and acked_after < 3, acked_after
    assert text_of(response.json()).startswith("Working on `/pair-me admin stats`")
    slack.wait()
    # The client obeyed Retry-After, asked again, and the result followed in a DM.
    assert time.monotonic() - started >= 5
    assert [c.ok for c in slack.fake.calls_to("users.info")] == [False, True]
    assert text_of(slack.dms("UADMIN")[-1]).startswith("Paired learning: admin stats")


def test_a_welsh_organiser_reads_the_admin_answers_in_welsh(slack, fake, clock):
    fake.add_user("UADMIN", real_name="Workspace Admin", is_admin=True, locale="cy-GB")
    for user, profession in (("U1", "Nurse"), ("U2", "Manager")):
        joined(slack, user=user, profession=profession, learn=())
    clock.at = ROUND_AT
    slack.command("admin preview", user="UADMIN")
    preview = text_of(slack.dms("UADMIN")[-1])
    assert preview.startswith("Paired learning: admin preview")
    assert "Rhagolwg, ni anfonwyd dim." in preview and "2 yn cymryd rhan" in preview
    slack.command("admin Cohort Z", user="UADMIN")
    refused = text_of(slack.dms("UADMIN")[-1])
    assert refused.startswith("Does dim rhaglen o'r enw 'Cohort Z' yma")
    assert "`/pair-me admin run-now`" in refused
