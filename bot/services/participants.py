"""What a participant does: join, edit, status, pause, resume, leave, my-data, home."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import Select, and_, bindparam, case, func, or_, select, update
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session

from bot.core import availability, commands, i18n, learning, wording
from bot.core.hygiene import clean_text
from bot.core.i18n import _, ngettext
from bot.core.ids import valid_id
from bot.core.intents import format_day
from bot.core.profile import (
    PLACE_MAX,
    ProfileInput,
    clean_profile,
    side_of,
    validate_profile,
)
from bot.core.replies import (
    Answer,
    ConfirmLeave,
    OpenLog,
    OpenProfile,
    Organise,
    Say,
    SendCpd,
    SendMyData,
    ShowHelp,
)
from bot.core.states import ParticipantStatus
from bot.core.text import Inline
from bot.services import erasure, languages, programme_schedule, subject_access
from bot.services.context import Services
from bot.services.programme_schedule import local_day, next_round_at
from bot.services.workspace_programmes import default_programme, ensure_workspace, programmes_of
from bot.store.models import (
    Activity,
    CheckinAnswer,
    Match,
    MatchMember,
    Participant,
    Programme,
    Workspace,
)

# The plain answer of a service; the other typed replies are in bot.core.replies.
Reply = Say


@dataclass(frozen=True)
class Joined(Say):
    """The confirmation after joining a programme (an edit answers a plain Say)."""

    programme_id: int = 0


@dataclass(frozen=True)
class ProfileForm:
    """What the profile form shows: the programme(s), their professions, current values."""

    programmes: tuple[tuple[int, str], ...]
    programme_id: int
    professions: tuple[str, ...]
    current: ProfileInput | None
    # Ask when they can meet and when they are away (the programme's `availability`).
    availability: bool = True
    # The programme's other people (user id, name), for a do-not-pair list chosen from a
    # list (Teams); Slack picks users itself. At most PEOPLE_CHOICES, the chosen first.
    people: tuple[tuple[str, str], ...] = ()

    # The language the form offers first: their choice, else what their platform says,
    # else the programme's (bot.core.i18n.reader_language).
    language: str = "en"


PEOPLE_CHOICES = 200


@dataclass(frozen=True)
class Meeting:
    """When and where a person meets, as they gave it (their home page and `status`)."""

    windows: tuple[str, ...] = ()
    away: tuple[tuple[dt.date, dt.date], ...] = ()
    site: str = ""
    team: str = ""
    avoid: int = 0  # how many people are on their do-not-pair list (only they see it)
    asked: bool = True  # the programme asks when people can meet


@dataclass(frozen=True)
class PastMatch:
    """A past match as its member sees it on their home page."""

    day: str
    others: tuple[str, ...]
    outcome: str


@dataclass(frozen=True)
class Home:
    """Everything a participant's home page (Slack App Home) shows."""

    joined: bool
    programme: str
    profession: str = ""
    learn: tuple[str, ...] = ()
    intro: str = ""
    status: tuple[Inline, ...] = ()
    paused: bool = False
    next_round: str = ""
    past: tuple[PastMatch, ...] = ()
    log: tuple[Inline, ...] = ()
    meeting: Meeting = field(default_factory=Meeting)


def _workspace(session: Session, platform: str, external_id: str, now: dt.datetime) -> Workspace:
    return ensure_workspace(session, platform, external_id, now)


def _mine(session: Session, platform: str, workspace: str, user_id: str,
          now: dt.datetime) -> list[Participant]:
    return [p for p, _programme in _mine_with_programmes(session, platform, workspace,
                                                         user_id, now)]


def _mine_with_programmes(session: Session, platform: str, workspace: str, user_id: str,
                          now: dt.datetime) -> list[tuple[Participant, Programme]]:
    """The user's rows with their programmes, in one statement that also finds the
    workspace as ensure_workspace would. Someone in no programme goes the long way,
    which records the workspace."""
    return [(row[0], row[1]) for row in _found(session, _mine_statement(), platform,
                                               workspace, user_id, now)]


