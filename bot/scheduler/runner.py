"""APScheduler inside `pairbot serve`: each job only calls a service.

- one cron job per programme at its round time (re-synced from the database
  every 30 s, so a changed cadence takes effect without a restart);
- housekeeping every minute: heads-ups, check-ins, reminders, missed rounds;
- the outbox sender every two seconds.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from sqlalchemy import select

from bot.core import schedule
from bot.services import jobs, retention
from bot.services.context import Services
from bot.services.delivery import deliver_due
from bot.services.stats import operational_counts
from bot.store.models import Programme

logger = logging.getLogger(__name__)
ORDINAL_CRON = {"first": "1st", "second": "2nd", "third": "3rd", "fourth": "4th", "last": "last"}
CRON_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def cron_trigger(cadence_text: str, timezone: str) -> CronTrigger:
    """The APScheduler trigger for a cadence (fortnightly fires weekly; the service skips
    the off weeks)."""
    cadence = schedule.parse_cadence(cadence_text)
    if cadence.day_of_month is not None:
        return CronTrigger(day=cadence.day_of_month, hour=cadence.hour, minute=cadence.minute,
                           timezone=timezone)
    assert cadence.weekday is not None
    day = CRON_DAYS[cadence.weekday]
    if cadence.kind == "monthly":
        assert cadence.ordinal is not None
        return CronTrigger(day=f"{ORDINAL_CRON[cadence.ordinal]} {day}", hour=cadence.hour,
                           minute=cadence.minute, timezone=timezone)
    return CronTrigger(day_of_week=day, hour=cadence.hour, minute=cadence.minute,
                       timezone=timezone)


class Scheduler:
    """The background scheduler of one `pairbot serve` process."""

    def __init__(self, services: Services, *, sync_seconds: int = 30,
                 housekeeping_seconds: int = 60, delivery_seconds: float = 2.0) -> None:
        self.services = services
        # APScheduler logs every run of every job at INFO; ours say what happened instead.
        logging.getLogger("apscheduler").setLevel(logging.WARNING)
        self._known: dict[int, str] = {}
        self._scheduler = BackgroundScheduler(
            executors={"default": ThreadPoolExecutor(4)},
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600},
            timezone="UTC",
        )
        self._scheduler.add_job(self._guard(self.sync), "interval", seconds=sync_seconds,
                                id="sync", name="sync programmes")
        # Both run at once on start, so work missed while the process was down is done now.
        soon = datetime.now(UTC)
        self._scheduler.add_job(self._guard(self.housekeeping), "interval",
                                seconds=housekeeping_seconds, id="housekeeping",
                                name="housekeeping", next_run_time=soon)
        self._scheduler.add_job(self._guard(retention.daily), "interval", hours=24,
                                args=(services,), id="retention", name="retention",
                                next_run_time=soon)
        self._scheduler.add_job(self._guard(self.deliver), "interval",
                                seconds=delivery_seconds, id="deliver", name="deliver",
                                next_run_time=soon)

    def _guard(self, job: Callable[..., None]) -> Callable[..., None]:
        def run(*args: object) -> None:
            try:
                job(*args)
            except Exception:
                # One failing pass must not stop the schedule; the next pass retries.
                logger.exception("scheduled job %s failed", job.__name__)
        run.__name__ = job.__name__
        return run

    def start(self) -> None:
        """Start the jobs; programmes are scheduled straight away."""
        self._scheduler.start()
        self.sync()
        logger.info("scheduler started")

    def stop(self) -> None:
        """Stop without waiting for a running delivery pass."""
        if self._scheduler.running:
            self._scheduler.shutdown(wait=False)

    def sync(self) -> None:
        """Add, change or remove each programme's round job to match the database."""
        with self.services.unit_of_work() as session:
            rows = session.execute(select(Programme.id, Programme.cadence, Programme.timezone)
                                   .where(Programme.active.is_(True))).all()
        wanted = {pid: f"{cadence}|{tz}" for pid, cadence, tz in rows}
        for pid, key in wanted.items():
            if self._known.get(pid) == key:
                continue
            cadence, tz = key.split("|")
            self._scheduler.add_job(self._guard(self.round_due), cron_trigger(cadence, tz),
                                    args=(pid,), id=f"round-{pid}", name=f"round {pid}",
                                    replace_existing=True)
            logger.info("programme %s scheduled: %s (%s)", pid, cadence, tz)
            self._known[pid] = key
        for pid in set(self._known) - set(wanted):
            self._scheduler.remove_job(f"round-{pid}")
            del self._known[pid]

    def round_due(self, programme_id: int) -> None:
        """A programme's round time has come."""
        report = jobs.TickReport()
        jobs.due_rounds(self.services, programme_id, report)
        if report.rounds:
            logger.info("round started: %s", ", ".join(report.rounds))

    def housekeeping(self) -> None:
        """Heads-ups, check-ins, reminders, and rounds missed while down."""
        report = jobs.run_due(self.services, deliver=False)
        if report.rounds or report.headsups or report.checkins or report.reminders:
            logger.info("housekeeping: %s", report.summary())

    def deliver(self) -> None:
        """Send what is due in the outbox."""
        started = time.monotonic()
        report = deliver_due(self.services)
        if report.sent or report.failed or report.retried:
            outbox = operational_counts(self.services)["pairbot_outbox_messages"]
            pending = outbox.get("pending", 0) + outbox.get("sending", 0)
            rate = report.sent / max(time.monotonic() - started, 1e-3)
            left = f", about {pending / rate:.0f} s left" if pending and rate else ""
            logger.info("delivery: sent %d, recovered %d, failed %d, retrying %d; "
                        "%d pending%s", report.sent, report.recovered, report.failed,
                        report.retried, pending, left)
