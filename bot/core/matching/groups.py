"""Groups of three or four (cross mode)."""

from __future__ import annotations

from bot.core.matching.problem import Problem


def build_groups(pb: Problem, order: list[int]) -> list[list[int]]:
    """Groups of config.group_size people from different professions."""
    raise NotImplementedError
