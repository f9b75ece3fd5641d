"""Submitted modals: the profile (joining, errors, several programmes) and feedback."""

from __future__ import annotations

from sqlalchemy import select

from bot.services.programme_settings import ProgrammeSettings, create_programme
from bot.services.workspace_programmes import default_programme, ensure_workspace
from bot.store.models import Participant
from tests.slack.support import text_of


def test_a_valid_profile_joins_confirms_and_refreshes_the_home(slack):
    slack.command("")
    response = slack.submit(slack.opened_view(), profession="Nurse",
                            learn=["Manager", "Pharmacist"], intro="Nights on ward 7")
    assert response.status_code == 200
    # The modal turns into the baseline questions of the before-and-after evaluation.
    assert response.json()["response_action"] == "update"
    assert response.json()["view"]["callback_id"] == "evaluation"
    with slack.services.unit_of_work() as session:
        person = session.scalars(select(Participant)).one()
        assert (person.user_id, person.display_name, person.profession, person.learn,
                person.intro) == ("U1", "Ada Lovelace", "Nurse", ["Manager", "Pharmacist"],
                                  "Nights on ward 7")
    confirmation = text_of(slack.dms("U1")[-1])
    assert confirmation == ("You're in for Paired learning. The next round is on Monday "
                            "7 December; you'll get an introduction then. You can also type "
                            "`/pair-me status` or `/pair-me` any time.\nEdit profile\nStatus")
    assert "Profession: Nurse" in text_of(slack.fake.home_view("U1"))

    slack.command("")  # editing shows what is stored
    blocks = {b["block_id"]: b for b in slack.opened_view()["blocks"]}
    assert blocks["profession"]["element"]["initial_option"]["value"] == "Nurse"
    assert [o["value"] for o in blocks["learn"]["element"]["initial_options"]] == [
        "Manager", "Pharmacist"]
    assert blocks["intro"]["element"]["initial_value"] == "Nights on ward 7"


def test_an_invalid_profile_stays_in_the_modal_with_errors(slack):
    slack.command("")
    view = slack.opened_view()
    response = slack.submit(view, profession="Astronaut", learn=["Nurse"], intro="x" * 281)
    assert response.json() == {"response_action": "errors", "errors": {
        "profession": "'Astronaut' is not one of this programme's professions.",
        "intro": "Keep your intro to 280 characters (it has 281).",
    }}
    same = slack.submit(view, profession="Nurse", learn=["Nurse"])
    assert same.json()["errors"] == {
        "learn": "Choose professions other than your own to learn about."}
    nothing = slack.submit(view, profession=None)
    assert nothing.json()["errors"] == {"profession": "Choose your profession."}
    with slack.services.unit_of_work() as session:
        assert session.scalars(select(Participant)).all() == []
    assert slack.dms("U1") == []


def test_with_several_programmes_the_modal_offers_a_choice(slack):
    with slack.services.unit_of_work() as session:
        workspace = ensure_workspace(session, "slack", "T1", slack.services.now())
        default_programme(session, workspace, slack.services.now())
        create_programme(session, workspace, ProgrammeSettings(
            name="Managers x doctors", professions=("Manager", "Doctor (junior)")),
            slack.services.now())
    slack.command("")
    view = slack.opened_view()
    choice = next(b for b in view["blocks"] if b["block_id"] == "programme")
    assert choice["dispatch_action"] is True
    options = {o["text"]["text"]: o["value"] for o in choice["element"]["options"]}
    assert list(options) == ["Paired learning", "Managers x doctors"]

    slack.click("profile_programme", selected=options["Managers x doctors"], view=view)
    updated = slack.fake.calls_to("views.update")[-1]
    assert updated.ok, updated.response
    professions = next(b for b in updated.response["view"]["blocks"]
                       if b["block_id"] == "profession")
    assert [o["value"] for o in professions["element"]["options"]] == [
        "Manager", "Doctor (junior)"]

    slack.submit(updated.response["view"], programme=options["Managers x doctors"],
                 profession="Doctor (junior)")
    with slack.services.unit_of_work() as session:
        person = session.scalars(select(Participant)).one()
        assert person.profession == "Doctor (junior)"
        assert person.programme_id == int(options["Managers x doctors"])
