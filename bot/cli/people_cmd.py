"""`pairbot people import FILE.csv --programme NAME [--workspace ID] [--dry-run]` and
`pairbot people status --programme NAME`."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.cli.common import settings_or_exit
from bot.cli.errors import UserError
from bot.cli.programme_cmd import _one, _services
from bot.services import enrolment

# A file larger than this is not a staff list (100,000 rows of ESR are about 20 MB).
MAX_BYTES = 200 * 1024 * 1024
ACTOR = "cli"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `people`."""
    parser = sub.add_parser(
        "people", help="invite people from a staff list (an ESR export or a spreadsheet)",
        description="import FILE.csv: invite everyone in the file to the programme. Columns "
        "(header names in any case): email (required), name, profession, staff_group and "
        "job_role (ESR's 'Staff Group' and 'Job Role' as written), site, team, manager_email. "
        "Staff groups and job roles become professions through the programme's "
        "profession_map. With --dry-run, print what would happen and change nothing. Any "
        "problem in the file refuses the whole import. Exit 0 done, 1 refused (problems "
        "found, nothing imported), 2 bad input. status: each import's invited, accepted, "
        "declined, no answer and not reachable people (with the reason and a join link to "
        "send them).")
    parser.add_argument("action", choices=["import", "status"])
    parser.add_argument("file", metavar="FILE.csv", nargs="?",
                        help="the staff list, CSV UTF-8 (import)")
    parser.add_argument("--programme", required=True, metavar="NAME",
                        help="the programme to invite them to")
    parser.add_argument("--workspace", metavar="ID",
                        help="the Slack team id or Teams tenant id (needed where several exist)")
    parser.add_argument("--dry-run", action="store_true",
                        help="print the preview (rows to invite, every problem) and change "
                        "nothing")
    parser.add_argument("--profession-map", metavar="MAP",
                        help="SOURCE=PROFESSION pairs separated by ';' for this import "
                        "(default: the programme's profession_map)")
    parser.set_defaults(func=run)


def _read(path: str) -> bytes:
    file = Path(path)
    try:
        if file.stat().st_size > MAX_BYTES:
            raise UserError(f"{path}: the file is larger than {MAX_BYTES // 2**20} MB")
        return file.read_bytes()
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UserError(f"{path}: is a folder, not a file") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def run(args: argparse.Namespace) -> int:
    if args.action == "status":
        return status(args)
    if not args.file:
        raise UserError("people import: give the staff list, FILE.csv")
    data = _read(args.file)
    services = _services(settings_or_exit())
    programme = _one(services, args.programme, args.workspace)
    plan = enrolment.preview(services, programme.id, data, profession_map=args.profession_map)
    _print(plan)
    if not plan.ok:
        file_level = plan.map_error or any(p.row is None for p in plan.roster.problems)
        print(f"Refused: {len(plan.problems)} problem{'s' if len(plan.problems) != 1 else ''} "
              "found; nothing was imported.")
        return 2 if file_level else 1
    if args.dry_run:
        print("Dry run: nothing was changed.")
        return 0
    made = enrolment.import_people(services, programme.id, data, actor=ACTOR,
                                   profession_map=args.profession_map)
    if not isinstance(made, enrolment.Imported):  # the programme changed in between
        _print(made)
        print("Refused: nothing was imported.")
        return 1
    print(f"Imported: {made.invited} invited, {made.updated} updated, {made.skipped} not "
          "invited again. The invitations go out at the platform's pace; the console's "
          "import page shows their progress.")
    return 0


def _print(plan: enrolment.Preview) -> None:
    print(f"{plan.programme}: {plan.roster.rows} rows read.")
    if plan.problems:
        print(f"Problems ({len(plan.problems)}):")
        for problem in plan.problems:
            print(f"  {problem}")
        return
    print(f"To invite ({len(plan.invite)}):")
    for p in plan.invite:
        details = ", ".join(v for v in (p.profession, p.site, p.team) if v)
        print(f"  Row {p.row}: {p.email} ({details})")
    if plan.update:
        print(f"Already invited or taking part, updated ({len(plan.update)}):")
        for p in plan.update:
            print(f"  Row {p.row}: {p.email}")
    if plan.skipped:
        print(f"Not invited again ({len(plan.skipped)}):")
        for s in plan.skipped:
            print(f"  Row {s.row}: {s.email}: {s.reason}")
    for note in plan.notes:
        print(f"Note: {note}")


def status(args: argparse.Namespace) -> int:
    """Each import's funnel, and who could not be reached, why, and the link to send."""
    from bot.cli.common import migrated_engine
    from bot.cli.rounds_cmd import _services as with_platforms

    # With the platforms attached: they make the join links.
    services = with_platforms(migrated_engine(settings_or_exit()), None)
    programme = _one(services, args.programme, args.workspace)
    funnels = enrolment.funnels(services, programme.id)
    if not funnels:
        print(f"{programme.name}: no staff list has been imported yet.")
        return 0
    for f in funnels:
        print(f"{programme.name}: import of {f.at:%Y-%m-%d %H:%M} by {f.actor}: "
              f"{f.invited} invited, {f.accepted} accepted, {f.declined} declined, "
              f"{f.no_answer} no answer, {f.expired} lapsed, {len(f.unreachable)} not "
              f"reachable ({f.sent} sent, {f.waiting} waiting).")
        if f.unreachable:
            print("Not reachable:")
        for email, reason, link in f.unreachable:
            print(f"  {email}: {reason}" + (f"; join link: {link}" if link else ""))
    return 0
