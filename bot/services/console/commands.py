"""What an organiser does from the console: create, change, archive, duplicate, pause a
programme; act on a participant; preview, run and cancel a round. Each is audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from sqlalchemy import delete, func, select

from bot.core.i18n import _
from bot.core.intents import format_day
from bot.core.states import OutboxState, ParticipantStatus, RoundState
from bot.services import (
    audit_log,
    erasure,
    placed,
    programme_settings,
    round_tally,
    rounds,
    wording_edits,
)
from bot.services.console.access import (
    Forbidden,
    NotFound,
    Viewer,
    check_access,
    programme_of,
    workspaces_for,
)
from bot.services.console.programme_list import next_round_day
from bot.services.console.round_log import never_sent
from bot.services.context import Services
from bot.store.models import (
    Match,
    OutboxMessage,
    Participant,
    Programme,
    Round,
    RoundDelivery,
    Workspace,
)


def settings_text(services: Services, viewer: Viewer, programme_id: int) -> dict[str, str]:
    """The programme's settings as the form shows them (the shared keys)."""
    with services.unit_of_work() as session:
        programme, _workspace = programme_of(session, viewer, programme_id)
        return programme_settings.settings_as_text(programme_settings.settings_of(programme))


def create_programme(services: Services, viewer: Viewer, workspace_id: int,
                     values: Mapping[str, str]) -> int:
    """A new programme from the form's values (SettingsError names a bad field)."""
    if workspace_id not in {w.id for w in workspaces_for(services, viewer)}:
        raise Forbidden(_("You cannot create a programme in that workspace."))
    settings = programme_settings.parse_settings(values)
    programme_settings.refuse_unknown_instrument(services, settings)
    now = services.now()
    with services.unit_of_work() as session:
        workspace = session.get_one(Workspace, workspace_id)
        programme_settings.refuse_taken_name(session, workspace_id, settings.name)
        if not viewer.everything and not settings.organisers:
            # Whoever creates it organises it, so that they can still see it.
            settings = programme_settings.ProgrammeSettings(**{**_fields(settings),
                                                  "organisers": (viewer.user_id,)})
        programme = programme_settings.create_programme(session, workspace, settings, now)
        audit_log.audit(session, workspace.id, programme.id, viewer.actor, "programme.create",
                    {"name": programme.name}, now)
        return programme.id


def _fields(settings: programme_settings.ProgrammeSettings) -> dict[str, Any]:
    fields = programme_settings.ProgrammeSettings.__dataclass_fields__
    return {name: getattr(settings, name) for name in fields}


def update_settings(services: Services, viewer: Viewer, programme_id: int,
                    values: Mapping[str, str]) -> None:
    """Save the settings form (SettingsError names a bad field)."""
    with services.unit_of_work() as session:
        programme, _workspace = programme_of(session, viewer, programme_id, act=True)
        base = programme_settings.settings_of(programme)
    programme_settings.update_settings(
        services, programme_id, programme_settings.parse_settings(values, base=base),
        actor=viewer.actor)


def archive(services: Services, viewer: Viewer, programme_id: int) -> str:
    """Archive a programme (audited): its figures stay, its rounds stop, its people get no
    more messages; the sentence to show."""
    now = services.now()
    with services.unit_of_work() as session:
        programme, workspace = programme_of(session, viewer, programme_id, act=True)
        if programme.archived_at is not None:
            return _("{programme} is already archived.").format(programme=programme.name)
        programme.active, programme.archived_at, programme.updated_at = False, now, now
        audit_log.audit(session, workspace.id, programme.id, viewer.actor, "programme.archive",
                    {}, now)
        return _("{programme} is archived: its figures and reports stay, and no round will "
                 "run.").format(programme=programme.name)


