"""Start-up benchmark: `pairbot --version` and `pairbot --help` beside `python -c pass`.

Each command runs as a fresh process, the way a user types it, REPEAT times in turn
(interleaved, so that the machine's load falls on all of them alike); the figure is
the median wall time. The baseline is `python -c pass` with the same interpreter in
the same run. The target: `pairbot --version` at most 12 times the baseline.

    .venv/bin/python bench/startup.py [--repeat 15]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

TARGET = 12.0


def _pairbot() -> list[str]:
    """The installed console script beside this interpreter, else `python -m`."""
    script = Path(sys.executable).with_name("pairbot")
    if script.exists():
        return [str(script)]
    found = shutil.which("pairbot")
    return [found] if found else [sys.executable, "-m", "bot.cli.main"]


def _once(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="runs of each command")
    args = parser.parse_args()
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "pairbot --version": [*_pairbot(), "--version"],
        "pairbot --help": [*_pairbot(), "--help"],
    }
    for command in commands.values():  # warm the file cache and the bytecode
        _once(command)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(max(1, args.repeat)):
        for name, command in commands.items():
            times[name].append(_once(command))
    base = statistics.median(times["python -c pass"])
    print(f"{'command':<20} {'median':>9} {'min':>9}  x baseline  (cores: {os.cpu_count()}, "
          f"load: {os.getloadavg()[0]:.1f}, runs: {args.repeat})")
    for name, runs in times.items():
        median = statistics.median(runs)
        print(f"{name:<20} {median * 1000:7.0f}ms {min(runs) * 1000:7.0f}ms  {median / base:9.1f}")
    ratio = statistics.median(times["pairbot --version"]) / base
    verdict = "within" if ratio <= TARGET else "OVER"
    print(f"pairbot --version: {ratio:.1f} x python -c pass ({verdict} the {TARGET:.0f}x target)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
