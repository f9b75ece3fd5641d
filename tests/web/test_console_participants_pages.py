"""The participants page in pages of 50 with search, and CSV exports streamed."""

from __future__ import annotations

import csv
import io

from sqlalchemy import select

from bot.core.profile import ProfileInput
from bot.services import participants, rounds
from bot.services.console import access, csv_exports
from bot.store.models import Programme
from tests.web.console_support import TOKEN, make_client, make_services

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _after_a_round(engine, names):
    """People of these names (nurses and managers in turn) after their first round."""
    services = make_services(engine)
    for n, name in enumerate(names):
        participants.save_profile(services, "slack", "T1", f"U{n:02d}", name, None,
                                  ProfileInput("Nurse" if n % 2 else "Manager"))
    with services.unit_of_work() as session:
        pid = session.scalars(select(Programme.id)).one()
    rounds.run_round(services, pid)
    return services, pid


def test_participants_come_in_pages_with_search_and_exports_stream(engine):
    services, pid = _after_a_round(engine, [f"Person {n:02d}" for n in range(60)])
    client = make_client(engine, services)
    first = client.get(f"/admin/programmes/{pid}/participants", headers=AUTH).text
    assert "60 of 60 participants match; page 1 of 2 shows 50." in first
    assert "Person 00" in first and "Person 55" not in first and "Next page" in first
    second = client.get(f"/admin/programmes/{pid}/participants?page=2", headers=AUTH).text
    assert "Person 55" in second and "Person 00" not in second and "Previous page" in second
    found = client.get(f"/admin/programmes/{pid}/participants?q=person%2005", headers=AUTH).text
    assert "1 of 60 participants shown." in found and "Person 05" in found
    nurses = client.get(f"/admin/programmes/{pid}/participants?profession=Nurse",
                        headers=AUTH).text
    assert "30 of 60 participants shown." in nurses

    with client.stream("GET", f"/admin/programmes/{pid}/export/participants.csv",
                       headers=AUTH) as response:
        assert response.headers["content-type"].startswith("text/csv")
        assert "content-length" not in response.headers  # streamed, not built whole
        body = b"".join(response.iter_bytes())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0][0] == "participant" and len(rows) == 61
    assert sum(int(r[4]) for r in rows[1:]) == 60  # everyone was in the round's groups
    matches = client.get(f"/admin/programmes/{pid}/export/matches.csv", headers=AUTH)
    lines = list(csv.reader(io.StringIO(matches.content.decode("utf-8-sig"))))
    assert lines[0][0] == "round" and len(lines) == 31 and lines[1][0] == "2026-11"


def test_the_exports_read_in_small_batches_give_the_rows_read_whole(engine, monkeypatch):
    """Batches follow on from the last row's (name, id) and the last group's id: people
    who share a name and groups across batches are neither lost nor repeated."""
    services, pid = _after_a_round(engine, [f"Person {n % 4}" for n in range(23)])
    monkeypatch.setattr(csv_exports, "EXPORT_BATCH", 3)
    monkeypatch.setattr(csv_exports, "MATCH_BATCH", 2)
    for kind in ("participants", "matches"):
        whole = csv_exports.export_rows(services, access.OPERATOR, pid, kind)
        streamed = list(csv_exports.export_stream(services, access.OPERATOR, pid, kind))
        assert streamed == whole and len(whole) == {"participants": 24, "matches": 12}[kind]
