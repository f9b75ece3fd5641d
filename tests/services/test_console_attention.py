"""The "needs attention" list: silent groups past their check-in, meetings that are off,
people left out twice running, people auto-paused, and undelivered messages in words."""

import datetime as dt

from sqlalchemy import select

from bot.core import i18n
from bot.services import checkins, rounds
from bot.services.console import access, needs_attention
from bot.services.delivery import deliver_due
from bot.store.models import Match, MatchMember, Participant, Programme
from tests.services.conftest import ROUND_AT, join


def _programme_id(services) -> int:
    with services.unit_of_work() as session:
        return session.scalars(select(Programme.id)).one()


def _groups(services) -> list[list[str]]:
    with services.unit_of_work() as session:
        rows = session.execute(select(MatchMember.match_id, Participant.user_id).join(
            Participant, Participant.id == MatchMember.participant_id).join(
            Match, Match.id == MatchMember.match_id).where(Match.closed_at.is_(None))
            .order_by(MatchMember.match_id)).all()
    out: dict[int, list[str]] = {}
    for match_id, user in rows:
        out.setdefault(match_id, []).append(user)
    return [[str(m), *users] for m, users in out.items()]


def test_attention_lists_what_needs_the_organiser_with_links(services, gateway, clock):
    for user, profession in [("U1", "Nurse"), ("U2", "Manager"), ("U3", "Pharmacist"),
                             ("U4", "Physiotherapist"), ("U5", "Paramedic"),
                             ("U6", "Nurse"), ("U7", "Manager")]:
        join(services, user, profession)
    pid = _programme_id(services)
    gateway.unreachable["U7"] = "account_inactive"
    clock.at = ROUND_AT
    rounds.run_round(services, pid)
    deliver_due(services)
    deliver_due(services)  # the re-match's messages, if any
    before = needs_attention.attention(services, access.OPERATOR, pid)
    assert before.no_answer == ()  # nobody is late before the check-in is due

    clock.at = ROUND_AT + dt.timedelta(days=15)
    live = [g for g in _groups(services) if "U7" not in g]
    off, met = live[0], live[1]
    checkins.record_checkin(services, "slack", "T1", off[1], match_id=int(off[0]),
                            answer="not_happening", source="button")
    checkins.record_checkin(services, "slack", "T1", met[1], match_id=int(met[0]),
                            answer="met", source="button")
    found = needs_attention.attention(services, access.OPERATOR, pid)
    assert len(found.not_happening) == 1
    assert "has not met: they answered Not yet or Not happening" in found.not_happening[0].what
    assert found.not_happening[0].href.startswith(f"/admin/programmes/{pid}/rounds?round=")
    assert found.no_answer and all("no answer since the check-in on Monday 21 December"
                                   in row.what for row in found.no_answer)
    assert [row.what for row in found.auto_paused] == [
        "Name U7 was paused automatically after messages to them failed or went unanswered."]
    assert "status=auto-paused" in found.auto_paused[0].href
    assert found.failed and all("the person's account has been deactivated" in row.what
                                for row in found.failed)
    assert "account_inactive" not in " ".join(row.what for row in found.failed)
    # Every row's words come from the catalogue (worded in the console's language).
    with i18n.using(i18n.PSEUDO_LOCALE):
        marked = needs_attention.attention(services, access.OPERATOR, pid)
    rows = [*marked.no_answer, *marked.not_happening, *marked.auto_paused, *marked.failed]
    assert rows and all(row.what.startswith(i18n.PSEUDO_OPEN) and
                        row.action.startswith(i18n.PSEUDO_OPEN) for row in rows)
    with i18n.using("cy"):
        welsh = needs_attention.attention(services, access.OPERATOR, pid)
    assert welsh.auto_paused[0].what == ("Cafodd Name U7 ei oedi'n awtomatig ar ôl i negeseuon "
                                         "ato fethu neu fynd heb eu hateb.")


def test_people_left_out_two_rounds_running_are_listed(services, clock):
    for user, profession in [("U1", "Nurse"), ("U2", "Nurse"), ("U3", "Nurse"),
                             ("U4", "Manager")]:
        join(services, user, profession)
    pid = _programme_id(services)
    clock.at = ROUND_AT
    rounds.run_round(services, pid)
    assert needs_attention.attention(services, access.OPERATOR, pid).left_out_twice == ()
    clock.at = dt.datetime(2027, 1, 4, 10, 0, tzinfo=dt.UTC)
    rounds.run_round(services, pid)
    rows = needs_attention.attention(services, access.OPERATOR, pid).left_out_twice
    assert len(rows) == 1
    assert rows[0].what.endswith("was left out of the last two rounds.")
    assert rows[0].href.startswith(f"/admin/programmes/{pid}/participants?q=Name%20U")
