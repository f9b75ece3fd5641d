"""The needs-attention page at a big trust: each list shows its first 100 with the full
count, and the rest can be read a page at a time."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select, update

from bot.services import checkins, rounds
from bot.store.models import Match, MatchMember, Participant
from tests.support.seed import programme_with_people
from tests.web.console_support import NOW, TOKEN, make_client, make_services

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _rows(page: str) -> list[str]:
    return re.findall(r"<li><span>([^<]*)</span>", page)


def test_a_long_list_shows_its_first_100_and_the_rest_a_page_at_a_time(engine):
    services = make_services(engine)
    pid = programme_with_people(services.sessions, name="Big trust", people=250,
                                created=NOW - dt.timedelta(days=30))
    rounds.run_round(services, pid)
    with services.unit_of_work() as session:
        first, second = session.scalars(select(Match.id).order_by(Match.id).limit(2)).all()
        user = session.scalar(select(Participant.user_id).join(
            MatchMember, MatchMember.participant_id == Participant.id).where(
            MatchMember.match_id == first).limit(1))
        # The second group's check-in is not due yet (as a re-match's would be).
        session.execute(update(Match).where(Match.id == second).values(
            checkin_due_at=NOW + dt.timedelta(days=40)))
    services.clock.at = NOW + dt.timedelta(days=15)
    checkins.record_checkin(services, "slack", "T1", user, match_id=first,
                            answer="not_happening", source="button")
    client = make_client(engine, services)
    base = f"/admin/programmes/{pid}/attention"

    page = client.get(base, headers=AUTH).text
    assert "124 things from the last two rounds need you." in page
    assert "Groups with no answer past their check-in <small>(123)</small>" in page
    assert "Groups that said Not yet or Not happening <small>(1)</small>" in page
    silent = [row for row in _rows(page) if "no answer since the check-in" in row]
    assert len(silent) == 100
    assert silent[0].startswith("Group 3 of ")  # 1 answered, 2 is not due yet
    assert "The first 100 of 123 are shown." in page
    assert f'href="{base}?kind=no_answer&amp;page=2#no_answer">See them all' in page
    off = [row for row in _rows(page) if "has not met" in row]
    assert len(off) == 1 and off[0].startswith("Group 1 of ")

    rest = client.get(f"{base}?kind=no_answer&page=2", headers=AUTH).text
    silent = [row for row in _rows(rest) if "no answer since the check-in" in row]
    assert len(silent) == 23 and len(_rows(rest)) == 23  # only this list
    assert silent[-1].startswith("Group 125 of ")
    assert "Page 2 of 2" in rest and "Previous page" in rest and "Next page" not in rest
    assert "Groups that said Not yet or Not happening" not in rest
    assert f'href="{base}">Back to everything that needs attention' in rest
    # A page past the end shows the last page; an unknown list shows everything.
    assert _rows(client.get(f"{base}?kind=no_answer&page=9", headers=AUTH).text) == _rows(rest)
    assert _rows(client.get(f"{base}?kind=nonsense", headers=AUTH).text) == _rows(page)
