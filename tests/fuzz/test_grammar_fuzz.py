"""Property-based tests (Hypothesis) over what people type: the command grammar, the
`pairbot match` CSV files. Any input gives a result or one clear sentence, never a crash."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from bot.cli.errors import UserError
from bot.cli.main import main
from bot.cli.match import read_history, read_people
from bot.core import commands
from tests.fuzz.profile import fuzz_settings

FAST = fuzz_settings(60)
TODAY = dt.date(2026, 11, 30)
WORDS = st.sampled_from(["pause", "until", "admin", "stats", "preview", "run-now", "status",
                         "resume", "leave", "my-data", "help", "2w", "3d", "1m", "52w",
                         "99999999999999999999w", "2027-01-31", "2026-02-30", "9999-12-31",
                         "0001-01-01", "-1w", "0d", "pair", "me", "\u00a0", "\x00", "٣w"])
TYPED = st.one_of(st.text(max_size=80),
                  st.lists(WORDS, max_size=5).map(" ".join))


@FAST
@given(TYPED)
@example("0\n0")  # an unknown command was echoed with its line break
@example("pause 99999999999999999999w")
def test_any_text_is_a_command_or_one_sentence(text):
    try:
        command = commands.parse_command(text, TODAY)
    except commands.CommandError as exc:
        message = str(exc)
        assert message and "\n" not in message and "Traceback" not in message
        return
    assert command.name in {"profile", "status", "resume", "leave", "my-data", "help",
                            "pause", "admin"}
    if command.name == "pause":
        assert command.until is not None and TODAY < command.until <= TODAY + dt.timedelta(
            days=366)


CELLS = st.one_of(st.text(max_size=12), st.sampled_from(
    ["", "A", "B", "C", "1", "0", "yes", "x" * 300, "Nurse", "Manager", "=1+1", '"', ",",
     "\n", "\r", "\x00", "Nurse;Manager", "1e9", "-1", "99999999999999999999999"]))
ROWS = st.lists(st.lists(CELLS, min_size=0, max_size=7), max_size=8)
HEADERS = st.sampled_from([
    ["id", "name", "profession"], ["id", "name", "profession", "learn", "side",
                                   "unpaired_last_round"], ["id", "name"], [],
    ["round", "group", "id"], ["\ufeffid", "name", "profession"]])


def _csv(header, rows) -> str:
    def cell(value: str) -> str:
        return '"' + value.replace('"', '""') + '"' if any(c in value for c in ',"\n\r') \
            else value
    return "\n".join(",".join(cell(c) for c in line) for line in [header, *rows]) + "\n"


@FAST
@given(HEADERS, ROWS, st.booleans(), st.binary(max_size=40))
def test_any_people_or_history_file_parses_or_names_the_problem(header, rows, two_sided,
                                                                junk):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "people.csv")
        data = _csv(header, rows).encode("utf-8") + (junk if junk and junk[0] % 3 == 0 else b"")
        path.write_bytes(data)
        for read in (lambda: read_people(path, two_sided=two_sided), lambda: read_history(path)):
            try:
                read()
            except UserError as exc:
                assert str(exc).startswith(str(path)) and "\n" not in str(exc)


@pytest.mark.parametrize("mode", ["cross", "two-sided"])
@fuzz_settings(25)
@given(rows=ROWS)
def test_pairbot_match_exits_0_or_2_with_one_line(capsys, mode, rows):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "people.csv")
        header = ["id", "name", "profession", "learn", "side", "unpaired_last_round"]
        path.write_text(_csv(header, rows), encoding="utf-8")
        code = main(["match", str(path), "--mode", mode, "--format", "json"])
        out, err = capsys.readouterr()
        assert code in (0, 2), (code, err)
        assert "Traceback" not in err
        if code == 2:
            assert len(err.strip().splitlines()) == 1
        else:
            assert set(json.loads(out)) >= {"groups", "unpaired"}
