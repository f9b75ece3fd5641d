"""`pairbot match`: the matcher on a spreadsheet, no chat platform needed."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.cli.errors import UserError
from bot.core.i18n import N_, _

if TYPE_CHECKING:
    from bot.core import slots as slot_rules
    from bot.core.matching import Candidate, Group, MatchResult, PastGroup

MAX_LINE = 10_000  # characters; a longer line is a broken file, not a person
MAX_FILE = 200 * 1024 * 1024
TRUE = {"1", "true", "yes", "y"}
FALSE = {"0", "false", "no", "n", ""}

DESCRIPTION = N_("""\
Match the people in PEOPLE.csv for one round and print the groups, who was left out
and why, and some numbers. Nothing is stored and no chat platform is needed.

PEOPLE.csv has a header row and is UTF-8 (a byte-order mark is fine). Columns:
  id                   required, unique
  name                 required, shown in the reasons
  profession           required, e.g. Junior doctor
  learn                optional: professions to learn about, separated by ';'
  side                 A or B; required in two-sided mode
  unpaired_last_round  optional: 1 if left out last time (gets priority), 0 or empty
  availability         optional: when they can usually meet, window keys separated by
                       ';' (weekday-morning 08-12, weekday-afternoon 12-17,
                       weekday-evening 17-21, weekday-night 21-08, and weekend-...);
                       empty: any time
  away                 optional: dates away, YYYY-MM-DD..YYYY-MM-DD or YYYY-MM-DD,
                       separated by ';' (both ends included)
  site, team           optional: where they work, their team
  manager              optional: the id of their line manager (in this file)
  avoid                optional: ids they must not be grouped with, separated by ';'

H.csv (--history) has the columns round,group,id: one row per person per past group;
round is an integer, larger is more recent. Ids that are not in PEOPLE.csv are ignored
(those people have left). An optional met column: 1 met, 0 never met, empty unknown; a
group whose every row has 0 is not a repeat (unless --unmet-counts-as-repeat yes).

Rules: people in a group have different professions (cross mode) or, in two-sided
mode, a group is one person from side B with up to --capacity people from side A.
Nobody meets someone they were grouped with in the last --recency rounds of the
history (rounds r > latest - recency); older meetings are allowed but cost points.
Nobody is grouped with their line manager or anyone on their avoid list.
The most people are grouped first, then the total score is made as high as possible.
With an availability column, people who share a window score 6 points more (not with
--no-availability); people at the same site score 2 more. With --slots-from, someone
away for all of the 14 days from that date is left out (with priority next time), and
each group gets suggested times in those 14 days.
""")

EPILOG = N_("""\
output:
  json (default): {"groups": [{"members": [id, ...], "score": n, "reasons": [...]}],
                   "unpaired": [{"id": id, "reason": text}], "stats": {...}}
        stats include "optimal" (true when no grouping of as many people scores
        more: proven), "bound" (a proven upper bound of the score) and "gap"
        (bound minus score; pairs: of the pair score) and "groups_with_common_time";
        each group has "common_windows" and, with --slots-from, "slots":
        [{"start": ISO-8601 with offset, "end": ...}]
  csv: header group,id,name,profession,score,reasons,common_windows,slots and one row
       per person in a group (group is the group's number, from 1; reasons and slots
       are joined with " | ", windows with ";", a slot is START/END), then one row per
       person left out, with an empty group and score and the reason.

example:
  pairbot match examples/people.csv --history examples/history.csv --seed 7
  pairbot match people.csv --mode two-sided --capacity 2 --format csv > groups.csv

