"""Submitted modals: the profile, feedback, and an organiser's programme settings."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot.services import admin, checkins, participants, programmes
from bot.slack import forms
from bot.slack.blocks import build_result_modal
from bot.slack.deps import PLATFORM, deps, publish_home, team_of, tell
from bot.slack.people import look_up


def profile_submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient,
                      context: BoltContext) -> None:
    """Join or update; field errors stay in the modal, the confirmation comes as a DM."""
    slack = deps(context)
    team, user = team_of(context), str(body["user"]["id"])
    programme_id, profile = forms.profile_input(view)
    person = look_up(client, user, str(body["user"].get("name") or ""))
    result = participants.save_profile(slack.services, PLATFORM, team, user, person.name,
                                       programme_id, profile)
    if isinstance(result, dict):
        ack(response_action="errors", errors=forms.view_errors(result, view))
        return
    ack()
    tell(client, user, result.text)
    publish_home(client, slack.services, team, user)


def feedback_submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any],
                       context: BoltContext) -> None:
    """Save what the person learned; thank them in the modal."""
    slack = deps(context)
    team, user = team_of(context), str(body["user"]["id"])
    match_id = forms.metadata_id(view)
    score, learned, share = forms.feedback_input(view)
    if match_id is None:
        ack(response_action="errors", errors={"learned_score": "This form has expired."})
        return
    result = checkins.record_feedback(slack.services, PLATFORM, team, user, match_id,
                                      learned_score=score, learned_text=learned, share=share)
    if isinstance(result, dict):
        ack(response_action="errors", errors=forms.view_errors(result, view))
        return
    ack(response_action="update",
        view=build_result_modal("Sorry" if result.error else "Thank you", result.text))


def settings_submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient,
                       context: BoltContext) -> None:
    """Save an organiser's settings (audited); errors stay in the modal."""
    slack = deps(context)
    team, user = team_of(context), str(body["user"]["id"])
    programme_id = forms.metadata_id(view)
    person = look_up(client, user)
    if programme_id is None:
        ack(response_action="errors", errors=forms.view_errors(
            {"name": "This form has expired."}, view))
        return
    try:
        saved = admin.save_settings(slack.services, PLATFORM, team, user,
                                    forms.settings_values(view), platform_admin=person.admin,
                                    programme_id=programme_id)
    except programmes.SettingsError as exc:
        ack(response_action="errors", errors=forms.view_errors({exc.field: str(exc)}, view))
        return
    if isinstance(saved, participants.Reply):
        ack(response_action="errors", errors=forms.view_errors({"name": saved.text}, view))
        return
    ack()
    tell(client, user, f"Settings saved for {saved.name}. They apply from the next round.")
