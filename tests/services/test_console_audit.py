"""The audit log in words: old → new values, times with their zone, repeated previews
folded, people named while they are in the programme."""

import dataclasses

from sqlalchemy import select

from bot.services import rounds
from bot.services.console import access, audit_log, commands
from bot.services.programme_settings import settings_of, update_settings
from bot.store.models import Participant, Programme
from tests.services.conftest import join


def test_the_audit_log_reads_as_sentences(services, clock):
    for user, profession in [("U1", "Nurse"), ("U2", "Manager")]:
        join(services, user, profession)
    with services.unit_of_work() as session:
        pid = session.scalars(select(Programme.id)).one()
        person = session.scalars(select(Participant.id).where(
            Participant.user_id == "U1")).one()
        current = settings_of(session.get_one(Programme, pid))
    update_settings(services, pid, dataclasses.replace(
        current, cadence="monthly last friday 14:00"), actor="console:token")
    for _ in range(3):
        rounds.preview_round(services, pid, actor="cli")
    commands.act_on_participant(services, access.OPERATOR, pid, person, "pause")
    rows = audit_log.audit_of(services, access.OPERATOR, pid)
    assert [r.action for r in rows] == ["Paused someone", "Previewed a round (3 times)",
                                        "Changed settings"]
    assert rows[0].details == "Name U1" and rows[0].actor == "The operator (token)"
    assert rows[1].details == "round November 2026" and rows[1].actor == "The command line"
    assert rows[2].details == "cadence: monthly first monday 10:00 → monthly last friday 14:00"
    assert rows[2].at == "30 November 2026, 18:00 GMT"
