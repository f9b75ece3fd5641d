"""The demo's story: opt-ins with the baseline questions, a term of three monthly rounds
(the same partners, a theme each month), answers, the follow-up questions, statistics and
the before-and-after evaluation; every kind of message the bot sends is printed."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from sqlalchemy import Engine, select

from bot.core import evaluation as ev
from bot.core import wording
from bot.core.intents import EvaluationRequest, Intent
from bot.core.profile import ProfileInput
from bot.demo import organisation
from bot.demo.transcript import KINDS_COUNTED, TranscriptGateway
from bot.runtime import build_services
from bot.services import (
    checkins,
    evaluation,
    jobs,
    participants,
    programme_schedule,
    programme_settings,
    rounds,
    stats,
    workspace_programmes,
    workspaces,
)
from bot.services.clock import FixedClock
from bot.services.context import Services
from bot.services.gateway import Outgoing
from bot.store.models import Match, MatchMember, Participant, Programme, Round, Workspace

TWO_SIDED = "Junior doctors × managers"


def first_monday(year: int, month: int) -> dt.date:
    """The first Monday of a month (the default cadence's day)."""
    first = dt.date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
    return first + dt.timedelta(days=-first.weekday() % 7)


def timeline(first_round: dt.date) -> tuple[dt.datetime, tuple[dt.datetime, ...], dt.datetime]:
    """The demo's instants for a term whose first round is in `first_round`'s month: the
    opt-ins a week before, three monthly rounds (first Mondays, 10:00 UTC) and the next
    term's first round."""
    def at(months: int, hour: int, minute: int = 0) -> dt.datetime:
        day = first_monday(first_round.year, first_round.month + months)
        return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=dt.UTC)

    rounds = tuple(at(m, 10) for m in range(3))
    return rounds[0] - dt.timedelta(days=7, hours=1), rounds, at(3, 10, 5)


START, ROUNDS, NEXT_TERM = timeline(dt.date(2026, 12, 1))
PILOT = "Night-shift pilot"
# Left-out notices wait until the introductions are out (rounds.UNPAIRED_NOTICE_DELAY).
LEFT_OUT_AFTER = rounds.UNPAIRED_NOTICE_DELAY + dt.timedelta(minutes=1)
SHOWN_GROUPS = 3  # groups of the term printed per month
# Someone who joins the programme's channel and is welcomed; someone who never answers.
NEWCOMER = ("D900", "Sam Newcomer")
CHANNEL = "C-PAIRED-LEARNING"