def _found(session: Session, statement: Select[*tuple[Any, ...]], platform: str,
           workspace: str, user_id: str, now: dt.datetime
           ) -> list[Row[*tuple[Any, ...]]]:
    """`statement`'s rows (the user's participant, programme, workspace id and whether
    it is active, then anything else it asks) with the workspace found or recorded."""
    found = list(session.execute(statement, {
        "platform": platform, "workspace": workspace, "user_id": user_id}))
    if not found:
        _workspace(session, platform, workspace, now)
        return []
    ws_id, active = found[0][2], found[0][3]
    if not active:
        # First contact again after an uninstall, as ensure_workspace.
        session.execute(update(Workspace).where(Workspace.id == ws_id).values(active=True))
    return found


@cache
def _mine_statement() -> Select[Participant, Programme, int, bool]:
    # Built once, with the workspace's two columns rather than its row: `status` asks at
    # every request, and building the select cost about as much as running it
    # (bench/load.py).
    return languages.person_rows(select(Participant, Programme, Workspace.id,
                                        Workspace.active))


@cache
def _status_statement() -> Select[*tuple[Any, ...]]:
    """`_mine_statement` with each row's learning-log totals (count, minutes,
    participatory minutes): `status` in one statement."""
    def total(column: Any) -> Any:
        return (select(column).where(Activity.participant_id == Participant.id)
                .correlate(Participant).scalar_subquery())
    return _mine_statement().add_columns(
        total(func.count(Activity.id)), total(func.coalesce(func.sum(Activity.minutes), 0)),
        total(func.coalesce(func.sum(_participatory_minutes()), 0)))


def memberships(session: Session, workspace_id: int, user_id: str) -> list[Participant]:
    """The user's participant rows in the workspace's programmes."""
    return list(session.scalars(
        select(Participant)
        .join(Programme, Programme.id == Participant.programme_id)
        .where(Programme.workspace_id == workspace_id, Participant.user_id == user_id)
        .order_by(Participant.programme_id)
    ))


def profile_form(services: Services, platform: str, workspace: str, user_id: str,
                 programme_id: int | None = None, *,
                 platform_locale: str | None = None) -> ProfileForm:
    """The data the profile modal or card needs; `platform_locale` is the language their
    platform reports (Slack's or Teams' locale), when known."""
    now = services.now()
    with services.unit_of_work() as session:
        ws = _workspace(session, platform, workspace, now)
        default = default_programme(session, ws, now)
        all_programmes = programmes_of(session, ws.id)
        chosen = next((p for p in all_programmes if p.id == programme_id), default)
        rows = memberships(session, ws.id, user_id)
        mine = {p.programme_id: p for p in rows}
        current = mine.get(chosen.id)
        avoid = _avoid_users(session, current) if current else ()
        manager = (session.scalar(select(Participant.user_id).where(
            Participant.id == current.manager_id)) or "") if current and current.manager_id \
            else ""
        language = i18n.reader_language(
            next((p.language for p in rows if p.language), None),
            i18n.language_code(platform_locale) or next(
                (p.platform_language for p in rows if p.platform_language), None),
            chosen.language)
        return ProfileForm(
            programmes=tuple((p.id, p.name) for p in all_programmes),
            programme_id=chosen.id,
            professions=tuple(chosen.professions),
            current=ProfileInput(
                current.profession, tuple(current.learn), current.intro, current.side,
                windows=availability.stored_windows(current.windows),
                away=current.away or "", avoid=avoid, manager=manager, site=current.site or "",
                team=current.team or "", language=current.language) if current else None,
            availability=bool(chosen.availability),
            people=_people_choices(session, chosen.id, user_id, (*avoid, manager)),
            language=language,
        )


def _avoid_users(session: Session, p: Participant) -> tuple[str, ...]:
    """The platform user ids of the people on the participant's do-not-pair list."""
    ids = [int(i) for i in p.avoid or () if str(i).isdigit()]
    if not ids:
        return ()
    return tuple(session.scalars(select(Participant.user_id).where(
        Participant.id.in_(ids), Participant.programme_id == p.programme_id)
        .order_by(Participant.display_name)))