A bad file stops with one line naming the file, the line and the problem (exit 2).
""")


def register(subparsers: Any) -> None:
    """Add the `match` subcommand."""
    parser = subparsers.add_parser(
        "match",
        help=_("match people from a CSV file and print the groups"),
        description=_(DESCRIPTION),
        epilog=_(EPILOG),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("people", metavar="PEOPLE.csv", help=_("the people to match"))
    parser.add_argument("--history", metavar="H.csv", help=_("past groups: round,group,id"))
    parser.add_argument("--mode", choices=("cross", "two-sided"), default="cross",
                        help=_("cross: different professions (default); two-sided: A meets B"))
    # Numbers are read as text and checked here, so a typo gives one line, not a usage dump.
    parser.add_argument("--group-size", metavar="N", default="2",
                        help=_("people per group in cross mode: 2 (default), 3 or 4"))
    parser.add_argument("--capacity", metavar="N", default="1",
                        help=_("two-sided mode: most A's with one B (default 1, pairs)"))
    parser.add_argument("--recency", metavar="R", default="6",
                        help=_("rounds in which a past group may not meet again (default 6)"))
    parser.add_argument("--seed", metavar="S", default="0",
                        help=_("tie-breaking seed: same files and seed, same result (default 0)"))
    parser.add_argument("--format", choices=("json", "csv"), default="json",
                        help=_("output format (default json)"))
    parser.add_argument("--slots-from", metavar="YYYY-MM-DD",
                        help=_("suggest meeting times in the 14 days from this date"))
    parser.add_argument("--slots", metavar="N", default="3",
                        help=_("suggested times per group, 0-5 (default 3)"))
    parser.add_argument("--meeting-minutes", metavar="M", default="30",
                        help=_("length of a meeting, 15-240 minutes (default 30)"))
    parser.add_argument("--timezone", metavar="TZ", default="Europe/London",
                        help=_("time zone of the windows and times (default Europe/London)"))
    parser.add_argument("--holidays", metavar="NATION", default="england",
                        help=_("no times on bank holidays of: england (default), wales, "
                               "scotland, northern-ireland, none"))
    parser.add_argument("--no-availability", action="store_true",
                        help=_("ignore the availability column's score"))
    parser.add_argument("--unmet-counts-as-repeat", metavar="yes|no", default="no",
                        help=_("a past group that never met counts toward --recency "
                               "(default no)"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Read the files, match, print."""
    from bot.core.matching import MatchConfig, MatchInputError, match

    config = MatchConfig(
        mode=args.mode,
        group_size=_int("--group-size", args.group_size, low=2, high=4),
        capacity=_int("--capacity", args.capacity, low=1, high=50),
        recency=_int("--recency", args.recency, low=0),
        seed=_int("--seed", args.seed),
    )
    if config.mode == "two-sided" and config.group_size != 2:
        raise UserError(_("--group-size applies to cross mode; use --capacity in two-sided "
                          "mode"))
    if config.mode == "cross" and config.capacity != 1:
        raise UserError(_("--capacity applies to two-sided mode only"))
    plan = _plan(args)
    repeat = args.unmet_counts_as_repeat.strip().casefold()
    if repeat not in ("yes", "no"):
        raise UserError(_("--unmet-counts-as-repeat: {value} is not yes or no").format(
            value=repr(args.unmet_counts_as_repeat)))
    path = Path(args.people)
    header, _lines = _rows(path, ("id", "name", "profession"))
    people = read_people(path, two_sided=config.mode == "two-sided")
    history = read_history(Path(args.history)) if args.history else []
    config = MatchConfig(
        mode=config.mode, group_size=config.group_size, capacity=config.capacity,
        recency=config.recency, seed=config.seed,
        availability="availability" in header and not args.no_availability,
        unmet_counts_as_repeat=repeat == "yes",
        round_date=plan.first if plan else None,
    )
    try:
        result = match(people, history, config)
    except MatchInputError as exc:
        raise UserError(str(exc)) from None
    times = _suggestions(result, people, plan) if plan else None
    text = (render_csv(result, people, times) if args.format == "csv"
            else render_json(result, times))
    sys.stdout.write(text)
    return 0


class _Plan:
    """What --slots-from and its options ask for, checked."""

    def __init__(self, first: date, count: int, minutes: int, timezone: str,
                 nation: str) -> None:
        self.first, self.count, self.minutes = first, count, minutes
        self.timezone, self.nation = timezone, nation


