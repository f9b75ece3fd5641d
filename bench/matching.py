"""Benchmark of the matching engine against exact, greedy and random baselines."""

from __future__ import annotations

import random

from bot.core.matching import Candidate, PastGroup

PROFESSIONS = [
    ("Nurse", 24.0),
    ("Healthcare assistant", 12.0),
    ("Administrator", 9.0),
    ("Junior doctor", 8.0),
    ("Consultant", 5.0),
    ("Midwife", 5.0),
    ("Physiotherapist", 4.0),
    ("Pharmacist", 4.0),
    ("Paramedic", 4.0),
    ("Occupational therapist", 3.0),
    ("Radiographer", 3.0),
    ("Biomedical scientist", 3.0),
    ("Porter", 3.0),
    ("GP", 3.0),
    ("Social worker", 2.5),
    ("Psychologist", 2.0),
    ("Dietitian", 1.5),
    ("Speech and language therapist", 1.5),
    ("Hospital manager", 1.5),
    ("Commissioner", 1.0),
]
POPULAR = {
    "Hospital manager": 6.0,
    "Consultant": 5.0,
    "Commissioner": 4.0,
    "GP": 4.0,
    "Pharmacist": 3.0,
    "Paramedic": 3.0,
    "Psychologist": 3.0,
    "Social worker": 3.0,
    "Junior doctor": 2.0,
    "Nurse": 2.0,
    "Midwife": 2.0,
}


def organisation(
    n: int, seed: int = 1, rounds: int = 12
) -> tuple[list[Candidate], list[PastGroup]]:
    """A made-up organisation of n people with `rounds` rounds of pair history."""
    rng = random.Random(seed)
    names = [p for p, _ in PROFESSIONS]
    weights = [w for _, w in PROFESSIONS]
    people: list[Candidate] = []
    for i in range(n):
        prof = rng.choices(names, weights)[0]
        others = [p for p in names if p != prof]
        ow = [POPULAR.get(p, 1.0) for p in others]
        k = rng.choice((1, 1, 2, 2, 3))
        learn: set[str] = set()
        while len(learn) < k:
            learn.add(rng.choices(others, ow)[0])
        people.append(
            Candidate(
                id=f"p{i:06d}",
                name=f"Person {i}",
                profession=prof,
                learn=frozenset(learn),
                unpaired_last_round=rng.random() < 0.05,
            )
        )
    history: list[PastGroup] = []
    for r in range(1, rounds + 1):
        present = [c for c in people if rng.random() < 0.9]
        rng.shuffle(present)
        gid = 0
        while len(present) >= 2:
            a = present.pop()
            b = present.pop()
            history.append(PastGroup(round=r, members=frozenset({a.id, b.id})))
            gid += 1
    return people, history
