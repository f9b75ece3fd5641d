"""The anonymised research export through the console, and the start refusing a bad
instrument folder."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import select

from bot.config import ConfigError, load_settings
from bot.core.evaluation import Stage
from bot.core.profile import ProfileInput
from bot.services import evaluation, participants
from bot.store.models import Participant, Programme
from tests.web.console_support import make_client, make_services, sign_in


def test_the_research_export_has_random_ids_groups_and_answers_but_no_names(engine) -> None:
    services = make_services(engine)
    for n in range(6):
        participants.save_profile(services, "slack", "T1", f"U{n}", f"Person U{n}", None,
                                  ProfileInput("Nurse" if n % 2 else "Manager"))
    with services.unit_of_work() as session:
        people = list(session.scalars(select(Participant.id)))
        pid = session.scalars(select(Programme.id)).first()
    for person in people:
        evaluation.record(services, person, Stage.BASELINE, {"role": "2"})
        evaluation.record(services, person, Stage.FOLLOW_UP, {"role": "4"}, term=1)
    client = make_client(engine, services)
    sign_in(client)
    response = client.get(f"/admin/programmes/{pid}/export/research.csv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["research_id", "profession_group", "side", "term", "before_role"]
    assert len(rows) == 7
    body = response.content.decode("utf-8-sig")
    assert "Person" not in body and "Nurse" not in body and "Manager" not in body
    # Three nurses (clinical) and three managers (management): both groups under 5.
    assert {r[1] for r in rows[1:]} == {"suppressed"}
    assert {r[rows[0].index("after_role")] for r in rows[1:]} == {"4"}


def test_a_bad_instrument_file_stops_the_start_in_one_line(tmp_path) -> None:
    (tmp_path / "isvs.yaml").write_text("id: isvs-21\nname: ISVS-21\nsource: King 2016\n"
                                        "scale: {min: 1, max: 7, labels: {1: never, 7: always}}\n"
                                        "items: [{id: q1, text: x}]\n")
    with pytest.raises(ConfigError) as caught:
        load_settings(PAIRBOT_INSTRUMENTS_DIR=str(tmp_path))
    assert str(caught.value) == (f"PAIRBOT_INSTRUMENTS_DIR: {tmp_path}/isvs.yaml: licence: "
                                 "is missing.")
    (tmp_path / "isvs.yaml").write_text("id: isvs-21\nname: ISVS-21\nsource: King 2016\n"
                                        "licence: by permission\n"
                                        "scale: {min: 1, max: 7, labels: {1: never, 7: always}}\n"
                                        "items: [{id: q1, text: x}]\n")
    assert load_settings(PAIRBOT_INSTRUMENTS_DIR=str(tmp_path)).instruments_dir == str(tmp_path)
