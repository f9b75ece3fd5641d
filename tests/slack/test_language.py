"""A programme's `language`: its messages in Welsh, or in Welsh then English (cy+en)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select, update

from bot.core import i18n, journey
from bot.core.matching.explain import for_reader
from bot.services import jobs
from bot.services.delivery import deliver_due
from bot.store.models import Match, Participant, Programme
from tests.slack.conftest import ROUND_AT
from tests.slack.support import text_of
from tests.slack.test_commands import joined


def _round_in(slack, clock, language: str) -> tuple[str, str, dict]:
    joined(slack, "U1", "Nurse", ("Manager",))
    joined(slack, "U2", "Manager", ("Nurse",))
    with slack.services.unit_of_work() as session:
        session.execute(update(Programme).values(language=language))
    clock.at = ROUND_AT - dt.timedelta(hours=20)
    assert jobs.run_due(slack.services).headsups == 2
    headsup = text_of(slack.dms("U1")[-1])
    clock.at = ROUND_AT + dt.timedelta(minutes=1)
    assert jobs.run_due(slack.services).delivery.sent == 1
    [intro] = slack.fake.messages(slack.fake.conversation_id("U1", "U2"))
    return headsup, text_of(intro), intro


def test_a_welsh_programme_writes_its_intro_and_heads_up_in_welsh(slack, clock):
    headsup, intro, _ = _round_in(slack, clock, "cy")
    assert "Mae cylch nesaf Paired learning ar Dydd Llun 7 Rhagfyr" in headsup
    assert "Hepgor y cylch hwn" in headsup
    assert "Pam y cawsoch eich paru" in intro
    assert "Byddaf yn holi yma ar Dydd Llun 21 Rhagfyr" in intro
    assert "Why you were matched" not in intro and "December" not in intro


@pytest.mark.parametrize("language", ["cy+en"])
def test_a_bilingual_programme_writes_welsh_first_then_english(slack, clock, language):
    headsup, intro, message = _round_in(slack, clock, language)
    assert intro.index("Pam y cawsoch eich paru") < intro.index("Why you were matched")
    assert "Dydd Llun 21 Rhagfyr / Monday 21 December" in intro
    assert headsup.index("Mae cylch nesaf") < headsup.index("The next Paired learning round")
    buttons = [e["text"]["text"] for b in slack.dms("U1")[-1]["blocks"]
               if b["type"] == "actions" for e in b["elements"]]
    assert buttons == ["Hepgor y cylch hwn / Skip this round"]
    assert "/" in message["text"]  # the notification text carries both


def test_an_english_programme_is_unchanged(slack, clock):
    headsup, intro, _ = _round_in(slack, clock, "en")
    assert "The next Paired learning round is on Monday 7 December" in headsup
    assert "Why you were matched" in intro and "Pam y" not in intro


# Each person's language ----------------------------------------------------------------

def _join(slack, user: str, profession: str, learn: str, **answers) -> dict:
    slack.command("", user=user)
    view = slack.opened_view()
    response = slack.submit(view, user=user, profession=profession, learn=[learn], **answers)
    assert response.status_code == 200, response.text
    return view


def _languages(slack) -> dict[str, tuple[str | None, str | None]]:
    with slack.services.unit_of_work() as session:
        return {p.user_id: (p.language, p.platform_language)
                for p in session.scalars(select(Participant))}


def _intro_round(slack, clock) -> tuple[str, str, str]:
    """The heads-up each of U1 and U2 got, and their group's intro."""
    clock.at = ROUND_AT - dt.timedelta(hours=20)
    assert jobs.run_due(slack.services).headsups == 2
    headsups = text_of(slack.dms("U1")[-1]), text_of(slack.dms("U2")[-1])
    clock.at = ROUND_AT + dt.timedelta(minutes=1)
    assert jobs.run_due(slack.services).delivery.sent == 1
    [intro] = slack.fake.messages(slack.fake.conversation_id("U1", "U2"))
    return (*headsups, text_of(intro))


