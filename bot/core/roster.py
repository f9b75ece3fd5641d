"""Reading a staff list to invite: an ESR export or a spreadsheet saved as CSV.

Pure: bytes in, rows and problems out. Every problem of the file is listed at
once, each naming its row as a spreadsheet numbers it (the header is row 1),
so that an organiser can fix the whole file in one go. Any problem refuses the
whole import (all or nothing); `Roster.ok` says whether there is none.

Cells are kept as the text they are: a cell that starts like a formula
(= + - @) is stored as text and written back only through
`bot.core.hygiene.csv_cell`, never as a formula.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from bot.core.settings import ESR_STAFF_GROUPS

# ESR's staff groups (NHS Electronic Staff Record) and a few of its job roles, mapped to
# the default professions (bot/core/profile.py); a programme's `profession_map` replaces
# this. A job role in the map wins over the staff group.
# The programme setting's default (bot/core/settings.py), as `SOURCE=PROFESSION; …` text.
DEFAULT_PROFESSION_MAP = ";".join(f"{source}={target}"
                                  for source, target in ESR_STAFF_GROUPS.items())

COLUMNS = ("email", "name", "profession", "staff_group", "job_role", "site", "team",
           "manager_email")
# Other ways people head the same columns (after lower-casing, spaces and hyphens as _).
_ALIASES = {"e_mail": "email", "email_address": "email", "work_email": "email",
            "full_name": "name", "display_name": "name",
            "line_manager_email": "manager_email", "manager": "manager_email",
            "manager_e_mail": "manager_email", "location": "site", "base_site": "site",
            "department": "team", "ward": "team"}
_EMAIL = re.compile(r"^[^@\s,;<>\"]+@[^@\s,;<>\"]+\.[^@\s,;<>\"]+$")
_FORMULA_FIRST = frozenset("=+-@")
# Cells longer than this are cut (a name, a team): a spreadsheet cell is not an essay.
CELL_MAX = 200
# Signatures of files that are not text at all.
_NOT_CSV = ((b"PK\x03\x04", "an Excel workbook or other zip file"),
            (b"\xd0\xcf\x11\xe0", "an old Excel workbook"),
            (b"%PDF", "a PDF"))


class MapError(ValueError):
    """A profession map that cannot be read; the message names the bad pair."""


@dataclass(frozen=True)
class Problem:
    """Something wrong with the file (`row` None) or with one row."""

    row: int | None
    text: str

    def __str__(self) -> str:
        return f"Row {self.row}: {self.text}" if self.row is not None else self.text


@dataclass(frozen=True)
class Person:
    """A row to invite, cleaned: e-mail lower-cased, profession mapped."""

    row: int
    email: str
    name: str
    profession: str
    site: str = ""
    team: str = ""
    manager_email: str = ""


@dataclass(frozen=True)
class Roster:
    """The file read: the people to invite and every problem found."""

    people: tuple[Person, ...] = ()
    problems: tuple[Problem, ...] = ()
    # Rows whose cells started like a formula: kept as text, said so, not a problem.
    formula_rows: tuple[int, ...] = ()
    rows: int = 0

    @property
    def ok(self) -> bool:
        """No problem: the import may go ahead."""
        return not self.problems


def parse_profession_map(text: str | None) -> dict[str, str]:
    """`SOURCE=PROFESSION; …` as a case-insensitive lookup (keys lower-cased)."""
    out: dict[str, str] = {}
    for pair in (text if text is not None else DEFAULT_PROFESSION_MAP).split(";"):
        if not pair.strip():
            continue
        source, sep, target = pair.partition("=")
        if not sep or not source.strip() or not target.strip():
            raise MapError(f"'{pair.strip()}' in the profession map is not SOURCE=PROFESSION.")
        out[_key(source)] = target.strip()
    return out


@functools.lru_cache(maxsize=4096)
def _key(text: str) -> str:
    # Cached: a file repeats a few dozen staff groups and job roles across all its rows.
    return " ".join(text.split()).casefold()


def _column(header: str) -> str:
    name = re.sub(r"[\s\-]+", "_", header.strip().lstrip("\ufeff").strip().lower())
    return _ALIASES.get(name, name)


_SURROGATE = re.compile("[\udc80-\udcff]")


def _not_utf8(cell: str) -> bool:
    # Decoded with surrogateescape: each byte that was not UTF-8 is a lone surrogate.
    return _SURROGATE.search(cell) is not None


def _decode(data: bytes) -> tuple[str | None, str | None]:
    """The text of the file, or why it is not a text file."""
    if not data.strip():
        return None, "The file is empty."
    for magic, what in _NOT_CSV:
        if data.startswith(magic):
            return None, (f"The file is not a CSV file (it looks like {what}): save it as "
                          "'CSV UTF-8' and try again.")
    if b"\x00" in data[:65536]:
        return None, ("The file is not a CSV file (it holds binary data, or is UTF-16): save "
                      "it as 'CSV UTF-8' and try again.")
    text = data.decode("utf-8", errors="surrogateescape")
    return text.removeprefix("\ufeff"), None


def read_roster(data: bytes, *, professions: Sequence[str] = (),
                profession_map: str | None = None) -> Roster:
    """Read an import file against a programme's professions and profession map.

    A row's profession is its `profession` cell, else its job role, else its staff
    group, mapped through the profession map; with `professions` given it must be one of
    them. Raises MapError for a profession map that cannot be read.
    """
    mapping = parse_profession_map(profession_map)
    text, why = _decode(data)
    if text is None:
        return Roster(problems=(Problem(None, why or "The file cannot be read."),))
    try:
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        header = next(reader, None)
        body = list(reader)
    except csv.Error as exc:
        return Roster(problems=(Problem(None, f"The file is not a CSV file that can be read "
                                              f"({exc}); save it as 'CSV UTF-8'."),))
    if not header or not any(h.strip() for h in header):
        return Roster(problems=(Problem(None, "The file is empty."),))
    columns = [_column(h) for h in header]
    if "email" not in columns:
        return Roster(problems=(Problem(None, "The file has no email column: the first row "
                                              "must name the columns, one of them 'email'."),))
    if len(header) == 1 and body and any(";" in r[0] or "\t" in r[0] for r in body[:5] if r):
        return Roster(problems=(Problem(None, "The file is not comma-separated (it seems to "
                                              "use semicolons or tabs): save it as "
                                              "'CSV UTF-8'."),))
    index = {c: columns.index(c) for c in COLUMNS if c in columns}
    allowed = {_key(p): p for p in professions}
    problems: list[Problem] = []
    people: list[Person] = []
    formula_rows: list[int] = []
    bad_rows: list[int] = []
    good_rows_with_text = 0
    seen: dict[str, int] = {}
    rows = 0
    any_broken = _not_utf8(text)
    for number, cells in enumerate(body, start=2):
        if not any(c.strip() for c in cells):
            continue  # blank lines, as spreadsheets leave at the end
        rows += 1
        row_problems: list[str] = []

        width = len(cells)
        values = dict.fromkeys(COLUMNS, "")
        values.update({name: cells[i].strip()[:CELL_MAX] for name, i in index.items()
                       if i < width})
        cell = values.__getitem__

        broken = [header[i].strip() or f"column {i + 1}" for i, c in enumerate(cells)
                  if i < len(header) and _not_utf8(c)] if any_broken else []
        if broken:
            bad_rows.append(number)
            noun = "cell is" if len(broken) == 1 else "cells are"
            row_problems.append(f"the {_names(broken)} {noun} not UTF-8 text")
        elif any_broken and any(not c.isascii() for c in cells):
            good_rows_with_text += 1
        if any(c.lstrip()[:1] in _FORMULA_FIRST for c in cells if c):
            formula_rows.append(number)
        email = cell("email").lower()
        if not email:
            row_problems.append("no e-mail address")
        elif not _EMAIL.match(email) or (any_broken and _not_utf8(email)):
            row_problems.append(f"'{_shown(cell('email'))}' is not an e-mail address")
        elif email in seen:
            row_problems.append(f"the same e-mail address as row {seen[email]} (a duplicate row)")
        else:
            seen[email] = number
        profession, why_not = _profession(cell("profession"), cell("job_role"),
                                          cell("staff_group"), mapping, allowed)
        if why_not:
            row_problems.append(why_not)
        manager = cell("manager_email").lower()
        problems.extend(Problem(number, p) for p in row_problems)
        if not row_problems:
            people.append(Person(row=number, email=email,
                                 name=cell("name") or email.split("@")[0],
                                 profession=profession, site=cell("site"), team=cell("team"),
                                 manager_email=manager))
        elif manager:
            # Still checked below, so that every problem of the row is listed at once.
            people.append(Person(row=number, email="", name="", profession="",
                                 manager_email=manager))
    problems.extend(_manager_problems(people, seen))
    people = [p for p in people if p.email]
    if bad_rows and good_rows_with_text:
        problems.insert(0, Problem(None, "The file mixes encodings: some rows are UTF-8 and "
                                         f"rows {_numbers(bad_rows)} are not. Save the whole "
                                         "file as 'CSV UTF-8' and try again."))
    problems.sort(key=lambda p: (p.row is not None, p.row or 0))
    return Roster(people=tuple(people),
                  problems=tuple(problems), formula_rows=tuple(formula_rows), rows=rows)


def _manager_problems(people: Iterable[Person], seen: Mapping[str, int]) -> list[Problem]:
    out = []
    for p in people:
        manager = p.manager_email
        if not manager:
            continue
        if manager == p.email:
            out.append(Problem(p.row, "the person is given as their own manager"))
        elif manager not in seen:
            what = (f"the manager '{_shown(manager)}' is not in the file"
                    if _EMAIL.match(manager) else
                    f"the manager '{_shown(manager)}' is not an e-mail address")
            out.append(Problem(p.row, what))
    return out


def _profession(profession: str, job_role: str, staff_group: str, mapping: Mapping[str, str],
                allowed: Mapping[str, str]) -> tuple[str, str]:
    """The row's profession, or why it has none."""
    if profession:
        kind, given = "profession", profession
        target = mapping.get(_key(profession), profession)
    elif job_role and _key(job_role) in mapping:
        kind, given, target = "job role", job_role, mapping[_key(job_role)]
    elif staff_group and _key(staff_group) in mapping:
        kind, given, target = "staff group", staff_group, mapping[_key(staff_group)]
    elif staff_group or job_role:
        what = (f"the staff group '{_shown(staff_group)}'" if staff_group
                else f"the job role '{_shown(job_role)}'")
        return "", f"{what} is not in the profession map"
    else:
        return "", "no profession, staff group or job role"
    if not allowed:
        return target, ""
    found = allowed.get(_key(target))
    if found is not None:
        return found, ""
    source = f"the {kind} '{_shown(given)}'"
    if target == profession:
        return "", f"{source} is not one of the programme's professions"
    return "", (f"{source} maps to '{_shown(target)}', which is not one of the programme's "
                "professions")


def _shown(text: str) -> str:
    """A cell as a message quotes it: bytes that were not UTF-8 as '?', at most 60 chars."""
    clean = "".join("?" if "\udc80" <= ch <= "\udcff" else ch for ch in text)
    return clean if len(clean) <= 60 else clean[:57] + "..."


def _names(headers: Sequence[str]) -> str:
    quoted = [f"'{h}'" for h in headers]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _numbers(rows: Sequence[int], most: int = 10) -> str:
    shown = ", ".join(str(r) for r in rows[:most])
    return shown + (f" and {len(rows) - most} more" if len(rows) > most else "")