def duplicate(services: Services, viewer: Viewer, programme_id: int) -> int:
    """A new programme with this one's settings and edited wording and none of its people
    (audited); its id."""
    now = services.now()
    with services.unit_of_work() as session:
        programme, workspace = programme_of(session, viewer, programme_id, act=True)
        taken = set(session.scalars(select(Programme.name).where(
            Programme.workspace_id == workspace.id)))
        name = next(candidate for n in range(1, 1000) for candidate in
                    [f"{programme.name} (copy)" if n == 1 else f"{programme.name} (copy {n})"]
                    if candidate not in taken)
        settings = replace(programme_settings.settings_of(programme), name=name[:200])
        copy = programme_settings.create_programme(session, workspace, settings, now)
        worded = wording_edits.copy_edits(session, programme.id, copy.id, now)
        audit_log.audit(session, workspace.id, programme.id, viewer.actor, "programme.duplicate",
                    {"copy": copy.name}, now)
        audit_log.audit(session, workspace.id, copy.id, viewer.actor, "programme.create",
                    {"name": copy.name, "copied from": programme.name,
                     "edited texts copied": worded}, now)
        return copy.id


def set_active(services: Services, viewer: Viewer, programme_id: int, active: bool) -> str:
    """Pause or resume a programme's rounds; the sentence to show."""
    now = services.now()
    with services.unit_of_work() as session:
        programme, workspace = programme_of(session, viewer, programme_id, act=True)
        if active and programme.archived_at is not None:
            raise Forbidden(_("{programme} is archived; duplicate it to run it again.").format(
                programme=programme.name))
        programme.active, programme.updated_at = active, now
        audit_log.audit(session, workspace.id, programme.id, viewer.actor,
                    "programme.resume" if active else "programme.pause", {}, now)
        if active:
            day = next_round_day(session, programme, now)
            return _("{programme} is running again; next round on {day}.").format(
                programme=programme.name, day=day)
        return _("{programme} is paused: no round will run until you resume it.").format(
            programme=programme.name)


def act_on_participant(services: Services, viewer: Viewer, programme_id: int,
                       participant_id: int, action: str,
                       until: dt.date | None = None) -> str:
    """Pause, resume or remove someone on their behalf (audited); the sentence to show."""
    now = services.now()
    with services.unit_of_work() as session:
        programme, workspace = programme_of(session, viewer, programme_id, act=True)
        person = session.get(Participant, participant_id)
        if person is None or person.programme_id != programme_id:
            raise NotFound(_("That person is not in this programme any more."))
        name, user_id = person.display_name, person.user_id
        if action == "resume" and person.status == ParticipantStatus.DEACTIVATED:
            # They removed the app or left the workspace: an intro would go nowhere, or to a
            # partner who cannot answer. They come back by joining again themselves.
            raise Forbidden(_("{name} cannot be resumed: the platform can no longer reach "
                              "them. They take part again if they join again themselves; "
                              "nothing was changed.").format(name=name))
        if action != "remove":
            audit_log.audit(session, workspace.id, programme.id, viewer.actor,
                        f"participant.{action}", {"participant": f"P{participant_id}"}, now)
        if action == "pause":
            person.status, person.paused_until = ParticipantStatus.PAUSED, until
            person.updated_at = now
            return (_("{name} is paused until {day}.").format(name=name, day=format_day(until))
                    if until else _("{name} is paused until someone resumes them.").format(
                        name=name))
        if action == "resume":
            person.status, person.paused_until = ParticipantStatus.ACTIVE, None
            person.updated_at = now
            person.unresponsive_count, person.skip_period = 0, None
            return _("{name} takes part again from the next round.").format(name=name)
        if action != "remove":
            raise NotFound(_("'{action}' is not something the console can do to a "
                             "participant.").format(action=action))
    # An organiser's removal stays inside their programme (audited there); only the person's
    # own `leave` reaches every programme of the workspace.
    erasure.remove_by_organiser(services, programme_id, user_id, actor=viewer.actor)
    return _("{name} is removed from this programme and their data in it erased; past groups "
             "keep an anonymous place.").format(name=name)


