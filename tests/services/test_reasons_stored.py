"""Reasons stored before they carried values (#24): matches of late November hold English
text templates, older ones plain text. Their intros still go out, as written; a template
that is still a catalogue message is worded in the reader's language."""

from __future__ import annotations

from sqlalchemy import select, update

from bot.core import i18n, wording
from bot.services import rounds
from bot.services.delivery import deliver_due
from bot.store.models import Match, Participant, Programme
from tests.fakes.gateway import RecordingGateway
from tests.services.conftest import ROUND_AT, join

PLAIN = "Nurse meets Manager (stored as text)"


def _intros(services, clock, language: str) -> dict[str, str]:
    """Each member's intro as they read it, once the match holds reasons of the old forms."""
    teams = RecordingGateway(platform="teams", group_conversations=False)
    services.gateways = {"teams": teams}
    join(services, "U1", "Nurse", learn=["Manager"], platform="teams")
    join(services, "U2", "Manager", platform="teams")
    clock.at = ROUND_AT
    with services.unit_of_work() as session:
        session.execute(update(Programme).values(language=language))
        programme = session.scalars(select(Programme.id)).one()
    rounds.run_round(services, programme)
    with services.unit_of_work() as session:
        ids = {p.user_id: str(p.id) for p in session.scalars(select(Participant))}
        match = session.scalars(select(Match)).one()
        match.reasons = [
            PLAIN,
            {"template": "{0} wants to learn about Manager", "people": [ids["U1"]]},
            {"template": "{0} was left out last round, so gets priority",
             "people": [ids["U2"]]}]
    deliver_due(services)
    out = {}
    for sent in teams.of_kind("intro"):
        with i18n.using(language):
            document = wording.intro(sent.intent, sent.users[0])
        out[sent.users[0]] = repr(document)
    return out


def test_old_reasons_read_as_written_to_an_english_reader(services, clock):
    intros = _intros(services, clock, "en")
    assert PLAIN in intros["U1"] and PLAIN in intros["U2"]
    assert "You want to learn about Manager" in intros["U1"]
    assert "Name U1 wants to learn about Manager" in intros["U2"]
    assert "You were left out last round, so get priority" in intros["U2"]
    assert "Name U2 was left out last round, so gets priority" in intros["U1"]


def test_an_old_reason_that_is_a_catalogue_message_is_worded_in_welsh(services, clock):
    intros = _intros(services, clock, "cy")
    assert PLAIN in intros["U1"]  # text, shown as written
    assert "You want to learn about Manager" in intros["U1"]  # English text, as written
    assert ("Roeddech chi heb grŵp yn y cylch diwethaf, felly rydych chi'n cael "
            "blaenoriaeth") in intros["U2"]
    assert "Roedd Name U2 heb grŵp yn y cylch diwethaf" in intros["U1"]
    assert "left out last round" not in intros["U1"] + intros["U2"]
