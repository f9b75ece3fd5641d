"""Bolt's listener thread pool, able to say when every listener has finished.

Bolt acknowledges Slack first and runs a listener's remaining work on this
pool. Shutdown waits for it, and tests wait for it before asserting what
Slack received, instead of sleeping.

Events API work (a reaction, a channel join) is acknowledged before it starts,
so it runs on a smaller pool of its own (`later`): a burst of events waits
there, and a slash command or a button, which Slack gives three seconds to be
acknowledged, never queues behind it for a thread or for most of the database
connections.
"""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

# Threads for acknowledged event work: under the database pool's 15 connections
# (bot/store/db.py), so that commands always find some free.
EVENT_WORKERS = 8


class ListenerExecutor(ThreadPoolExecutor):
    """A thread pool that counts the work still running, its own and `later`'s."""

    # Listeners mostly wait on the database and Slack's Web API, and a slash command is
    # acknowledged only once a thread picks it up: enough threads for a burst of them.
    def __init__(self, max_workers: int = 32, event_workers: int = EVENT_WORKERS) -> None:
        super().__init__(max_workers=max_workers, thread_name_prefix="slack-listener")
        self._events = ThreadPoolExecutor(max_workers=event_workers,
                                          thread_name_prefix="slack-event")
        self._pending = 0
        self._idle = threading.Condition()

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        return self._counted(super().submit, fn, *args, **kwargs)

    def later(self, fn: Callable[[], None]) -> None:
        """Run acknowledged event work on the events' pool, in the caller's context (its
        language)."""
        self._counted(self._events.submit, contextvars.copy_context().run, fn)

    def _counted(self, submit: Callable[..., Future[Any]], fn: Callable[..., Any],
                 *args: Any, **kwargs: Any) -> Future[Any]:
        with self._idle:
            self._pending += 1
        try:
            future = submit(fn, *args, **kwargs)
        except BaseException:
            self._finished()
            raise
        future.add_done_callback(lambda _: self._finished())
        return future

    def _finished(self) -> None:
        with self._idle:
            self._pending -= 1
            if self._pending == 0:
                self._idle.notify_all()

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Block until no listener is running; False if `timeout` passed first."""
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self._events.shutdown(wait=wait, cancel_futures=cancel_futures)
        super().shutdown(wait=wait, cancel_futures=cancel_futures)
