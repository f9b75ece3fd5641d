"""`pairbot match`: the matcher on a spreadsheet, no chat platform needed."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.cli.errors import UserError

if TYPE_CHECKING:
    from bot.core.matching import Candidate, MatchResult, PastGroup

MAX_LINE = 10_000  # characters; a longer line is a broken file, not a person
MAX_FILE = 200 * 1024 * 1024
TRUE = {"1", "true", "yes", "y"}
FALSE = {"0", "false", "no", "n", ""}

DESCRIPTION = """\
Match the people in PEOPLE.csv for one round and print the groups, who was left out
and why, and some numbers. Nothing is stored and no chat platform is needed.

PEOPLE.csv has a header row and is UTF-8 (a byte-order mark is fine). Columns:
  id                   required, unique
  name                 required, shown in the reasons
  profession           required, e.g. Junior doctor
  learn                optional: professions to learn about, separated by ';'
  side                 A or B; required in two-sided mode
  unpaired_last_round  optional: 1 if left out last time (gets priority), 0 or empty

H.csv (--history) has the columns round,group,id: one row per person per past group;
round is an integer, larger is more recent. Ids that are not in PEOPLE.csv are ignored
(those people have left).

Rules: people in a group have different professions (cross mode) or, in two-sided
mode, a group is one person from side B with up to --capacity people from side A.
Nobody meets someone they were grouped with in the last --recency rounds of the
history (rounds r > latest - recency); older meetings are allowed but cost points.
The most people are grouped first, then the total score is made as high as possible.
"""

EPILOG = """\
output:
  json (default): {"groups": [{"members": [id, ...], "score": n, "reasons": [...]}],
                   "unpaired": [{"id": id, "reason": text}], "stats": {...}}
        stats include "optimal" (true when no grouping of as many people scores
        more: proven), "bound" (a proven upper bound of the score) and "gap"
        (bound minus score; pairs: of the pair score)
  csv: header group,id,name,profession,score,reasons and one row per person in a
       group (group is the group's number, from 1; reasons are joined with " | "),
       then one row per person left out, with an empty group and score and the reason.

example:
  pairbot match examples/people.csv --history examples/history.csv --seed 7
  pairbot match people.csv --mode two-sided --capacity 2 --format csv > groups.csv

A bad file stops with one line naming the file, the line and the problem (exit 2).
"""


def register(subparsers: Any) -> None:
    """Add the `match` subcommand."""
    parser = subparsers.add_parser(
        "match",
        help="match people from a CSV file and print the groups",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("people", metavar="PEOPLE.csv", help="the people to match")
    parser.add_argument("--history", metavar="H.csv", help="past groups: round,group,id")
    parser.add_argument("--mode", choices=("cross", "two-sided"), default="cross",
                        help="cross: different professions (default); two-sided: A meets B")
    # Numbers are read as text and checked here, so a typo gives one line, not a usage dump.
    parser.add_argument("--group-size", metavar="N", default="2",
                        help="people per group in cross mode: 2 (default), 3 or 4")
    parser.add_argument("--capacity", metavar="N", default="1",
                        help="two-sided mode: most A's with one B (default 1, pairs)")
    parser.add_argument("--recency", metavar="R", default="6",
                        help="rounds in which a past group may not meet again (default 6)")
    parser.add_argument("--seed", metavar="S", default="0",
                        help="tie-breaking seed: same files and seed, same result (default 0)")
    parser.add_argument("--format", choices=("json", "csv"), default="json",
                        help="output format (default json)")
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
        raise UserError("--group-size applies to cross mode; use --capacity in two-sided mode")
    if config.mode == "cross" and config.capacity != 1:
        raise UserError("--capacity applies to two-sided mode only")
    people = read_people(Path(args.people), two_sided=config.mode == "two-sided")
    history = read_history(Path(args.history)) if args.history else []
    try:
        result = match(people, history, config)
    except MatchInputError as exc:
        raise UserError(str(exc)) from None
    text = render_csv(result, people) if args.format == "csv" else render_json(result)
    sys.stdout.write(text)
    return 0


def _int(option: str, value: str, *, low: int | None = None, high: int | None = None) -> int:
    try:
        number = int(value)
    except ValueError:
        raise UserError(f"{option}: {value!r} is not a whole number") from None
    if (low is not None and number < low) or (high is not None and number > high):
        if high is None:
            raise UserError(f"{option}: must be at least {low}, not {number}")
        raise UserError(f"{option}: must be between {low} and {high}, not {number}")
    return number


def _rows(
    path: Path, required: Sequence[str]
) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Header (lower-cased) and (line number, row) pairs of a UTF-8 CSV file."""
    try:
        if path.stat().st_size > MAX_FILE:
            raise UserError(f"{path}: the file is larger than {MAX_FILE // 2**20} MB")
        data = path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UserError(f"{path}: is a directory, not a CSV file") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot read ({exc.strerror})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        where = data[: exc.start].count(b"\n") + 1
        raise UserError(f"{path}: line {where}: not UTF-8 text (save the file as UTF-8)") from None
    if not text.strip():
        raise UserError(f"{path}: the file is empty (expected a header row: "
                        f"{','.join(required)})")
    for number, line in enumerate(text.splitlines(), start=1):
        if len(line) > MAX_LINE:
            raise UserError(f"{path}: line {number}: longer than {MAX_LINE} characters")
    old_limit = csv.field_size_limit(MAX_LINE)
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        try:
            header = [h.strip().lower() for h in next(reader)]
            for name in required:
                if name not in header:
                    raise UserError(f"{path}: line 1: missing column {name!r} "
                                    f"(the header has: {', '.join(header) or 'nothing'})")
            rows: list[tuple[int, dict[str, str]]] = []
            for raw in reader:
                number = reader.line_num
                if not any(cell.strip() for cell in raw):
                    continue
                if len(raw) > len(header):
                    raise UserError(f"{path}: line {number}: {len(raw)} values but only "
                                    f"{len(header)} columns in the header")
                cells = [c.strip() for c in raw] + [""] * (len(header) - len(raw))
                rows.append((number, dict(zip(header, cells, strict=True))))
        except csv.Error as exc:
            raise UserError(f"{path}: line {reader.line_num}: {exc}") from None
    finally:
        csv.field_size_limit(old_limit)
    return header, rows


def read_people(path: Path, *, two_sided: bool) -> list[Candidate]:
    """Parse PEOPLE.csv; raise UserError naming the file, line and problem."""
    _, rows = _rows(path, ("id", "name", "profession"))
    if not rows:
        raise UserError(f"{path}: no people after the header row")
    seen: dict[str, int] = {}
    spelled: dict[str, str] = {}
    parsed: list[tuple[int, dict[str, str]]] = []
    for number, row in rows:
        pid = row["id"]
        for column in ("id", "name", "profession"):
            if not row[column]:
                raise UserError(f"{path}: line {number}: empty {column}")
        if pid in seen:
            raise UserError(f"{path}: line {number}: duplicate id {pid!r} "
                            f"(first on line {seen[pid]})")
        seen[pid] = number
        spelled.setdefault(row["profession"].casefold(), row["profession"])
        parsed.append((number, row))
    from bot.core.matching import Candidate

    people: list[Candidate] = []
    for number, row in parsed:
        side = row.get("side", "").upper() or None
        if side is not None and side not in ("A", "B"):
            raise UserError(f"{path}: line {number}: side {row['side']!r} is not A or B")
        if two_sided and side is None:
            raise UserError(f"{path}: line {number}: missing side (two-sided mode needs A or B)")
        flag = row.get("unpaired_last_round", "").casefold()
        if flag not in TRUE | FALSE:
            raise UserError(f"{path}: line {number}: unpaired_last_round "
                            f"{row['unpaired_last_round']!r} is not 1, 0 or empty")
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
            )
        )
    return people


