"""Welsh first drafts for the `language` work: each person's language (the profile's
choice), the question bank and the journey's themes. Formal register ("chi")."""

from __future__ import annotations

CY: dict[str, str] = {
    # The profile's language choice. The languages are named in themselves.
    "Language": "Iaith",
    "The language pairbot writes to you in. A message to your group is in Welsh and English "
    "when its members' languages differ.":
        "Yr iaith y mae pairbot yn ysgrifennu atoch ynddi. Mae neges i'ch grŵp yn Gymraeg ac "
        "yn Saesneg pan fo ieithoedd ei aelodau'n wahanol.",
    "English": "English",
    "Cymraeg": "Cymraeg",
    "Cymraeg + English": "Cymraeg + English",
    # A question of the meeting's guide aimed at some members only.
    "For {names}: {question}": "I {names}: {question}",
}

CY_PLURALS: dict[str, tuple[str, str, str, str, str, str]] = {}
