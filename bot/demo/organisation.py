"""The bundled sample organisation: a hospital trust of 150 people."""

from __future__ import annotations

import random
from dataclasses import dataclass

PROFESSIONS = {
    "Nurse": 35, "Healthcare assistant": 20, "Doctor (junior)": 18, "Doctor (consultant)": 10,
    "Physiotherapist": 10, "Manager": 10, "Administrator": 10, "Pharmacist": 8,
    "Paramedic": 8, "Social worker": 8, "IT and digital": 8, "Commissioner": 5,
}
FIRST = ("Aisha", "Ben", "Chloe", "Dev", "Emma", "Femi", "Grace", "Hamza", "Isla", "Jack",
         "Kofi", "Leah", "Mohammed", "Niamh", "Oliver", "Priya", "Quinn", "Rosa", "Sam", "Tom",
         "Uma", "Victor", "Wen", "Yusuf", "Zara")
LAST = ("Ahmed", "Brown", "Campbell", "Davies", "Evans", "Fraser", "Green", "Hughes", "Iqbal",
        "Jones", "Khan", "Lewis", "Murphy", "Nowak", "Okafor", "Patel", "Roberts", "Singh",
        "Taylor", "Walsh")
INTROS = (
    "Twelve years on the wards; I love a good rota puzzle.",
    "New to the trust this year, keen to see how the rest of it works.",
    "I spend most of my week on discharge planning.",
    "Ask me about the busiest night shift I've ever had.",
    "",
    "I moved here from community services last spring.",
    "",
)


@dataclass(frozen=True)
class Person:
    user_id: str
    name: str
    profession: str
    learn: tuple[str, ...]
    intro: str


def people(seed: int = 7) -> list[Person]:
    """The 150 people, the same every time."""
    rng = random.Random(seed)
    names = [f"{first} {last}" for first in FIRST for last in LAST]
    rng.shuffle(names)
    out: list[Person] = []
    professions = list(PROFESSIONS)
    for profession, count in PROFESSIONS.items():
        for _ in range(count):
            others = [p for p in professions if p != profession]
            learn = tuple(rng.sample(others, rng.randint(1, 3)))
            out.append(Person(f"D{len(out) + 1:03d}", names[len(out)], profession, learn,
                              rng.choice(INTROS)))
    return out
