"""The web requests in flight, so that background work can give way to them.

`pairbot serve` answers Slack and runs the scheduler's sender in one process, and only
one thread at a time runs Python. On PostgreSQL each of a request's round trips gives the
interpreter up while it waits for the server, and getting it back waits up to the switch
interval (5 ms) for each other thread that has Python to run (bench/gil_convoy.py): a
sender starting its turns while a request is in flight stretches that request by up to
tens of milliseconds. The web app counts its requests here (`bot/web/app.py`); the sender
starts a unit of work (a claim, a send, a record) only when none is in flight, or when it
has waited `patience` seconds for that (CpuShare, bot/services/delivery.py), so that
requests that never stop still leave it a turn every `patience` seconds per thread.
"""

from __future__ import annotations

import threading
import time


class Foreground:
    """A count of the requests being answered, and a wait for the moment there are none."""

    def __init__(self) -> None:
        self._count = 0
        self._idle = threading.Condition(threading.Lock())

    @property
    def busy(self) -> int:
        """How many requests are in flight now."""
        return self._count

    def enter(self) -> None:
        """A request has arrived."""
        with self._idle:
            self._count += 1

    def leave(self) -> None:
        """A request has been answered: one waiting thread may go on (one, so that the
        sender's threads start their turns one moment apart, not all together)."""
        with self._idle:
            self._count -= 1
            if self._count == 0:
                self._idle.notify()

    def wait_idle(self, timeout: float, stopping: threading.Event | None = None) -> bool:
        """Block until no request is in flight, at most `timeout` seconds (and not at all
        once `stopping` is set); True when none was in flight on return. Waiters are woken
        one per moment without requests, each woken thread going on."""
        deadline = time.monotonic() + timeout
        with self._idle:
            while self._count > 0:
                left = deadline - time.monotonic()
                if left <= 0 or (stopping is not None and stopping.is_set()):
                    return False
                # Woken by `leave`, or in steps of 0.1 s so that a stop is seen.
                self._idle.wait(min(left, 0.1))
            return True
