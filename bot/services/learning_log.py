"""The learning log and the evidence made from it: record and list a person's activities,
their CPD record (CSV and PDF) and their certificate of participation.

The rules (what a valid entry is, what counts as participatory) are bot/core/learning.py's;
the platforms only lay out the form and deliver the files.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.core import i18n, learning, wording
from bot.core.i18n import N_, _
from bot.core.states import Answer
from bot.core.text import Inline
from bot.services import rounds
from bot.services.context import Services
from bot.services.participants import memberships
from bot.services.workspace_programmes import ensure_workspace
from bot.store.models import (
    Activity,
    CheckinAnswer,
    EvaluationAnswer,
    Match,
    MatchMember,
    Participant,
    Programme,
    Round,
    Workspace,
)

DEFAULT_CERTIFICATE_AFTER = 3
DEFAULT_MEETING_MINUTES = 30
CSV_NAME = "pairbot-cpd-record.csv"
PDF_NAME = "pairbot-cpd-record.pdf"
CERTIFICATE_NAME = "pairbot-certificate.pdf"
_TEMPLATES = "bot.services.templates"


@dataclass(frozen=True)
class LogForm:
    """What the log form starts with: today's date and, from a meeting, its length."""

    programme_id: int
    today: dt.date
    values: Mapping[str, str] = field(default_factory=dict)
    error: str = ""
    error_field: str = ""


@dataclass(frozen=True)
class Logged:
    """The entry was stored; `total_minutes` is the person's log so far."""

    entry: learning.Entry
    total_minutes: int

    def sentence(self) -> str:
        """The confirmation the person reads."""
        return _("Logged: {kind} on {day}, {minutes} minutes. Your log now holds "
                 "{hours}.").format(
            kind=learning.KIND_LABELS[self.entry.kind].lower(),
            day=f"{self.entry.on_date:%-d %B %Y}", minutes=self.entry.minutes,
            hours=learning.hours_text(self.total_minutes))


@dataclass(frozen=True)
class LogRefused:
    """Nothing was stored; `message` is one sentence, `field` the form field to mark, and
    `values` what the person typed, so the form can be shown again as it was."""

    message: str
    field: str = ""
    values: Mapping[str, str] = dataclasses.field(default_factory=dict)


@dataclass(frozen=True)
class LogLine:
    """One activity as the person's own record shows it (no partner names)."""

    on_date: dt.date
    kind: str
    minutes: int
    participatory: bool
    profession_met: str
    theme: str
    learned: str
    differently: str

    @property
    def hours(self) -> str:
        """Hours (to two decimals at most), as CPD logs count them."""
        return learning.hours(self.minutes)


@dataclass(frozen=True)
class Record:
    """A person's learning record in one programme."""

    name: str
    profession: str
    programme: str
    organisation: str
    lines: tuple[LogLine, ...]
    made_on: dt.date
    # The reader's language (theirs, else their programme's): the PDF's headings and prompts.
    locale: str | None = None

    @property
    def minutes(self) -> int:
        """All minutes logged."""
        return sum(line.minutes for line in self.lines)

    @property
    def participatory_minutes(self) -> int:
        """Minutes the NMC would count as participatory."""
        return sum(line.minutes for line in self.lines if line.participatory)

    def summary(self) -> tuple[Inline, ...]:
        """One line for App Home and `status` (the command to type in it, if any)."""
        return learning.log_summary(len(self.lines), self.minutes, self.participatory_minutes)


def _person(session: Session, services: Services, platform: str, workspace: str,
            user_id: str, programme_id: int | None = None) -> Participant | None:
    ws = ensure_workspace(session, platform, workspace, services.now())
    mine = memberships(session, ws.id, user_id)
    if programme_id is not None:
        mine = [p for p in mine if p.programme_id == programme_id]
    return mine[0] if mine else None


_NOT_JOINED = N_("You haven't joined a programme yet, so there is no log to add to.")


def log_form(services: Services, platform: str, workspace: str, user_id: str,
             *, match_id: int | None = None) -> LogForm | LogRefused:
    """The log form's starting values; from a meeting (a "Met" answer), its length."""
    with services.unit_of_work() as session:
        person = _person(session, services, platform, workspace, user_id)
        if person is None:
            return LogRefused(_(_NOT_JOINED))
        values = {"kind": learning.ActivityKind.CONVERSATION.value,
                  "date": services.now().date().isoformat()}
        if match_id is not None:
            # From a meeting: its planned length (the programme's meeting_minutes, 30 by
            # default) and the meeting itself, so the record can name the profession met.
            programme = session.get_one(Programme, person.programme_id)
            values["minutes"] = str(programme.meeting_minutes or DEFAULT_MEETING_MINUTES)
            values["match"] = str(match_id)
        return LogForm(person.programme_id, services.now().date(), values)