def test_the_profile_offers_the_languages_and_stores_the_choice(slack):
    view = _join(slack, "U1", "Nurse", "Manager", language="cy")
    [block] = [b for b in view["blocks"] if b.get("block_id") == "language"]
    assert [o["text"]["text"] for o in block["element"]["options"]] == [
        "English", "Cymraeg", "Cymraeg + English"]
    assert block["element"]["initial_option"]["value"] == "en"  # an English programme
    assert _languages(slack)["U1"] == ("cy", "en")
    # The confirmation already speaks their language.
    assert "Rydych chi wedi ymuno â Paired learning" in text_of(slack.dms("U1")[-1])
    slack.command("", user="U1")
    again = [b for b in slack.opened_view()["blocks"] if b.get("block_id") == "language"]
    assert again[0]["element"]["initial_option"]["value"] == "cy"
    assert again[0]["label"]["text"] == "Iaith"  # the form itself is in Welsh now
    # What they ask for answers in Welsh too: my-data, its file's title.
    assert "Dyma bopeth y mae pairbot yn ei gadw amdanoch" in str(
        slack.command("my-data", user="U1").json())
    [shared] = slack.fake.uploaded_files(slack.fake.conversation_id("U1"))
    assert shared["title"] == "Eich data pairbot"
    assert json.loads(shared["content"])["programmes"][0]["language"] == "cy"


def test_a_welsh_reader_in_an_english_programme_gets_welsh_dms_and_a_bilingual_intro(
        slack, clock):
    _join(slack, "U1", "Nurse", "Manager", language="cy")
    _join(slack, "U2", "Manager", "Nurse", language="en")
    welsh, english, intro = _intro_round(slack, clock)
    assert "Mae cylch nesaf Paired learning ar Dydd Llun 7 Rhagfyr" in welsh
    assert "The next" not in welsh and "December" not in welsh
    assert "The next Paired learning round is on Monday 7 December" in english
    assert "Rhagfyr" not in english
    # The group's languages differ: Welsh first, then English.
    assert intro.index("Pam y cawsoch eich paru") < intro.index("Why you were matched")
    assert "Dydd Llun 21 Rhagfyr / Monday 21 December" in intro


def test_a_group_that_shares_welsh_gets_its_intro_in_welsh_only(slack, clock):
    _join(slack, "U1", "Nurse", "Manager", language="cy")
    _join(slack, "U2", "Manager", "Nurse", language="cy")
    _, _, intro = _intro_round(slack, clock)
    assert "Pam y cawsoch eich paru" in intro and "Why you were matched" not in intro
    # The meeting's questions and theme are the bank's and the journey's, in Welsh.
    with slack.services.unit_of_work() as session:
        [match] = session.scalars(select(Match)).all()
        asked = [q["text"] for q in match.icebreakers]
    assert len(asked) == 3
    with i18n.using("cy"):
        welsh = [i18n._(q) for q in asked]
        theme = i18n._(journey.DEFAULT_THEMES[0].title)
    assert all(w in intro for w in welsh) and not any(q in intro for q in asked)
    assert theme in intro and journey.DEFAULT_THEMES[0].title not in intro


def test_a_welsh_slack_user_gets_welsh_without_choosing(slack, fake, clock):
    fake.add_user("U1", real_name="Ada Lovelace", locale="cy-GB")
    view = _join(slack, "U1", "Nurse", "Manager")  # the language left as offered
    [block] = [b for b in view["blocks"] if b.get("block_id") == "language"]
    assert block["element"]["initial_option"]["value"] == "cy"  # what Slack says, first
    assert fake.calls_to("users.info")[0].params.get("include_locale") in ("true", "1", True)
    _join(slack, "U2", "Manager", "Nurse")
    assert _languages(slack) == {"U1": (None, "cy"), "U2": (None, "en")}
    welsh, english, intro = _intro_round(slack, clock)
    assert "Mae cylch nesaf" in welsh and "The next" not in welsh
    assert "The next Paired learning round" in english
    assert intro.index("Pam y cawsoch eich paru") < intro.index("Why you were matched")
    # Replies to what they type come in Welsh too; their partner's stay in English.
    assert "Y cylch nesaf ar Dydd Llun" in str(slack.command("status", user="U1").json())
    english_status = str(slack.command("status", user="U2").json())
    assert "Monday" in english_status and "Y cylch nesaf" not in english_status
    # Other commands too (their language is looked up before they read the database;
    # `status` finds it in the rows it reads).
    paused = str(slack.command("pause 2w", user="U1").json())
    assert "Paused until" not in paused and "Dydd Llun" in paused
    assert "Paused until" in str(slack.command("pause 2w", user="U2").json())


