"""A probe that bench/load.py --probe loads into `pairbot serve` (through PYTHONPATH).

With BENCH_PROBE_FILE=FILE it records, with wall-clock times, every garbage collection
of the oldest generation and every younger one over 2 ms, each run of the scheduler's jobs
and of the leadership check (wall and CPU seconds), each new database connection, every
second the SQL statements run so far (by the kind of thread that ran them: Bolt's
listeners and the events' pool, the web server's workers, the scheduler), each message the
outbox sender sends, claims and records (wall and CPU seconds of its thread), every second how
long a thread that wanted the interpreter waited for it (below), and every 5 s the size
of the heap the collector walks; it appends them to FILE as JSON lines every 5 s and at
exit. It changes nothing the server does unless asked (below). Without the variable it does nothing.

Waiting for the interpreter: a thread of the probe sleeps 5 ms again and again, as a
request thread waits for the database, and measures how late it is back. Late is the
kernel's wake-up, the time the thread sat runnable without a core (the machine is busy:
/proc/self/task/TID/schedstat counts it) and the time it waited for the GIL while another
thread of the server held it. The GIL's part is what is left once the first two are taken
out; that is what each database round trip of a request can cost it while background
work runs.

For experiments, set by `bench/load.py --switch-interval/--sender-share/
--foreground-patience/--events-patience/--ping-idle`:
BENCH_SWITCH_INTERVAL (ms) sets sys.setswitchinterval (Python's default: 5 ms),
BENCH_SENDER_SHARE the scheduler's sender's CPU share (bot/services/delivery.py CpuShare),
BENCH_FOREGROUND_PATIENCE how long (s) the sender waits for no web request in flight
before each of its turns (bot/services/foreground.py; 0: it does not wait),
BENCH_EVENTS_PATIENCE how long (s) acknowledged Slack event work (the events' pool) waits
for no web request in flight before it starts (an experiment: pairbot does not wait),
BENCH_PING_IDLE the idle seconds after which a pooled connection is pinged (bot/store/db.py;
0 pings at every checkout, as pool_pre_ping did).
"""

from __future__ import annotations

import atexit
import gc
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
import threading
import time
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any

OUT = os.environ.get("BENCH_PROBE_FILE")
events: list[dict[str, Any]] = []
_started: dict[str, float] = {}


def _collected(phase: str, info: dict[str, int]) -> None:
    if phase == "start":
        _started["perf"], _started["wall"] = time.perf_counter(), time.time()
        return
    wall = time.perf_counter() - _started.get("perf", time.perf_counter())
    if info["generation"] == 2 or wall > 0.002:
        events.append({"what": f"gc{info['generation']}", "at": _started["wall"],
                       "wall": wall, "collected": info.get("collected", 0)})


def _timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Any:
        at, perf, cpu = time.time(), time.perf_counter(), time.thread_time()
        try:
            return function(*args, **kwargs)
        finally:
            events.append({"what": name, "at": at, "wall": time.perf_counter() - perf,
                           "cpu": time.thread_time() - cpu})
    return run


def _patch_methods(cls_name: str, names: Sequence[str]) -> Callable[[ModuleType], None]:
    def patch(module: ModuleType) -> None:
        cls = getattr(module, cls_name)
        for name in names:
            setattr(cls, name, _timed(name, getattr(cls, name)))
    return patch


def _scheduler(module: ModuleType) -> None:
    _patch_methods("Scheduler", ("sync", "housekeeping", "deliver", "round_due"))(module)
    share = os.environ.get("BENCH_SENDER_SHARE")
    patience = os.environ.get("BENCH_FOREGROUND_PATIENCE")
    start = module.Scheduler.start

    def started(self: Any) -> None:
        pacing = getattr(self, "share", None)  # None before the sender had a CPU share
        if share and pacing is not None:
            pacing.share = float(share)
        if pacing is not None and getattr(pacing, "foreground", None) is not None:
            _foreground[:] = [pacing.foreground]  # for BENCH_EVENTS_PATIENCE
        if patience and pacing is not None:
            if float(patience) > 0:
                pacing.patience = float(patience)
            else:  # 0: the sender does not wait for the requests in flight at all
                pacing.foreground = None
        if pacing is not None and hasattr(pacing, "patience"):
            events.append({"what": "foreground patience", "at": time.time(), "wall": 0.0,
                           "patience": pacing.patience if pacing.foreground else 0.0})
        events.append({"what": "sender share", "at": time.time(), "wall": 0.0,
                       "share": pacing.share if pacing is not None else 1.0})
        start(self)

    module.Scheduler.start = started


_foreground: list[Any] = []  # the web app's requests in flight, once the scheduler starts


def _executor(module: ModuleType) -> None:
    """BENCH_EVENTS_PATIENCE: acknowledged event work waits for no request in flight too
    (an experiment; `pairbot serve` does not do it)."""
    patience = os.environ.get("BENCH_EVENTS_PATIENCE")
    if not patience or float(patience) <= 0:
        return
    later = module.ListenerExecutor.later

    def gated_later(self: Any, fn: Callable[[], None]) -> None:
        def gated() -> None:
            if _foreground:
                _foreground[0].wait_idle(float(patience))
            fn()
        later(self, gated)

    module.ListenerExecutor.later = gated_later
    events.append({"what": "events patience", "at": time.time(), "wall": 0.0,
                   "patience": float(patience)})