def record_activity(services: Services, platform: str, workspace: str, user_id: str,
                    values: Mapping[str, object]) -> Logged | LogRefused:
    """Store one activity from the log form; a bad field gives one sentence and the form's
    values back. `values` may name the meeting (`match`) it came from."""
    typed = {k: "" if v is None else str(v) for k, v in values.items()}
    now = services.now()
    try:
        entry = learning.parse_entry(values, now.date())
    except learning.LogError as exc:
        return LogRefused(str(exc), exc.field, typed)
    with services.unit_of_work() as session:
        person = _person(session, services, platform, workspace, user_id)
        if person is None:
            return LogRefused(_(_NOT_JOINED), "", typed)
        match_id = _match_of(session, person.id, typed.get("match", ""), entry.on_date)
        session.add(Activity(participant_id=person.id, programme_id=person.programme_id,
                             match_id=match_id, kind=entry.kind.value, on_date=entry.on_date,
                             minutes=entry.minutes, learned=entry.learned,
                             differently=entry.differently, created_at=now))
        session.flush()
        total = session.scalar(select(func.sum(Activity.minutes)).where(
            Activity.participant_id == person.id)) or 0
    return Logged(entry, int(total))


def _match_of(session: Session, participant_id: int, named: str,
              on_date: dt.date) -> int | None:
    """The meeting the activity belongs to: the one named by the form when the person was
    in it, else their latest match introduced on or before the date."""
    mine = select(Match.id).join(MatchMember, MatchMember.match_id == Match.id).where(
        MatchMember.participant_id == participant_id)
    if named.isdigit():
        found = session.scalar(mine.where(Match.id == int(named)))
        if found is not None:
            return found
    day_end = dt.datetime.combine(on_date + dt.timedelta(days=1), dt.time(), dt.UTC)
    return session.scalar(mine.where(Match.created_at < day_end)
                          .order_by(Match.created_at.desc()).limit(1))


def record_of(services: Services, platform: str, workspace: str, user_id: str
              ) -> Record | None:
    """The person's record in their (first) programme, oldest activity first; None when
    they have not joined."""
    with services.unit_of_work() as session:
        person = _person(session, services, platform, workspace, user_id)
        if person is None:
            return None
        return _record(session, person, services.now().date())


def reader_locale(person: Participant, programme: Programme) -> str | None:
    """The language a person's own documents are written in: the one they chose, else
    their programme's `language`."""
    return person.language or programme.language or None


def _record(session: Session, person: Participant, today: dt.date) -> Record:
    programme = session.get_one(Programme, person.programme_id)
    ws = session.get_one(Workspace, programme.workspace_id)
    locale = reader_locale(person, programme)
    with i18n.using(locale):
        labels = learning.KIND_LABELS
    lines = []
    for activity in session.scalars(select(Activity).where(
            Activity.participant_id == person.id).order_by(Activity.on_date, Activity.id)):
        met, theme = "", ""
        if activity.match_id is not None:
            met = ", ".join(sorted({p for (p,) in session.execute(
                select(MatchMember.profession).where(
                    MatchMember.match_id == activity.match_id,
                    (MatchMember.participant_id != person.id)
                    | MatchMember.participant_id.is_(None)))}))
            rnd = session.scalar(select(Round).join(Match, Match.round_id == Round.id)
                                 .where(Match.id == activity.match_id))
            if rnd is not None and rnd.theme:
                # The theme as the programme's journey titles it, in the reader's language
                # (an organiser's own title reads as they wrote it).
                with i18n.using(locale):
                    theme = wording.bank_text(rounds.round_theme(programme, rnd).title)
        kind = learning.ActivityKind(activity.kind)
        lines.append(LogLine(activity.on_date, labels[kind], activity.minutes,
                             kind in learning.PARTICIPATORY, met, theme,
                             activity.learned, activity.differently))
    return Record(person.display_name, person.profession, programme.name,
                  ws.name or ws.external_id, tuple(lines), today, locale)


