"""`pairbot people import FILE.csv --programme NAME [--workspace ID] [--dry-run]`,
`pairbot people status --programme NAME` and
`pairbot people manager --programme NAME --person EMAIL_OR_ID --manager EMAIL_OR_ID|--clear`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from bot.cli.errors import UserError
from bot.core.i18n import _, ngettext

if TYPE_CHECKING:
    from bot.services import enrolment

# A file larger than this is not a staff list (100,000 rows of ESR are about 20 MB).
MAX_BYTES = 200 * 1024 * 1024
ACTOR = "cli"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `people`."""
    parser = sub.add_parser(
        "people", help=_("invite people from a staff list (an ESR export or a spreadsheet)"),
        description=_("import FILE.csv: invite everyone in the file to the programme. Columns "
                      "(header names in any case): email (required), name, profession, "
                      "staff_group and job_role (ESR's 'Staff Group' and 'Job Role' as "
                      "written), site, team, manager_email. Staff groups and job roles become "
                      "professions through the programme's profession_map. With --dry-run, "
                      "print what would happen and change nothing. Any problem in the file "
                      "refuses the whole import. Exit 0 done, 1 refused (problems found, "
                      "nothing imported), 2 bad input. status: each import's invited, "
                      "accepted, declined, no answer and not reachable people (with the "
                      "reason and a join link to send them). manager: set or clear one "
                      "person's line manager (--person and --manager: the e-mail address "
                      "their import used, or their chat user id); pairbot never groups "
                      "them."))
    parser.add_argument("action", choices=["import", "status", "manager"])
    parser.add_argument("file", metavar="FILE.csv", nargs="?",
                        help=_("the staff list, CSV UTF-8 (import)"))
    parser.add_argument("--programme", required=True, metavar="NAME",
                        help=_("the programme to invite them to"))
    parser.add_argument("--workspace", metavar="ID",
                        help=_("the Slack team id or Teams tenant id (needed where several "
                               "exist)"))
    parser.add_argument("--dry-run", action="store_true",
                        help=_("print the preview (rows to invite, every problem) and change "
                               "nothing"))
    parser.add_argument("--profession-map", metavar="MAP",
                        help=_("SOURCE=PROFESSION pairs separated by ';' for this import "
                               "(default: the programme's profession_map)"))
    parser.add_argument("--person", metavar="EMAIL_OR_ID",
                        help=_("manager: whose line manager to set"))
    parser.add_argument("--manager", metavar="EMAIL_OR_ID",
                        help=_("manager: their line manager, someone of the same programme"))
    parser.add_argument("--clear", action="store_true",
                        help=_("manager: clear their line manager instead"))
    parser.set_defaults(func=run)


