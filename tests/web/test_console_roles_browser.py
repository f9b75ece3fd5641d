"""The rounds page's check-in figures, re-matching someone whose partner never answered,
adding someone who joined late to a group,
the Outcomes page and the Organisers and viewers page in Chromium, at desktop (1366 px)
and phone (390 px) widths: a viewer is added by choosing a name from a list; axe-core on
every page; screenshots under test-artifacts/."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.config import load_settings
from bot.core import evaluation as ev
from bot.core.profile import ProfileInput
from bot.runtime import build_services
from bot.services import checkins, participants, rounds
from bot.services.clock import FixedClock
from bot.store.models import EvaluationAnswer, Match, MatchMember, Participant, Programme
from bot.web.app import create_app
from bot.web.console import console_router
from tests.fakes.gateway import RecordingGateway
from tests.support.proc import free_port
from tests.web.browser_support import CHROMIUM, LiveServer, check_page
from tests.web.test_console_browser import browser  # noqa: F401  (the Chromium fixture)

pytestmark = pytest.mark.slow

TOKEN = "operator-token-for-the-roles-browser"
PROFESSIONS = ["Nurse", "Manager", "Pharmacist", "Physiotherapist", "Paramedic"]
ROUND_AT = dt.datetime(2026, 11, 2, 10, 0, tzinfo=dt.UTC)
WIDTHS = (1366, 390)


@pytest.fixture
def site(engine) -> Iterator[tuple[str, Any, int]]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)")
    clock = FixedClock(ROUND_AT - dt.timedelta(days=7))
    services = build_services(engine, clock)
    services.gateways["slack"] = RecordingGateway()
    for i in range(12):
        participants.save_profile(services, "slack", "T1", f"U{i}", f"Person {i}", None,
                                  ProfileInput(PROFESSIONS[i % 5]))
    with services.unit_of_work() as session:
        pid = session.scalars(select(Programme.id)).one()
    clock.at = ROUND_AT
    rounds.run_round(services, pid)
    with services.unit_of_work() as session:
        firsts = session.execute(select(Match.id, Participant.user_id).join(
            MatchMember, MatchMember.match_id == Match.id).join(
            Participant, Participant.id == MatchMember.participant_id)
            .where(MatchMember.position == 0).order_by(Match.id)).all()
    for day, (match_id, user) in zip((3, 6, 7, 9, 12), firsts, strict=False):
        clock.at = ROUND_AT + dt.timedelta(days=day)
        checkins.record_checkin(services, "slack", "T1", user, match_id=match_id,
                                answer="met", source="button")
    participants.save_profile(services, "slack", "T1", "U12", "Person 12", None,
                              ProfileInput("Pharmacist"))  # joins after the round
    # The sixth group: one answers "not happening", the other never answers.
    checkins.record_checkin(services, "slack", "T1", firsts[5][1], match_id=firsts[5][0],
                            answer="not_happening", source="button")
    with services.unit_of_work() as session:
        for person, user in session.execute(select(Participant.id, Participant.user_id)):
            for stage, score in (("baseline", 2), ("follow_up", 3 + int(user[1:]) % 3)):
                session.add(EvaluationAnswer(participant_id=person, programme_id=pid,
                                             stage=stage, term=1 if stage != "baseline" else 0,
                                             domain=ev.QUESTIONS[0].domain, score=score,
                                             answered_at=clock.at))
    clock.at = ROUND_AT + dt.timedelta(days=20)
    settings = load_settings(PAIRBOT_ADMIN_TOKEN=TOKEN,
                             PAIRBOT_SECRET_KEY="roles-browser-secret-key-01234")
    app = create_app(engine=engine, routers=[console_router(services, settings, None)])
    with LiveServer(app, free_port()) as server:
        yield server.url, services, pid


def _look(page: Any, name: str) -> None:
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        violations = check_page(page, f"roles-{name}-{width}")
        assert violations == [], f"{name} at {width}px: {violations}"
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= width, f"{name} at {width}px scrolls sideways ({wide}px)"


def test_checkin_figures_and_adding_a_viewer_by_name(site, browser):  # noqa: F811
    url, services, pid = site
    page = browser.new_context(bypass_csp=True).new_page()
    page.goto(f"{url}/admin/login")
    page.get_by_label("Operator token (PAIRBOT_ADMIN_TOKEN)").fill(TOKEN)
    page.get_by_role("button", name="Sign in with the token").click()
    page.goto(f"{url}/admin/programmes/{pid}/rounds")
    table = page.get_by_role("table", name="Check-in answers of round November 2026")
    assert table.locator("td").all_inner_texts() == ["5", "0", "0", "1", "0"]
    assert page.get_by_text("Median time from introduction to meeting: 7 days.").is_visible()
    _look(page, "rounds")
    page.get_by_label("Yes, find Person 5 someone new").check()
    page.get_by_role("button", name="Re-match Person 5").click()
    # Nobody else is left out or stranded, so the refusal says so in one sentence.
    assert page.get_by_text("Nobody free in the November 2026 round can meet Person 5 under "
                            "the programme's rules; nothing was changed.").is_visible()
    _look(page, "rematch-refused")
    page.goto(f"{url}/admin/programmes/{pid}/rounds")
    page.get_by_label("Person (in no group of the latest round)").select_option(
        label="Person 12")
    page.get_by_label("Group with room", exact=True).select_option(index=2)  # no pharmacist
    page.get_by_label("Yes, add them and introduce the group again").check()
    page.get_by_role("button", name="Add to the group").click()
    assert page.get_by_role("status").inner_text().startswith("Person 12 joins the group of")
    _look(page, "late-joiner-added")
    page.goto(f"{url}/admin/programmes/{pid}/outcomes")
    assert page.get_by_role("img", name="How people rated themselves after").is_visible()
    everyone = page.get_by_role("table", name="Change per question: Everyone")
    assert "+1.9 (lower 0%, same 0%, higher 100%)" in everyone.inner_text()
    _look(page, "outcomes")
    page.goto(f"{url}/admin/programmes/{pid}")
    page.get_by_role("link", name="Organisers and viewers").click()
    _look(page, "access-empty")
    page.get_by_label("Person (the people the bot knows in this workspace)").select_option(
        label="Person 3 (Physiotherapist)")
    page.get_by_label("Viewer: sees the figures, cannot change anything").check()
    page.get_by_role("button", name="Add", exact=True).click()
    assert page.get_by_role("status").inner_text() == (
        "Person 3 can now see the figures of Paired learning, without changing anything.")
    row = page.get_by_role("row", name="Person 3 Viewer")
    assert row.get_by_role("button", name="Remove Person 3's role").is_visible()
    _look(page, "access-viewer")
    with services.unit_of_work() as session:
        assert session.get_one(Programme, pid).viewers == ["U3"]
