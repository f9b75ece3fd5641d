"""The agreement at the start in Teams: the intro's button sends the form card; its Send
stores the answers (shared with the group by the outbox). The rules are
bot/services/agreements.py's; this only lays out the card and reads it back.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.core import agreement
from bot.services import agreements
from bot.teams import cards
from bot.teams.cards import card, error_text, execute, text, title

VERB_AGREEMENT_OPEN = cards.VERB_AGREEMENT_OPEN
VERB_AGREEMENT_SAVE = "agreement.save"


def build_agreement_card(form: agreements.AgreementForm | agreements.AgreementRefused
                         ) -> dict[str, Any]:
    """The four questions; after a refusal, with what was typed and the one sentence."""
    values = form.values
    labels = dict(agreement.FIELDS)

    def text_input(name: str, *, required: bool = True) -> dict[str, Any]:
        return {"type": "Input.Text", "id": name, "label": labels[name], "isMultiline": True,
                "isRequired": required, "maxLength": agreement.MAX_TEXT,
                "value": str(values.get(name) or "")}

    body: list[dict[str, Any]] = [
        title(agreement.FORM_TITLE),
        text(agreement.FORM_LEAD, isSubtle=True, size="Small"),
        text_input("learn"),
        text_input("offer"),
        {"type": "Input.ChoiceSet", "id": "how_often", "style": "compact",
         "label": labels["how_often"], "isRequired": True,
         "value": str(values.get("how_often") or ""),
         "choices": [{"title": label, "value": key.value}
                     for key, label in agreement.HOW_OFTEN_LABELS.items()]},
        text_input("confidential", required=False),
    ]
    if isinstance(form, agreements.AgreementRefused) and form.message:
        body.append(error_text(form.message))
    return card(body, [execute(agreement.FORM_SEND, VERB_AGREEMENT_SAVE,
                               {"match_id": form.match_id}, style="positive")])


def agreement_values(data: Mapping[str, Any]) -> dict[str, str]:
    """The card's inputs as the service's form values."""
    return {key: "" if data.get(key) is None else str(data.get(key))
            for key in ("learn", "offer", "how_often", "confidential")}
