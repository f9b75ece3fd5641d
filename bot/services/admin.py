"""What organisers do from a chat platform: settings, preview, run now, stats.

Every platform's `admin …` calls these, so the organiser rule, the dispatch and the
wording of the answers live in one place.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bot.core import i18n, wording
from bot.core.intents import Notice, format_day
from bot.core.replies import Say
from bot.core.text import CommandRef, Document, Inline
from bot.services import programme_settings, rounds, stats
from bot.services.audit_log import audit
from bot.services.context import Services
from bot.services.programme_schedule import local_day, next_round_at
from bot.services.programme_settings import (
    ProgrammeSettings,
    is_organiser,
    parse_settings,
    settings_of,
    update_settings,
)
from bot.services.workspace_programmes import default_programme, ensure_workspace, programmes_of
from bot.store.models import Programme


def admin_usage() -> tuple[Inline, ...]:
    """The organiser commands, each as the platform writes it (after its slash command in
    Slack, as bare words in Teams)."""
    return wording.sentence(
        i18n._("The organiser commands are {settings}, {preview}, {run_now} and {stats}, "
               "each optionally followed by a programme's name."),
        settings=CommandRef("admin"), preview=CommandRef("admin", "preview"),
        run_now=CommandRef("admin", "run-now"), stats=CommandRef("admin", "stats"))


@dataclass(frozen=True)
class OrganiserAccess:
    """A programme the user may organise, with its current settings."""

    programme_id: int
    programme: str
    settings: ProgrammeSettings


def organiser_access(services: Services, platform: str, workspace: str, user_id: str, *,
                     platform_admin: bool, programme_id: int | None = None,
                     programme_name: str | None = None) -> OrganiserAccess | Say:
    """The programme the user organises (by id, by name, or the first one they do), or a
    refusal."""
    now = services.now()
    with services.unit_of_work() as session:
        ws = ensure_workspace(session, platform, workspace, now)
        default = default_programme(session, ws, now)
        candidates = programmes_of(session, ws.id)
        if programme_name is not None:
            named = [p for p in candidates if p.name.casefold() == programme_name.casefold()]
            if not named:
                known = ", ".join(p.name for p in candidates)
                return Say((i18n._("There is no programme called '{name}' here; the "
                                   "programmes are: {known}.").format(
                                       name=programme_name, known=known),
                            " ", *admin_usage()), error=True)
            candidates, default = named, named[0]
        mine = next((p for p in candidates
                     if is_organiser(p, user_id, platform_admin=platform_admin)
                     and programme_id in (None, p.id)), None)
        if mine is None:
            return Say(wording.sentence(
                i18n._("Only organisers of {programme} can use {admin}: workspace admins and "
                       "owners, and the people listed as its organisers (your id is {user}). "
                       "Ask one of them if you need a change."),
                programme=default.name, admin=CommandRef("admin"), user=user_id), error=True)
        return OrganiserAccess(mine.id, mine.name, settings_of(mine))


@dataclass(frozen=True)
class OrganiserResult:
    """What an organiser command did, as its title and text; `started` when a round began
    (so its messages can go out at once)."""

    programme: str
    action: str
    text: str
    started: bool = False

    @property
    def title(self) -> str:
        """`Cohort B: admin stats`."""
        return f"{self.programme}: admin {self.action}"

    def document(self) -> Document:
        """The result as a message."""
        return wording.notice(Notice(self.text, self.title))


def organise(services: Services, platform: str, workspace: str, user_id: str, action: str,
             programme: str | None, *, platform_admin: bool
             ) -> OrganiserAccess | OrganiserResult | Say:
    """Run an organiser command: the settings to edit (`settings`), a result, or a refusal.

    Matching a large programme can take a while: platforms call this after acknowledging.
    """
    access = organiser_access(services, platform, workspace, user_id,
                              platform_admin=platform_admin, programme_name=programme)
    if isinstance(access, Say) or action == "settings":
        return access
    pid = access.programme_id
    if action == "preview":
        text, started = preview(services, pid, actor=user_id), False
    elif action == "stats":
        text, started = programme_stats(services, pid, actor=user_id), False
    else:
        text, started = run_now(services, pid, actor=user_id)
    return OrganiserResult(access.programme, action, text, started)


def save_settings(services: Services, platform: str, workspace: str, user_id: str,
                  values: Mapping[str, str], *, platform_admin: bool,
                  programme_id: int) -> ProgrammeSettings | Say:
    """An organiser saves settings (contract keys as text): the saved settings, or a refusal.

    Raises SettingsError for a bad value, and when an organiser who is not a platform admin
    takes themselves off the list (nobody could then change the settings back).
    """
    access = organiser_access(services, platform, workspace, user_id,
                              platform_admin=platform_admin, programme_id=programme_id)
    if isinstance(access, Say):
        return access
    new = parse_settings(values, base=access.settings)
    if not platform_admin and user_id not in new.organisers:
        raise programme_settings.SettingsError(
            "organisers", i18n._("Keep your own id ({user}) in the organisers, or nobody "
                                 "here could change these settings any more.").format(
                                     user=user_id))
    update_settings(services, access.programme_id, new, actor=user_id)
    return new


def preview(services: Services, programme_id: int, *, actor: str) -> str:
    """What the next round would do, sending nothing (audited)."""
    plan = rounds.preview_round(services, programme_id, actor=actor)
    return i18n._("Preview, nothing was sent.") + "\n" + plan.summary()


def run_now(services: Services, programme_id: int, *, actor: str) -> tuple[str, bool]:
    """Run this period's round now (audited); the text, and whether it started (it says so
    clearly if the period already ran)."""
    try:
        plan = rounds.run_round(services, programme_id, actor=actor)
    except rounds.RoundTaken as exc:
        with services.unit_of_work() as session:
            programme = session.get_one(Programme, programme_id)
            next_day = format_day(local_day(
                programme, next_round_at(programme, services.now())))
        return (f"{exc} " + i18n._("Nothing new was sent. The next round is on {day}.").format(
            day=next_day), False)
    return i18n._("Round started: introductions are on their way.") + "\n" + plan.summary(), True


def programme_stats(services: Services, programme_id: int, *, actor: str) -> str:
    """The programme's figures (audited)."""
    figures = stats.programme_stats(services, programme_id)
    now = services.now()
    with services.unit_of_work() as session:
        programme = session.get_one(Programme, programme_id)
        audit(session, programme.workspace_id, programme_id, actor, "stats.view", {}, now)
    return figures.summary()