def preview(services: Services, viewer: Viewer, programme_id: int) -> rounds.RoundPlan:
    """What the next round would do, sending and writing nothing: it is a GET, which another
    site can cause with a link, so it leaves no trace (not even an audit entry)."""
    check_access(services, viewer, programme_id, act=True)
    return rounds.preview_round(services, programme_id)


def run_now(services: Services, viewer: Viewer, programme_id: int) -> str:
    """Run this period's round now (audited); says so clearly if it already ran."""
    check_access(services, viewer, programme_id, act=True)
    try:
        plan = rounds.run_round(services, programme_id, actor=viewer.actor)
    except rounds.RoundTaken as exc:
        raise Forbidden(f"{exc} Cancel it first if it sent nothing, or wait for the next "
                        "period.") from None
    grouped = sum(len(g.members) for g in plan.groups)
    if not plan.groups:
        return _("Round {round} ran with nobody to introduce ({eligible} taking part), so "
                 "nothing will be sent; cancel it below to keep the period free.").format(
            round=plan.label, eligible=plan.eligible)
    return _("Round {round} started: {groups} groups, {people} people introduced, {left} left "
             "out. Introductions are on their way.").format(
        round=plan.label, groups=len(plan.groups), people=grouped, left=len(plan.unpaired))


class CannotCancel(Exception):
    """The round has sent messages already (or is cancelled); the message says which."""


def cancel_latest(services: Services, programme_id: int, *, actor: str,
                  round_id: int | None = None) -> str:
    """Cancel a round that has sent nothing: its messages are dropped, its groups removed,
    and its period is free again so that the real round can still run."""
    now = services.now()
    with services.unit_of_work() as session:
        query = select(Round).where(Round.programme_id == programme_id,
                                    Round.state != RoundState.CANCELLED)
        if round_id is not None:
            query = query.where(Round.id == round_id)
        rnd = session.scalars(query.order_by(Round.ordinal.desc()).limit(1)).first()
        if rnd is None:
            raise CannotCancel(_("There is no round to cancel."))
        if not never_sent(rnd):
            raise CannotCancel(_("The {round} round has already sent its messages, so it "
                                 "cannot be cancelled.").format(
                round=rounds.period_label(rnd.period)))
        sent = session.scalar(select(func.count(OutboxMessage.id)).where(
            OutboxMessage.round_id == rnd.id,
            OutboxMessage.state.in_((OutboxState.SENT, OutboxState.SENDING)))) or 0
        if sent:
            raise CannotCancel(_("The {round} round has already sent {count} messages, so it "
                                 "cannot be cancelled.").format(
                round=rounds.period_label(rnd.period), count=sent))
        period = rnd.period
        label = rounds.period_label(period)
        for row in session.scalars(select(OutboxMessage).where(OutboxMessage.round_id == rnd.id)):
            session.delete(row)
        for match in session.scalars(select(Match).where(Match.round_id == rnd.id)):
            session.delete(match)
        round_tally.round_removed(session, rnd, now)
        placed.round_removed(session, rnd)
        # Its messages were dropped, whatever became of them: nothing is counted.
        session.execute(delete(RoundDelivery).where(RoundDelivery.round_id == rnd.id))
        # The claim is (programme, period): renaming it frees the period for the real round.
        rnd.period = f"{period}~{rnd.id}"[:16]
        rnd.state = RoundState.CANCELLED
        programme = session.get_one(Programme, programme_id)
        audit_log.audit(session, programme.workspace_id, programme_id, actor, "round.cancel",
                    {"period": period}, now)
    return _("The {round} round is cancelled; nothing was sent and the {round} round can "
             "run.").format(round=label)


def cancel_round(services: Services, viewer: Viewer, programme_id: int, round_id: int) -> str:
    """Cancel one round from the console (audited)."""
    check_access(services, viewer, programme_id, act=True)
    try:
        return cancel_latest(services, programme_id, actor=viewer.actor, round_id=round_id)
    except CannotCancel as exc:
        raise Forbidden(str(exc)) from None
