"""`/pair-me log` and `/pair-me cpd` in Slack: the log modal, its submission, and the
CPD files. The rules are bot/services/learning_log.py's; this only lays out and delivers.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient
from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    DatePickerElement,
    InputBlock,
    NumberInputElement,
    Option,
    PlainTextInputElement,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot.core import learning
from bot.core.i18n import N_, _
from bot.services import learning_log
from bot.slack.deps import PLATFORM, deps, team_of, tell

LOG_VIEW = "log_activity"
LOG_OPEN = "log_open"
LOG_OFFER = N_("Log this meeting for your CPD record: it takes a minute.")


def build_log_modal(form: learning_log.LogForm) -> View:
    """The log form: kind, date, minutes and the two reflection questions."""
    values = form.values
    labels = dict(learning.FIELDS)
    kinds = [Option(value=k.value, text=label) for k, label in learning.KIND_LABELS.items()]
    initial_kind = next((o for o in kinds if o.value == values.get("kind")), None)
    blocks: list[Block] = [
        InputBlock(block_id="kind", label=labels["kind"], element=StaticSelectElement(
            action_id="kind", options=kinds, initial_option=initial_kind)),
        InputBlock(block_id="date", label=labels["date"], element=DatePickerElement(
            action_id="date", initial_date=values.get("date") or form.today.isoformat())),
        InputBlock(block_id="minutes", label=labels["minutes"], element=NumberInputElement(
            action_id="minutes", is_decimal_allowed=False,
            initial_value=values.get("minutes") or None)),
        InputBlock(block_id="learned", label=labels["learned"], optional=True,
                   element=PlainTextInputElement(action_id="learned", multiline=True,
                                                 max_length=learning.MAX_REFLECTION)),
        InputBlock(block_id="differently", label=labels["differently"], optional=True,
                   element=PlainTextInputElement(action_id="differently", multiline=True,
                                                 max_length=learning.MAX_REFLECTION)),
    ]
    return View(type="modal", callback_id=LOG_VIEW, title=learning.FORM_TITLE,
                submit=learning.FORM_SEND, close=_("Cancel"), blocks=blocks,
                private_metadata=json.dumps({"match": values.get("match", "")}))


def log_values(view: Mapping[str, Any]) -> dict[str, str]:
    """The submitted modal as the service's form values."""
    state = (view.get("state") or {}).get("values") or {}

    def element(block: str) -> Mapping[str, Any]:
        return next(iter((state.get(block) or {}).values()), {})

    kind = (element("kind").get("selected_option") or {}).get("value")
    try:
        carried = json.loads(str(view.get("private_metadata") or "{}"))
    except ValueError:
        carried = {}
    return {"kind": str(kind or ""), "date": str(element("date").get("selected_date") or ""),
            "minutes": str(element("minutes").get("value") or ""),
            "learned": str(element("learned").get("value") or ""),
            "differently": str(element("differently").get("value") or ""),
            "match": str(carried.get("match") or "")}


def open_log(client: WebClient, context: BoltContext, user: str, trigger_id: str,
             *, match_id: int | None = None) -> None:
    """Open the log modal (or say in one sentence why not)."""
    slack = deps(context)
    form = learning_log.log_form(slack.services, PLATFORM, team_of(context), user,
                                 match_id=match_id)
    if isinstance(form, learning_log.LogRefused):
        tell(client, user, form.message)
        return
    client.views_open(trigger_id=trigger_id, view=build_log_modal(form))


def offer_log(client: WebClient, user: str, match_id: int) -> None:
    """After *Met*: a button that opens the log with the meeting filled in."""
    offer = _(LOG_OFFER)
    client.chat_postMessage(channel=user, text=offer, blocks=[
        {"type": "section", "text": {"type": "mrkdwn", "text": offer}},
        ActionsBlock(block_id="log_offer", elements=[ButtonElement(
            text=learning.FORM_SEND, action_id=LOG_OPEN, value=str(match_id))]).to_dict()])


def log_clicked(ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient,
                context: BoltContext) -> None:
    """The offer's button: the log modal, from that meeting."""
    ack()
    value = str(action.get("value") or "")
    open_log(client, context, str(body["user"]["id"]), str(body["trigger_id"]),
             match_id=int(value) if value.isdigit() else None)


def log_submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient,
                  context: BoltContext) -> None:
    """Store the entry; a bad field is marked in the modal, which keeps what was typed."""
    slack = deps(context)
    team, user = team_of(context), str(body["user"]["id"])
    result = learning_log.record_activity(slack.services, PLATFORM, team, user,
                                          log_values(view))
    if isinstance(result, learning_log.LogRefused):
        ack(response_action="errors", errors={result.field or "kind": result.message})
        return
    ack()
    tell(client, user, result.sentence())


def send_cpd(client: WebClient, context: BoltContext, user: str) -> None:
    """The person's record as a PDF and a CSV in their DM, as my-data is delivered; the
    certificate too once they have earned it."""
    slack = deps(context)
    team = team_of(context)
    record = learning_log.record_of(slack.services, PLATFORM, team, user)
    if record is None:
        tell(client, user, _("You haven't joined a programme yet, so there is no record to "
                             "send."))
        return
    dm = client.conversations_open(users=user)["channel"]["id"]
    client.files_upload_v2(channel=dm, initial_comment=learning.CPD_SENT, file_uploads=[
        {"filename": learning_log.PDF_NAME, "title": _("Your CPD record (PDF)"),
         "content": learning_log.cpd_pdf(record)},
        {"filename": learning_log.CSV_NAME, "title": _("Your CPD record (CSV)"),
         "content": learning_log.cpd_csv(record)},
    ])
    cert = learning_log.certificate(slack.services, PLATFORM, team, user)
    if isinstance(cert, learning_log.Certificate):
        client.files_upload_v2(channel=dm, filename=learning_log.CERTIFICATE_NAME,
                               title=_("Certificate of participation"),
                               content=learning_log.certificate_pdf(cert),
                               initial_comment=_("Your certificate of participation."))
    else:
        tell(client, user, cert.message)