def _plan(args: argparse.Namespace) -> _Plan | None:
    """The slot options, checked even without --slots-from (a typo is still a typo)."""
    from bot.core import slots as slot_rules

    count = _int("--slots", args.slots, low=0, high=slot_rules.MAX_SLOTS)
    minutes = _int("--meeting-minutes", args.meeting_minutes, low=slot_rules.MIN_MINUTES,
                   high=slot_rules.MAX_MINUTES)
    try:
        slot_rules.zone(args.timezone)
    except slot_rules.SlotInputError:
        raise UserError(_("--timezone: {value} is not a time zone (e.g. Europe/London)")
                        .format(value=repr(args.timezone))) from None
    nation = args.holidays.strip().casefold()
    if nation not in slot_rules.NATIONS:
        raise UserError(_("--holidays: {value} is not one of {choices}").format(
            value=repr(args.holidays), choices=", ".join(slot_rules.NATIONS)))
    if args.slots_from is None:
        return None
    try:
        first = date.fromisoformat(args.slots_from.strip())
    except ValueError:
        raise UserError(_("--slots-from: {value} is not a date (YYYY-MM-DD)").format(
            value=repr(args.slots_from))) from None
    return _Plan(first, count, minutes, args.timezone, nation)


def _suggestions(result: MatchResult, people: Sequence[Candidate], plan: _Plan
                 ) -> list[list[slot_rules.Slot]]:
    """Suggested times per group, inside its common windows, around everyone's away
    dates."""
    from bot.core import slots as slot_rules

    by_id = {c.id: c for c in people}
    return [
        slot_rules.suggest(
            g.common_windows, plan.first, count=plan.count, minutes=plan.minutes,
            timezone=plan.timezone, nation=plan.nation,
            away=[r for m in g.members for r in by_id[m].away],
        )
        for g in result.groups
    ]


def _int(option: str, value: str, *, low: int | None = None, high: int | None = None) -> int:
    try:
        number = int(value)
    except ValueError:
        raise UserError(_("{option}: {value} is not a whole number").format(
            option=option, value=repr(value))) from None
    if (low is not None and number < low) or (high is not None and number > high):
        if high is None:
            raise UserError(_("{option}: must be at least {low}, not {number}").format(
                option=option, low=low, number=number))
        raise UserError(_("{option}: must be between {low} and {high}, not {number}").format(
            option=option, low=low, high=high, number=number))
    return number


