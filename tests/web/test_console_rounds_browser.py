"""Rounds and the overview in Chromium, at desktop (1366 px) and phone (390 px) widths: a
finished round whose messages retention deleted keeps its history and offers no Cancel;
Run now moves "next round" on; the new round shows "check-ins not yet due"; Cancel asks
for confirmation. axe-core on every page; screenshots under test-artifacts/."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.config import load_settings
from bot.core.profile import ProfileInput
from bot.runtime import build_services
from bot.services import participants, retention, rounds
from bot.services.clock import FixedClock
from bot.services.delivery import deliver_due
from bot.store.models import OutboxMessage, Programme
from bot.web.app import create_app
from bot.web.console import console_router
from tests.fakes.gateway import RecordingGateway
from tests.support.proc import free_port
from tests.web.browser_support import CHROMIUM, LiveServer, check_page
from tests.web.test_console_browser import browser  # noqa: F401  (the Chromium fixture)

pytestmark = pytest.mark.slow

TOKEN = "operator-token-for-the-rounds-browser"
PEOPLE = [("U1", "Nurse"), ("U2", "Manager"), ("U3", "Pharmacist"), ("U4", "Physiotherapist"),
          ("U5", "Paramedic"), ("U6", "Nurse")]
AUGUST = dt.datetime(2026, 8, 3, 10, 0, tzinfo=dt.UTC)
WIDTHS = (1366, 390)


@pytest.fixture
def site(engine) -> Iterator[tuple[str, Any, int]]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)")
    clock = FixedClock(AUGUST - dt.timedelta(days=7))
    services = build_services(engine, clock)
    services.gateways["slack"] = RecordingGateway()
    for user, profession in PEOPLE:
        participants.save_profile(services, "slack", "T1", user, f"Person {user}", None,
                                  ProfileInput(profession))
    with services.unit_of_work() as session:
        pid = session.scalars(select(Programme.id)).one()
    clock.at = AUGUST
    rounds.run_round(services, pid)
    assert deliver_due(services).sent >= 3
    # Four months on (Sunday 6 December): retention has deleted August's messages.
    clock.at = dt.datetime(2026, 12, 6, 9, 0, tzinfo=dt.UTC)
    retention.apply(services)
    settings = load_settings(PAIRBOT_ADMIN_TOKEN=TOKEN,
                             PAIRBOT_SECRET_KEY="rounds-browser-secret-key-0123")
    app = create_app(engine=engine, routers=[console_router(services, settings, None)])
    port = free_port()
    with LiveServer(app, port) as server:
        yield server.url, services, pid


def _look(page: Any, name: str) -> None:
    """axe-core and a screenshot at each width; nothing but a table's frame scrolls."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        violations = check_page(page, f"rounds-{name}-{width}")
        assert violations == [], f"{name} at {width}px: {violations}"
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= width, f"{name} at {width}px scrolls sideways ({wide}px)"


def test_history_kept_next_round_moves_on_and_cancel_is_confirmed(site, browser):  # noqa: F811
    url, _services, pid = site
    page = browser.new_context(bypass_csp=True).new_page()
    page.goto(f"{url}/admin/login")
    page.get_by_label("Operator token (PAIRBOT_ADMIN_TOKEN)").fill(TOKEN)
    page.get_by_role("button", name="Sign in with the token").click()
    page.wait_for_url(f"{url}/admin/programmes")

    page.goto(f"{url}/admin/programmes/{pid}/rounds")
    august = page.locator("section.round").filter(has_text="Round August 2026")
    # Retention deleted its messages; the round's own counts stay (round_deliveries).
    with _services.unit_of_work() as session:
        assert session.scalar(select(func.count(OutboxMessage.id))) == 0
    # One introduction a group, three groups.
    assert "Messages: 3 sent, 0 waiting, 0 failed." in august.inner_text()
    assert august.get_by_role("button").count() == 0  # no Cancel on a round that sent
    assert "Messages: 0 sent" not in page.content()
    _look(page, "history-kept")

    # Needs attention: August's three groups never answered their check-in.
    page.get_by_role("navigation", name="Programme").get_by_role(
        "link", name="Needs attention").click()
    silent = page.locator("section").filter(has_text="Groups with no answer past")
    assert silent.locator("li").count() == 3
    assert "no answer since the check-in on Monday 17 August" in silent.inner_text()
    _look(page, "attention")
    # One list, a page at a time, with its count.
    page.goto(f"{url}/admin/programmes/{pid}/attention?kind=no_answer")
    assert page.locator("li").filter(has_text="no answer since the check-in").count() == 3
    assert "Back to everything that needs attention" in page.content()
    _look(page, "attention-paged")
    page.goto(f"{url}/admin/programmes/{pid}/attention")
    silent = page.locator("section").filter(has_text="Groups with no answer past")
    silent.get_by_role("link").first.click()
    page.wait_for_url("**/rounds?round=*")
    page.wait_for_load_state()
    assert "/rounds?round=" in page.url and "Groups of round August 2026" in page.content()

    # Run now (Sunday 6 December): the December round runs, the next is January's.
    page.get_by_label("Yes, send the December 2026 introductions now").check()
    page.get_by_role("button", name="Run round December 2026 now").click()
    assert "Round December 2026 started" in page.locator(".flash").inner_text()
    assert "The next one is on Monday 4 January" in page.content()
    page.goto(f"{url}/admin/programmes/{pid}")
    tiles = page.locator(".tiles").inner_text()
    assert "Next round: Monday 4 January" in tiles
    assert "check-ins not yet due" in tiles and "0%" not in tiles
    assert "Met rate: the share of a round's groups introduced" in page.content()
    _look(page, "overview-after-run")
    page.goto(f"{url}/admin/programmes")
    assert "Monday 4 January" in page.content() and "Monday 7 December" not in page.content()
    assert "Cross-profession" in page.content()
    _look(page, "programmes")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="At a glance").click()
    page.get_by_label("From", exact=True).fill("2026-08-01")
    page.get_by_label("To", exact=True).fill("2026-12-31")
    page.get_by_role("button", name="Show").click()
    glance = page.get_by_role("table").inner_text()
    assert "Paired learning" in glance and "All programmes" in glance
    assert "0% (0 of 3)" in glance  # August's groups: due, none met; December's not yet due
    _look(page, "glance")

    # The report for the board, on screen and as it prints.
    page.goto(f"{url}/admin/programmes/{pid}")
    page.get_by_role("link", name="Report for the board").click()
    assert "Paired learning: report" in page.content()
    _look(page, "report")
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 1123, "height": 794})  # A4 landscape at 96 dpi
    page.screenshot(path="test-artifacts/rounds-report-print.png", full_page=True)
    assert not page.get_by_role("button", name="Show this period").is_visible()
    page.emulate_media(media="screen")

    # Cancelling the December round (it has sent nothing) needs the box ticked.
    page.goto(f"{url}/admin/programmes/{pid}/rounds")
    cancel = page.get_by_role("button", name="Cancel round December 2026 (it has sent nothing)")
    _look(page, "cancellable")
    cancel.click()  # the required box is not ticked: the browser does not send the form
    assert page.locator(".flash").count() == 0
    page.get_by_label("Yes, cancel round December 2026 and remove its 3 groups").check()
    cancel.click()
    assert "The December 2026 round is cancelled" in page.locator(".flash").inner_text()
    assert "Round August 2026" in page.content()
