"""The `pairbot` command speaks the terminal's language when pairbot has its catalogue
(LANGUAGE, LC_ALL, LC_MESSAGES, LANG, as gettext reads them), and English otherwise, word
for word as before."""

from __future__ import annotations

import contextvars
from pathlib import Path

import pytest

from bot.cli.main import main, terminal_language


@pytest.mark.parametrize(("environ", "expected"), [
    ({"LANG": "cy_GB.UTF-8"}, "cy"),
    ({"LANG": "cy_GB"}, "cy"),
    ({"LANGUAGE": "cy:en_GB", "LANG": "en_GB.UTF-8"}, "cy"),
    ({"LC_ALL": "en_GB.UTF-8", "LANG": "cy_GB.UTF-8"}, None),  # LC_ALL comes first
    ({"LC_MESSAGES": "cy_GB.UTF-8@euro"}, "cy"),
    ({"LANG": "C.UTF-8"}, None),
    ({"LANG": "POSIX"}, None),
    ({"LANG": "fr_FR.UTF-8"}, None),  # no French catalogue: English
    ({"LANG": "en_US.UTF-8"}, None),
    ({}, None),
])
def test_the_terminal_s_language_is_read_as_gettext_reads_it(environ, expected):
    assert terminal_language(environ) == expected


def _run(monkeypatch, capsys, environ: dict[str, str], *args: str) -> tuple[int, str, str]:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)

    def go() -> int:
        try:
            return main(list(args))
        except SystemExit as exc:  # --help
            return int(exc.code or 0)

    # main() sets the language for the rest of its process: here, for this call only.
    code = contextvars.copy_context().run(go)
    out, err = capsys.readouterr()
    return code, out, err


def test_a_welsh_terminal_gets_welsh_errors_and_help(monkeypatch, capsys, tmp_path: Path):
    missing = tmp_path / "nobody.csv"
    code, _out, err = _run(monkeypatch, capsys, {"LANG": "cy_GB.UTF-8"}, "match", str(missing))
    assert (code, err) == (2, f"pairbot: {missing}: nid oes ffeil o'r fath\n")
    code, out, _err = _run(monkeypatch, capsys, {"LANG": "cy_GB.UTF-8"}, "match", "--help")
    assert code == 0
    assert "Paru'r bobl yn PEOPLE.csv ar gyfer un cylch" in out
    assert "y bobl i'w paru" in out and "the people to match" not in out
    code, _out, err = _run(monkeypatch, capsys, {"LANG": "cy_GB.UTF-8"}, "match",
                           str(missing), "--group-size", "9")
    assert err == "pairbot: --group-size: rhaid iddo fod rhwng 2 a 4, nid 9\n"


def test_an_english_terminal_reads_exactly_what_it_read_before(monkeypatch, capsys, tmp_path):
    missing = tmp_path / "nobody.csv"
    code, _out, err = _run(monkeypatch, capsys, {"LANG": "en_GB.UTF-8"}, "match", str(missing))
    assert (code, err) == (2, f"pairbot: {missing}: no such file\n")
    code, _out, err = _run(monkeypatch, capsys, {"LANG": "fr_FR.UTF-8"}, "match",
                           str(missing), "--group-size", "x")
    assert err == "pairbot: --group-size: 'x' is not a whole number\n"
    code, out, _err = _run(monkeypatch, capsys, {}, "match", "--help")
    assert "Match the people in PEOPLE.csv for one round" in out
    assert "the people to match" in out