def _rows(
    path: Path, required: Sequence[str]
) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Header (lower-cased) and (line number, row) pairs of a UTF-8 CSV file."""
    try:
        if path.stat().st_size > MAX_FILE:
            raise UserError(_("{path}: the file is larger than {size} MB").format(
                path=path, size=MAX_FILE // 2**20))
        data = path.read_bytes()
    except FileNotFoundError:
        raise UserError(_("{path}: no such file").format(path=path)) from None
    except IsADirectoryError:
        raise UserError(_("{path}: is a directory, not a CSV file").format(path=path)) from None
    except OSError as exc:
        raise UserError(_("{path}: cannot read ({reason})").format(
            path=path, reason=exc.strerror)) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        where = data[: exc.start].count(b"\n") + 1
        raise UserError(_("{path}: line {line}: not UTF-8 text (save the file as UTF-8)")
                        .format(path=path, line=where)) from None
    if not text.strip():
        raise UserError(_("{path}: the file is empty (expected a header row: {columns})")
                        .format(path=path, columns=",".join(required)))
    for number, line in enumerate(text.splitlines(), start=1):
        if len(line) > MAX_LINE:
            raise UserError(_("{path}: line {line}: longer than {limit} characters").format(
                path=path, line=number, limit=MAX_LINE))
    old_limit = csv.field_size_limit(MAX_LINE)
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        try:
            header = [h.strip().lower() for h in next(reader)]
            for name in required:
                if name not in header:
                    raise UserError(_("{path}: line 1: missing column {name} (the header "
                                      "has: {header})").format(
                        path=path, name=repr(name), header=", ".join(header) or _("nothing")))
            rows: list[tuple[int, dict[str, str]]] = []
            for raw in reader:
                number = reader.line_num
                if not any(cell.strip() for cell in raw):
                    continue
                if len(raw) > len(header):
                    raise UserError(_("{path}: line {line}: {values} values but only "
                                      "{columns} columns in the header").format(
                        path=path, line=number, values=len(raw), columns=len(header)))
                cells = [c.strip() for c in raw] + [""] * (len(header) - len(raw))
                rows.append((number, dict(zip(header, cells, strict=True))))
        except csv.Error as exc:
            raise UserError(_("{path}: line {line}: {reason}").format(
                path=path, line=reader.line_num, reason=exc)) from None
    finally:
        csv.field_size_limit(old_limit)
    return header, rows


def read_people(path: Path, *, two_sided: bool) -> list[Candidate]:
    """Parse PEOPLE.csv; raise UserError naming the file, line and problem."""
    from bot.core.matching import Candidate

    _header, rows = _rows(path, ("id", "name", "profession"))
    if not rows:
        raise UserError(_("{path}: no people after the header row").format(path=path))
    seen: dict[str, int] = {}
    spelled: dict[str, str] = {}
    parsed: list[tuple[int, dict[str, str]]] = []
    for number, row in rows:
        pid = row["id"]
        for column in ("id", "name", "profession"):
            if not row[column]:
                raise UserError(_("{path}: line {line}: empty {column}").format(
                    path=path, line=number, column=column))
        if pid in seen:
            raise UserError(_("{path}: line {line}: duplicate id {id} (first on line {first})")
                            .format(path=path, line=number, id=repr(pid), first=seen[pid]))
        seen[pid] = number
        spelled.setdefault(row["profession"].casefold(), row["profession"])
        parsed.append((number, row))
    people: list[Candidate] = []
    for number, row in parsed:
        side = row.get("side", "").upper() or None
        if side is not None and side not in ("A", "B"):
            raise UserError(_("{path}: line {line}: side {side} is not A or B").format(
                path=path, line=number, side=repr(row["side"])))
        if two_sided and side is None:
            raise UserError(_("{path}: line {line}: missing side (two-sided mode needs A or B)")
                            .format(path=path, line=number))
        extra = _meeting_fields(path, number, row, seen)
        flag = row.get("unpaired_last_round", "").casefold()
        if flag not in TRUE | FALSE:
            raise UserError(_("{path}: line {line}: unpaired_last_round {value} is not 1, 0 or "
                              "empty").format(path=path, line=number,
                                              value=repr(row["unpaired_last_round"])))
        # Wishes are matched to the professions in the file regardless of case.
        learn = frozenset(
            spelled.get(item.strip().casefold(), item.strip())
            for item in row.get("learn", "").split(";")
            if item.strip()
        )
        people.append(
            Candidate(
                id=row["id"],
                name=row["name"],
                profession=row["profession"],
                learn=learn,
                side=side,
                unpaired_last_round=flag in TRUE,
                **extra,
            )
        )
    return people


def _meeting_fields(path: Path, number: int, row: dict[str, str],
                    ids: dict[str, int]) -> dict[str, Any]:
    """The optional availability, away, site, team, manager and avoid columns (windows and
    away dates read by bot/core/availability.py, as the profile reads them)."""
    from bot.core import availability

    where = _("{path}: line {line}").format(path=path, line=number)
    try:
        windows = availability.parse_windows(row.get("availability", "").split(";"))
        away = availability.parse_away(row.get("away", ""))
    except availability.AvailabilityError as err:
        raise UserError(f"{where}: {_column_problem(err)}") from None
    manager = row.get("manager", "")
    if manager and manager not in ids:
        raise UserError(_("{where}: manager {id} is not an id in this file").format(
            where=where, id=repr(manager)))
    if manager and manager == row["id"]:
        raise UserError(_("{where}: manager {id} is the person themselves").format(
            where=where, id=repr(manager)))
    avoid = frozenset(a.strip() for a in row.get("avoid", "").split(";") if a.strip())
    return {"windows": frozenset(windows), "away": tuple(away), "site": row.get("site", ""),
            "team": row.get("team", ""), "manager": manager, "avoid": avoid - {row["id"]}}


def _column_problem(err: Any) -> str:
    """An availability or away cell the one parser refused, in the CSV's own terms."""
    from bot.core.matching import WINDOWS

    if err.kind == "window":
        return f"availability: {err.value!r} is not a window (use {', '.join(WINDOWS)})"
    if err.kind == "order":
        return f"away: {err.value!r} ends before it starts"
    if err.kind == "count":
        return f"away: give at most {err.value} dates or ranges"
    return f"away: {err.value!r} is not a date or a range YYYY-MM-DD..YYYY-MM-DD"


