"""Who someone is in Slack: the name others see, and whether they administer the workspace."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SlackUser:
    """A workspace member as pairbot needs them."""

    id: str
    name: str
    admin: bool
    # Their Slack's language (`cy-GB`, `en-US`), when asked for and known.
    locale: str | None = None


def look_up(client: WebClient, user_id: str, fallback_name: str = "", *,
            include_locale: bool = False) -> SlackUser:
    """users.info; when Slack cannot say, the fallback name and no admin rights."""
    try:
        user = (client.users_info(user=user_id, include_locale=True) if include_locale
                else client.users_info(user=user_id))["user"]
    except SlackApiError as exc:
        logger.warning("slack: users.info %s failed: %s", user_id, exc.response.get("error"))
        return SlackUser(user_id, fallback_name or user_id, admin=False)
    profile = user.get("profile") or {}
    name = (profile.get("real_name") or user.get("real_name") or profile.get("display_name")
            or user.get("name") or fallback_name or user_id)
    admin = bool(user.get("is_admin") or user.get("is_owner") or user.get("is_primary_owner"))
    locale = user.get("locale")
    return SlackUser(user_id, str(name), admin, str(locale) if locale else None)
