"""A left-out notice through the outbox: the reason is stored by reference and worded in
the programme's language when sent; a row written before (text only) reads as written."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update

from bot.core import i18n, wording
from bot.services import outbox, rounds
from bot.services.delivery import deliver_due
from bot.store.models import OutboxMessage, Programme
from tests.services.conftest import ROUND_AT, join


def _programme_id(services) -> int:
    with services.unit_of_work() as session:
        return session.scalars(select(Programme.id)).one()


def test_the_left_out_reason_is_stored_by_reference_and_worded_in_welsh(services, gateway,
                                                                       clock):
    for user, profession in (("U1", "Nurse"), ("U2", "Nurse"), ("U3", "Nurse"),
                             ("U4", "Manager")):
        join(services, user, profession)
    pid = _programme_id(services)
    with services.unit_of_work() as session:
        session.execute(update(Programme).where(Programme.id == pid).values(language="cy"))
    clock.at = ROUND_AT
    plan = rounds.run_round(services, pid)
    assert len(plan.unpaired) == 2
    with services.unit_of_work() as session:
        payloads = session.scalars(select(OutboxMessage.payload).where(
            OutboxMessage.kind == "unpaired")).all()
    assert [p["ref"]["left_out"] for p in payloads] == [
        {"key": "outnumbered", "values": {"same": 3, "profession": "Nurse", "others": 1}}] * 2

    deliver_due(services)
    clock.advance(minutes=16)
    deliver_due(services)
    sent = gateway.of_kind("unpaired")[0]
    with i18n.using("cy"):
        text = wording.document(sent.intent, None).summary
    assert ("Roedd 3 o bobl â'r proffesiwn Nurse a dim ond 1 o broffesiynau eraill, felly "
            "roedd gan bawb o broffesiwn arall bartner eisoes.") in text
    assert "There were" not in text


def test_a_notice_written_before_reasons_were_kept_by_reference(services, gateway, clock):
    join(services, "U1", "Nurse")
    pid = _programme_id(services)
    clock.at = ROUND_AT
    with services.unit_of_work() as session:
        outbox.add(session, [outbox.Row(
            key="old:unpaired", workspace_id=1, now=clock.at, recipient_id=1,
            ref=outbox.unpaired_ref(pid, "Nobody else is available this round, so there was "
                                    "nobody to meet. You will get priority next round.",
                                    dt.date(2027, 1, 4)))])
    deliver_due(services)
    (sent,) = gateway.of_kind("unpaired")
    assert sent.intent.left_out_key == ""
    assert wording.document(sent.intent, None).summary == (
        "No introduction for you in Paired learning this round. Nobody else is available "
        "this round, so there was nobody to meet. You'll get priority in the next round on "
        "Monday 4 January.")