def test_choosing_english_outweighs_a_welsh_slack(slack, fake, clock):
    fake.add_user("U1", real_name="Ada Lovelace", locale="cy-GB")
    _join(slack, "U1", "Nurse", "Manager", language="en")
    _join(slack, "U2", "Manager", "Nurse")
    assert _languages(slack)["U1"] == ("en", "cy")
    first, _second, intro = _intro_round(slack, clock)
    assert "The next Paired learning round" in first and "Mae cylch" not in first
    assert "Why you were matched" in intro and "Pam y" not in intro


def test_a_welsh_programme_welcomes_its_channel_s_newcomers_in_welsh(slack):
    joined(slack, "U2", "Manager", ("Nurse",))
    with slack.services.unit_of_work() as session:
        session.execute(update(Programme).values(language="cy", channel_id="C0LEARN"))
    slack.event({"type": "member_joined_channel", "user": "U3", "channel": "C0LEARN",
                 "channel_type": "C", "team": "T1"})
    deliver_due(slack.services)
    [welcome] = slack.dms("U3")
    text = text_of(welcome)
    assert "Dydd Llun 7 Rhagfyr" in text  # nothing is known of them but their programme
    assert "Type `/pair-me`" not in text and "December" not in text


# Why the group was matched (#24) ------------------------------------------------------

def _english_reasons(slack) -> list[str]:
    """Every way the round's reasons read in English: for nobody and for each member."""
    with slack.services.unit_of_work() as session:
        [reasons] = session.scalars(select(Match.reasons)).all()
        names = dict(session.execute(select(Participant.id, Participant.display_name)).all())
    out = []
    with i18n.using("en"):
        for reason in reasons:
            people = [int(p) for p in reason["people"]]
            for reader in (None, *range(len(people))):
                out.append(str(for_reader(reason, [names[p] for p in people], reader)))
    return out


def test_a_welsh_programme_says_why_the_group_was_matched_in_welsh(slack, clock):
    _, intro, _ = _round_in(slack, clock, "cy")
    assert "Nurse yn cwrdd â Manager" in intro
    english = _english_reasons(slack)
    assert "Nurse meets Manager" in english  # the check below can fail
    assert [r for r in english if r in intro] == []
    with slack.services.unit_of_work() as session:
        names = {p.user_id: p.display_name for p in session.scalars(select(Participant))}
    assert f"Mae {names['U1']} am ddysgu am Manager" in intro
    assert f"Mae {names['U2']} am ddysgu am Nurse" in intro


def test_a_bilingual_programme_says_why_in_welsh_then_in_english(slack, clock):
    _, intro, _ = _round_in(slack, clock, "cy+en")
    assert intro.index("Nurse yn cwrdd â Manager") < intro.index("Nurse meets Manager")
    with slack.services.unit_of_work() as session:
        name = session.scalars(select(Participant.display_name)
                               .where(Participant.user_id == "U1")).one()
    assert intro.index(f"Mae {name} am ddysgu am Manager") < intro.index(
        f"{name} wants to learn about Manager")


def test_an_english_programme_says_why_as_before(slack, clock):
    _, intro, _ = _round_in(slack, clock, "en")
    with slack.services.unit_of_work() as session:
        names = {p.user_id: p.display_name for p in session.scalars(select(Participant))}
    reasons = intro.split("Why you were matched")[1]
    for line in ("Nurse meets Manager", f"{names['U1']} wants to learn about Manager",
                 f"{names['U2']} wants to learn about Nurse"):
        assert line in reasons
    assert "yn cwrdd" not in reasons