def read_history(path: Path) -> list[PastGroup]:
    """Parse H.csv (round,group,id, optional met); the matcher ignores ids not among the
    people. A group whose every row has met 0 never met."""
    from bot.core.matching import PastGroup

    _header, rows = _rows(path, ("round", "group", "id"))
    groups: dict[tuple[int, str], set[str]] = {}
    unmet: dict[tuple[int, str], bool] = {}
    for number, row in rows:
        try:
            rnd = int(row["round"])
        except ValueError:
            raise UserError(_("{path}: line {line}: round {value} is not a whole number")
                            .format(path=path, line=number, value=repr(row["round"]))) from None
        if not row["id"]:
            raise UserError(_("{path}: line {line}: empty id").format(path=path, line=number))
        met = row.get("met", "")
        if met not in ("1", "0", ""):
            raise UserError(_("{path}: line {line}: met {value} is not 1, 0 or empty").format(
                path=path, line=number, value=repr(met)))
        key = (rnd, row["group"])
        groups.setdefault(key, set()).add(row["id"])
        unmet[key] = unmet.get(key, True) and met == "0"
    return [PastGroup(round=r, members=frozenset(m), met=False if unmet[(r, g)] else None)
            for (r, g), m in groups.items()]


def _slot_json(slot: slot_rules.Slot) -> dict[str, str]:
    return {"start": slot.start.isoformat(), "end": slot.end.isoformat()}


def _group_json(g: Group, times: list[slot_rules.Slot] | None) -> dict[str, Any]:
    doc: dict[str, Any] = {"members": list(g.members), "score": g.score,
                           "reasons": list(g.reasons),
                           "common_windows": list(g.common_windows)}
    if times is not None:
        doc["slots"] = [_slot_json(s) for s in times]
    return doc


def render_json(result: MatchResult,
                times: Sequence[list[slot_rules.Slot]] | None = None) -> str:
    """The JSON document of `pairbot match --format json`, pretty-printed; with `times`,
    each group's suggested slots."""
    doc = {
        "groups": [
            _group_json(g, times[x] if times is not None else None)
            for x, g in enumerate(result.groups)
        ],
        "unpaired": [{"id": u.id, "reason": u.reason} for u in result.unpaired],
        "stats": dict(result.stats),
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def render_csv(result: MatchResult, people: Sequence[Candidate],
               times: Sequence[list[slot_rules.Slot]] | None = None) -> str:
    """One row per person in a group, then one per person left out."""
    by_id = {c.id: c for c in people}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["group", "id", "name", "profession", "score", "reasons",
                     "common_windows", "slots"])
    for number, g in enumerate(result.groups, start=1):
        windows = ";".join(g.common_windows)
        slots = " | ".join(f"{s.start.isoformat()}/{s.end.isoformat()}"
                           for s in (times[number - 1] if times is not None else []))
        for pid in g.members:
            c = by_id[pid]
            writer.writerow([number, pid, c.name, c.profession, g.score,
                             " | ".join(g.reasons), windows, slots])
    for u in result.unpaired:
        c = by_id[u.id]
        writer.writerow(["", u.id, c.name, c.profession, "", u.reason, "", ""])
    return out.getvalue()
