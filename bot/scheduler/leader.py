"""Which replica runs the scheduler: the one holding a PostgreSQL advisory lock.

Every `pairbot serve` may lead. Each one tries `pg_try_advisory_lock` every few
seconds on a connection of its own; the database grants it to one session at a
time and frees it when that session ends, so when the leader dies (its
connection closes, or TCP keepalives give it up within about half a minute)
the next try of another replica wins. A leader that finds its connection
broken steps down at once, before anyone else can have the lock.

Writes stay exactly-once without this (the round claim and the outbox claim
see to that); the lock only keeps the replicas from doing the same work side
by side. On SQLite the single process leads.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Protocol

from bot.observability.metrics import set_leader

logger = logging.getLogger(__name__)


class Lock(Protocol):
    """The lock the replicas compete for (bot.store.locks.AdvisoryLock)."""

    shared: bool

    def try_acquire(self) -> bool: ...
    def check(self) -> None: ...
    def release(self) -> None: ...
    def dispose(self) -> None: ...


class Leadership:
    """Tries for the lead every `retry_seconds`; calls `on_gain` / `on_loss` as it changes."""

    def __init__(self, lock: Lock, *, on_gain: Callable[[], None],
                 on_loss: Callable[[], None], retry_seconds: float = 5.0) -> None:
        self._lock = lock
        self._on_gain = on_gain
        self._on_loss = on_loss
        self._retry = retry_seconds
        self._done = threading.Event()
        self._thread: threading.Thread | None = None
        self.leading = False

    def start(self) -> None:
        """Begin trying for the lead (at once, then every `retry_seconds`)."""
        if not self._lock.shared:
            self._gain("the only process on SQLite")
            return
        self._thread = threading.Thread(target=self._loop, name="leadership", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Step down and stop trying; the lock is freed for another replica at once."""
        self._done.set()
        if self._thread is not None:
            self._thread.join(timeout=self._retry + 15)
        if self.leading:
            self.leading = False
            set_leader(False)
        self._lock.dispose()

    def _loop(self) -> None:
        while not self._done.is_set():
            try:
                if self.leading:
                    self._check()
                else:
                    self._try()
            except Exception:
                logger.exception("leadership: unexpected error")
            self._done.wait(self._retry)

    def _try(self) -> None:
        try:
            won = self._lock.try_acquire()
        except Exception as exc:
            logger.warning("leadership: cannot reach the database to try for the lead: %s",
                           str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
            self._close()
            return
        if won and not self._done.is_set():
            self._gain("advisory lock taken")

    def _check(self) -> None:
        try:
            self._lock.check()
        except Exception as exc:
            # The session that held the lock is gone, so the lock is too: step down now.
            logger.warning("leadership: lost the database connection, stepping down: %s",
                           str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
            self.leading = False
            set_leader(False)
            self._close()
            self._on_loss()

    def _gain(self, why: str) -> None:
        self.leading = True
        set_leader(True)
        logger.info("scheduler: this replica leads (%s)", why)
        self._on_gain()

    def _close(self) -> None:
        try:
            self._lock.release()
        except Exception:  # already broken; nothing to release
            logger.debug("leadership: closing a broken connection", exc_info=True)
