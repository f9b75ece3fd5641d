"""An organiser's first programme, in a real browser (Debian's Chromium via Playwright):
sign in (token, Slack, Microsoft), create "Junior doctors × Managers", people join in Slack,
preview, run, answers come in, the overview's charts show them, export; refusals.
axe-core runs on every page; screenshots go to test-artifacts/."""

from __future__ import annotations

import datetime as dt
import html
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import playwright.sync_api as playwright
import pytest

from bot.config import load_settings
from bot.services import jobs
from bot.services.clock import FixedClock
from bot.services.delivery import deliver_due
from bot.services.programme_settings import ProgrammeSettings, create_programme
from bot.services.workspace_programmes import ensure_workspace
from tests.fakes.entra import EntraUser, FakeEntra
from tests.fakes.slack_api import FakeSlack
from tests.slack.support import SECRET as SIGNING_SECRET
from tests.slack.support import SlackHarness, text_of
from tests.support.proc import free_port
from tests.web.browser_support import CHROMIUM, LiveServer, check_page

pytestmark = pytest.mark.slow

TOKEN = "operator-token-for-the-browser-tests-0123"
CLIENT_ID, CLIENT_SECRET = "1111.2222", "slack-oidc-secret"
APP_ID, APP_SECRET, TENANT = "entra-app-1", "entra-secret", "7a1f0000-0000-4000-8000-00000000beef"
START = dt.datetime(2026, 11, 30, 18, 0, tzinfo=dt.UTC)
JUNIORS = {"U11": ("Priya Shah", "FY1 doctor"), "U12": ("Tom Okafor", "FY2 doctor"),
           "U13": ("Lena Fischer", "FY1 doctor"), "U14": ("Sam Reid", "FY2 doctor")}
MANAGERS = {"U21": ("Hannah Moss", "Service manager"),
            "U22": ("Omar Haddad", "Operations manager")}


@dataclass
class World:
    url: str
    slack: SlackHarness
    fake: FakeSlack
    entra: FakeEntra
    clock: FixedClock
    teams_programme: int


@pytest.fixture
def world(engine, monkeypatch, tmp_path) -> Iterator[World]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)")
    from bot.runtime import build_runtime

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with FakeSlack(client_id=CLIENT_ID, client_secret=CLIENT_SECRET) as fake, \
            FakeEntra(client_id=APP_ID, client_secret=APP_SECRET) as entra:
        fake.add_user("U1", real_name="Ada Organiser")
        fake.add_user("U3", real_name="Cy Member")
        for user, (name, _) in {**JUNIORS, **MANAGERS}.items():
            fake.add_user(user, real_name=name)
        for name, value in {"CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID": APP_ID,
                            "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTSECRET": APP_SECRET,
                            "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__TENANTID": TENANT,
                            "REQUESTS_CA_BUNDLE": entra.ca_file}.items():
            monkeypatch.setenv(name, value)
        monkeypatch.chdir(tmp_path)  # no stray .env
        settings = load_settings(
            SLACK_CLIENT_ID=CLIENT_ID, SLACK_CLIENT_SECRET=CLIENT_SECRET,
            SLACK_SIGNING_SECRET=SIGNING_SECRET, SLACK_API_URL=fake.url,
            PAIRBOT_ADMIN_TOKEN=TOKEN, PAIRBOT_SECRET_KEY="browser-test-secret-key-0123",
            PAIRBOT_PUBLIC_URL=url, PAIRBOT_MICROSOFT_AUTHORITY=entra.authority(TENANT),
            PAIRBOT_SLACK_RATE_SCALE=1000)
        clock = FixedClock(START)
        runtime = build_runtime(settings, engine=engine, scheduler=False, clock=clock)
        services = runtime.services
        with services.unit_of_work() as session:
            ws = ensure_workspace(session, "teams", TENANT, services.now(), "Trust tenant")
            teams_programme = create_programme(session, ws, ProgrammeSettings(
                name="Ward sisters × Commissioners", organisers=("oid-grace",)),
                services.now()).id
        try:
            with LiveServer(runtime.app, port), httpx.Client(base_url=url, timeout=20) as http:
                _install_slack(http, fake)
                harness = SlackHarness(http=http, fake=fake,  # type: ignore[arg-type]
                                       parts=runtime.platforms["slack"], services=services)
                yield World(url=url, slack=harness, fake=fake, entra=entra, clock=clock,
                            teams_programme=teams_programme)
        finally:
            runtime.shutdown()


