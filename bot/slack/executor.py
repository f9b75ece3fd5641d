"""Bolt's listener thread pool, able to say when every listener has finished.

Bolt acknowledges Slack first and runs a listener's remaining work on this
pool. Shutdown waits for it, and tests wait for it before asserting what
Slack received, instead of sleeping.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any


class ListenerExecutor(ThreadPoolExecutor):
    """A thread pool that counts the work still running."""

    # Listeners mostly wait on the database and Slack's Web API, and a slash command is
    # acknowledged only once a thread picks it up: enough threads that a burst of
    # reactions cannot keep commands from their 3 seconds.
    def __init__(self, max_workers: int = 32) -> None:
        super().__init__(max_workers=max_workers, thread_name_prefix="slack-listener")
        self._pending = 0
        self._idle = threading.Condition()

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        with self._idle:
            self._pending += 1
        try:
            future = super().submit(fn, *args, **kwargs)
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