def _people_choices(session: Session, programme_id: int, user_id: str,
                    chosen: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """The programme's other people for a do-not-pair list chosen from a list: those
    already chosen first, then by name, at most PEOPLE_CHOICES."""
    rows = session.execute(select(Participant.user_id, Participant.display_name,
                                  Participant.profession)
                           .where(Participant.programme_id == programme_id,
                                  Participant.user_id != user_id)
                           .order_by(Participant.display_name)).all()
    first = set(chosen)
    ordered = sorted(rows, key=lambda r: r.user_id not in first)
    return tuple((r.user_id, f"{r.display_name} ({r.profession})")
                 for r in ordered[:PEOPLE_CHOICES])


def save_profile(services: Services, platform: str, workspace: str, user_id: str,
                 display_name: str, programme_id: int | None,
                 profile: ProfileInput, *, platform_locale: str | None = None
                 ) -> dict[str, str] | Reply:
    """Join or update; returns field errors, or the confirmation to show. `platform_locale`:
    the language their platform reports, when known (the default until they choose)."""
    now = services.now()
    profile, display_name = clean_profile(profile), clean_text(display_name).strip()
    with services.unit_of_work() as session:
        ws = _workspace(session, platform, workspace, now)
        programme = (default_programme(session, ws, now) if programme_id is None
                     else session.get(Programme, programme_id) if valid_id(programme_id)
                     else None)
        if programme is None or programme.workspace_id != ws.id or not programme.active:
            return {"programme": wording.choose_programme()}
        errors = validate_profile(profile, programme.professions, mode=programme.mode,
                                  sides=programme.sides)
        if errors:
            return errors
        assert profile.profession is not None
        participant = session.scalar(select(Participant).where(
            Participant.programme_id == programme.id, Participant.user_id == user_id))
        joined = participant is None
        if participant is None:
            participant = Participant(programme_id=programme.id, user_id=user_id, joined_at=now,
                                      display_name=display_name, profession=profile.profession)
            session.add(participant)
        participant.display_name = display_name[:200] or participant.display_name
        participant.profession = profile.profession
        participant.learn = list(profile.learn)
        participant.intro = profile.intro.strip()
        participant.side = side_of(profile.profession, programme.sides)
        participant.updated_at = now
        not_in = _save_meeting(session, participant, profile,
                               asked=bool(programme.availability))
        if participant.status == ParticipantStatus.DEACTIVATED:
            participant.status = ParticipantStatus.ACTIVE
            participant.unresponsive_count = 0
        rows = {*memberships(session, ws.id, user_id), participant}
        reported = i18n.language_code(platform_locale) or next(
            (p.platform_language for p in rows if p.platform_language), None)
        chosen = profile.language or next((p.language for p in rows if p.language), None)
        for row in rows:
            # One person, one language: every programme they are in writes to them in it.
            row.language, row.platform_language = chosen, reported
        language = i18n.reader_language(chosen, reported, programme.language)
        with i18n.using(language):
            next_day = format_day(local_day(programme, next_round_at(programme, now)))
            # Words for what can be typed, and buttons that do the same.
            parts: tuple[Inline, ...] = (
                wording.profile_saved(programme.name, next_day, joined=joined),
                *wording.profile_saved_hint())
            if not_in:
                # Said, not dropped in silence: they may choose them again once they join.
                parts += ("\n\n" + ngettext(
                    "{count} of the people you'd rather not be paired with has not joined "
                    "{programme}, so they are not on your list yet: choose them again once they "
                    "have joined.",
                    "{count} of the people you'd rather not be paired with have not joined "
                    "{programme}, so they are not on your list yet: choose them again once they "
                    "have joined.", not_in).format(count=not_in, programme=programme.name),)
            actions = (wording.profile_choices(),)
        if joined:
            return Joined(parts, actions=actions, programme_id=programme.id)
        return Say(parts, actions=actions)


def _save_meeting(session: Session, participant: Participant, profile: ProfileInput, *,
                  asked: bool) -> int:
    """The meeting fields the form gave (None: not asked, kept as stored). Windows and
    away dates only when the programme asks them. Returns how many people chosen for the
    do-not-pair list are not in the programme (not stored)."""
    if asked and profile.windows is not None:
        participant.windows = ";".join(availability.parse_windows(profile.windows)) or None
    if asked and profile.away is not None:
        participant.away = availability.away_text(availability.parse_away(profile.away)) \
            or None
    if profile.site is not None:
        participant.site = profile.site[:PLACE_MAX] or None
    if profile.team is not None:
        participant.team = profile.team[:PLACE_MAX] or None
    missing = 0
    if profile.manager is not None:
        # Their line manager, as they say it (an import's is replaced): someone of this
        # programme, never themselves; someone not in it yet is not stored (the hint says
        # to choose them once they have joined).
        found_id = session.scalar(select(Participant.id).where(
            Participant.programme_id == participant.programme_id,
            Participant.user_id == profile.manager)) if profile.manager else None
        participant.manager_id = found_id if found_id != participant.id else None
    if profile.avoid is not None:
        # People of this programme only, never themselves; someone not in it yet is
        # not stored (the form's hint says so).
        wanted = {u for u in profile.avoid if u and u != participant.user_id}
        found = session.scalars(select(Participant.id).where(
            Participant.programme_id == participant.programme_id,
            Participant.user_id.in_(sorted(wanted)))).all() if wanted else []
        participant.avoid = sorted(i for i in found if i != participant.id)
        missing += len(wanted) - len(found)
    return missing


def meeting_of(p: Participant, programme: Programme, today: dt.date) -> Meeting:
    """What the person gave about when and where they meet (away dates not yet past)."""
    away = tuple((a, b) for a, b in availability.stored_away(p.away) if b >= today)
    return Meeting(windows=availability.stored_windows(p.windows),
                   away=away, site=p.site or "",
                   team=p.team or "", avoid=len(p.avoid or ()),
                   asked=bool(programme.availability))


def rename(services: Services, platform: str, workspace: str, user_id: str, name: str) -> None:
    """The name others see, as the platform knows it now."""
    now = services.now()
    with services.unit_of_work() as session:
        for p in _mine(session, platform, workspace, user_id, now):
            p.display_name = name[:200]


def handle_command(services: Services, platform: str, workspace: str, user_id: str,
                   text: str) -> Answer:
    """Answer what the person typed after the platform's command prefix (or to the bot)."""
    now = services.now()
    try:
        command = commands.parse_command(text, now.date())
    except commands.CommandError as exc:
        return ShowHelp(lead=exc.parts, error=True)
    if command.name != "status":
        # The reader's language found now if it waits to be (`status` finds it in its own
        # statement), before a unit of work opens: the lookup takes a connection of its own.
        i18n.current()
    if command.name == "profile":
        return OpenProfile()
    if command.name == "help":
        return ShowHelp()
    if command.name == "status":
        return status(services, platform, workspace, user_id)
    if command.name == "pause":
        assert command.until is not None
        return pause(services, platform, workspace, user_id, command.until)
    if command.name == "resume":
        return resume(services, platform, workspace, user_id)
    if command.name == "leave":
        return ConfirmLeave()
    if command.name == "my-data":
        return SendMyData(my_data(services, platform, workspace, user_id))
    if command.name == "log":
        return OpenLog()
    if command.name == "cpd":
        return SendCpd()
    assert command.admin_action is not None
    return Organise(command.admin_action, command.programme)


def _not_joined() -> Say:
    return Say(wording.not_joined(), error=True, actions=(wording.join_choices(),))


def status(services: Services, platform: str, workspace: str, user_id: str) -> Reply:
    """The user's profile, status and next round, per programme."""
    now = services.now()
    with services.unit_of_work() as session:
        rows = _found(session, _status_statement(), platform, workspace, user_id, now)
        if i18n.pending():
            # The reader's language from the rows just read: the platform's lookup is
            # never made (bench/load.py).
            i18n.choose(languages.of_rows([(row[0], row[1]) for row in rows]))
        if not rows:
            return _not_joined()
        lines: list[Inline] = []
        # Someone who can type `resume` gets its button too.
        stopped = any(row[0].status != ParticipantStatus.ACTIVE for row in rows)
        for p, programme, _ws_id, _active, count, minutes, participatory in rows:
            if lines:
                lines.append("\n\n")
            lines += [f"{programme.name}: ", *_status_parts(p, programme, now),
                      "\n", wording.profile_line(p.profession, list(p.learn)),
                      *(f"\n{line}" for line in meeting_lines(
                          meeting_of(p, programme, programme_schedule.local_day(programme, now)))),
                      "\n", *learning.log_summary(int(count), int(minutes), int(participatory))]
        return Say(tuple(lines), actions=(wording.resume_choices(),) if stopped else ())


def _status_parts(p: Participant, programme: Programme, now: dt.datetime
                  ) -> tuple[Inline, ...]:
    next_day = format_day(local_day(programme, next_round_at(programme, now)))
    if p.status == ParticipantStatus.PAUSED and p.paused_until:
        return wording.status_paused(format_day(p.paused_until))
    if p.status == ParticipantStatus.PAUSED:
        return wording.status_paused(None)
    if p.status == ParticipantStatus.DEACTIVATED:
        return wording.status_unreachable()
    return wording.status_active(next_day)


def pause(services: Services, platform: str, workspace: str, user_id: str,
          until: dt.date) -> Reply:
    """Pause every programme of the user until (and including) `until`."""
    now = services.now()
    with services.unit_of_work() as session:
        rows = _mine(session, platform, workspace, user_id, now)
        if not rows:
            return _not_joined()
        for p in rows:
            p.status, p.paused_until, p.updated_at = ParticipantStatus.PAUSED, until, now
        return Say(wording.paused(format_day(until)), actions=(wording.resume_choices(),))


def resume(services: Services, platform: str, workspace: str, user_id: str) -> Reply:
    """Take part again."""
    now = services.now()
    with services.unit_of_work() as session:
        rows = _mine(session, platform, workspace, user_id, now)
        if not rows:
            return _not_joined()
        if all(p.status == ParticipantStatus.ACTIVE for p in rows):
            return Say(wording.already_active())
        for p in rows:
            p.status, p.paused_until, p.unresponsive_count, p.updated_at = (
                ParticipantStatus.ACTIVE, None, 0, now)
            p.skip_period = None
        programme = session.get_one(Programme, rows[0].programme_id)
        next_day = format_day(local_day(programme, next_round_at(programme, now)))
        return Say(wording.welcome_back(next_day))


def skip_round(services: Services, programme_id: int, user_id: str, period: str) -> Reply:
    """Skip one round (the heads-up's one-click button)."""
    with services.unit_of_work() as session:
        p = session.scalar(select(Participant).where(
            Participant.programme_id == programme_id, Participant.user_id == user_id)
        ) if valid_id(programme_id) else None
        if p is None:
            return _not_joined()
        p.skip_period = period
        return Say(wording.round_skipped())


def is_active_for(p: Participant, day: dt.date, period: str) -> bool:
    """Whether the participant takes part in a round on `day` in `period`."""
    if p.skip_period == period:
        return False
    if p.status == ParticipantStatus.ACTIVE:
        return True
    return (p.status == ParticipantStatus.PAUSED and p.paused_until is not None
            and p.paused_until < day)


def active_for_clause(day: dt.date, period: str) -> Any:
    """`is_active_for` as a SQL condition, so that a programme's people are counted in the
    database (the overview's next round at 100,000 people) by the same rule."""
    return and_(
        or_(Participant.skip_period.is_(None), Participant.skip_period != period),
        or_(Participant.status == ParticipantStatus.ACTIVE,
            and_(Participant.status == ParticipantStatus.PAUSED,
                 Participant.paused_until.is_not(None), Participant.paused_until < day)))


def leave(services: Services, platform: str, workspace: str, user_id: str) -> Reply:
    """Erase the user's profiles, answers and free text; matches keep a placeholder."""
    now = services.now()
    with services.unit_of_work() as session:
        erased = erasure.erase_participant(session, _workspace(session, platform, workspace,
                                                               now).id, user_id)
    if not erased.profiles:
        return Say(wording.nothing_to_erase())
    return Say(wording.left())


def my_data(services: Services, platform: str, workspace: str, user_id: str) -> dict[str, Any]:
    """Everything stored about the user, as JSON-ready data."""
    return subject_access.my_data(services, platform, workspace, user_id)


def home(services: Services, platform: str, workspace: str, user_id: str) -> Home:
    """The participant's home page."""
    now = services.now()
    with services.unit_of_work() as session:
        ws = _workspace(session, platform, workspace, now)
        default = default_programme(session, ws, now)
        rows = memberships(session, ws.id, user_id)
        if not rows:
            next_day = format_day(local_day(default, next_round_at(default, now)))
            return Home(joined=False, programme=default.name, next_round=next_day)
        p = rows[0]
        programme = session.get_one(Programme, p.programme_id)
        past = []
        member_rows = session.scalars(
            select(MatchMember).where(MatchMember.participant_id == p.id)
            .order_by(MatchMember.match_id.desc()).limit(10))
        for member in member_rows:
            match = session.get_one(Match, member.match_id)
            others = []
            for m in match.members:
                if m.participant_id == p.id:
                    continue
                other = session.get(Participant, m.participant_id) if m.participant_id else None
                others.append(wording.past_partner(other.display_name if other else None,
                                                   m.profession))
            answer = session.scalar(select(CheckinAnswer).where(
                CheckinAnswer.match_id == match.id, CheckinAnswer.participant_id == p.id))
            outcome = wording.past_outcome(answer.answer if answer else None,
                                           pending=match.checkin_due_at > now)
            past.append(PastMatch(format_day(local_day(programme, match.created_at)),
                                  tuple(others), outcome))
        next_day = format_day(local_day(programme, next_round_at(programme, now)))
        return Home(joined=True, programme=programme.name, profession=p.profession,
                    learn=tuple(p.learn), intro=p.intro,
                    status=_status_parts(p, programme, now),
                    paused=p.status != ParticipantStatus.ACTIVE,
                    next_round=next_day, past=tuple(past), log=_log_line(session, p),
                    meeting=meeting_of(p, programme, programme_schedule.local_day(programme, now)))


def _log_line(session: Session, p: Participant) -> tuple[Inline, ...]:
    """The person's learning log in one line (bot/core/learning.py words it)."""
    count, minutes, participatory = session.execute(
        _log_totals(), {"participant_id": p.id}).one()
    return learning.log_summary(int(count), int(minutes), int(participatory))


@cache
def _log_totals() -> Select[int, Any, Any]:
    # Built once: building this select (its CASE, its IN list, its cache key) cost more
    # than running it (bench/load.py).
    return select(
        func.count(Activity.id), func.coalesce(func.sum(Activity.minutes), 0),
        func.coalesce(func.sum(_participatory_minutes()), 0)
    ).where(Activity.participant_id == bindparam("participant_id"))


def _participatory_minutes() -> Any:
    return case((Activity.kind.in_([k.value for k in learning.PARTICIPATORY]),
                 Activity.minutes), else_=0)


def meeting_lines(meeting: Meeting) -> list[str]:
    """When and where the person meets, one line each, as they gave it (`status`, the
    home page). The do-not-pair list is counted, never named: only its owner sees this."""
    lines = []
    if meeting.asked:
        lines.append(_("When you can meet: {windows}").format(
            windows=availability.windows_words(meeting.windows)))
        away = availability.away_words(meeting.away)
        if away:
            lines.append(_("Away: {dates}").format(dates=away))
    if meeting.site:
        lines.append(_("Site: {site}").format(site=meeting.site))
    if meeting.team:
        lines.append(_("Team: {team}").format(team=meeting.team))
    if meeting.avoid:
        lines.append(ngettext(
            "You'd rather not be paired with {count} person (only you see this).",
            "You'd rather not be paired with {count} people (only you see this).",
            meeting.avoid).format(count=meeting.avoid))
    return lines