def _read(path: str) -> bytes:
    file = Path(path)
    try:
        if file.stat().st_size > MAX_BYTES:
            raise UserError(_("{path}: the file is larger than {size} MB").format(
                path=path, size=MAX_BYTES // 2**20))
        return file.read_bytes()
    except FileNotFoundError:
        raise UserError(_("{path}: no such file").format(path=path)) from None
    except IsADirectoryError:
        raise UserError(_("{path}: is a folder, not a file").format(path=path)) from None
    except OSError as exc:
        raise UserError(_("{path}: cannot be read ({reason})").format(
            path=path, reason=exc.strerror or exc)) from None


def run(args: argparse.Namespace) -> int:
    if args.action == "status":
        return status(args)
    if args.action == "manager":
        return manager(args)
    if not args.file:
        raise UserError(_("people import: give the staff list, FILE.csv"))
    from bot.cli.common import settings_or_exit
    from bot.cli.programme_cmd import _one, _services
    from bot.services import enrolment
    data = _read(args.file)
    services = _services(settings_or_exit())
    programme = _one(services, args.programme, args.workspace)
    plan = enrolment.preview(services, programme.id, data, profession_map=args.profession_map)
    _print(plan)
    if not plan.ok:
        file_level = plan.map_error or any(p.row is None for p in plan.roster.problems)
        print(ngettext("Refused: {count} problem found; nothing was imported.",
                       "Refused: {count} problems found; nothing was imported.",
                       len(plan.problems)).format(count=len(plan.problems)))
        return 2 if file_level else 1
    if args.dry_run:
        print(_("Dry run: nothing was changed."))
        return 0
    made = enrolment.import_people(services, programme.id, data, actor=ACTOR,
                                   profession_map=args.profession_map)
    if not isinstance(made, enrolment.Imported):  # the programme changed in between
        _print(made)
        print(_("Refused: nothing was imported."))
        return 1
    print(_("Imported: {invited} invited, {updated} updated, {skipped} not invited again. The "
            "invitations go out at the platform's pace; the console's import page shows their "
            "progress.").format(invited=made.invited, updated=made.updated,
                                skipped=made.skipped))
    if made.managers:
        print(ngettext("{count} person's line manager changed.",
                       "{count} people's line managers changed.",
                       made.managers).format(count=made.managers))
    return 0


def _print(plan: enrolment.Preview) -> None:
    print(_("{programme}: {rows} rows read.").format(programme=plan.programme,
                                                     rows=plan.roster.rows))
    if plan.problems:
        print(_("Problems ({count}):").format(count=len(plan.problems)))
        for problem in plan.problems:
            print(f"  {problem}")
        return
    print(_("To invite ({count}):").format(count=len(plan.invite)))
    for p in plan.invite:
        details = ", ".join(v for v in (p.profession, p.site, p.team) if v)
        print("  " + _("Row {row}: {email} ({details})").format(row=p.row, email=p.email,
                                                              details=details))
    if plan.update:
        print(_("Already invited or taking part, updated ({count}):").format(
            count=len(plan.update)))
        for p in plan.update:
            print("  " + _("Row {row}: {email}").format(row=p.row, email=p.email))
    if plan.skipped:
        print(_("Not invited again ({count}):").format(count=len(plan.skipped)))
        for s in plan.skipped:
            print("  " + _("Row {row}: {email}: {reason}").format(row=s.row, email=s.email,
                                                                reason=s.reason))
    if plan.managers_note:
        print(plan.managers_note)
    for note in plan.notes:
        print(_("Note: {note}").format(note=note))


def status(args: argparse.Namespace) -> int:
    """Each import's funnel, and who could not be reached, why, and the link to send."""
    from bot.cli.common import migrated_engine, settings_or_exit
    from bot.cli.programme_cmd import _one
    from bot.cli.rounds_cmd import _services as with_platforms
    from bot.services import enrolment

    # With the platforms attached: they make the join links.
    services = with_platforms(migrated_engine(settings_or_exit()), None)
    programme = _one(services, args.programme, args.workspace)
    funnels = enrolment.funnels(services, programme.id)
    if not funnels:
        print(_("{programme}: no staff list has been imported yet.").format(
            programme=programme.name))
        return 0
    for f in funnels:
        print(_("{programme}: import of {when} by {actor}: {invited} invited, {accepted} "
                "accepted, {declined} declined, {no_answer} no answer, {lapsed} lapsed, "
                "{unreachable} not reachable ({sent} sent, {waiting} waiting).").format(
                    programme=programme.name, when=f"{f.at:%Y-%m-%d %H:%M}", actor=f.actor,
                    invited=f.invited, accepted=f.accepted, declined=f.declined,
                    no_answer=f.no_answer, lapsed=f.expired, unreachable=len(f.unreachable),
                    sent=f.sent, waiting=f.waiting))
        if f.unreachable:
            print(_("Not reachable:"))
        for email, reason, link in f.unreachable:
            if link:
                print("  " + _("{email}: {reason}; join link: {link}").format(
                    email=email, reason=reason, link=link))
            else:
                print("  " + _("{email}: {reason}").format(email=email, reason=reason))
    return 0


def manager(args: argparse.Namespace) -> int:
    """Set or clear one person's line manager (audited as the command line)."""
    from bot.cli.common import settings_or_exit
    from bot.cli.programme_cmd import _one, _services
    from bot.services.console import access, line_managers

    if not args.person:
        raise UserError(_("people manager: give --person, their e-mail address or chat user "
                          "id"))
    if bool(args.manager) == bool(args.clear):
        raise UserError(_("people manager: give --manager EMAIL_OR_ID or --clear, one of "
                          "them"))
    services = _services(settings_or_exit())
    programme = _one(services, args.programme, args.workspace)
    try:
        person = line_managers.find_person(services, programme.id, args.person)
        chosen = (line_managers.find_person(services, programme.id, args.manager)
                  if args.manager else None)
    except access.NotFound as exc:
        raise UserError(str(exc)) from None
    try:
        print(line_managers.set_manager(services, access.OPERATOR, programme.id, person,
                                        chosen, actor=ACTOR))
    except line_managers.Refused as exc:
        raise UserError(str(exc), exit_code=1) from None
    return 0
