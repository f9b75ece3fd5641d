"""The agreement at the start in Slack: the intro's button opens a modal of four short
answers; the submission is stored and shared with the group by the outbox. The rules are
bot/services/agreements.py's; this only lays out the modal and reads it back.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient
from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    PlainTextInputElement,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot.core import agreement
from bot.core.i18n import _
from bot.services import agreements
from bot.slack.blocks import escape
from bot.slack.deps import PLATFORM, deps, team_of, tell

AGREEMENT_VIEW = "agreement"
AGREEMENT_OPEN = "agreement_open"  # the intro's button (bot.core.text.AGREEMENT_OPEN)


def build_agreement_modal(form: agreements.AgreementForm) -> View:
    """The four questions, with the person's earlier answers when they answered before."""
    values = form.values
    labels = dict(agreement.FIELDS)
    often = [Option(value=k.value, text=label)
             for k, label in agreement.HOW_OFTEN_LABELS.items()]
    initial = next((o for o in often if o.value == values.get("how_often")), None)

    def text_input(name: str, *, optional: bool = False) -> InputBlock:
        return InputBlock(block_id=name, label=labels[name], optional=optional,
                          element=PlainTextInputElement(
                              action_id=name, multiline=True, max_length=agreement.MAX_TEXT,
                              initial_value=values.get(name) or None))

    blocks: list[Block] = [
        ContextBlock(elements=[MarkdownTextObject(text=escape(agreement.FORM_LEAD))]),
        text_input("learn"),
        text_input("offer"),
        InputBlock(block_id="how_often", label=labels["how_often"], element=StaticSelectElement(
            action_id="how_often", options=often, initial_option=initial)),
        text_input("confidential", optional=True),
    ]
    return View(type="modal", callback_id=AGREEMENT_VIEW, title=agreement.FORM_TITLE[:24],
                submit=agreement.FORM_SEND[:24], close=_("Cancel"), blocks=blocks,
                private_metadata=str(form.match_id))


def agreement_values(view: Mapping[str, Any]) -> dict[str, str]:
    """The submitted modal as the service's form values."""
    state = (view.get("state") or {}).get("values") or {}

    def element(block: str) -> Mapping[str, Any]:
        return next(iter((state.get(block) or {}).values()), {})

    often = (element("how_often").get("selected_option") or {}).get("value")
    return {"learn": str(element("learn").get("value") or ""),
            "offer": str(element("offer").get("value") or ""),
            "how_often": str(often or ""),
            "confidential": str(element("confidential").get("value") or "")}


def agreement_clicked(ack: Ack, body: dict[str, Any], action: dict[str, Any],
                      client: WebClient, context: BoltContext) -> None:
    """The intro's button: the agreement modal (or one sentence saying why not)."""
    ack()
    value = str(action.get("value") or "")
    user = str(body["user"]["id"])
    if not value.isdigit():
        return
    form = agreements.form(deps(context).services, PLATFORM, team_of(context), user,
                           int(value))
    if isinstance(form, agreements.AgreementRefused):
        tell(client, user, form.message)
        return
    client.views_open(trigger_id=body["trigger_id"], view=build_agreement_modal(form))


def agreement_submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any],
                        client: WebClient, context: BoltContext) -> None:
    """Store and share the answers; a bad field is marked in the modal, which keeps what
    was typed."""
    raw = str(view.get("private_metadata") or "")
    user = str(body["user"]["id"])
    result = agreements.record(deps(context).services, PLATFORM, team_of(context), user,
                               int(raw) if raw.isdigit() else None, agreement_values(view))
    if isinstance(result, agreements.AgreementRefused):
        ack(response_action="errors", errors={result.field or "learn": result.message})
        return
    ack()
    tell(client, user, result.sentence())