def _db(module: ModuleType) -> None:
    idle = os.environ.get("BENCH_PING_IDLE")
    if idle:
        module.PING_IDLE_SECONDS = float(idle)


PATCHES: dict[str, Callable[[ModuleType], None]] = {
    "bot.scheduler.runner": _scheduler,
    "bot.store.db": _db,
    "bot.slack.executor": _executor,
    "bot.scheduler.leader": _patch_methods("Leadership", ("_check", "_try")),
    "bot.services.retention": lambda m: setattr(m, "daily", _timed("retention", m.daily)),
    "bot.services.delivery": lambda m: [setattr(m, name, _timed(name.strip("_"), getattr(m, name)))
                                        for name in ("_send", "_claim", "_record")],
}


class _Finder(importlib.abc.MetaPathFinder):
    """Patches a module of PATCHES as soon as it has been executed."""

    def find_spec(self, name: str, path: Sequence[str] | None = None,
                  target: ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        if name not in PATCHES:
            return None
        sys.meta_path.remove(self)
        try:
            spec = importlib.util.find_spec(name)
        finally:
            sys.meta_path.insert(0, self)
        if spec is None or spec.loader is None:
            return spec
        loader, execute = spec.loader, spec.loader.exec_module

        def exec_module(module: ModuleType) -> None:
            execute(module)
            PATCHES[name](module)

        loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


_written = 0
_dumping = threading.Lock()


def _dump() -> None:
    """Append the events not yet written, one JSON line each. Writing the whole list again
    every 5 s, as this probe first did, held the interpreter for up to 30 ms in a long run
    (a stall of the probe's own making, every 5 s, in the server it measures)."""
    global _written
    assert OUT is not None
    with _dumping:
        new, _written = events[_written:], _written + len(events[_written:])
        # Each line says which process wrote it: pairbot serve's web server and its
        # scheduler's process (bot/worker.py) both load the probe and share the file.
        pid = os.getpid()
        with open(OUT, "a") as out:
            for event in new:
                out.write(json.dumps({**event, "pid": pid}) + "\n")


statements: dict[str, int] = {}


def _thread_kind() -> str:
    name = threading.current_thread().name
    if name.startswith(("slack-listener", "slack-event")):
        return "listener"
    if name.startswith("AnyIO worker"):
        return "web"
    return "other"


def _every_second() -> None:
    ticks = frozen = 0
    while True:
        time.sleep(1)
        ticks += 1
        events.append({"what": "statements", "at": time.time(), "wall": 0.0,
                       "count": dict(statements)})
        if ticks % 5 == 0:
            # gc.get_freeze_count() walks the frozen start-up heap (200,000 objects), ~27 ms
            # holding the interpreter: asked every 5 s, as this probe first did, it stalled
            # the server it measures by 20-80 ms each time under load. It is taken once.
            if not frozen:
                frozen = gc.get_freeze_count()
            events.append({"what": "heap", "at": time.time(), "wall": 0.0,
                           "walked": len(gc.get_objects()), "frozen": frozen})
            _dump()


def _count_connections() -> None:
    from sqlalchemy import Engine, event
    from sqlalchemy.pool import Pool

    @event.listens_for(Pool, "connect")
    def connected(*_: object) -> None:
        events.append({"what": "db connect", "at": time.time(), "wall": 0.0})

    @event.listens_for(Engine, "before_cursor_execute")
    def executed(*_: object) -> None:
        kind = _thread_kind()
        statements[kind] = statements.get(kind, 0) + 1


PERIOD = 0.005


def _gil_waits() -> None:
    """Each second: how late the probe's 5 ms sleeps were back, split into waiting for a
    core (schedstat's run-queue time) and waiting for the GIL (the rest), in seconds."""
    try:
        fd = os.open(f"/proc/self/task/{threading.get_native_id()}/schedstat", os.O_RDONLY)
    except OSError:
        return

    def queued() -> int:
        return int(os.pread(fd, 100, 0).split()[1])

    gil: list[float] = []
    core: list[float] = []
    second = int(time.time())
    while True:
        before, start = queued(), time.perf_counter()
        time.sleep(PERIOD)
        late = time.perf_counter() - start - PERIOD
        waited = (queued() - before) / 1e9
        gil.append(max(0.0, late - waited))
        core.append(waited)
        now = int(time.time())
        if now != second:
            gil.sort()
            events.append({"what": "gil", "at": float(second), "wall": 0.0, "n": len(gil),
                           "gil_max": gil[-1], "gil_p99": gil[int(0.99 * (len(gil) - 1))],
                           "gil_sum": sum(gil), "core_max": max(core),
                           "core_sum": sum(core)})
            gil, core, second = [], [], now


if OUT:
    if os.environ.get("BENCH_SWITCH_INTERVAL"):
        sys.setswitchinterval(float(os.environ["BENCH_SWITCH_INTERVAL"]) / 1000)
    events.append({"what": "switch interval", "at": time.time(), "wall": 0.0,
                   "seconds": sys.getswitchinterval()})
    threading.Thread(target=_gil_waits, name="bench-gil", daemon=True).start()
    _count_connections()
    gc.callbacks.append(_collected)
    sys.meta_path.insert(0, _Finder())
    atexit.register(_dump)
    threading.Thread(target=_every_second, name="bench-probe", daemon=True).start()