def _install_slack(http: httpx.Client, fake: FakeSlack) -> None:
    page = http.get("/slack/install")
    link = html.unescape(re.search(r'href="(https://slack\.com/oauth/v2/authorize[^"]+)"',
                                   page.text).group(1))
    state = parse_qs(urlsplit(link).query)["state"][0]
    fake.add_oauth_code("code-T1", team_id="T1", team_name="St Elsewhere NHS Trust",
                        bot_token="xoxb-test", installer_user_id="U1")
    done = http.get(f"/slack/oauth_redirect?code=code-T1&state={state}",
                    headers={"Cookie": page.headers["set-cookie"].split(";")[0]})
    assert done.status_code == 200, done.text


@pytest.fixture
def browser() -> Iterator[Any]:
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


def _context(browser: Any) -> Any:
    # bypass_csp lets the test inject axe-core; the pages themselves run under the CSP.
    return browser.new_context(bypass_csp=True, ignore_https_errors=True,
                               viewport={"width": 1280, "height": 900}, accept_downloads=True)


def _accessible(page: Any, name: str) -> None:
    violations = check_page(page, name)
    assert violations == [], f"{name}: {violations}"
    assert page.title().endswith("· pairbot console")
    assert page.locator("html").get_attribute("lang") == "en-GB"
    assert page.locator('meta[name="viewport"]').count() == 1


def _tab(page: Any, name: str) -> None:
    page.get_by_role("navigation", name="Programme").get_by_role("link", name=name).click()
    assert page.locator('[aria-current="page"]').inner_text() == name


def _join(world: World, user: str, profession: str) -> None:
    world.slack.command("", user=user)
    view = world.slack.opened_view()
    world.slack.submit(view, user=user, profession=profession, learn=[],
                       intro=f"Hello from {user}")


