"""APScheduler inside `pairbot serve`: each job only calls a service.

- one cron job per programme at its round time (re-synced from the database
  every 30 s, so a changed cadence takes effect without a restart);
- housekeeping every minute: heads-ups, check-ins, reminders, missed rounds;
- the outbox sender every two seconds, one batch at a time so that a stop
  waits for at most one batch.

Only the replica that holds the leadership (bot/scheduler/leader.py) runs one.
`stop(grace)` is the graceful part of a SIGTERM: no new job starts, sends that
have begun finish, sends that have not go back to 'pending', and leases this
process still holds are expired so that another replica checks those rows.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger

from bot.core import schedule
from bot.observability import logs
from bot.scheduler.draining import Draining
from bot.services import jobs, retention
from bot.services.context import Services
from bot.services.delivery import CpuShare, deliver_due, release_leases
from bot.services.foreground import Foreground
from bot.services.stats import outbox_backlog

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
    """The background scheduler of the leading `pairbot serve` process."""

    def __init__(self, services: Services, *, sync_seconds: int = 30,
                 housekeeping_seconds: int = 60, delivery_seconds: float = 2.0,
                 foreground: Foreground | None = None) -> None:
        self.services = services
        self._intervals = (sync_seconds, housekeeping_seconds, delivery_seconds)
        # APScheduler logs every run of every job at INFO; ours say what happened instead.
        logging.getLogger("apscheduler").setLevel(logging.WARNING)
        self._known: dict[int, str] = {}
        self._scheduler: BackgroundScheduler | None = None
        self._stopping = threading.Event()
        self._busy = 0
        self._idle = threading.Condition()
        # Every send goes through Draining: once stopping, a send not yet begun is handed
        # back (TransientFailure) instead of started.
        self.draining = Draining(services, self._stopping)
        # The sender shares the process with the requests: it takes short turns, and
        # with `foreground` (the web app's requests in flight) it starts them between
        # requests.
        self.share = CpuShare(services.delivery.cpu_share, stopping=self._stopping,
                              foreground=foreground,
                              patience=services.delivery.foreground_patience)

    def _guard(self, job: Callable[..., None]) -> Callable[..., None]:
        def run(*args: object) -> None:
            if self._stopping.is_set():
                return
            with self._idle:
                self._busy += 1
            try:
                job(*args)
            except Exception:
                # One failing pass must not stop the schedule; the next pass retries.
                logger.exception("scheduled job %s failed", job.__name__)
            finally:
                with self._idle:
                    self._busy -= 1
                    self._idle.notify_all()
        run.__name__ = job.__name__
        return run

    def _build(self) -> BackgroundScheduler:
        sync_seconds, housekeeping_seconds, delivery_seconds = self._intervals
        scheduler = BackgroundScheduler(
            executors={"default": ThreadPoolExecutor(4)},
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600},
            timezone="UTC",
        )
        scheduler.add_job(self._guard(self.sync), "interval", seconds=sync_seconds,
                          id="sync", name="sync programmes")
        # Both run at once on start, so work missed while no process led is done now.
        soon = datetime.now(UTC)
        scheduler.add_job(self._guard(self.housekeeping), "interval",
                          seconds=housekeeping_seconds, id="housekeeping",
                          name="housekeeping", next_run_time=soon)
        scheduler.add_job(self._guard(retention.daily), "interval", hours=24,
                          args=(self.services,), id="retention", name="retention",
                          next_run_time=soon)
        scheduler.add_job(self._guard(self.deliver), "interval", seconds=delivery_seconds,
                          id="deliver", name="deliver", next_run_time=soon)
        return scheduler

    def start(self) -> None:
        """Start the jobs; programmes are scheduled straight away."""
        if self._scheduler is not None and self._scheduler.running:
            return
        self._stopping.clear()
        self._known = {}
        self.draining.install()
        self._scheduler = self._build()
        self._scheduler.start()
        self.sync()
        logger.info("scheduler started")

    def begin_stop(self) -> None:
        """From now on no job and no send begins; returns at once."""
        self._stopping.set()

    def stop(self, grace: float = 0.0) -> bool:
        """Start no new job and hand back unsent work; wait up to `grace` seconds for jobs
        that are running. True when nothing was still running."""
        self._stopping.set()
        if self._scheduler is not None and self._scheduler.running:
            self._scheduler.shutdown(wait=False)
        deadline = time.monotonic() + grace
        with self._idle:
            while self._busy and time.monotonic() < deadline:
                self._idle.wait(deadline - time.monotonic())
            idle = self._busy == 0
        expired = release_leases(self.services)
        if expired:
            logger.warning("scheduler: %d sends were still running at stop; their rows will "
                           "be checked with the platform before any retry", expired)
        return idle

    def stop_now(self) -> None:
        """Stop without waiting (leadership lost: another replica takes over)."""
        self.stop(0.0)

    def sync(self) -> None:
        """Add, change or remove each programme's round job to match the database."""
        scheduler = self._scheduler
        if scheduler is None or self._stopping.is_set():
            return
        wanted = {pid: f"{cadence}|{tz}"
                  for pid, (cadence, tz) in jobs.round_schedules(self.services).items()}
        for pid, key in wanted.items():
            if self._known.get(pid) == key:
                continue
            cadence, tz = key.split("|")
            scheduler.add_job(self._guard(self.round_due), cron_trigger(cadence, tz),
                              args=(pid,), id=f"round-{pid}", name=f"round {pid}",
                              replace_existing=True)
            logger.info("programme %s scheduled: %s (%s)", pid, cadence, tz)
            self._known[pid] = key
        for pid in set(self._known) - set(wanted):
            scheduler.remove_job(f"round-{pid}")
            del self._known[pid]

    def round_due(self, programme_id: int) -> None:
        """A programme's round time has come."""
        report = jobs.TickReport()
        with logs.working_on(programme_id=programme_id):
            jobs.due_rounds(self.services, programme_id, report)
            if report.rounds:
                logger.info("round started: %s", ", ".join(report.rounds))

    def housekeeping(self) -> None:
        """Heads-ups, check-ins, reminders, and rounds missed while down."""
        report = jobs.run_due(self.services, deliver=False)
        if report.rounds or report.headsups or report.checkins or report.reminders:
            logger.info("housekeeping: %s", report.summary())

    def deliver(self) -> None:
        """Send what is due in the outbox, a batch at a time until a batch comes back short
        (what falls due meanwhile goes at the next run, two seconds later) or stopping."""
        started = time.monotonic()
        total = None
        limit = self.services.delivery.batch
        while not self._stopping.is_set():
            report = deliver_due(self.services, limit=limit, share=self.share,
                                 until_short=True)
            if not (report.sent or report.failed or report.retried or report.recovered
                    or report.errors):
                break
            if total is None:
                total = report
            else:
                total.add(report)
            if report.claimed < limit:
                break
        if total is not None and (total.sent or total.failed or total.retried):
            backlog = outbox_backlog(self.services)
            pending = int(backlog["due"] + backlog["sending"])
            rate = total.sent / max(time.monotonic() - started, 1e-3)
            left = f", about {pending / rate:.0f} s left" if pending and rate else ""
            logger.info("delivery: sent %d, recovered %d, failed %d, retrying %d; "
                        "%d pending%s", total.sent, total.recovered, total.failed,
                        total.retried, pending, left)
