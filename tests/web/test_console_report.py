"""The report for a board: a printable page and the same as a PDF (its text read back),
over a period the organiser chooses."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from bot.core.profile import ProfileInput
from bot.services import participants, rounds
from bot.store.models import Programme
from tests.web.console_support import TOKEN, make_client, make_services

AUTH = {"Authorization": f"Bearer {TOKEN}"}
PEOPLE = [("U1", "Nurse"), ("U2", "Manager"), ("U3", "Pharmacist"), ("U4", "Physiotherapist"),
          ("U5", "Paramedic"), ("U6", "Nurse")]


@pytest.fixture
def setup(engine):
    services = make_services(engine, dt.datetime(2026, 10, 1, 9, 0, tzinfo=dt.UTC))
    for user, profession in PEOPLE:
        participants.save_profile(services, "slack", "T1", user, f"Person {user}", None,
                                  ProfileInput(profession))
    with services.unit_of_work() as session:
        pid = session.scalars(select(Programme.id)).one()
    for day in (dt.datetime(2026, 10, 5, 10, 0, tzinfo=dt.UTC),
                dt.datetime(2026, 11, 2, 10, 0, tzinfo=dt.UTC)):
        services.clock.at = day
        rounds.run_round(services, pid)
    services.clock.at = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)
    return make_client(engine, services), pid


def test_the_report_is_a_printable_page_over_the_chosen_period(setup):
    client, pid = setup
    page = client.get(f"/admin/programmes/{pid}/report", headers=AUTH)
    assert page.status_code == 200
    assert "Paired learning: report" in page.text and "October 2026" in page.text
    assert "November 2026" in page.text and "Met rate: the share" in page.text
    assert "@media print" in client.get("/admin/static/console.css").text
    november = client.get(f"/admin/programmes/{pid}/report?from=2026-11-01&to=2026-11-30",
                          headers=AUTH)
    assert "November 2026" in november.text and "October 2026" not in november.text
    assert "rounds 1 November 2026 to 30 November 2026" in november.text
    bad = client.get(f"/admin/programmes/{pid}/report?from=2026-13-01", headers=AUTH)
    assert bad.status_code == 400 and "The start date must be written YYYY-MM-DD" in bad.text
    backwards = client.get(f"/admin/programmes/{pid}/report?from=2026-12-01&to=2026-11-01",
                           headers=AUTH)
    assert backwards.status_code == 403 and "start date is after the end date" in backwards.text


def test_the_pdf_is_the_same_report_and_its_text_reads_back(setup):
    client, pid = setup
    response = client.get(f"/admin/programmes/{pid}/report.pdf?from=2026-11-01&to=2026-11-30",
                          headers=AUTH)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert "attachment" in response.headers["content-disposition"]
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    assert "Paired learning: report" in text
    assert "November 2026" in text and "October 2026" not in text
    assert "Who met" in text and "Which professions met" in text
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # A4 landscape
    assert "Sign out" not in text and "Download as PDF" not in text