def cpd_csv(record: Record) -> str:
    """The record as CSV (one activity a row), for a CPD log or appraisal portfolio."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["date", "activity", "hours", "participatory", "profession_met", "theme",
                     "what_i_learned", "what_i_will_do_differently"])
    for line in record.lines:
        writer.writerow([line.on_date.isoformat(), line.kind, line.hours,
                         "yes" if line.participatory else "no", line.profession_met,
                         line.theme, _safe(line.learned), _safe(line.differently)])
    return out.getvalue()


def _safe(text: str) -> str:
    # A reflection must not run as a formula when the CSV is opened in a spreadsheet.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def cpd_pdf(record: Record) -> bytes:
    """The record as a PDF laid out for an NMC revalidation CPD log, with the reflective
    account prompts, in the reader's language."""
    with i18n.using(record.locale):
        return _pdf("cpd.html", record=record, prompts=learning.NMC_PROMPTS,
                    hours=learning.hours)


@dataclass(frozen=True)
class Certificate:
    """What a certificate of participation says."""

    name: str
    programme: str
    organisation: str
    first: dt.date
    last: dt.date
    meetings: int
    minutes: int
    organisers: str
    issued: dt.date
    locale: str | None = None


@dataclass(frozen=True)
class NotYet:
    """No certificate yet; `message` says what is missing in one sentence."""

    message: str


def certificate(services: Services, platform: str, workspace: str, user_id: str
                ) -> Certificate | NotYet:
    """The certificate of participation, once the person has met `certificate_after`
    times (default 3) and answered the follow-up evaluation."""
    with services.unit_of_work() as session:
        person = _person(session, services, platform, workspace, user_id)
        if person is None:
            return NotYet(_(_NOT_JOINED))
        programme = session.get_one(Programme, person.programme_id)
        needed = programme.certificate_after or DEFAULT_CERTIFICATE_AFTER
        met_dates = sorted(session.scalars(
            select(Match.created_at).join(CheckinAnswer, CheckinAnswer.match_id == Match.id)
            .join(MatchMember, (MatchMember.match_id == Match.id)
                  & (MatchMember.participant_id == person.id))
            .where(CheckinAnswer.answer == Answer.MET.value).distinct()))
        followed_up = session.scalar(select(EvaluationAnswer.id).where(
            EvaluationAnswer.participant_id == person.id,
            EvaluationAnswer.stage == "follow_up").limit(1)) is not None
        if len(met_dates) < needed:
            return NotYet(_("The certificate comes after {needed} meetings; you have {met} "
                            "so far.").format(needed=needed, met=len(met_dates)))
        if not followed_up:
            return NotYet(_("The certificate comes once you have answered the follow-up "
                            "questions at the end of the term."))
        record = _record(session, person, services.now().date())
        ws = session.get_one(Workspace, programme.workspace_id)
        # Organisers are often held as platform ids; only names (with a space) are printed.
        named = [str(o) for o in programme.organisers if " " in str(o).strip()]
        locale = reader_locale(person, programme)
        with i18n.using(locale):
            organisers = ", ".join(named) or _("The organisers of {programme}").format(
                programme=programme.name)
    dates = [d.date() for d in met_dates] + [line.on_date for line in record.lines]
    return Certificate(record.name, programme.name, ws.name or ws.external_id,
                       min(dates), max(dates), len(met_dates), record.minutes, organisers,
                       services.now().date(), locale)


def certificate_pdf(cert: Certificate) -> bytes:
    """The certificate of participation as a PDF, in the reader's language."""
    with i18n.using(cert.locale):
        return _pdf("certificate.html", cert=cert, hours=learning.hours_text)


def _page_counter() -> str:
    """The page footer as CSS `content`: "Page 2 of 3" in the reader's language."""
    words = _("Page {page} of {pages}").replace("\\", "").replace('"', "'")
    return ('"' + words.replace("{page}", '" counter(page) "')
            .replace("{pages}", '" counter(pages) "') + '"')


def _pdf(template: str, **context: object) -> bytes:
    """A template rendered in the current reader's language (its words through `_()`, in
    the catalogue) and made into a PDF."""
    import jinja2
    from markupsafe import Markup, escape
    from weasyprint import HTML  # imported here: Pango is loaded only when a PDF is made

    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined,
                             extensions=["jinja2.ext.i18n"])
    env.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=False)  # type: ignore[attr-defined]
    text = resources.files(_TEMPLATES).joinpath(template).read_text(encoding="utf-8")
    locale = i18n.current()
    html = env.from_string(text).render(
        **context, lang="cy" if locale in ("cy", i18n.BILINGUAL) else locale.replace("_", "-"),
        page_counter=lambda: Markup(_page_counter()),
        strong=lambda value: Markup("<strong>{}</strong>").format(value),
        fill=lambda words, **parts: escape(words).format(**parts))
    return bytes(HTML(string=html).write_pdf())
