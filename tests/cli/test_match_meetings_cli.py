"""`pairbot match` with availability, away dates, sites, managers and suggested times."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from pathlib import Path

import pytest

from bot.cli.main import main

PEOPLE = (
    "id,name,profession,learn,availability,away,site,team,manager,avoid\n"
    "n1,Sam,Nurse,Pharmacist,weekday-evening;weekend-morning,,Queen Elizabeth,W7,,\n"
    "m1,Priya,Hospital manager,Nurse,weekday-morning,,City General,Finance,,\n"
    "p1,Lee,Pharmacist,Nurse,weekday-evening,2026-12-24..2026-12-27,Queen Elizabeth,Ph,m1,\n"
    "d1,Ana,Junior doctor,Nurse,,,City General,W7,,n1\n"
    "n2,Kai,Nurse,Hospital manager,weekday-morning;weekday-afternoon,,City General,W8,m1,\n"
    "x1,Zed,Porter,,,2026-12-20..2027-01-10,Queen Elizabeth,,,\n"
)
HOLIDAYS = {date(2026, 12, 25), date(2026, 12, 28), date(2027, 1, 1)}


def pairbot(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    try:
        code = main(["match", *map(str, args)])
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def people(tmp_path: Path) -> Path:
    path = tmp_path / "people.csv"
    path.write_text(PEOPLE, encoding="utf-8")
    return path


def test_groups_get_common_windows_and_slots_around_christmas(capsys, people):
    code, out, err = pairbot(capsys, people, "--slots-from", "2026-12-21")
    assert code == 0, err
    doc = json.loads(out)
    members = {frozenset(g["members"]) for g in doc["groups"]}
    for boss, report in (("m1", "p1"), ("m1", "n2")):
        assert not any({boss, report} <= g for g in members)
    assert not any({"d1", "n1"} <= g for g in members)  # d1 avoids n1
    unpaired = {u["id"]: u["reason"] for u in doc["unpaired"]}
    assert "away" in unpaired["x1"]
    lee = next(g for g in doc["groups"] if "p1" in g["members"])
    assert lee["common_windows"] == ["weekday-evening"]
    assert "You can both meet on weekday evenings." in lee["reasons"]
    assert "You both work at the Queen Elizabeth site." in lee["reasons"]
    assert len(lee["slots"]) == 3
    for slot in lee["slots"]:
        start, end = (datetime.fromisoformat(slot[k]) for k in ("start", "end"))
        assert start.utcoffset() is not None and (end - start).seconds == 30 * 60
        assert start.weekday() < 5 and 17 <= start.hour < 21
        assert start.date() not in HOLIDAYS
        assert not date(2026, 12, 24) <= start.date() <= date(2026, 12, 27)  # Lee away
    assert len({s["start"][:10] for s in lee["slots"]}) == 3
    assert doc["stats"]["groups_with_common_time"] == len(doc["groups"])


def test_no_availability_drops_the_points_not_the_rules(capsys, people):
    _, out, _ = pairbot(capsys, people)
    _, plain, _ = pairbot(capsys, people, "--no-availability")
    with_time = {frozenset(g["members"]): g["score"] for g in json.loads(out)["groups"]}
    without = json.loads(plain)
    assert all("slots" not in g for g in without["groups"])
    for g in without["groups"]:
        assert not any("can both meet" in r for r in g["reasons"])
        if frozenset(g["members"]) in with_time:
            assert with_time[frozenset(g["members"])] == g["score"] + 6


def test_csv_output_has_windows_and_slots(capsys, people):
    code, out, _ = pairbot(capsys, people, "--format", "csv", "--slots-from", "2026-12-21",
                           "--slots", "2", "--meeting-minutes", "45")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    lee = next(r for r in rows if r["id"] == "p1")
    assert lee["common_windows"] == "weekday-evening"
    slots = lee["slots"].split(" | ")
    assert len(slots) == 2
    start, end = (datetime.fromisoformat(x) for x in slots[0].split("/"))
    assert (end - start).seconds == 45 * 60


def test_history_met_column_lets_an_unmet_pair_meet_again(capsys, tmp_path):
    people = tmp_path / "p.csv"
    people.write_text("id,name,profession\na,Ann,Nurse\nb,Bob,GP\n", encoding="utf-8")
    history = tmp_path / "h.csv"
    history.write_text("round,group,id,met\n1,g1,a,0\n1,g1,b,0\n", encoding="utf-8")
    _, out, _ = pairbot(capsys, people, "--history", history)
    assert [sorted(g["members"]) for g in json.loads(out)["groups"]] == [["a", "b"]]
    _, out, _ = pairbot(capsys, people, "--history", history,
                        "--unmet-counts-as-repeat", "yes")
    assert json.loads(out)["groups"] == []
    history.write_text("round,group,id,met\n1,g1,a,0\n1,g1,b,1\n", encoding="utf-8")
    _, out, _ = pairbot(capsys, people, "--history", history)
    assert json.loads(out)["groups"] == []


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [("away", "2026-12-10..2026-12-01", "line 2: away: '2026-12-10..2026-12-01' ends before "
                                        "it starts"),
     ("away", "10/12/2026", "line 2: away: '10/12/2026' is not a date"),
     ("availability", "weekday-lunch", "line 2: availability: 'weekday-lunch' is not a "
                                       "window"),
     ("manager", "zz", "line 2: manager 'zz' is not an id in this file")],
)
def test_bad_cells_name_the_field_and_line(capsys, tmp_path, column, value, message):
    path = tmp_path / "p.csv"
    path.write_text(f"id,name,profession,{column}\na,A,Nurse,{value}\nb,B,GP,\n",
                    encoding="utf-8")
    code, out, err = pairbot(capsys, path)
    assert (code, out) == (2, "")
    assert err.strip() == f"pairbot: {path}: {message}" or message in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [(("--slots-from", "2026-13-01"), "--slots-from: '2026-13-01' is not a date"),
     (("--timezone", "Mars/Base"), "--timezone: 'Mars/Base' is not a time zone"),
     (("--holidays", "france"), "--holidays: 'france' is not one of"),
     (("--slots", "9"), "--slots: must be between 0 and 5"),
     (("--unmet-counts-as-repeat", "maybe"), "'maybe' is not yes or no")],
)
def test_bad_options_are_one_line_exit_2(capsys, people, args, message):
    code, out, err = pairbot(capsys, people, *args)
    assert (code, out) == (2, "")
    assert message in err and len(err.strip().splitlines()) == 1
