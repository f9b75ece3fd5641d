"""The scheduler's own process, which `pairbot serve` starts beside its web server.

Requests and the scheduler used to share one interpreter. Python runs one thread
at a time, so while the outbox sender rendered and sent a burst of messages, or a
round matched thousands of people, requests waited their turn: at 100 requests a
second the slowest requests took several times what they take alone, in bursts
(bench/load.py, docs/benchmarks.md). In a process of its own, and at a lower CPU
priority (`NICENESS`), the scheduler takes what the requests leave, and the
operating system, not the interpreter's 5 ms turns, decides who runs.

The web process (`WorkerProcess`):
- starts `python -m bot.worker`, which inherits its environment, after its own start-up
  has migrated the database;
- starts it again, after `RESTART_SECONDS`, if it ends on its own, and logs why;
- on SIGTERM passes the signal on, and waits for it up to the grace period and
  `KILL_AFTER_GRACE` more, then kills it;
- adds the worker's metrics to its own /metrics (bot/observability/metrics.py).

The worker (`main`) competes for the leadership as a replica did (only the leader
runs jobs), stops like the scheduler of a replica did (sends not begun are handed
back) on SIGTERM, and stops the same way at once if the web process dies: its end
of a pipe on the worker's standard input closes.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence

logger = logging.getLogger("pairbot")

# Below the web server's priority (0): requests first, the scheduler with the rest.
NICENESS = 10
RESTART_SECONDS = 5.0
KILL_AFTER_GRACE = 5.0
# Database connections the worker keeps: the sender's four sending threads and its
# claims, and the scheduler's other jobs (rounds, housekeeping, sync, retention).
POOL_SIZE = 8


class WorkerProcess:
    """The web process's handle on the scheduler process."""

    def __init__(self, *, grace: float, command: Sequence[str] | None = None,
                 restart_seconds: float = RESTART_SECONDS) -> None:
        self.grace = grace
        self.command = list(command or [sys.executable, "-m", "bot.worker"])
        self.restart_seconds = restart_seconds
        # The processes' metrics files (prometheus_client's multiprocess mode).
        self.directory = tempfile.mkdtemp(prefix="pairbot-metrics-")
        self.proc: subprocess.Popen[bytes] | None = None
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._watcher: threading.Thread | None = None

    def start(self) -> None:
        """Start the worker, and watch that it keeps running."""
        self._spawn()
        self._watcher = threading.Thread(target=self._watch, name="scheduler-process",
                                         daemon=True)
        self._watcher.start()

    def _spawn(self) -> None:
        level = logging.getLogger().getEffectiveLevel()
        with self._lock:
            if self._stopping.is_set():
                return
            # stdin is a pipe the worker reads to its end: when this process ends in any
            # way, SIGKILL included, the worker sees it and stops.
            self.proc = subprocess.Popen([*self.command, "--log-level", str(level)],
                                         stdin=subprocess.PIPE)
        logger.info("scheduler: running in a process of its own (pid %d)", self.proc.pid)

    def _watch(self) -> None:
        from bot.observability.metrics import process_ended

        while True:
            proc = self.proc
            if proc is None:
                return
            code = proc.wait()
            process_ended(proc.pid)
            if self._stopping.is_set():
                return
            logger.error("scheduler: its process ended on its own (exit code %s); starting "
                         "it again in %.0f s", code, self.restart_seconds)
            if self._stopping.wait(self.restart_seconds):
                return
            self._spawn()

    def begin_stop(self) -> None:
        """Pass SIGTERM on: the worker starts no job and no send from now on."""
        with self._lock:
            self._stopping.set()
            proc = self.proc
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGTERM)

    def stop(self, grace: float) -> bool:
        """Stop the worker, waiting up to `grace` seconds (and KILL_AFTER_GRACE more) for
        the sends under way; True when it stopped with none still running."""
        self.begin_stop()
        proc = self.proc
        idle = True
        if proc is not None:
            try:
                idle = proc.wait(timeout=grace + KILL_AFTER_GRACE) == 0
            except subprocess.TimeoutExpired:
                logger.warning("scheduler: its process did not stop within %.0f s; killed",
                               grace + KILL_AFTER_GRACE)
                proc.kill()
                proc.wait()
                idle = False
            if proc.stdin is not None:
                proc.stdin.close()
        if self._watcher is not None:
            self._watcher.join(timeout=5)
        shutil.rmtree(self.directory, ignore_errors=True)
        return idle


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bot.worker",
                                     description="pairbot's scheduler process; `pairbot "
                                                 "serve` starts it (bot/worker.py)")
    parser.add_argument("--log-level", type=int, default=logging.INFO)
    return parser.parse_args(argv)


def _when_parent_ends(stopping: threading.Event) -> None:
    """Set `stopping` once standard input ends (the web process has gone)."""
    try:
        # The file descriptor, not sys.stdin: a daemon thread blocked in a buffered
        # read holds its lock, and the interpreter aborts on it at exit.
        while os.read(0, 4096):
            pass
    except OSError:
        pass
    if not stopping.is_set():
        logger.warning("scheduler: the web process has gone; stopping")
        stopping.set()


def main(argv: Sequence[str] | None = None) -> int:
    """The worker: 0 when it stopped with nothing running, 1 when a send was still under
    way at the end of the grace period, 2 when it could not start."""
    args = _parse(argv)
    stopping = threading.Event()
    # Installed first: a stop that arrives during start-up is kept, not fatal.
    signal.signal(signal.SIGTERM, lambda _sig, _frame: stopping.set())
    # Ctrl-C in a terminal reaches both processes; the web process passes it on as SIGTERM.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from bot.config import ConfigError, load_settings
    from bot.observability import logs

    logs.configure(level=args.log_level)
    # As `pairbot serve`: Alembic's start-up lines are not news.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    try:
        settings = load_settings()
    except ConfigError as exc:
        logger.error("scheduler: %s", exc)
        return 2
    if settings.log_format == "json":
        logs.configure(level=args.log_level, json_lines=True)
    try:
        os.nice(NICENESS)
    except OSError:  # not allowed here: the same priority as the web process
        logger.debug("scheduler: could not lower its priority", exc_info=True)
    threading.Thread(target=_when_parent_ends, args=(stopping,), name="parent",
                     daemon=True).start()

    from bot.runtime import build_background, freeze_start_up_heap
    from bot.store.db import make_engine

    engine = make_engine(settings.database_url, pool_size=POOL_SIZE)
    background = build_background(settings, engine=engine)
    freeze_start_up_heap()
    while not stopping.wait(0.5):
        pass
    started = time.monotonic()
    background.begin_stop()
    idle = background.shutdown(settings.shutdown_grace_seconds)
    engine.dispose()
    if idle:
        logger.info("scheduler: stopped in %.1f s", time.monotonic() - started)
    else:
        logger.warning("scheduler: stopping after %.0f s with a send still under way",
                       settings.shutdown_grace_seconds)
    return 0 if idle else 1


if __name__ == "__main__":
    sys.exit(main())
