"""A programme's `language`: its messages in Welsh, or in Welsh then English (cy+en)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import update

from bot.services import jobs
from bot.store.models import Programme
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
