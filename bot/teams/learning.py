"""`log` and `cpd` in Teams: the log card and the CPD files. The rules are
bot/services/learning_log.py's; this only lays out cards and names the files.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.core import learning
from bot.core.i18n import N_, _
from bot.services import learning_log
from bot.teams.cards import card, error_text, execute, text, title

VERB_LOG_SAVE = "log.save"
# The files `cpd` offers, by the file-consent card's context kind: (file name, description).
FILES: Mapping[str, tuple[str, str]] = {
    "cpd-pdf": (learning_log.PDF_NAME, N_("Your learning record as a PDF (CPD log, appraisal).")),
    "cpd-csv": (learning_log.CSV_NAME, N_("Your learning record as a CSV spreadsheet.")),
    "certificate": (learning_log.CERTIFICATE_NAME, N_("Your certificate of participation.")),
}


def build_log_card(form: learning_log.LogForm | learning_log.LogRefused,
                   today: str = "") -> dict[str, Any]:
    """The log form; after a refusal, with what was typed and the one sentence."""
    values = form.values
    labels = dict(learning.FIELDS)
    body: list[dict[str, Any]] = [
        title(learning.FORM_TITLE),
        {"type": "Input.ChoiceSet", "id": "kind", "style": "compact", "label": labels["kind"],
         "isRequired": True, "value": str(values.get("kind") or ""),
         "choices": [{"title": label, "value": k.value}
                     for k, label in learning.KIND_LABELS.items()]},
        {"type": "Input.Date", "id": "date", "label": labels["date"], "isRequired": True,
         "value": str(values.get("date") or today)},
        {"type": "Input.Number", "id": "minutes", "label": labels["minutes"],
         "isRequired": True, "value": str(values.get("minutes") or "")},
        {"type": "Input.Text", "id": "learned", "label": labels["learned"],
         "isMultiline": True, "maxLength": learning.MAX_REFLECTION,
         "value": str(values.get("learned") or "")},
        {"type": "Input.Text", "id": "differently", "label": labels["differently"],
         "isMultiline": True, "maxLength": learning.MAX_REFLECTION,
         "value": str(values.get("differently") or "")},
    ]
    if isinstance(form, learning_log.LogRefused) and form.message:
        body.append(error_text(form.message))
    return card(body, [execute(learning.FORM_SEND, VERB_LOG_SAVE,
                               {"match": str(values.get("match") or "")}, style="positive")])


def build_logged_card(result: learning_log.Logged) -> dict[str, Any]:
    """What replaces the form once the entry is stored."""
    return card([title(_("Logged")), text(result.sentence())])


def log_values(data: Mapping[str, Any]) -> dict[str, str]:
    """The card's inputs as the service's form values (Input.Number may send a float)."""
    out = {key: "" if data.get(key) is None else str(data.get(key))
           for key in ("kind", "date", "minutes", "learned", "differently", "match")}
    minutes = out["minutes"]
    if minutes.endswith(".0"):
        out["minutes"] = minutes[:-2]
    return out
