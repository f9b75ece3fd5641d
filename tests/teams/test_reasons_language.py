"""Why a group was matched, in the reader's language through Teams over real HTTP (#24):
Welsh readers get every reason in Welsh, in their own words ("Rydych chi am ddysgu am…"),
with the windows worded by the catalogue and profession and site names as given."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select

from bot.core import i18n
from bot.core.matching.explain import for_reader
from bot.services import jobs
from bot.store.models import Match, MatchMember, Participant
from tests.teams.conftest import ROUND_AT, Person, post


def _join(client, key, person: Person, **answers) -> None:
    assert post(client, key, person.installs()).status_code == 202
    card = person.connector.cards(person.conversation)[-1]
    data = {**card["actions"][0]["data"], **answers}
    assert post(client, key, person.clicks("profile.save", data)).status_code == 200


def _intro(connector, person: Person) -> str:
    return json.dumps(connector.cards(person.conversation)[-1], ensure_ascii=False)


def _english_reasons(services) -> list[str]:
    """Every way the round's reasons read in English: for nobody and for each member."""
    with services.unit_of_work() as session:
        [reasons] = session.scalars(select(Match.reasons)).all()
        names = dict(session.execute(select(Participant.id, Participant.display_name)).all())
        members = session.scalars(select(MatchMember.participant_id)).all()
    out = []
    with i18n.using("en"):
        for reason in reasons:
            people = [int(p) for p in reason["people"]]
            for reader in (None, *members):
                out.append(str(for_reader(reason, [names[p] for p in people],
                                          people.index(reader) if reader in people else None)))
    return out


def test_welsh_readers_get_why_they_were_matched_in_welsh(client, connector, services, clock,
                                                          signing_key):
    ann, bob = Person("ann", "Ann Jones", connector), Person("bob", "Bob Smith", connector)
    _join(client, signing_key, ann, profession="Nurse", learn="Manager", language="cy",
          windows="weekday-evening", site="Queen Elizabeth")
    _join(client, signing_key, bob, profession="Manager", learn="Nurse", language="cy",
          windows="weekday-evening", site="Queen Elizabeth")
    clock.at = ROUND_AT + dt.timedelta(minutes=1)
    jobs.run_due(services)
    intro = _intro(connector, ann)
    assert "Pam y cawsoch eich paru" in intro
    assert "Nurse yn cwrdd â Manager" in intro
    assert "Rydych chi am ddysgu am Manager" in intro  # Ann reads her own wish
    assert "Mae Bob Smith am ddysgu am Nurse" in intro
    assert "Gallwch eich dau gwrdd ar nosweithiau yn ystod yr wythnos." in intro
    assert "Mae'r ddau ohonoch yn gweithio ar safle Queen Elizabeth." in intro
    english = _english_reasons(services)
    assert "Ann Jones wants to learn about Manager" in english  # the check can fail
    assert [r for r in english if r in intro] == []
    assert "Rydych chi am ddysgu am Nurse" in _intro(connector, bob)


def test_an_english_reader_s_reasons_read_as_before(client, connector, services, clock,
                                                    signing_key):
    ann, bob = Person("ann", "Ann Jones", connector), Person("bob", "Bob Smith", connector)
    _join(client, signing_key, ann, profession="Nurse", learn="Manager", language="en",
          windows="weekday-evening,weekend-morning", site="Queen Elizabeth")
    _join(client, signing_key, bob, profession="Manager", learn="Nurse", language="en",
          windows="weekday-evening,weekend-morning", site="Queen Elizabeth")
    clock.at = ROUND_AT + dt.timedelta(minutes=1)
    jobs.run_due(services)
    intro = _intro(connector, ann)
    for line in ("Nurse meets Manager", "You want to learn about Manager",
                 "Bob Smith wants to learn about Nurse",
                 "You can both meet on weekday evenings and weekend mornings.",
                 "You both work at the Queen Elizabeth site."):
        assert line in intro
    assert "Ann Jones" not in intro.split("Why you were matched")[1]
