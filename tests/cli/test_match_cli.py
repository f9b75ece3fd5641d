"""`pairbot match` as a user runs it: files in, JSON or CSV out, one-line errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from bot.cli.main import main
from tests.support.proc import REPO, run_pairbot

HEADER = "id,name,profession,learn,side,unpaired_last_round\n"


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def pairbot(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(["match", *map(str, args)])
    except SystemExit as exc:  # argparse's own errors (unknown option, bad choice)
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def people(tmp_path: Path) -> Path:
    return write(
        tmp_path,
        "people.csv",
        HEADER
        + "n1,Sam,Nurse,Hospital manager,,0\n"
        + "m1,Priya,Hospital manager,nurse,,1\n"
        + "p1,Lee,Pharmacist,,,\n"
        + "d1,Ana,Junior doctor,Pharmacist;Nurse,,\n"
        + "n2,Kai,Nurse,,,\n",
    )


def test_json_output_has_groups_reasons_unpaired_and_stats(capsys, people):
    code, out, err = pairbot(capsys, people)
    assert code == 0, err
    doc = json.loads(out)
    assert set(doc) == {"groups", "unpaired", "stats"}
    pair = next(g for g in doc["groups"] if "n1" in g["members"])
    assert sorted(pair["members"]) == ["m1", "n1"]
    assert pair["score"] == 10 + 4 + 4 + 3
    assert "Sam wants to learn about Hospital manager" in pair["reasons"]
    # "nurse" in the learn column means the Nurse profession of the file.
    assert "Priya wants to learn about Nurse" in pair["reasons"]
    assert "Priya was left out last round, so gets priority" in pair["reasons"]
    assert doc["unpaired"] == []
    assert sorted(len(g["members"]) for g in doc["groups"]) == [2, 3]
    assert doc["stats"]["people"] == 5
    assert doc["stats"]["grouped"] == 5


def test_csv_output_has_one_row_per_person(capsys, people):
    code, out, _ = pairbot(capsys, people, "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["group", "id", "name", "profession", "score", "reasons",
                            "common_windows", "slots"]
    assert sorted(r["id"] for r in rows) == ["d1", "m1", "n1", "n2", "p1"]
    sam = next(r for r in rows if r["id"] == "n1")
    priya = next(r for r in rows if r["id"] == "m1")
    assert sam["group"] == priya["group"] != ""
    assert "Sam wants to learn about Hospital manager" in sam["reasons"].split(" | ")


def test_unpaired_people_get_a_row_with_the_reason(capsys, tmp_path):
    path = write(tmp_path, "p.csv", "id,name,profession\na,Ann,Nurse\nb,Bob,Nurse\n")
    code, out, _ = pairbot(capsys, path, "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["group"] for r in rows] == ["", ""]
    assert rows[0]["reasons"].startswith("Everyone else available is also a Nurse")


def test_history_forbids_recent_partners(capsys, tmp_path):
    people = write(tmp_path, "p.csv", "id,name,profession\na,A,Nurse\nb,B,GP\nc,C,Nurse\n"
                                       "d,D,GP\n")
    history = write(tmp_path, "h.csv", "round,group,id\n1,g1,a\n1,g1,d\n2,x,b\n2,x,c\n"
                                        "2,y,gone\n2,y,a\n")
    code, out, err = pairbot(capsys, people, "--history", history)
    assert code == 0, err
    pairs = sorted(sorted(g["members"]) for g in json.loads(out)["groups"])
    assert pairs == [["a", "b"], ["c", "d"]]


def test_same_seed_same_output_and_a_utf8_bom_is_fine(capsys, tmp_path):
    body = "id,name,profession\n" + "".join(
        f"p{i},Zoë {i},{['Nurse', 'GP', 'Porter'][i % 3]}\n" for i in range(30)
    )
    path = write(tmp_path, "bom.csv", b"\xef\xbb\xbf" + body.encode())
    first = pairbot(capsys, path, "--seed", "5")
    second = pairbot(capsys, path, "--seed", "5")
    assert first[0] == 0
    assert first == second


def test_two_sided_mode_with_capacity(capsys, tmp_path):
    path = write(tmp_path, "p.csv", HEADER + "a1,A1,Junior doctor,,A,\na2,A2,Junior doctor,,a,\n"
                                              "a3,A3,Junior doctor,,A,\nb1,B1,Manager,,B,\n")
    code, out, err = pairbot(capsys, path, "--mode", "two-sided", "--capacity", "3")
    assert code == 0, err
    doc = json.loads(out)
    assert [sorted(g["members"]) for g in doc["groups"]] == [["a1", "a2", "a3", "b1"]]


def test_groups_of_four(capsys, tmp_path):
    profs = ["Nurse", "GP", "Porter", "Pharmacist", "Midwife"]
    body = "id,name,profession\n" + "".join(f"p{i},P{i},{profs[i % 5]}\n" for i in range(20))
    path = write(tmp_path, "p.csv", body)
    code, out, _ = pairbot(capsys, path, "--group-size", "4")
    assert code == 0
    assert [len(g["members"]) for g in json.loads(out)["groups"]] == [4] * 5


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        ("id,name\na,Ann\n", (), "p.csv: line 1: missing column 'profession'"),
        ("id,name,profession\na,A,Nurse\na,B,GP\n", (), "p.csv: line 3: duplicate id 'a'"),
        ("id,name,profession,side\na,A,Nurse,C\n", (), "p.csv: line 2: side 'C' is not A or B"),
        ("id,name,profession,side\na,A,Nurse,\n", ("--mode", "two-sided"),
         "p.csv: line 2: missing side (two-sided mode needs A or B)"),
        ("", (), "p.csv: the file is empty"),
        ("id,name,profession\n", (), "p.csv: no people after the header row"),
        ("id,name,profession\na,A,Nurse,extra\n", (), "p.csv: line 2: 4 values but only 3"),
        ("id,name,profession\na,,Nurse\n", (), "p.csv: line 2: empty name"),
        ("id,name,profession,unpaired_last_round\na,A,Nurse,maybe\n", (),
         "p.csv: line 2: unpaired_last_round 'maybe' is not 1, 0 or empty"),
        ("id,name,profession\na,A,Nurse\n", ("--group-size", "5"),
         "--group-size: must be between 2 and 4, not 5"),
        ("id,name,profession\na,A,Nurse\n", ("--recency", "-1"),
         "--recency: must be at least 0, not -1"),
        ("id,name,profession\na,A,Nurse\n", ("--seed", "x"), "--seed: 'x' is not a whole number"),
        ("id,name,profession\na,A,Nurse\n", ("--capacity", "2"),
         "--capacity applies to two-sided mode only"),
    ],
)
def test_bad_people_file_or_option_is_one_line_and_exit_2(capsys, tmp_path, content, args,
                                                          message):
    path = write(tmp_path, "p.csv", content)
    code, out, err = pairbot(capsys, path, *args)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("pairbot: ")
    assert message in err


def test_non_utf8_huge_line_and_missing_file(capsys, tmp_path):
    latin = write(tmp_path, "latin.csv", "id,name,profession\na,Zoë,Nurse\n".encode("latin-1"))
    code, _, err = pairbot(capsys, latin)
    assert (code, err.strip()) == (
        2, f"pairbot: {latin}: line 2: not UTF-8 text (save the file as UTF-8)"
    )
    huge = write(tmp_path, "huge.csv", "id,name,profession\na," + "x" * 1_000_000 + ",Nurse\n")
    code, _, err = pairbot(capsys, huge)
    assert code == 2
    assert err.strip() == f"pairbot: {huge}: line 2: longer than 10000 characters"
    quoted = write(tmp_path, "q.csv", 'id,name,profession\na,"' + "x\n" * 6000 + '",Nurse\n')
    code, _, err = pairbot(capsys, quoted)
    assert code == 2
    assert "field larger than field limit" in err
    assert err.count("\n") == 1
    code, _, err = pairbot(capsys, tmp_path / "nope.csv")
    assert (code, err.strip()) == (2, f"pairbot: {tmp_path / 'nope.csv'}: no such file")


def test_bad_history_file(capsys, tmp_path, people):
    bad_round = write(tmp_path, "h.csv", "round,group,id\nlast,g1,n1\n")
    code, _, err = pairbot(capsys, people, "--history", bad_round)
    assert code == 2
    assert err.strip() == f"pairbot: {bad_round}: line 2: round 'last' is not a whole number"
    no_group = write(tmp_path, "h2.csv", "round,id\n1,n1\n")
    code, _, err = pairbot(capsys, people, "--history", no_group)
    assert code == 2
    assert f"{no_group}: line 1: missing column 'group'" in err


def test_help_explains_the_files_and_gives_an_example(capsys):
    code, out, _ = pairbot(capsys, "--help")
    assert code == 0
    for text in ("PEOPLE.csv", "unpaired_last_round", "round,group,id", "--capacity",
                 "example:", "pairbot match examples/people.csv"):
        assert text in out


def test_the_real_command_on_the_bundled_example():
    proc = run_pairbot("match", "examples/people.csv", "--history", "examples/history.csv",
                       cwd=REPO)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["stats"]["people"] == 300
    assert doc["stats"]["grouped"] + doc["stats"]["unpaired"] == 300
    assert doc["stats"]["exact"] == 1


def test_output_does_not_depend_on_the_process_hash_seed(tmp_path):
    # The bundled example's first 100 people and their history: the same kind of input
    # as the whole file (run once above), a fifth of the matching.
    lines = (REPO / "examples" / "people.csv").read_text().splitlines()[:101]
    ids = {line.split(",")[0] for line in lines[1:]}
    history = [line for line in (REPO / "examples" / "history.csv").read_text().splitlines()
               if line.split(",")[-1] in ids]
    write(tmp_path, "people.csv", "\n".join(lines) + "\n")
    write(tmp_path, "history.csv", "round,group,id\n" + "\n".join(history) + "\n")
    args = ("match", "people.csv", "--history", "history.csv", "--seed", "3", "--format", "csv")
    first = run_pairbot(*args, env={"PYTHONHASHSEED": "1"}, cwd=tmp_path)
    second = run_pairbot(*args, env={"PYTHONHASHSEED": "2"}, cwd=tmp_path)
    assert first.returncode == second.returncode == 0
    assert first.stdout == second.stdout


def test_own_output_fed_back_as_history_keeps_the_window_and_states_the_certificate(
        capsys, tmp_path):
    rows = [f"p{i},Person {i},{('Nurse', 'Porter', 'GP', 'Pharmacist')[i % 4]},,," for i in
            range(40)]
    people = write(tmp_path, "people.csv", HEADER + "\n".join(rows) + "\n")
    history = write(tmp_path, "history.csv", "round,group,id\n")
    met: dict[frozenset[str], int] = {}
    for rnd in range(1, 6):
        code, out, err = pairbot(capsys, people, "--history", history, "--recency", "3")
        assert code == 0, err
        doc = json.loads(out)
        assert doc["stats"]["optimal"] is True
        assert doc["stats"]["bound"] == doc["stats"]["pair_score"]
        assert doc["stats"]["gap"] == 0
        lines = []
        for number, group in enumerate(doc["groups"], start=1):
            ids = group["members"]
            for x, a in enumerate(ids):
                for b in ids[x + 1:]:
                    assert met.get(frozenset((a, b)), -99) <= rnd - 1 - 3
                    met[frozenset((a, b))] = rnd
            lines += [f"{rnd},{number},{pid}" for pid in ids]
        with history.open("a", encoding="utf-8") as fh:
            fh.write("\n".join(lines) + "\n")