def read_history(path: Path) -> list[PastGroup]:
    """Parse H.csv (round,group,id); the matcher ignores ids not among the people."""
    _, rows = _rows(path, ("round", "group", "id"))
    groups: dict[tuple[int, str], set[str]] = {}
    for number, row in rows:
        try:
            rnd = int(row["round"])
        except ValueError:
            raise UserError(f"{path}: line {number}: round {row['round']!r} is not a whole "
                            f"number") from None
        if not row["id"]:
            raise UserError(f"{path}: line {number}: empty id")
        groups.setdefault((rnd, row["group"]), set()).add(row["id"])
    from bot.core.matching import PastGroup

    return [PastGroup(round=r, members=frozenset(m)) for (r, _), m in groups.items()]


def render_json(result: MatchResult) -> str:
    """The JSON document of design.md, pretty-printed."""
    doc = {
        "groups": [
            {"members": list(g.members), "score": g.score, "reasons": list(g.reasons)}
            for g in result.groups
        ],
        "unpaired": [{"id": u.id, "reason": u.reason} for u in result.unpaired],
        "stats": dict(result.stats),
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def render_csv(result: MatchResult, people: Sequence[Candidate]) -> str:
    """One row per person in a group, then one per person left out."""
    by_id = {c.id: c for c in people}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["group", "id", "name", "profession", "score", "reasons"])
    for number, g in enumerate(result.groups, start=1):
        for pid in g.members:
            c = by_id[pid]
            writer.writerow([number, pid, c.name, c.profession, g.score, " | ".join(g.reasons)])
    for u in result.unpaired:
        c = by_id[u.id]
        writer.writerow(["", u.id, c.name, c.profession, "", u.reason])
    return out.getvalue()
