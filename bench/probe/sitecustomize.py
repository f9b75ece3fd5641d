"""A probe that bench/load.py --probe loads into `pairbot serve` (through PYTHONPATH).

With BENCH_PROBE_FILE=FILE it records, with wall-clock times, every garbage collection
of the oldest generation and every younger one over 2 ms, each run of the scheduler's jobs
and of the leadership check (wall and CPU seconds), each new database connection, every
second the SQL statements run so far (by the kind of thread that ran them: Bolt's
listeners and the events' pool, the web server's workers, the scheduler), and every 5 s
the size of the heap the collector walks; it writes them to FILE as JSON every 5 s and at
exit. It changes nothing the server does. Without the variable it does nothing.
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


PATCHES: dict[str, Callable[[ModuleType], None]] = {
    "bot.scheduler.runner": _patch_methods(
        "Scheduler", ("sync", "housekeeping", "deliver", "round_due")),
    "bot.scheduler.leader": _patch_methods("Leadership", ("_check", "_try")),
    "bot.services.retention": lambda m: setattr(m, "daily", _timed("retention", m.daily)),
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


def _dump() -> None:
    assert OUT is not None
    with open(OUT + ".tmp", "w") as out:
        json.dump(events, out)
    os.replace(OUT + ".tmp", OUT)


statements: dict[str, int] = {}


def _thread_kind() -> str:
    name = threading.current_thread().name
    if name.startswith(("slack-listener", "slack-event")):
        return "listener"
    if name.startswith("AnyIO worker"):
        return "web"
    return "other"


def _every_second() -> None:
    ticks = 0
    while True:
        time.sleep(1)
        ticks += 1
        events.append({"what": "statements", "at": time.time(), "wall": 0.0,
                       "count": dict(statements)})
        if ticks % 5 == 0:
            events.append({"what": "heap", "at": time.time(), "wall": 0.0,
                           "walked": len(gc.get_objects()), "frozen": gc.get_freeze_count()})
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


if OUT:
    _count_connections()
    gc.callbacks.append(_collected)
    sys.meta_path.insert(0, _Finder())
    atexit.register(_dump)
    threading.Thread(target=_every_second, name="bench-probe", daemon=True).start()