class Demo:
    def __init__(self, engine: Engine, *, show_all: bool, seed: int,
                 first_round: dt.date | None = None) -> None:
        self.start, self.rounds, self.next_term = (
            timeline(first_round) if first_round else (START, ROUNDS, NEXT_TERM))
        self.clock = FixedClock(self.start)
        self.services: Services = build_services(engine, self.clock)
        self.people = organisation.people()
        self.names = {p.user_id: f"{p.name} ({p.profession})" for p in self.people}
        self.names[NEWCOMER[0]] = NEWCOMER[1]
        # Someone in the cross-profession programme only, who never answers a check-in.
        self.quiet = next(p.user_id for p in self.people if p.profession == "Pharmacist")
        self.shown: dict[tuple[str, str], int] = {}
        self.printed: dict[str, int] = {}
        self.forms: set[str] = set()
        self.last_shown = False
        self.show_all = show_all
        self.asked: list[Outgoing] = []
        self.gateway = TranscriptGateway(self.names, show=self._show, on_send=self._sent)
        self.services.gateways["demo"] = self.gateway
        self.rng = random.Random(seed)
        self.baseline: dict[tuple[str, int], dict[str, int]] = {}

    def _show(self, intent: Intent) -> bool:
        # A few of each kind a day, from each programme, so that the term is always seen.
        key = (intent.kind, str(getattr(intent, "programme", "")))
        self.shown[key] = self.shown.get(key, 0) + 1
        shown = self.show_all or self.shown[key] <= (3 if key[1] == TWO_SIDED else 2)
        if shown:
            self.printed[intent.kind] = self.printed.get(intent.kind, 0) + 1
        self.last_shown = shown
        return shown

    def _sent(self, message: Outgoing) -> None:
        if isinstance(message.intent, EvaluationRequest):
            self.asked.append(message)
            if self.last_shown and message.intent.stage not in self.forms:
                self.forms.add(message.intent.stage)
                print(questionnaire())

    def _day(self, title: str, at: dt.datetime, action: Callable[[], None]) -> None:
        self.clock.at = at
        self.shown.clear()
        self.printed.clear()
        before = dict(self.gateway.counts)
        print(f"\n{'═' * 72}\n{at:%A} {at.day} {at:%B %Y, %H:%M} UTC: {title}\n{'═' * 72}")
        action()
        sent = {k: v - before.get(k, 0) for k, v in self.gateway.counts.items()
                if v - before.get(k, 0)}
        hidden = {k: n - self.printed.get(k, 0) for k, n in sent.items()
                  if n > self.printed.get(k, 0)}
        if hidden:
            print("\n(… and " + ", ".join(f"{n} more {KINDS_COUNTED.get(k, k)}"
                                         for k, n in hidden.items())
                  + "; `pairbot demo --all` prints every one)")

    def run(self) -> None:
        print("pairbot demo: a hospital trust of 150 people in 12 professions, three "
              "programmes, three monthly rounds and the first round of the next term.")
        self._day("150 people opt in and are asked the baseline questions", self.start,
                  self.opt_in)
        self._day("someone joins the programme's channel", self.start + dt.timedelta(hours=2),
                  self.welcome)
        for month, round_at in enumerate(self.rounds, 1):
            self._day(f"round {month}: on the working day before, a heads-up",
                      self.headsup_at(round_at), self.tick)
            self._day(f"round {month}: matching and introductions", round_at, self.tick)
            self._day(f"round {month}: once the introductions are out, anyone left out "
                      "hears why", round_at + LEFT_OUT_AFTER, self.tick)
            self._day(f"round {month}: people meet and answer the check-in"
                      + (" (and the end-of-term questions)"
                         if month == len(self.rounds) else ""),
                      round_at + dt.timedelta(days=14, minutes=5), self.checkin_and_answer)
            self._day(f"round {month}: one reminder where nobody answered",
                      round_at + dt.timedelta(days=21, minutes=5), self.tick)
        self._day("round 4: a new term, new partners; the last term's check-ins close",
                  self.next_term, self.tick)
        self._day("round 4: anyone left out hears why", self.next_term + LEFT_OUT_AFTER,
                  self.tick)
        self.print_term()
        self.print_stats()

    def opt_in(self) -> None:
        with self.services.unit_of_work() as session:
            ws = workspace_programmes.ensure_workspace(session, "demo", "trust", self.start,
                                             name="Sample Trust")
            workspace_programmes.default_programme(session, ws, self.start)
            programme_settings.create_programme(session, ws, programme_settings.ProgrammeSettings(
                name=TWO_SIDED, mode="two-sided", capacity=2,
                professions=("Doctor (junior)", "Manager"),
                sides={"A": ["Doctor (junior)"], "B": ["Manager"]},
                side_names={"A": "Junior doctors", "B": "Managers"},
                format="term", term_rounds=len(self.rounds)), self.start)
            ids = {p.name: p.id for p in workspace_programmes.programmes_of(session, ws.id)}
            # Three people, two of one profession: one of them is left out each round.
            ids[PILOT] = programme_settings.create_programme(
                session, ws, programme_settings.ProgrammeSettings(
                    name=PILOT, professions=("Nurse", "Healthcare assistant")), self.start).id
            session.get_one(Programme, ids["Paired learning"]).channel_id = CHANNEL
        pilot = [p for p in self.people if p.profession == "Nurse"][:2] + [
            p for p in self.people if p.profession == "Healthcare assistant"][:1]
        for person in self.people:
            joins = [(ids["Paired learning"], person.learn)]
            if person in pilot:
                joins.append((ids[PILOT], ()))
            if person.profession in ("Doctor (junior)", "Manager"):
                joins.append((ids[TWO_SIDED], ()))
            for programme_id, learn in joins:
                saved = participants.save_profile(
                    self.services, "demo", "trust", person.user_id, person.name, programme_id,
                    ProfileInput(person.profession, learn, person.intro))
                # Just joined: the baseline questions, as Slack's modal or Teams' card asks.
                for request in evaluation.baseline_requests(self.services, saved):
                    self.gateway.send(Outgoing(f"join:{programme_id}:{person.user_id}",
                                               "trust", request, (person.user_id,)))
        self.answer_questionnaires()
        print(f"\n{len(self.people)} people joined 'Paired learning'; "
              f"28 of them also joined '{TWO_SIDED}', and 3 the '{PILOT}'.")
        holiday = self.people[5]
        participants.pause(self.services, "demo", "trust", holiday.user_id,
                           dt.date(2026, 12, 20))
        print(f"{holiday.name} pauses until 20 December for a holiday.")

    def welcome(self) -> None:
        workspaces.welcome_channel_member(self.services, "demo", "trust", CHANNEL, NEWCOMER[0])
        self.tick()

    def answer_questionnaires(self) -> None:
        """Most people answer the questions they were sent (a few skip); after the term
        understanding has grown by a point or two."""
        asked, self.asked = self.asked, []
        counts = {"answered": 0, "skipped": 0}
        for message in asked:
            request = message.intent
            assert isinstance(request, EvaluationRequest)
            user = message.users[0]
            if self.rng.random() < 0.1:
                counts["skipped"] += 1
                continue
            key = (user, request.programme_id)
            if request.stage == ev.Stage.BASELINE:
                scores = {d: self.rng.choice([1, 2, 2, 3, 3]) for d in ev.DOMAINS}
                self.baseline[key] = scores
            else:
                start = self.baseline.get(key) or {d: 2 for d in ev.DOMAINS}
                scores = {d: min(5, s + self.rng.choice([0, 1, 1, 2])) for d, s in start.items()}
            result = evaluation.answer(self.services, "demo", "trust", user,
                                       request.programme_id, ev.Stage(request.stage), scores,
                                       term=request.term)
            if isinstance(result, evaluation.Recorded):
                counts["answered"] += 1
                if counts["answered"] == 1:
                    print(f"\n{self.names.get(user, user)} answers and reads: "
                          + wording.evaluation_recorded(result.stage, result.answered,
                                                        result.asked))
            else:
                counts["skipped"] += 1
        if asked:
            print(f"\nQuestionnaires: {counts['answered']} answered, {counts['skipped']} "
                  "skipped (skipping stores nothing).")

    def tick(self) -> None:
        """Whatever is due now, as the scheduler would run it (its report is the operator's,
        not part of what people read)."""
        jobs.run_due(self.services)

    def headsup_at(self, round_at: dt.datetime) -> dt.datetime:
        """When the round's heads-up goes out (the working day before; the same for every
        programme of the demo, which share the default cadence and time zone)."""
        with self.services.unit_of_work() as session:
            programme = session.scalars(select(Programme).limit(1)).one()
            return programme_schedule.headsup_at(programme, round_at)

    def checkin_and_answer(self) -> None:
        self.tick()
        with self.services.unit_of_work() as session:
            open_matches = [
                (m.id, [session.get_one(Participant, mm.participant_id).user_id
                        for mm in m.members if mm.participant_id])
                for m in session.query(Match).filter(Match.closed_at.is_(None))
                if m.checkin_due_at <= self.clock.now()
            ]
        answers = {"met": 0, "scheduled": 0, "not_happening": 0, "silent": 0}
        for match_id, users in open_matches:
            outcome = self.rng.choices(["met", "scheduled", "not_happening", "silent"],
                                       weights=[70, 15, 8, 7])[0]
            answers[outcome] += 1
            if outcome == "silent":
                continue
            for user in users:
                if user == self.quiet:
                    continue
                result = checkins.record_checkin(self.services, "demo", "trust", user,
                                                 answer=outcome, source="button",
                                                 match_id=match_id)
                if result.ask_feedback:
                    # What Slack's button and Teams' card ask after *Met*.
                    self.gateway.send(Outgoing(f"m{match_id}:feedback:{user}", "trust",
                                               checkins.feedback_request(result), (user,)))
                    checkins.record_feedback(
                        self.services, "demo", "trust", user, match_id,
                        learned_score=self.rng.choice([3, 4, 4, 5, 5]),
                        learned_text=self.learned(result), share=self.rng.random() < 0.6)
        print(f"\nGroups answered: {answers['met']} met, {answers['scheduled']} scheduled, "
              f"{answers['not_happening']} not going to happen, {answers['silent']} silent.")
        self.answer_questionnaires()

    def learned(self, result: checkins.CheckinResult) -> str:
        """What someone writes they learned: about a profession they met (one in four
        writes nothing)."""
        met = sorted({p.profession for p in result.others if p.profession in LEARNINGS})
        if not met or self.rng.random() < 0.25:
            return ""
        return self.rng.choice(LEARNINGS[self.rng.choice(met)])

    def print_term(self) -> None:
        """The term programme's groups month by month: the same partners, a theme each."""
        print(f"\n{'═' * 72}\nThe term in '{TWO_SIDED}': the same partners for three months"
              f"\n{'═' * 72}")
        with self.services.unit_of_work() as session:
            programme = session.scalars(select(Programme).where(
                Programme.name == TWO_SIDED)).one()
            months = []
            for rnd in session.scalars(select(Round).where(
                    Round.programme_id == programme.id).order_by(Round.ordinal)):
                by_match: dict[int, list[str]] = {}
                for match_id, user in session.execute(
                        select(MatchMember.match_id, Participant.user_id)
                        .join(Match, Match.id == MatchMember.match_id)
                        .join(Participant, Participant.id == MatchMember.participant_id)
                        .where(Match.round_id == rnd.id).order_by(MatchMember.position)):
                    by_match.setdefault(match_id, []).append(user)
                theme = rounds.round_theme(programme, rnd)
                months.append((rnd, theme, sorted(tuple(g) for g in by_match.values())))
        later = [m for m in months if m[0].term != 1]
        months = [m for m in months if m[0].term == 1]
        for rnd, theme, shown in months:
            print(f"\n{rnd.period} · meeting {rnd.round_in_term} of term {rnd.term}: "
                  f"{theme.title}\n  Guide: {theme.guide}")
            for group in shown[:SHOWN_GROUPS]:
                print("  • " + " & ".join(self.names.get(u, u) for u in group))
            if len(shown) > SHOWN_GROUPS:
                print(f"  … and {len(shown) - SHOWN_GROUPS} more groups")
        same = all(month[2] == months[0][2] for month in months)
        print(f"\n{len(months[0][2])} groups; the same partners every month: "
              f"{'yes' if same else 'no'}.")
        for rnd, theme, fresh in later:
            kept = len(set(fresh) & set(months[-1][2]))
            print(f"{rnd.period} · term {rnd.term} begins with {theme.title}: "
                  f"{len(fresh)} groups, {kept} of them from the last term.")

    def print_stats(self) -> None:
        print(f"\n{'═' * 72}\nWhat the organisers see\n{'═' * 72}")
        with self.services.unit_of_work() as session:
            ws = session.query(Workspace).one()
            ids = [p.id for p in workspace_programmes.programmes_of(session, ws.id)]
        for programme_id in ids:
            figures = stats.programme_stats(self.services, programme_id)
            print("\n" + figures.summary())


