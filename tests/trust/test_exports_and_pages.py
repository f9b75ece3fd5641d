"""Exports and pages (issue 25): a programme named in Welsh downloads, every CSV cell is
quoted and a formula after a separator is inert, a preview writes nothing, and a page that
cannot exist is HTML for a browser and JSON for the API."""

from __future__ import annotations

import csv
import io
from urllib.parse import unquote

from sqlalchemy import func, select

from bot.core.hygiene import csv_cell
from bot.core.profile import ProfileInput
from bot.services import checkins, participants, rounds
from bot.services.delivery import deliver_due
from bot.store.models import (
    AuditEntry,
    Feedback,
    Match,
    MatchMember,
    Participant,
    Programme,
    Round,
)
from bot.web.console.exports import attachment
from tests.web.console_support import TOKEN, make_client, make_services, sign_in

BEARER = {"Authorization": f"Bearer {TOKEN}"}


def _programme(engine, name: str):
    services = make_services(engine)
    for user, profession in (("U1", "Nurse"), ("U2", "Manager")):
        participants.save_profile(services, "slack", "T1", user, f"Person {user}", None,
                                  ProfileInput(profession))
    with services.unit_of_work() as session:
        programme = session.scalars(select(Programme)).one()
        programme.name = name
        return services, programme.id


def test_a_programme_named_outside_latin_1_exports_with_an_rfc_6266_filename(engine):
    services, pid = _programme(engine, "Gŵyl Ζωή Łódź")
    client = make_client(engine, services)
    for kind in ("matches", "participants", "learnings", "evaluation"):
        response = client.get(f"/admin/programmes/{pid}/export/{kind}.csv", headers=BEARER)
        assert response.status_code == 200, kind
        disposition = response.headers["content-disposition"]
        assert disposition.isascii()
        fallback, encoded = disposition.split("; filename*=UTF-8''")
        assert fallback.startswith('attachment; filename="') and fallback.endswith('.csv"')
        assert unquote(encoded) == f"Gŵyl Ζωή Łódź-{kind}.csv"
    assert attachment('a"b\\c.csv').count('"') == 2  # no quote or backslash in the fallback


def test_every_cell_is_quoted_and_a_formula_after_a_separator_is_inert(engine):
    services, pid = _programme(engine, "Cohort")
    # Shared learnings are shown once five people answered (the small-number rule).
    for n in range(3, 11):
        participants.save_profile(services, "slack", "T1", f"U{n}", f"Person U{n}", None,
                                  ProfileInput("Nurse" if n % 2 else "Manager"))
    rounds.run_round(services, pid, actor="test")
    deliver_due(services)
    with services.unit_of_work() as session:
        members = session.execute(select(MatchMember.match_id, Participant.user_id).join(
            Participant, Participant.id == MatchMember.participant_id)).all()
    for match_id, user in members:
        checkins.record_feedback(services, "slack", "T1", user, match_id, learned_score=4,
                                 learned_text='rotas;=HYPERLINK("http://x.example","y")',
                                 share=True)
    client = make_client(engine, services)
    body = client.get(f"/admin/programmes/{pid}/export/learnings.csv",
                      headers=BEARER).content.decode("utf-8-sig")
    lines = body.strip().split("\r\n")
    assert all(line.startswith('"') and line.endswith('"') for line in lines)
    # A spreadsheet splitting on ';' sees "rotas" and "'=HYPERLINK(…": text, not a formula.
    [[cell]] = list(csv.reader(io.StringIO(lines[1])))
    for part in cell.split(";")[1:]:
        assert part.startswith("'")
    for separator in (",", ";", "\t", "|", "; "):
        assert csv_cell(f"a{separator}@SUM(1)") == f"a{separator}'@SUM(1)"
    assert csv_cell("-3 days") == "'-3 days" and csv_cell(-3) == "-3"


def test_a_preview_writes_nothing(engine):
    services, pid = _programme(engine, "Cohort")
    client = make_client(engine, services)
    sign_in(client)

    def counts():
        with services.unit_of_work() as session:
            return tuple(session.scalar(select(func.count()).select_from(m))
                         for m in (AuditEntry, Round, Match, Feedback))

    before = counts()
    page = client.get(f"/admin/programmes/{pid}/rounds?preview=1")
    assert page.status_code == 200 and "nothing was sent" in page.text
    assert client.get(f"/admin/api/programmes/{pid}/rounds/preview").status_code == 200
    assert counts() == before


def test_a_page_that_cannot_exist_is_html_and_the_api_json(engine):
    services, _ = _programme(engine, "Cohort")
    client = make_client(engine, services)
    sign_in(client)
    page = client.get("/admin/programmes/99999999999999999999")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "There is no such page in the console" in page.text and '"error"' not in page.text
    api = client.get("/admin/api/programmes/99999999999999999999")
    assert api.status_code == 404 and api.headers["content-type"] == "application/json"
