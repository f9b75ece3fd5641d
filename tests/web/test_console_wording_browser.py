"""The wording page in a real browser (Debian's Chromium): axe-core at desktop and phone
widths, a refused edit keeps what was typed, a preview shows it literally. Screenshots go
to test-artifacts/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import playwright.sync_api as playwright
import pytest

from bot.config import load_settings
from bot.services.programme_settings import ProgrammeSettings, create_programme
from bot.services.workspace_programmes import ensure_workspace
from bot.web.app import create_app
from bot.web.console import console_router
from tests.support.proc import free_port
from tests.web.browser_support import CHROMIUM, LiveServer, check_page
from tests.web.console_support import SECRET, TOKEN, make_services

pytestmark = pytest.mark.slow


@pytest.fixture
def console_url(engine) -> Iterator[tuple[str, int]]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)")
    services = make_services(engine)
    with services.unit_of_work() as session:
        ws = ensure_workspace(session, "slack", "T1", services.now(), "Trust")
        pid = create_programme(session, ws, ProgrammeSettings(
            name="Nurses × Managers"), services.now()).id
    router = console_router(services, load_settings(PAIRBOT_ADMIN_TOKEN=TOKEN,
                                                    PAIRBOT_SECRET_KEY=SECRET), None)
    port = free_port()
    with LiveServer(create_app(engine=engine, routers=[router]), port) as server:
        yield server.url, pid


@pytest.fixture
def browser() -> Iterator[Any]:
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


def _signed_in(browser: Any, url: str, width: int) -> Any:
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{url}/admin/login")
    page.get_by_label("Operator token").fill(TOKEN)
    page.get_by_role("button", name="Sign in").click()
    return page


@pytest.mark.parametrize("width", [1366, 390])
def test_the_wording_page_is_accessible_and_keeps_a_refused_edit(console_url, browser, width):
    url, pid = console_url
    page = _signed_in(browser, url, width)
    page.goto(f"{url}/admin/programmes/{pid}/settings")
    page.get_by_role("navigation", name="Programme").get_by_role("link", name="Wording").click()
    assert page.locator('[aria-current="page"]').first.inner_text() == "Wording"
    assert check_page(page, f"wording-{width}") == []

    typed = "Hello {partner_names} from {programme} on {tomorrow}"
    box = page.get_by_label("Text").first
    box.fill(typed)
    page.locator("#w-intro").get_by_role("button", name="Save").click()
    assert page.locator("#w-intro-error").inner_text().startswith(
        "{tomorrow} is not a placeholder of this text")
    assert page.get_by_label("Text").first.input_value() == typed
    assert check_page(page, f"wording-refused-{width}") == []

    page.get_by_label("Text").first.fill("*Hi* {partner_names} <!here> — {programme}")
    page.locator("#w-intro").get_by_role("button", name="Preview").click()
    slack = page.locator("#w-intro .preview.slack").inner_text()
    assert "*Hi* Alex Morgan and Sam Rees <!here> — Nurses × Managers" in slack
    teams = page.locator("#w-intro .preview.teams").inner_text()
    assert "*Hi* Alex Morgan and Sam Rees <!here> — Nurses × Managers" in teams
    assert check_page(page, f"wording-preview-{width}") == []

    page.goto(f"{url}/admin/programmes/{pid}/wording?language=cy")
    assert page.locator("#w-headsup-text").input_value().startswith(
        "Mae cylch nesaf {programme} ar {round_date}")
    assert "Mae cylch nesaf Nurses × Managers" in page.locator("#w-headsup .slack").inner_text()

    # The console in Welsh, chosen in the header; the choice stays for the next pages.
    languages = page.get_by_role("navigation", name="Console language")
    languages.get_by_role("link", name="Cymraeg").click()
    assert page.locator("html").get_attribute("lang") == "cy"
    assert page.get_by_role("heading", level=1).inner_text() == "Geiriad"
    assert check_page(page, f"wording-cy-{width}") == []
    page.get_by_role("navigation", name="Rhaglen").get_by_role("link", name="Gosodiadau").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Gosodiadau"
    assert page.get_by_label("Enw'r rhaglen").input_value() == "Nurses × Managers"
    assert check_page(page, f"settings-cy-{width}") == []