def questionnaire() -> str:
    """The questionnaire's form (Slack's modal, Teams' card) as text."""
    scale = " ".join(f"[{label}]" for _, label in ev.SCALE)
    lines = [f"\n   ┌ the form it opens: {wording.EVALUATION_FORM_TITLE} ┐",
             f"   {wording.EVALUATION_FORM_LEAD}"]
    lines += [f"   {n}. {q.text}\n      {scale}" for n, q in enumerate(ev.QUESTIONS, 1)]
    return "\n".join(lines)


# What people write they learned, by the profession they met.
LEARNINGS = {
    "Nurse": ("How much of a nurse's shift goes on paperwork nobody sees.",
              "That a ward handover takes half an hour, twice a day."),
    "Healthcare assistant": ("How much healthcare assistants notice about a patient before "
                             "anyone else does.",
                             "That healthcare assistants often hold the ward together at "
                             "night."),
    "Doctor (junior)": ("That a junior doctor's night shift covers four wards at once.",
                        "How often junior doctors move hospital and rota."),
    "Doctor (consultant)": ("How much of a consultant's week is teaching and meetings, not "
                            "clinics.", "Why consultants guard their theatre lists so closely."),
    "Physiotherapist": ("That physios plan a discharge from the first day on the ward.",
                        "How much rehabilitation happens in the corridor, not the gym."),
    "Manager": ("How much of a manager's week goes on staffing gaps.",
                "Managers care about patient safety as much as we do; they just see it in "
                "numbers."),
    "Administrator": ("How many clinic letters one administrator sends in a day.",
                      "That a missing referral form can hold up a whole pathway."),
    "Pharmacist": ("What pharmacists check before a prescription reaches the ward.",
                   "Why the pharmacy needs discharge prescriptions before noon."),
    "Paramedic": ("That paramedics often wait hours to hand over a patient.",
                  "How a paramedic decides whether to bring someone in at all."),
    "Social worker": ("Why a discharge waits on a care package, and who arranges it.",
                      "How social workers weigh a patient's wishes against the risks."),
    "IT and digital": ("Why a new system takes months to reach one ward.",
                       "How much of the digital team's day goes on logins and printers."),
    "Commissioner": ("What commissioners weigh before funding a new service.",
                     "That a contract sets how many outpatient appointments we can offer."),
}
