"""The line-manager page in a real browser (Debian's Chromium): reached from the
participants page, searched and chosen by keyboard alone, axe-core at desktop and phone
widths. Screenshots go to test-artifacts/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import playwright.sync_api as playwright
import pytest
from sqlalchemy import select

from bot.config import load_settings
from bot.core.profile import ProfileInput
from bot.services import participants
from bot.store.models import Participant, Programme
from bot.web.app import create_app
from bot.web.console import console_router
from tests.support.proc import free_port
from tests.web.browser_support import CHROMIUM, LiveServer, check_page
from tests.web.console_support import SECRET, TOKEN, make_services

pytestmark = pytest.mark.slow

PEOPLE = [("U1", "Ann Lee", "Nurse"), ("U2", "Bo Sam", "Manager"),
          ("U3", "Bo Tran", "Pharmacist"), ("U4", "Cy Jones", "Physiotherapist")]


@pytest.fixture
def console_url(engine) -> Iterator[tuple[str, int, Any]]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)")
    services = make_services(engine)
    for user, name, profession in PEOPLE:
        participants.save_profile(services, "slack", "T1", user, name, None,
                                  ProfileInput(profession))
    with services.unit_of_work() as session:
        pid = session.scalars(select(Programme.id)).one()
    router = console_router(services, load_settings(PAIRBOT_ADMIN_TOKEN=TOKEN,
                                                    PAIRBOT_SECRET_KEY=SECRET), None)
    with LiveServer(create_app(engine=engine, routers=[router]), free_port()) as server:
        yield server.url, pid, services


@pytest.fixture
def browser() -> Iterator[Any]:
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.mark.parametrize("width", [1366, 390])
def test_a_line_manager_is_searched_and_chosen_by_keyboard(console_url, browser, width):
    url, pid, services = console_url
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{url}/admin/login")
    page.get_by_label("Operator token").fill(TOKEN)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{url}/admin/programmes/{pid}/participants")
    page.get_by_role("link", name="Set the line manager of Ann Lee").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Line manager of Ann Lee"
    assert check_page(page, f"manager-{width}") == []

    search = page.get_by_label("Search this programme's people by name")
    search.focus()
    page.keyboard.type("bo")
    page.keyboard.press("Enter")
    page.wait_for_url("**/manager?q=bo")
    choices = page.get_by_role("group", name="Who is Ann Lee's line manager?")
    assert choices.get_by_role("radio").count() == 2  # Bo Sam and Bo Tran, not Ann herself
    assert check_page(page, f"manager-search-{width}") == []
    # Keyboard only: Tab reaches the first choice, an arrow moves to the next, Enter saves.
    search.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "radio"
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    assert page.get_by_label("Bo Tran (Pharmacist)").is_checked()
    page.keyboard.press("Enter")
    page.wait_for_url("**/participants/*/manager")
    assert "Bo Tran is now Ann Lee's line manager" in page.locator(".flash").inner_text()
    assert "Bo Tran (Pharmacist) is Ann Lee's line manager." in page.locator("main").inner_text()
    assert check_page(page, f"manager-saved-{width}") == []
    with services.unit_of_work() as session:
        people = dict(session.execute(select(Participant.user_id, Participant.id)).all())
        ann = session.get_one(Participant, people["U1"])
        assert ann.manager_id == people["U3"]
    page.goto(f"{url}/admin/programmes/{pid}/participants")
    assert check_page(page, f"participants-managers-{width}") == []
    context.close()
