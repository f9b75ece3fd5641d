"""Reading Teams activities: who is writing, from which tenant, and what a reaction means."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from microsoft_agents.activity import Activity

from bot.core.states import Answer

# Teams' classic reactions are like, heart, laugh, surprised, sad and angry; newer clients
# send other emoji by name (sometimes behind a code point, e.g. "1f4c5_calendar").
_MET, _SCHEDULED, _NOT = Answer.MET, Answer.SCHEDULED, Answer.NOT_HAPPENING
_NOT_YET = Answer.NOT_YET
REACTION_ANSWERS: Mapping[str, str] = {
    "like": _MET, "heart": _MET, "+1": _MET, "thumbsup": _MET, "yes": _MET,
    "checkmark": _MET, "heavycheckmark": _MET, "whitecheckmark": _MET,
    "calendar": _SCHEDULED, "spiralcalendarpad": _SCHEDULED, "date": _SCHEDULED,
    "hourglass": _NOT_YET, "hourglassflowingsand": _NOT_YET, "hourglassnotdone": _NOT_YET,
    "sad": _NOT, "x": _NOT, "crossmark": _NOT, "no": _NOT,
}
LOCAL_TENANT = "local"


@dataclass(frozen=True)
class Sender:
    """The person behind an activity."""

    tenant: str
    user_id: str  # the Entra object id where Teams gives one (organisers are listed by it)
    name: str
    channel_user_id: str  # the Bot Framework id (29:…)
    locale: str | None = None  # their Teams' language (e.g. cy-GB), when the activity says


def _channel_data(activity: Activity) -> dict[str, Any]:
    data = activity.channel_data
    if isinstance(data, dict):
        return data
    if data is not None and hasattr(data, "model_dump"):
        return dict(data.model_dump(by_alias=True))
    return {}


def tenant_of(activity: Activity) -> str:
    """The Entra tenant, which is pairbot's Teams workspace."""
    if activity.conversation and activity.conversation.tenant_id:
        return str(activity.conversation.tenant_id)
    tenant = _channel_data(activity).get("tenant") or {}
    return str(tenant.get("id") or LOCAL_TENANT)


def sender(activity: Activity) -> Sender:
    """Who sent the activity."""
    person = activity.from_property
    channel_id = str(person.id) if person and person.id else ""
    user_id = str(person.aad_object_id) if person and person.aad_object_id else channel_id
    return Sender(tenant=tenant_of(activity), user_id=user_id,
                  name=str(person.name or "") if person else "", channel_user_id=channel_id,
                  locale=str(activity.locale) if activity.locale else None)


def is_personal(activity: Activity) -> bool:
    """A one-to-one chat between the user and the bot."""
    conversation = activity.conversation
    if conversation is None:
        return False
    if conversation.conversation_type:
        return str(conversation.conversation_type) == "personal"
    return not conversation.is_group


def reaction_answer(reaction: str | None) -> str | None:
    """The check-in answer a reaction stands for, or None when it means nothing to us."""
    name = re.sub(r"^[0-9a-f]{4,6}(_[0-9a-f]{4,6})*_", "", (reaction or "").lower())
    return REACTION_ANSWERS.get(re.sub(r"[\s_\-:]", "", name) or "", None)


def card_data(value: Any) -> dict[str, Any]:
    """The data of a card action as a dict."""
    return dict(value) if isinstance(value, Mapping) else {}
