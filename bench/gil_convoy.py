"""What a database round trip costs a thread while other threads of the process run Python.

One thread runs `SELECT 1` again and again for a few seconds while N other threads burn
CPU in pure Python (each for 2 ms, then, below a duty of 1, asleep for the rest of its
turn), at a given sys.setswitchinterval. A PostgreSQL round trip releases the interpreter
while it waits for the server, and the thread then waits to get it back, up to the switch
interval for each thread that has Python to run; an SQLite statement is over before
another thread can take it. This is why background work in `pairbot serve` (the outbox
sender, bench/load.py's first window) slowed requests on PostgreSQL and not on SQLite.

    .venv/bin/python bench/gil_convoy.py                       # the table below
    .venv/bin/python bench/gil_convoy.py --database sqlite
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

PG = "postgresql://postgres@127.0.0.1:5432/postgres"
CASES = [(0, 5.0, 1.0), (1, 5.0, 1.0), (1, 1.0, 1.0), (4, 5.0, 1.0), (4, 1.0, 1.0),
         (1, 5.0, 0.25), (4, 5.0, 0.25)]


def round_trip(database: str, folder: Path) -> Callable[[], object]:
    if database == "sqlite":
        connection = sqlite3.connect(folder / "convoy.db", check_same_thread=False)
        return lambda: connection.execute("SELECT 1").fetchone()
    import psycopg

    pg = psycopg.connect(PG, autocommit=True)
    return lambda: pg.execute("SELECT 1").fetchone()


def measure(query: Callable[[], object], burners: int, switch_ms: float, duty: float,
            seconds: float) -> list[float]:
    sys.setswitchinterval(switch_ms / 1000)
    stop = threading.Event()

    def burn() -> None:
        total = 0
        while not stop.is_set():
            started = time.thread_time()
            while time.thread_time() - started < 0.002:
                for i in range(200):
                    total += i
            if duty < 1:
                time.sleep(0.002 * (1 - duty) / duty)

    threads = [threading.Thread(target=burn) for _ in range(burners)]
    for thread in threads:
        thread.start()
    latencies = []
    end = time.perf_counter() + seconds
    try:
        while time.perf_counter() < end:
            started = time.perf_counter()
            query()
            latencies.append(time.perf_counter() - started)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
        sys.setswitchinterval(0.005)
    return sorted(latencies)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--seconds", type=float, default=4.0, help="per case (default 4)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        query = round_trip(args.database, Path(folder))
        print(f"SELECT 1 on {args.database}, one thread, beside N threads running Python")
        print(f"{'N':>3} {'duty':>5} {'switch ms':>9} {'round trips':>11} {'mean ms':>7} "
              f"{'p50 ms':>7} {'p99 ms':>7} {'max ms':>7}")
        for burners, switch_ms, duty in CASES:
            got = measure(query, burners, switch_ms, duty, args.seconds)
            print(f"{burners:3d} {duty:5.2f} {switch_ms:9g} {len(got):11d} "
                  f"{1000 * sum(got) / len(got):7.2f} {1000 * got[len(got) // 2]:7.2f} "
                  f"{1000 * got[int(0.99 * len(got))]:7.2f} {1000 * got[-1]:7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
