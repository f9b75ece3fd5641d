"""How the fuzz tests draw: derandomised by default, so that a failure in CI fails the same
way on every run and every machine (and nothing is replayed from a `.hypothesis/` folder);
`PAIRBOT_FUZZ_PROFILE=long` draws many more random examples (`python bench/fuzz.py`)."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_COMMON = {"deadline": None, "suppress_health_check": [HealthCheck.function_scoped_fixture]}
LONG = os.environ.get("PAIRBOT_FUZZ_PROFILE", "ci") == "long"


def fuzz_settings(examples: int) -> settings:
    """`examples` derandomised examples (CI), or 25 times as many random ones (long)."""
    if LONG:
        return settings(max_examples=examples * 25, derandomize=False, **_COMMON)
    return settings(max_examples=examples, derandomize=True, database=None, **_COMMON)
