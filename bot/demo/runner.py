"""The demo's story: opt-ins, two monthly rounds, answers, statistics."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from sqlalchemy import Engine

from bot.core.intents import Intent
from bot.core.profile import ProfileInput
from bot.demo import organisation
from bot.demo.console import ConsoleGateway
from bot.runtime import build_services
from bot.services import checkins, jobs, participants, programmes, stats
from bot.services.clock import FixedClock
from bot.services.context import Services
from bot.store.models import Match, Participant, Workspace

START = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)
TWO_SIDED = "Junior doctors × managers"


class Demo:
    def __init__(self, engine: Engine, *, show_all: bool, seed: int) -> None:
        self.clock = FixedClock(START)
        self.services: Services = build_services(engine, self.clock)
        self.people = organisation.people()
        self.names = {p.user_id: f"{p.name} ({p.profession})" for p in self.people}
        self.shown: dict[str, int] = {}
        self.show_all = show_all
        self.gateway = ConsoleGateway(self.names, show=self._show)
        self.services.gateways["demo"] = self.gateway
        self.rng = random.Random(seed)

    def _show(self, intent: Intent) -> bool:
        self.shown[intent.kind] = self.shown.get(intent.kind, 0) + 1
        return self.show_all or self.shown[intent.kind] <= 3

    def _day(self, title: str, at: dt.datetime, action: Callable[[], None]) -> None:
        self.clock.at = at
        self.shown.clear()
        before = dict(self.gateway.counts)
        print(f"\n{'═' * 72}\n{at:%A} {at.day} {at:%B %Y, %H:%M} UTC: {title}\n{'═' * 72}")
        action()
        sent = {k: v - before.get(k, 0) for k, v in self.gateway.counts.items()
                if v - before.get(k, 0)}
        hidden = {k: n - 3 for k, n in sent.items() if n > 3 and not self.show_all}
        if hidden:
            print("\n(… and " + ", ".join(f"{n} more {k}" for k, n in hidden.items())
                  + " messages; `pairbot demo --all` prints every one)")

    def run(self) -> None:
        print("pairbot demo: a hospital trust of 150 people in 12 professions.")
        self._day("150 people opt in", START, self.opt_in)
        for month, round_at in enumerate((dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC),
                                          dt.datetime(2027, 1, 4, 10, 0, tzinfo=dt.UTC)), 1):
            self._day(f"round {month}: matching and introductions", round_at, self.tick)
            self._day(f"round {month}: people meet and answer the check-in",
                      round_at + dt.timedelta(days=14, minutes=5), self.checkin_and_answer)
            self._day(f"round {month}: one reminder where nobody answered",
                      round_at + dt.timedelta(days=21, minutes=5), self.tick)
        self.print_stats()

    def opt_in(self) -> None:
        with self.services.unit_of_work() as session:
            ws = programmes.ensure_workspace(session, "demo", "trust", START, name="Sample Trust")
            programmes.default_programme(session, ws, START)
            programmes.create_programme(session, ws, programmes.ProgrammeSettings(
                name=TWO_SIDED, mode="two-sided", capacity=2,
                professions=("Doctor (junior)", "Manager"),
                sides={"A": ["Doctor (junior)"], "B": ["Manager"]}), START)
            ids = {p.name: p.id for p in programmes.programmes_of(session, ws.id)}
        for person in self.people:
            profile = ProfileInput(person.profession, person.learn, person.intro)
            participants.save_profile(self.services, "demo", "trust", person.user_id,
                                      person.name, ids["Paired learning"], profile)
            if person.profession in ("Doctor (junior)", "Manager"):
                participants.save_profile(self.services, "demo", "trust", person.user_id,
                                          person.name, ids[TWO_SIDED],
                                          ProfileInput(person.profession, (), person.intro))
        print(f"{len(self.people)} people joined 'Paired learning'; "
              f"28 of them also joined '{TWO_SIDED}'.")
        holiday = self.people[5]
        participants.pause(self.services, "demo", "trust", holiday.user_id,
                           dt.date(2026, 12, 20))
        print(f"{holiday.name} pauses until 20 December for a holiday.")

    def tick(self) -> None:
        report = jobs.run_due(self.services)
        print(f"\n[tick] {report.summary()}")

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
                result = checkins.record_checkin(self.services, "demo", "trust", user,
                                                 answer=outcome, source="button",
                                                 match_id=match_id)
                if result.ask_feedback:
                    checkins.record_feedback(
                        self.services, "demo", "trust", user, match_id,
                        learned_score=self.rng.choice([3, 4, 4, 5, 5]),
                        learned_text=self.rng.choice(LEARNINGS),
                        share=self.rng.random() < 0.6)
        print(f"\nGroups answered: {answers['met']} met, {answers['scheduled']} scheduled, "
              f"{answers['not_happening']} not going to happen, {answers['silent']} silent.")

    def print_stats(self) -> None:
        print(f"\n{'═' * 72}\nWhat the organisers see\n{'═' * 72}")
        with self.services.unit_of_work() as session:
            ws = session.query(Workspace).one()
            ids = [p.id for p in programmes.programmes_of(session, ws.id)]
        for programme_id in ids:
            figures = stats.programme_stats(self.services, programme_id)
            print("\n" + figures.summary())
            if figures.shared_learnings:
                print("Shared learnings (anonymous): " + " | ".join(
                    dict.fromkeys(figures.shared_learnings).keys()))


LEARNINGS = (
    "How much of a manager's week goes on staffing gaps.",
    "Why discharge letters take so long to come through.",
    "What pharmacists check before a prescription reaches the ward.",
    "That paramedics often wait hours to hand over a patient.",
    "How commissioning decisions are actually made.",
    "",
)
