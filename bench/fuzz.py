"""The fuzz tests with many random examples (25 times CI's derandomised ones).

    python bench/fuzz.py [PYTEST ARGS]

CI runs tests/fuzz derandomised (tests/fuzz/profile.py): the same examples every time, so a
failure is reproducible and nothing is stored in `.hypothesis/`. This draws fresh random
examples instead, for a nightly-style run; Hypothesis prints a failure's example and a
`@reproduce_failure` line to paste into the test. Bounded: about 25 times the CI run's time.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    env = {**os.environ, "PAIRBOT_FUZZ_PROFILE": "long"}
    command = [sys.executable, "-m", "pytest", "tests/fuzz", "-q", "-p", "no:cacheprovider",
               *argv]
    return subprocess.call(command, cwd=ROOT, env=env)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
