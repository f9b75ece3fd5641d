"""The console's import page: upload, preview with every problem, confirm, the funnel;
in-process, then in Chromium."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.config import load_settings
from bot.services.programme_settings import ProgrammeSettings, create_programme
from bot.services.workspace_programmes import ensure_workspace
from bot.store.models import Invitation, OutboxMessage
from bot.web.app import create_app
from bot.web.console import console_router
from tests.support.proc import free_port
from tests.web.browser_support import ARTIFACTS, CHROMIUM, LiveServer, check_page
from tests.web.console_support import (
    NOW,
    SECRET,
    TOKEN,
    csrf_of,
    make_client,
    make_services,
    sign_in,
)

GOOD = ("Email Address,Full Name,Staff Group,Job Role,Location,Line Manager Email\n"
        "ann@trust.nhs.uk,Ann Lee,Medical and Dental,Foundation Year 1,QE,bo@trust.nhs.uk\n"
        "bo@trust.nhs.uk,Bo Sam,Nursing and Midwifery Registered,Sister,QE,\n"
        "cy@trust.nhs.uk,=HYPERLINK(\"x\"),Allied Health Professionals,Physiotherapist,RI,\n")
BAD = ("email,name,staff_group,manager_email\n"
       "ann@trust.nhs.uk,Ann,Medical and Dental,zed@trust.nhs.uk\n"
       ",Nobody,Astrology,\n")


def programme(services: Any) -> int:
    with services.unit_of_work() as session:
        ws = ensure_workspace(session, "slack", "T1", NOW, "St Elsewhere")
        return create_programme(session, ws, ProgrammeSettings(name="Shadowing"),
                                      NOW).id


def upload(client, pid: int, csrf: str | None, text: str, **extra: str):
    data = {"csrf": csrf, **extra} if csrf else dict(extra)
    return client.post(f"/admin/programmes/{pid}/people/import", data=data,
                       files={"file": ("staff.csv", text.encode(), "text/csv")})


def test_preview_refusal_confirm_and_funnel(engine):
    services = make_services(engine)
    pid = programme(services)
    client = make_client(engine, services)
    csrf = sign_in(client)
    page = client.get(f"/admin/programmes/{pid}/people/import")
    assert page.status_code == 200 and "Medical and Dental=Doctor (junior);" in page.text
    assert "No staff list has been imported yet." in page.text

    assert upload(client, pid, None, GOOD).status_code == 403
    refused = upload(client, pid, csrf, BAD)
    assert refused.status_code == 400
    assert "The file was refused: 3 problems; nothing was imported" in refused.text
    for problem in ("Row 2: the manager &#39;zed@trust.nhs.uk&#39; is not in the file",
                    "Row 3: no e-mail address",
                    "Row 3: the staff group &#39;Astrology&#39; is not in the profession map"):
        assert problem in refused.text
    assert "Confirm and invite" not in refused.text

    shown = upload(client, pid, csrf, GOOD)
    assert shown.status_code == 200 and "Preview: 3 to invite" in shown.text
    assert "kept as text" in shown.text
    form = {"csrf": csrf_of(shown.text),
            "upload": shown.text.split('name="upload" value="')[1].split('"')[0],
            "profession_map": ""}
    unticked = client.post(f"/admin/programmes/{pid}/people/import/confirm", data=form)
    assert unticked.status_code == 400 and "Tick the box" in unticked.text
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Invitation)) == 0
    done = client.post(f"/admin/programmes/{pid}/people/import/confirm",
                       data={**form, "confirm": "yes"}, follow_redirects=False)
    assert done.status_code == 303
    after = client.get(done.headers["location"])
    assert "3 invited, 0 updated, 0 not invited again." in after.text
    assert "<td>operator (token)</td><td>3</td><td>0</td><td>0</td><td>3</td>" in after.text
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(OutboxMessage).where(
            OutboxMessage.kind == "invitation")) == 3
        assert conn.scalar(select(Invitation.name).where(
            Invitation.email == "cy@trust.nhs.uk")) == '=HYPERLINK("x")'


@pytest.mark.slow
def test_the_import_page_in_chromium(engine, tmp_path):
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)")
    services = make_services(engine)
    pid = programme(services)
    router = console_router(services, load_settings(PAIRBOT_ADMIN_TOKEN=TOKEN,
                                                    PAIRBOT_SECRET_KEY=SECRET), None)
    (tmp_path / "bad.csv").write_text(BAD)
    (tmp_path / "good.csv").write_text(GOOD)
    port = free_port()
    with LiveServer(create_app(engine=engine, routers=[router]), port) as server, \
            playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900}
                                   ).new_page()
        page.goto(f"{server.url}/admin/login")
        page.get_by_label("Operator token (PAIRBOT_ADMIN_TOKEN)").fill(TOKEN)
        page.keyboard.press("Enter")
        page.wait_for_url(f"{server.url}/admin/programmes")
        page.goto(f"{server.url}/admin/programmes/{pid}")
        page.get_by_role("navigation", name="Programme").get_by_role(
            "link", name="Invite people").click()
        assert check_page(page, "people-01-import") == []

        page.get_by_label("Staff list (CSV)").set_input_files(str(tmp_path / "bad.csv"))
        page.get_by_role("button", name="Preview").click()
        problems = page.locator(".problems li").all_inner_texts()
        assert problems == ["Row 2: the manager 'zed@trust.nhs.uk' is not in the file",
                            "Row 3: no e-mail address",
                            "Row 3: the staff group 'Astrology' is not in the profession map"]
        assert check_page(page, "people-02-refused") == []

        page.get_by_label("Staff list (CSV)").set_input_files(str(tmp_path / "good.csv"))
        page.get_by_role("button", name="Preview").click()
        assert page.get_by_role("heading", name="Preview: 3 to invite").is_visible()
        assert page.locator("#invite-caption").inner_text() == "People to invite"
        assert check_page(page, "people-03-preview") == []
        page.get_by_label("Send 3 invitations from this file").check()
        page.get_by_role("button", name="Confirm and invite").click()
        assert "3 invited" in page.locator(".flash").inner_text()
        cells = page.locator("table.funnel tbody tr").first.locator("td").all_inner_texts()
        assert cells[1:] == ["operator (token)", "3", "0", "0", "3", "0", "0",
                             "0 sent, 3 waiting"]
        page.set_viewport_size({"width": 375, "height": 800})
        assert check_page(page, "people-04-funnel") == []
        browser.close()
    assert (ARTIFACTS / "people-04-funnel.png").exists()


class _LinkingGateway:
    """Only what the funnel asks of a platform: the link to the bot in a workspace."""

    platform = "slack"
    group_conversations = True

    def join_link(self, workspace: str) -> str:
        return f"https://slack.com/app_redirect?team={workspace}&channel=UBOT"


def test_not_reachable_people_are_listed_with_the_reason_and_a_join_link(engine):
    from sqlalchemy import update

    from bot.services import enrolment

    services = make_services(engine)
    services.gateways["slack"] = _LinkingGateway()  # type: ignore[assignment]
    pid = programme(services)
    made = enrolment.import_people(services, pid, GOOD.encode(), actor="organiser")
    assert isinstance(made, enrolment.Imported)
    with services.unit_of_work() as session:
        session.execute(update(OutboxMessage).where(OutboxMessage.idempotency_key.in_(
            ["invite:1", "invite:2"])).values(state="failed", last_error="users_not_found"))
        session.execute(update(OutboxMessage).where(OutboxMessage.idempotency_key == "invite:3")
                        .values(state="failed", last_error="user_deactivated"))
    client = make_client(engine, services)
    sign_in(client)
    page = client.get(f"/admin/programmes/{pid}/people/import").text
    link = "https://slack.com/app_redirect?team=T1&amp;channel=UBOT"
    assert page.count(f'<a href="{link}">{link}</a>') == 1
    assert ("<li>ann@trust.nhs.uk: no Slack account uses this e-mail address (send them the "
            "join link)</li>") in page
    assert "<li>cy@trust.nhs.uk: their Slack account is deactivated</li>" in page