def test_an_organiser_sets_up_runs_watches_and_exports_a_programme(world, browser):
    context = _context(browser)
    page = context.new_page()
    page.goto(f"{world.url}/admin/programmes")
    assert page.url.startswith(f"{world.url}/admin/login")
    # Keyboard first: Tab reaches the skip link, and it is visible when focused.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    assert page.locator(".skip").bounding_box()["x"] >= 0
    page.keyboard.press("Shift+Tab")
    _accessible(page, "01-login")

    page.get_by_label("Operator token (PAIRBOT_ADMIN_TOKEN)").fill("not the token")
    page.get_by_role("button", name="Sign in with the token").click()
    assert "That token is wrong" in page.locator("#login-error").inner_text()
    _accessible(page, "02-login-wrong-token")
    page.get_by_label("Operator token (PAIRBOT_ADMIN_TOKEN)").fill(TOKEN)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{world.url}/admin/programmes")
    assert "Ward sisters × Commissioners" in page.content()
    _accessible(page, "03-programmes")

    # Create the two-sided cohort; a wrong value first, named beside its field.
    page.get_by_role("link", name="Create a programme").click()
    page.get_by_label("Programme name", exact=True).fill("Junior doctors × Managers")
    page.get_by_label("Workspace").select_option(label="Slack: St Elsewhere NHS Trust")
    page.get_by_label("People on side A meet people on side B").check()
    page.get_by_label("Name of side A").fill("Junior doctors")
    page.get_by_label("Professions on side A").fill("FY1 doctor; FY2 doctor")
    page.get_by_label("Name of side B").fill("Managers")
    page.get_by_label("Professions on side B").fill("Service manager; Operations manager")
    page.get_by_label("How many side A people each side B person meets").fill("4")
    page.get_by_label("When rounds happen").fill("monthly on a whim")
    page.get_by_label("Organisers", exact=True).fill("U1")
    _accessible(page, "04-new-programme")
    page.get_by_role("button", name="Create the programme").click()
    assert page.locator("#error-summary").is_visible()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert page.get_by_label("When rounds happen").get_attribute("aria-invalid") == "true"
    _accessible(page, "05-new-programme-error")
    page.get_by_label("When rounds happen").fill("monthly first monday 10:00")
    page.get_by_role("button", name="Create the programme").click()
    assert "Junior doctors × Managers is created." in page.locator(".flash").inner_text()
    programme_url = page.url
    programme_id = int(programme_url.rsplit("/", 1)[1])

    # People join through Slack.
    for user, (_, profession) in {**JUNIORS, **MANAGERS}.items():
        _join(world, user, profession)
    _tab(page, "Participants")
    assert "6 of 6 participants shown." in page.content()
    page.get_by_label("Side").select_option(label="Managers")
    page.get_by_role("button", name="Filter").click()
    assert "2 of 6 participants shown." in page.content()
    assert "Hannah Moss" in page.content() and "Priya Shah" not in page.content()
    _accessible(page, "06-participants-filtered")

    # Preview, then run with confirmation.
    _tab(page, "Rounds")
    page.get_by_role("button", name="Preview the next round").click()
    preview = page.locator(".preview").inner_text()
    assert "nothing was sent" in preview and "6 taking part" in preview
    assert "Proven best" in preview  # the matcher's certificate, in words
    _accessible(page, "07-rounds-preview")
    page.get_by_label("Yes, send the November 2026 introductions now").check()
    page.get_by_role("button", name="Run round November 2026 now").click()
    assert "Round November 2026 started" in page.locator(".flash").inner_text()
    assert deliver_due(world.slack.services).sent >= 1  # the scheduler's delivery pass

    # Two weeks on: the check-ins go out; answers come back by reaction.
    world.clock.at = START + dt.timedelta(days=14, minutes=5)
    jobs.run_due(world.slack.services)
    checkins = [m for m in world.fake.messages() if "Did you manage to meet" in text_of(m)]
    assert len(checkins) >= 2
    answers = ["white_check_mark", "x"]
    for message, reaction in zip(checkins, answers, strict=False):
        member = next(u for u in world.fake.members(message["channel"]) if u != "UBOT")
        world.slack.event({"type": "reaction_added", "user": member, "reaction": reaction,
                           "item": {"type": "message", "channel": message["channel"],
                                    "ts": message["ts"]}, "item_user": "UBOT", "event_ts": "1"})
    # The one who met says what they learned (the request comes through the outbox), and
    # shares it (a formula, to test the export).
    jobs.run_due(world.slack.services)
    met_message = checkins[0]
    met_member = next(u for u in world.fake.members(met_message["channel"]) if u != "UBOT")
    request = world.slack.dms(met_member)[-1]
    button = next(b for b in request["blocks"] if b["type"] == "actions")["elements"][0]
    world.slack.click(button["action_id"], user=met_member, value=button["value"],
                      message=request)
    world.slack.submit(world.slack.opened_view(), user=met_member, learned_score="4",
                       learned_text='=HYPERLINK("http://evil.example")', share=["share"])
    page.reload()
    groups = page.get_by_role("table", name="Groups of round").inner_text()
    assert "Met" in groups and "Not happening" in groups
    _accessible(page, "08-rounds-answered")

    # The overview: charts and their tables show the answers.
    _tab(page, "Overview")
    description = page.locator("#met-chart-desc").text_content()
    unanswered = len(checkins) - 2
    assert f"November 2026: Met 1, Scheduled 0, Not happening 1, No answer {unanswered}" \
        in description
    assert page.locator("#met-chart rect").count() >= 2
    met_table = page.get_by_role("table", name="Groups per round by answer").inner_text()
    assert "50%" in met_table or f"{100 / len(checkins):.0f}%" in met_table
    assert "Professions that actually met" in page.content()
    learning = page.get_by_role("table", name="Average answer").inner_text()
    # One learning score: fewer than 5 people, so no average (the one rule for answers).
    assert "4.0" not in learning and "not shown for fewer than 5 people" in learning
    assert "Learning score 4" not in page.locator("#learning-chart-desc").text_content()
    _accessible(page, "09-overview")

    # Export: a spreadsheet-safe CSV of every match.
    with page.expect_download() as download:
        page.get_by_role("link", name="matches.csv").click()
    data = Path(download.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == ('"round","group","professions","answers","outcome",'
                                    '"average_learning"')  # every cell quoted
    assert "Met" in text and "Not happening" in text
    with page.expect_download() as download:
        page.get_by_role("link", name="learnings.csv").click()
    learnings = Path(download.value.path()).read_bytes().decode("utf-8-sig").splitlines()
    # One person shared: fewer than 5 answered, so nothing is shown (tests/trust checks
    # that a shared formula is neutralised once enough people answered).
    assert learnings == ['"learning"']

    _tab(page, "Settings")
    assert page.get_by_label("How many side A people each side B person meets").input_value() == "4"
    _accessible(page, "10-settings")
    _tab(page, "Audit log")
    audit = page.locator("table").inner_text()
    assert "Created the programme" in audit and "Ran a round" in audit
    assert "Previewed a round" not in audit  # a preview (a GET) writes nothing
    assert " GMT" in audit  # times carry their time zone
    _accessible(page, "11-audit")

    # A POST without the CSRF token is refused, with a sentence; the cookie alone is not enough.
    refused = context.request.post(f"{world.url}/admin/programmes/{programme_id}/pause",
                                   form={"confirm": "yes"})
    assert refused.status == 403 and "security token" in refused.text()
    page.goto(f"{world.url}/admin/programmes")
    assert "Running" in page.locator("tr", has_text="Junior doctors").inner_text()

    page.goto(f"{world.url}/admin/logout")
    _accessible(page, "15-sign-out")
    page.get_by_role("button", name="Sign out now").focus()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"  # focus is visible
    page.keyboard.press("Enter")
    page.wait_for_url(f"{world.url}/admin/login?signed_out=1")
    assert "You are signed out." in page.content()
    assert page.goto(f"{world.url}/admin/programmes").url.startswith(f"{world.url}/admin/login")
    context.close()


def test_sign_in_with_slack_and_microsoft_and_a_non_organiser_is_refused(world, browser):
    # Ada organises the Slack programme (named at creation), so Slack sign-in shows it.
    with world.slack.services.unit_of_work() as session:
        ws = ensure_workspace(session, "slack", "T1", world.slack.services.now())
        slack_programme = create_programme(session, ws, ProgrammeSettings(
            name="Nurses/AHPs", organisers=("U1",)), world.slack.services.now()).id

    context = _context(browser)
    page = context.new_page()
    world.fake.sign_in_as("U1")
    page.goto(f"{world.url}/admin/login")
    page.get_by_role("link", name="Sign in with Slack").click()
    page.wait_for_url(f"{world.url}/admin/programmes")
    assert "Signed in as Ada Organiser" in page.content()
    assert "Nurses/AHPs" in page.content() and "Ward sisters" not in page.content()
    _accessible(page, "12-programmes-slack-organiser")
    context.close()

    stranger = _context(browser)
    page = stranger.new_page()
    world.fake.sign_in_as("U3")
    page.goto(f"{world.url}/admin/login/slack")
    page.wait_for_url(f"{world.url}/admin/programmes")
    assert "You do not organise any programme yet." in page.content()
    response = page.goto(f"{world.url}/admin/programmes/{slack_programme}")
    assert response.status == 403
    assert "You do not organise Nurses/AHPs" in page.locator(".message").inner_text()
    _accessible(page, "13-refused-non-organiser")
    stranger.close()

    microsoft = _context(browser)
    page = microsoft.new_page()
    world.entra.sign_in_as(EntraUser(oid="oid-grace", name="Grace Matron", tenant=TENANT))
    page.goto(f"{world.url}/admin/login")
    page.get_by_role("link", name="Sign in with Microsoft").click()
    page.wait_for_url(f"{world.url}/admin/programmes")
    assert "Signed in as Grace Matron" in page.content()
    assert "Ward sisters × Commissioners" in page.content()
    assert "Nurses/AHPs" not in page.content()
    page.get_by_role("link", name="Ward sisters × Commissioners").click()
    assert page.url.endswith(f"/admin/programmes/{world.teams_programme}")
    _accessible(page, "14-overview-microsoft")
    # An accidental run on an empty programme sends nothing, and cancelling it frees the month.
    _tab(page, "Rounds")
    page.get_by_label("Yes, send the November 2026 introductions now").check()
    page.get_by_role("button", name="Run round November 2026 now").click()
    assert "ran with nobody to introduce" in page.locator(".flash").inner_text()
    assert "The November 2026 round has run." in page.content()
    _accessible(page, "16-rounds-cancellable")
    page.get_by_label("Yes, cancel round November 2026").check()
    page.get_by_role("button", name="Cancel round November 2026 (it has sent nothing)").click()
    assert "The November 2026 round is cancelled" in page.locator(".flash").inner_text()
    assert page.get_by_role("button", name="Run round November 2026 now").is_visible()
    microsoft.close()
    assert os.path.isdir(Path(__file__).resolve().parents[2] / "test-artifacts")
