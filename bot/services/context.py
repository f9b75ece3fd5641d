"""What every use case works with: the store, the clock, the icebreakers, the platforms."""

from __future__ import annotations

import datetime as dt
import os
import secrets
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy.orm import Session, sessionmaker

from bot.core.icebreakers import IcebreakerBank
from bot.core.instruments import Catalogue, load_catalogue
from bot.services.calendar_links import CalendarLinks
from bot.services.clock import Clock, SystemClock
from bot.services.gateway import Gateway


@dataclass
class Delivery:
    """How the outbox sender paces itself."""

    # Rows claimed at a time; the sender doubles it (up to max_batch) while a batch takes
    # well under the lease, and halves it when one takes a good part of it.
    batch: int = 50
    max_batch: int = 1000
    # A row left 'sending' longer than this by a dead process is checked and retried.
    lease: dt.timedelta = dt.timedelta(seconds=120)
    max_attempts: int = 8
    backoff_base: float = 5.0
    workers: int = 4
    # The share of one core's time (of the interpreter's, in effect) that the scheduler's
    # sender may use while serving requests (CpuShare, bot/services/delivery.py); 1 or more:
    # no limit. At 0.25 it can send about 150 messages a second on CPU alone (1.7 ms each
    # in bench/load.py), above what Slack's and Teams' rate limits let through.
    cpu_share: float = 0.25
    # In `pairbot serve` the sender also starts each claim, send and record only while no
    # web request is in flight (bot/services/foreground.py), waiting at most this long
    # (seconds) for that: requests that never stop still leave each of its threads a turn
    # this often.
    foreground_patience: float = 0.1
    # A sent row's payload is emptied this long after sending (PAIRBOT_SENT_PAYLOAD_DAYS).
    sent_payload_retention: dt.timedelta = dt.timedelta(days=30)


@dataclass
class Retention:
    """How long records are kept (docs/data-protection.md); the daily job applies it."""

    matches: dt.timedelta = dt.timedelta(days=730)
    answers: dt.timedelta = dt.timedelta(days=365)
    learnings: dt.timedelta = dt.timedelta(days=365)
    messages: dt.timedelta = dt.timedelta(days=90)
    uninstalled_grace: dt.timedelta = dt.timedelta(days=30)


@dataclass
class Services:
    """The composition services run in; built once at the composition root."""

    sessions: sessionmaker[Session]
    clock: Clock
    bank: IcebreakerBank
    gateways: dict[str, Gateway] = field(default_factory=dict)
    delivery: Delivery = field(default_factory=Delivery)
    retention: Retention = field(default_factory=Retention)
    # Evaluation instruments: the bundled ones plus PAIRBOT_INSTRUMENTS_DIR's.
    instruments: Catalogue = field(default_factory=load_catalogue)
    # Leases are about real processes, not the (possibly simulated) domain time.
    wall: Clock = field(default_factory=SystemClock)
    worker_id: str = field(default_factory=lambda: f"{socket.gethostname()}:{os.getpid()}")
    # Signs what buttons carry (an invitation's id, for the one person it was sent to):
    # PAIRBOT_SECRET_KEY at the composition root; a key of this process alone otherwise.
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    # Signs the intros' "Add to calendar" links (PAIRBOT_SECRET_KEY and PAIRBOT_PUBLIC_URL);
    # None: intros offer times without links.
    calendar: CalendarLinks | None = None

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """One transaction: committed on success, rolled back on error."""
        with self.sessions() as session, session.begin():
            yield session

    def now(self) -> dt.datetime:
        """The injected clock's current instant."""
        return self.clock.now()
