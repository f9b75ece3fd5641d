"""Submitted modals: the profile, feedback, the evaluation's questions, and an organiser's
programme settings.

A submission's field errors must ride on the acknowledgement, so each listener checks
the form (database only, quick) before `ack()`, and calls the Web API only after it.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot.core import wording
from bot.core.i18n import _
from bot.core.replies import Say
from bot.services import admin, checkins, evaluation, languages, participants, programme_settings
from bot.slack import forms
from bot.slack.blocks import build_evaluation_modal, build_result_modal
from bot.slack.deps import PLATFORM, deps, publish_home, team_of, tell
from bot.slack.people import look_up


def profile_submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient,
                      context: BoltContext) -> None:
    """Join or update; field errors stay in the modal, the confirmation comes as a DM."""
    slack = deps(context)
    team, user = team_of(context), str(body["user"]["id"])
    programme_id, profile = forms.profile_input(view)
    result = participants.save_profile(slack.services, PLATFORM, team, user,
                                       str(body["user"].get("name") or ""), programme_id,
                                       profile)
    if isinstance(result, dict):
        ack(response_action="errors", errors=forms.view_errors(result, view))
        return
    # Just joined a programme with evaluation on: the modal turns into the baseline
    # questions (skippable: closing it stores nothing); a database read, quick.
    requests = evaluation.baseline_requests(slack.services, result)
    if requests:
        ack(response_action="update", view=build_evaluation_modal(
            requests[0].programme_id, requests[0].stage, lead=result,
            questions=requests[0].questions, scale_of=requests[0].scale))
    else:
        ack()
    # The name others see comes from users.info, which may be slow: after the ack.
    person = look_up(client, user, include_locale=True)
    if person.name != user:
        participants.rename(slack.services, PLATFORM, team, user, person.name)
    # Their Slack's language: the default, for messages sent later, until they choose one.
    languages.platform_says(slack.services, PLATFORM, team, user, person.locale)
    tell(client, user, result)
    publish_home(client, slack.services, team, user)


def evaluation_submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any],
                         context: BoltContext) -> None:
    """Store the questionnaire (answering again replaces); say what was stored."""
    slack = deps(context)
    team, user = team_of(context), str(body["user"]["id"])
    carried, answers = forms.evaluation_input(view)
    result = evaluation.answer(
        slack.services, PLATFORM, team, user, _int(carried.get("programme_id")),
        evaluation.stage_of(carried.get("stage")), answers, term=_int(carried.get("term")) or 0)
    if isinstance(result, evaluation.Refused):
        ack(response_action="update",
            view=build_result_modal(_("Sorry"), Say(result.message, error=True)))
        return
    ack(response_action="update", view=build_result_modal(_("Thank you"), Say(
        wording.evaluation_recorded(result.stage, result.answered, result.asked))))


def _int(value: Any) -> int | None:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


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
        view=build_result_modal(_("Sorry") if result.error else _("Thank you"), result))


def settings_submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient,
                       context: BoltContext) -> None:
    """Save an organiser's settings (audited); errors stay in the modal."""
    slack = deps(context)
    team, user = team_of(context), str(body["user"]["id"])
    programme_id = forms.metadata_id(view)
    values = forms.settings_values(view)
    try:
        if programme_id is None:
            raise programme_settings.SettingsError("name", "This form has expired.")
        programme_settings.check_settings(slack.services, programme_id, values)
    except programme_settings.SettingsError as exc:
        ack(response_action="errors", errors=forms.view_errors(exc.errors, view))
        return
    ack()
    # Whether the user administers the workspace takes users.info: after the ack, so what
    # is refused now (not an organiser any more, taking oneself off the list) comes as a DM.
    person = look_up(client, user)
    try:
        saved = admin.save_settings(slack.services, PLATFORM, team, user, values,
                                    platform_admin=person.admin, programme_id=programme_id)
    except programme_settings.SettingsError as exc:
        tell(client, user, Say(f"Your settings were not saved: {exc}", error=True))
        return
    if isinstance(saved, Say):
        tell(client, user, saved)
        return
    tell(client, user, wording.settings_saved(saved.name))
