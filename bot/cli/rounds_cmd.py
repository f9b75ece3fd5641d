"""`pairbot tick` and `pairbot round preview|run|status`."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
from typing import TYPE_CHECKING

from bot.cli.errors import UserError
from bot.core.i18n import _

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from bot.services.context import Services

logger = logging.getLogger("pairbot")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `tick` and `round`."""
    tick = sub.add_parser(
        "tick",
        help=_("run every job due at an instant (rounds, intros, check-ins, reminders)"),
        description=_("Run every job due at that instant: rounds whose time has come, "
                      "heads-ups, check-ins, reminders, then deliver the outbox. Idempotent: "
                      "running it twice at the same instant sends nothing new. Without a "
                      "scheduler (e.g. from cron), run it every few minutes."),
        epilog=_("example: {command}").format(
            command="pairbot tick --at 2026-12-07T10:00:00+00:00"),
    )
    tick.add_argument("--at", help=_("ISO-8601 instant (default: now); without a zone, UTC"))
    tick.set_defaults(func=run_tick)

    rnd = sub.add_parser(
        "round",
        help=_("preview, run or follow a programme's round"),
        description=_("preview: what the next round would be (nothing is sent). run: run the "
                      "round of the current period now and deliver its introductions. status: "
                      "delivery progress of the latest round. cancel: cancel the latest round "
                      "if it has sent nothing, so that its period can still run."),
        epilog=_("example: {command}").format(
            command="pairbot round preview --programme 'Paired learning'"),
    )
    rnd.add_argument("action", choices=["preview", "run", "status", "cancel"])
    rnd.add_argument("--programme", required=True, metavar="NAME",
                     help=_("programme name (WORKSPACE/NAME when several workspaces share "
                            "it)"))
    rnd.set_defaults(func=run_round_cmd)


def parse_instant(text: str) -> dt.datetime:
    """An ISO-8601 instant; naive means UTC."""
    try:
        at = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise UserError(_("--at: '{text}' is not an ISO-8601 instant, e.g. {example}").format(
            text=text, example="2026-12-07T10:00:00+00:00")) from None
    return at if at.tzinfo else at.replace(tzinfo=dt.UTC)


def _services(engine: Engine, at: dt.datetime | None) -> Services:
    from bot.cli.common import settings_or_exit
    from bot.runtime import attach_platforms, build_services
    from bot.services.clock import FixedClock, SystemClock

    settings = settings_or_exit()
    services = build_services(engine, FixedClock(at) if at else SystemClock(), settings)
    attach_platforms(settings, services, engine)
    return services


def run_tick(args: argparse.Namespace) -> int:
    at = parse_instant(args.at) if args.at else None  # a bad instant costs no imports
    from bot.cli.common import migrated_engine, settings_or_exit
    from bot.services import jobs

    engine = migrated_engine(settings_or_exit())
    services = _services(engine, at)
    report = jobs.run_due(services)
    print(report.summary())
    pending = _pending(services)
    if pending:
        print(_("{count} messages wait for a platform that is not configured here or for "
                "their retry time.").format(count=pending))
    return 0


def _pending(services: Services) -> int:
    from sqlalchemy import func, select

    from bot.store.models import OutboxMessage

    with services.unit_of_work() as session:
        return session.scalar(select(func.count(OutboxMessage.id)).where(
            OutboxMessage.state.in_(("pending", "sending")))) or 0


def find_programme(services: Services, name: str) -> int:
    """The id of the programme called NAME (any characters), or WORKSPACE/NAME."""
    from sqlalchemy import func, select

    from bot.services.console import programme_list
    from bot.store.models import Programme, Workspace

    whole = programme_list.find_programmes(services, name)
    if len(whole) == 1:
        return whole[0].id
    workspace_name, _slash, programme_name = name.rpartition("/")
    with services.unit_of_work() as session:
        query = (select(Programme.id, Workspace.external_id, Workspace.name)
                 .join(Workspace, Workspace.id == Programme.workspace_id)
                 .where(func.lower(Programme.name) == programme_name.strip().lower()))
        rows = session.execute(query).all()
        if workspace_name:
            rows = [r for r in rows if workspace_name in (r[1], r[2])]
        if not rows:
            known = sorted(session.scalars(select(Programme.name)))
            hint = (_("; known: {names}").format(names=", ".join(known)) if known
                    else _("; none exists yet"))
            raise UserError(_("--programme: no programme called '{name}'{hint}").format(
                name=name, hint=hint))
        if len(rows) > 1:
            raise UserError(_("--programme: '{name}' exists in {count} workspaces; write "
                              "WORKSPACE/NAME, e.g. {example}").format(
                name=name, count=len(rows), example=f"{rows[0][1]}/{programme_name}"))
        return int(rows[0][0])


def run_round_cmd(args: argparse.Namespace) -> int:
    from bot.cli.common import migrated_engine, settings_or_exit
    from bot.services import rounds
    from bot.services.console import commands
    from bot.services.delivery import deliver_due

    engine = migrated_engine(settings_or_exit())
    services = _services(engine, None)
    programme_id = find_programme(services, args.programme)
    if args.action == "preview":
        plan = rounds.preview_round(services, programme_id, actor="cli")
        print(plan.summary())
        for group in plan.groups:
            print("  " + _("{members} (score {score})").format(
                members=" + ".join(group.members), score=group.score))
        return 0
    if args.action == "run":
        try:
            plan = rounds.run_round(services, programme_id, actor="cli")
        except rounds.RoundTaken as exc:
            raise UserError(str(exc), exit_code=1) from None
        print(plan.summary())
        report = deliver_due(services)
        print(_("sent {sent}, failed {failed}, retrying {retried}").format(
            sent=report.sent, failed=report.failed, retried=report.retried))
        return 0
    if args.action == "cancel":
        try:
            print(commands.cancel_latest(services, programme_id, actor="cli"))
        except commands.CannotCancel as exc:
            raise UserError(str(exc), exit_code=1) from None
        return 0
    print(round_status(services, programme_id))
    return 0


def round_status(services: Services, programme_id: int) -> str:
    """Delivery progress of the programme's latest round, with an estimate of time left."""
    from sqlalchemy import func, select

    from bot.store.models import OutboxMessage, Round

    with services.unit_of_work() as session:
        latest = session.scalars(select(Round).where(Round.programme_id == programme_id)
                                 .order_by(Round.ordinal.desc()).limit(1)).first()
        if latest is None:
            return _("No round has run yet.")
        counts = dict(session.execute(
            select(OutboxMessage.state, func.count(OutboxMessage.id))
            .where(OutboxMessage.round_id == latest.id).group_by(OutboxMessage.state)).all())
        first, last = session.execute(
            select(func.min(OutboxMessage.sent_at), func.max(OutboxMessage.sent_at))
            .where(OutboxMessage.round_id == latest.id, OutboxMessage.state == "sent")).one()
    sent, failed = counts.get("sent", 0), counts.get("failed", 0)
    pending = counts.get("pending", 0) + counts.get("sending", 0)
    line = _("Round {period}: sent {sent}, failed {failed}, pending {pending}, cancelled "
             "{cancelled}.").format(period=latest.period, sent=sent, failed=failed,
                                    pending=pending, cancelled=counts.get("cancelled", 0))
    if pending and sent > 1 and first and last and last > first:
        rate = (sent - 1) / (last - first).total_seconds()
        line += " " + _("About {seconds} s left at {rate} messages a second.").format(
            seconds=f"{pending / rate:.0f}", rate=f"{rate:.1f}")
    elif not pending:
        line += " " + _("Delivery is complete.")
    return line
