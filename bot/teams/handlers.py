"""The Teams listeners: translate an activity, call a service, render a card.

Every handler is registered on the SDK's `AgentApplication` in `register()`.
Services are synchronous, so each call runs in a worker thread
(`asyncio.to_thread`) and the event loop keeps serving other requests.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from microsoft_agents.activity import (
    Activity,
    ActivityTypes,
    AdaptiveCardInvokeResponse,
    Attachment,
)
from microsoft_agents.hosting.core import AgentApplication, RouteRank, TurnContext, TurnState
from microsoft_agents.hosting.core.app.adaptive_card import factory
from microsoft_agents.hosting.core.connector import ConnectorClientBase

from bot.core import i18n, wording
from bot.core import learning as learning_words
from bot.core import text as text_model
from bot.core.evaluation import DOMAINS
from bot.core.i18n import _
from bot.core.intents import EvaluationRequest, FeedbackRequest, Person
from bot.core.profile import ProfileInput, language_chosen
from bot.core.replies import (
    Answer,
    ConfirmLeave,
    OpenLog,
    OpenProfile,
    Organise,
    Say,
    SendCpd,
    SendMyData,
    ShowHelp,
)
from bot.core.text import MEETING_CANCEL, Document
from bot.services import admin as admin_service
from bot.services import (
    agreements,
    checkins,
    enrolment,
    evaluation,
    events,
    languages,
    learning_log,
    meetings,
    participants,
    references,
    subject_access,
    workspaces,
)
from bot.services.context import Services
from bot.services.gateway import SentRef
from bot.services.programme_settings import SettingsError
from bot.teams import admin, agreement, cards, data_file, learning
from bot.teams.activities import Sender, card_data, is_personal, reaction_answer, sender
from bot.teams.gateway import personal_conversation

logger = logging.getLogger(__name__)
PLATFORM = "teams"
FIRST_CONTACT = "pairbot.first_contact"
DEDUPLICATED = ("message", "messageReaction")
T = TypeVar("T")

def message(text: str | Document = "", card: dict[str, Any] | None = None) -> Activity:
    """A reply: text (or a document laid out as message markdown), a card, or both."""
    body = cards.message_text(text) if isinstance(text, Document) else cards.message_markdown(text)
    activity = Activity(type=ActivityTypes.message, text=body or None)
    if card is not None:
        activity.attachments = [Attachment(content_type=cards.CARD_CONTENT_TYPE, content=card)]
    return activity


def card_response(card: dict[str, Any]) -> AdaptiveCardInvokeResponse:
    """An invoke response whose card replaces the one the user clicked."""
    return factory.adaptive_card(card)  # type: ignore[arg-type]


@dataclass
class Handlers:
    """The listeners, with what they need."""

    services: Services
    run_delivery: Callable[[], None] | None = None

    async def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """A (blocking) service call off the event loop."""
        return await asyncio.to_thread(fn, *args, **kwargs)

    # Every activity ---------------------------------------------------------------------

    async def remember(self, context: TurnContext, state: TurnState) -> bool:
        """Store the personal chat's reference on every activity (before_turn hook); an
        activity the Bot Connector delivers again (a retry) stops here."""
        activity = context.activity
        # The reader's language, as Teams reports it (e.g. cy-GB), for every reply of this
        # turn; in their own chat, their choice comes first (below).
        i18n.choose(activity.locale)
        # Messages and reactions only: an invoke must always be answered, and answering
        # one twice changes nothing.
        if activity.type in DEDUPLICATED and activity.id and activity.conversation:
            event_id = f"{activity.conversation.id}:{activity.id}"
            if await self.call(events.processed, self.services, PLATFORM, event_id):
                logger.info("teams: activity %s already processed; delivery ignored", event_id)
                return False
        if not is_personal(activity) or activity.action == "remove" or not (
                activity.from_property and activity.from_property.id):
            return True
        who = sender(activity)
        # Their own choice, else what Teams says (remembered for messages sent later),
        # else their programme's language.
        i18n.choose(await self.call(languages.of_person, self.services, PLATFORM, who.tenant,
                                    who.user_id, activity.locale))
        reference = activity.get_conversation_reference().model_dump(
            by_alias=True, exclude_none=True, mode="json", exclude={"activity_id"})
        stored = await self.call(references.find, self.services, who.tenant, who.user_id)
        upn = stored.upn if stored else None
        if upn is None:
            upn = await _principal_name(context, who)
        created, _known = await self.call(references.remember, self.services, who.tenant,
                                     who.user_id, reference, name=who.name, upn=upn)
        context.turn_state[FIRST_CONTACT] = created
        if created and upn:  # perhaps someone an import invited, come by its join link
            await self.call(enrolment.reachable_now, self.services, PLATFORM, who.tenant, upn)
        return True

    async def processed(self, context: TurnContext, state: TurnState) -> bool:
        """After a turn that succeeded (after_turn hook): its activity counts as processed,
        so a delivery of it again is ignored. A turn that failed leaves no record."""
        activity = context.activity
        if activity.type in DEDUPLICATED and activity.id and activity.conversation:
            await self.call(events.record, self.services, PLATFORM,
                            f"{activity.conversation.id}:{activity.id}")
        return True

    # Install ----------------------------------------------------------------------------

    async def on_installation_update(self, context: TurnContext, state: TurnState) -> None:
        activity = context.activity
        if not is_personal(activity):
            return
        who = sender(activity)
        if str(activity.action or "").startswith("remove"):
            # Removed from their personal scope, they can no longer be written to.
            await self.call(references.forget, self.services, who.tenant, who.user_id)
            await self.call(workspaces.user_deactivated, self.services, PLATFORM, who.tenant,
                            who.user_id)
            return
        if context.turn_state.get(FIRST_CONTACT):
            await self.welcome(context, who)

    async def on_members_added(self, context: TurnContext, state: TurnState) -> None:
        activity = context.activity
        bot_added = any(m.id == (activity.recipient.id if activity.recipient else None)
                        for m in activity.members_added or [])
        if bot_added and is_personal(activity) and context.turn_state.get(FIRST_CONTACT):
            await self.welcome(context, sender(activity))

    async def welcome(self, context: TurnContext, who: Sender) -> None:
        """The first thing a new user sees: a hello and the profile form."""
        await context.send_activity(message(wording.hello_document(),
                                            await self.profile_card(who)))

    async def profile_card(self, who: Sender, programme_id: int | None = None,
                           errors: dict[str, str] | None = None,
                           submitted: ProfileInput | None = None) -> dict[str, Any]:
        form = await self.call(participants.profile_form, self.services, PLATFORM, who.tenant,
                               who.user_id, programme_id, platform_locale=who.locale)
        programme = dict(form.programmes).get(form.programme_id, "")
        return cards.build_profile_card(form.professions, programme_id=form.programme_id,
                                        programme=programme,
                                        current=submitted or form.current, errors=errors,
                                        availability=form.availability, people=form.people,
                                        language=form.language)

    # Text -------------------------------------------------------------------------------

    async def on_message(self, context: TurnContext, state: TurnState) -> None:
        activity = context.activity
        who = sender(activity)
        if not is_personal(activity):
            await context.send_activity(message(
                _("Write to me in our personal chat: that's where your profile and intros "
                  "live.")))
            return
        text = command_text(activity.text or "")
        reply = await self.call(participants.handle_command, self.services, PLATFORM,
                                who.tenant, who.user_id, text)
        refused = isinstance(reply, ShowHelp | Say) and reply.error
        if context.turn_state.get(FIRST_CONTACT) and refused:
            # The first message after install, whatever it says, gets the welcome and form.
            await self.welcome(context, who)
            return
        await self.answer(context, who, reply)

    async def answer(self, context: TurnContext, who: Sender, reply: Answer) -> None:
        """Render a service's typed reply: a text, or the card it asks for."""
        if isinstance(reply, OpenProfile):
            await context.send_activity(message(card=await self.profile_card(who)))
        elif isinstance(reply, ConfirmLeave):
            await context.send_activity(message(card=cards.build_leave_card()))
        elif isinstance(reply, SendMyData):
            size = len(subject_access.as_json(dict(reply.data)).encode())
            await context.send_activity(Activity(
                type=ActivityTypes.message,
                text=_("Here is everything pairbot stores about you. Accept the file to "
                       "receive it."), attachments=[data_file.consent_card(size)]))
        elif isinstance(reply, OpenLog):
            await self.open_log(context, who)
        elif isinstance(reply, SendCpd):
            await self.offer_cpd(context, who)
        elif isinstance(reply, Organise):
            await self.admin(context, who, reply)
        elif isinstance(reply, ShowHelp):
            document = wording.help_document()
            lead = (text_model.para(*reply.lead),) if reply.lead else ()
            await context.send_activity(message(Document("", (*lead, *document.blocks))))
        else:
            # The text as a message (commands in code style); its buttons, if any, on a
            # card under it.
            buttons = cards.layout(Document("", reply.actions)) if reply.actions else None
            await context.send_activity(message(Document(reply.title, reply.paragraphs()),
                                                card=buttons))

    # Organisers -------------------------------------------------------------------------

    async def admin(self, context: TurnContext, who: Sender, request: Organise) -> None:
        """Organiser commands: the same services (and wording) as every platform's `admin`."""
        result = await self.call(admin_service.organise, self.services, PLATFORM, who.tenant,
                                 who.user_id, request.action, request.programme,
                                 platform_admin=False)
        if isinstance(result, Say):
            await context.send_activity(message(Document("", result.paragraphs())))
        elif isinstance(result, admin_service.OrganiserAccess):
            organised = admin.Organised(result.programme_id, result.programme, result.settings)
            await context.send_activity(message(card=admin.build_settings_card(organised)))
        else:
            if result.started and self.run_delivery:
                self.run_delivery()
            await context.send_activity(message(Document("", result.document().blocks)))

    # Reactions --------------------------------------------------------------------------

    async def on_reactions_added(self, context: TurnContext, state: TurnState) -> None:
        await self._reactions(context, context.activity.reactions_added or [], withdraw=False)

    async def on_reactions_removed(self, context: TurnContext, state: TurnState) -> None:
        await self._reactions(context, context.activity.reactions_removed or [], withdraw=True)

    async def _reactions(self, context: TurnContext, reactions: list[Any], *,
                         withdraw: bool) -> None:
        activity = context.activity
        if not activity.reply_to_id:
            return
        who = sender(activity)
        conversation = (personal_conversation(who.user_id) if is_personal(activity)
                        else str(activity.conversation.id))
        for reaction in reactions:
            answer = reaction_answer(reaction.type)
            if answer is None:
                continue
            result = await self.call(
                checkins.record_checkin, self.services, PLATFORM, who.tenant, who.user_id,
                answer=answer, source="reaction", withdraw=withdraw,
                message=SentRef(conversation, str(activity.reply_to_id)))
            if result.match_id is None:
                return  # a reaction to some other message
            await self.after_checkin(context, who, result)

    async def after_checkin(self, context: TurnContext, who: Sender,
                            result: checkins.CheckinResult) -> None:
        """After *Met*, ask what they learned (in the personal chat)."""
        if result.error:
            await context.send_activity(message(result.error))
            return
        if result.ask_reason:
            await self.call(checkins.ask_reason_later, self.services, PLATFORM, who.tenant,
                            who.user_id, result)
            return
        if await self.call(meetings.ask_time_later, self.services, PLATFORM, who.tenant,
                           who.user_id, result):
            return
        if not result.ask_feedback:
            return
        request = checkins.feedback_request(result)
        if is_personal(context.activity):
            await context.send_activity(message(card=cards.build_feedback_card(request)))
            await self.offer_log(context, who, result.match_id)
            return
        await self.call(checkins.ask_feedback_later, self.services, PLATFORM, who.tenant,
                        who.user_id, result)

    # Card buttons: each verb is routed to its own handler in `register` -----------------

    async def unknown_action(self, context: TurnContext, state: TurnState, data: Any
                             ) -> AdaptiveCardInvokeResponse:
        """A button whose verb has no handler (say, a card sent by an older version)."""
        value = card_data(context.activity.value)
        verb = str((value.get("action") or {}).get("verb") or value.get("verb") or "")
        return factory.bad_request(_("Unknown action '{verb}'.").format(verb=verb))

    async def save_profile(self, context: TurnContext, who: Sender, data: dict[str, Any]
                           ) -> AdaptiveCardInvokeResponse:
        learn = tuple(p.strip() for p in str(data.get("learn") or "").split(",") if p.strip())
        profile = ProfileInput(profession=str(data.get("profession") or "") or None,
                               learn=learn, intro=str(data.get("intro") or ""),
                               # A field the card did not show stays None (kept as stored).
                               windows=_listed(data, "windows"), away=_typed(data, "away"),
                               avoid=_listed(data, "avoid"), manager=_typed(data, "manager"),
                               site=_typed(data, "site"),
                               team=_typed(data, "team"),
                               language=language_chosen(
                                   str(data.get("language") or "") or None,
                                   str(data.get("language_offered") or "") or None))
        programme_id = _int(data.get("programme_id"))
        result = await self.call(participants.save_profile, self.services, PLATFORM,
                                 who.tenant, who.user_id, who.name, programme_id, profile,
                                 platform_locale=who.locale)
        if isinstance(result, dict):
            return card_response(await self.profile_card(who, programme_id, result, profile))
        # Just joined a programme with evaluation on: the card turns into the baseline
        # questions under the confirmation's words (skippable); otherwise the confirmation,
        # with its Edit profile and Status buttons.
        requests = await self.call(evaluation.baseline_requests, self.services, result)
        if requests:
            return card_response(cards.build_evaluation_card(requests[0], lead=result))
        return card_response(cards.build_text_card(result, _("You're all set")))

    async def checkin_button(self, context: TurnContext, who: Sender, data: dict[str, Any]
                             ) -> AdaptiveCardInvokeResponse:
        answer = str(data.get("answer") or "")
        result = await self.call(checkins.record_checkin, self.services, PLATFORM, who.tenant,
                                 who.user_id, answer=answer, source="button",
                                 match_id=_int(data.get("match_id")))
        if result.error or result.match_id is None:
            return factory.message(result.error or _("That check-in is no longer open."))
        await self.after_checkin(context, who, result)
        return factory.message(wording.recorded(answer))

    async def reason_button(self, context: TurnContext, who: Sender, data: dict[str, Any]
                            ) -> AdaptiveCardInvokeResponse:
        reply = await self.call(checkins.record_reason, self.services, PLATFORM, who.tenant,
                                who.user_id, _int(data.get("match_id")),
                                str(data.get("reason") or ""))
        return factory.message(said(reply))

    async def resume(self, context: TurnContext, who: Sender, data: dict[str, Any]
                     ) -> AdaptiveCardInvokeResponse:
        reply = await self.call(participants.resume, self.services, PLATFORM, who.tenant,
                                who.user_id)
        return factory.message(said(reply))

    async def open_profile(self, context: TurnContext, who: Sender, data: dict[str, Any]
                           ) -> AdaptiveCardInvokeResponse:
        """Edit profile (or Join): the card turns into the profile form, as `pair me`."""
        return card_response(await self.profile_card(who))

    async def show_status(self, context: TurnContext, who: Sender, data: dict[str, Any]
                          ) -> AdaptiveCardInvokeResponse:
        """Status: the answer to `status`, as a message under the card (which stays)."""
        reply = await self.call(participants.status, self.services, PLATFORM, who.tenant,
                                who.user_id)
        await self.answer(context, who, reply)
        return factory.message(_("Your status is below."))

    async def meeting_time(self, context: TurnContext, who: Sender, data: dict[str, Any]
                           ) -> AdaptiveCardInvokeResponse:
        slot = str(data.get("slot") or "")
        try:
            at = dt.datetime.fromisoformat(slot) if slot[:1].isdigit() else None
        except ValueError:
            at = None
        done = await self.call(meetings.arrange, self.services, PLATFORM, who.tenant,
                               who.user_id, _int(data.get("match_id")), at=at,
                               cancel=slot == MEETING_CANCEL, day=str(data.get("day") or ""),
                               time=str(data.get("time") or ""))
        if done.request is None:
            return factory.message(said(done.reply))
        return card_response(cards.build_meeting_time_card(done.request, lead=said(done.reply)))

    async def save_feedback(self, context: TurnContext, who: Sender, data: dict[str, Any]
                            ) -> AdaptiveCardInvokeResponse:
        match_id = _int(data.get("match_id"))
        if match_id is None:
            return factory.bad_request(_("The feedback card has no match."))
        share = str(data.get("share") or "false").lower() == "true"
        result = await self.call(
            checkins.record_feedback, self.services, PLATFORM, who.tenant, who.user_id,
            match_id, learned_score=_int(data.get("learned_score")),
            learned_text=str(data.get("learned_text") or ""), share=share)
        if isinstance(result, dict):
            others = tuple(Person("", str(n), "") for n in data.get("others") or [])
            request = FeedbackRequest(match_id, str(data.get("programme") or ""), others,
                                      theme=str(data.get("theme") or ""))
            return card_response(cards.build_feedback_card(request, errors=result, values=data))
        return card_response(cards.build_text_card(result, _("Thank you")))

    async def save_evaluation(self, context: TurnContext, who: Sender, data: dict[str, Any]
                              ) -> AdaptiveCardInvokeResponse:
        """Store the questionnaire (answering again replaces); say what was stored."""
        stage = evaluation.stage_of(data.get("stage"))
        programme_id = _int(data.get("programme_id"))
        request = None
        if stage is not None and programme_id is not None:
            request = await self.call(evaluation.request_for, self.services, programme_id,
                                      stage.value, _int(data.get("term")) or 0)
        # The card's questions: the programme's instrument's, or pairbot-5's five.
        asked = [q for q, _text in request.questions] if request and request.questions \
            else DOMAINS
        answers = {q: data.get(q) for q in asked if data.get(q) not in (None, "")}
        result = await self.call(evaluation.answer, self.services, PLATFORM, who.tenant,
                                 who.user_id, _int(data.get("programme_id")), stage, answers,
                                 term=_int(data.get("term")) or 0)
        if isinstance(result, evaluation.Refused):
            if stage is None or _int(data.get("programme_id")) is None:
                return card_response(cards.build_text_card(Say(result.message, error=True)))
            if request is None:
                request = EvaluationRequest(programme_id or 0, str(data.get("programme") or ""),
                                            stage.value, _int(data.get("term")) or 0)
            return card_response(cards.build_evaluation_card(
                request, errors={"answers": result.message}, values=data))
        return card_response(cards.build_text_card(
            wording.evaluation_recorded(result.stage, result.answered, result.asked),
            _("Thank you")))

    async def skip_evaluation(self, context: TurnContext, who: Sender, data: dict[str, Any]
                              ) -> AdaptiveCardInvokeResponse:
        """Skipped: nothing is stored."""
        return card_response(cards.build_text_card(wording.evaluation_recorded("", ())))

    async def leave(self, context: TurnContext, who: Sender, data: dict[str, Any]
                    ) -> AdaptiveCardInvokeResponse:
        reply = await self.call(participants.leave, self.services, PLATFORM, who.tenant,
                                who.user_id)
        return card_response(cards.build_text_card(reply, "Goodbye"))

    # The agreement at the start ----------------------------------------------------------

    async def open_agreement(self, context: TurnContext, who: Sender, data: dict[str, Any]
                             ) -> AdaptiveCardInvokeResponse:
        """The intro's button: the agreement card as a new message (the intro stays)."""
        match_id = _int(data.get("match_id"))
        form = await self.call(agreements.form, self.services, PLATFORM, who.tenant,
                               who.user_id, match_id) if match_id is not None else None
        if not isinstance(form, agreements.AgreementForm):
            return factory.message(form.message if form is not None
                                   else _("That group is not one of yours."))
        await context.send_activity(message(card=agreement.build_agreement_card(form)))
        return factory.message(_("The agreement form is below."))

    async def save_agreement(self, context: TurnContext, who: Sender, data: dict[str, Any]
                             ) -> AdaptiveCardInvokeResponse:
        """Store and share the answers; a refusal shows the card again as typed."""
        result = await self.call(agreements.record, self.services, PLATFORM, who.tenant,
                                 who.user_id, _int(data.get("match_id")),
                                 agreement.agreement_values(data))
        if isinstance(result, agreements.AgreementRefused):
            return card_response(agreement.build_agreement_card(result))
        if self.run_delivery:
            self.run_delivery()
        return card_response(cards.build_text_card(result.sentence(), _("Thank you")))

    # The learning record -----------------------------------------------------------------

    async def open_log(self, context: TurnContext, who: Sender) -> None:
        """`log`: the log card (or one sentence saying why not)."""
        form = await self.call(learning_log.log_form, self.services, PLATFORM, who.tenant,
                               who.user_id)
        if isinstance(form, learning_log.LogRefused):
            await context.send_activity(message(form.message))
            return
        await context.send_activity(message(card=learning.build_log_card(form)))

    async def offer_log(self, context: TurnContext, who: Sender, match_id: int | None) -> None:
        """After *Met* in the personal chat: the log card with the meeting filled in."""
        form = await self.call(learning_log.log_form, self.services, PLATFORM, who.tenant,
                               who.user_id, match_id=match_id)
        if isinstance(form, learning_log.LogForm):
            await context.send_activity(message(card=learning.build_log_card(form)))

    async def save_log(self, context: TurnContext, who: Sender, data: dict[str, Any]
                       ) -> AdaptiveCardInvokeResponse:
        """Store the entry; a refusal shows the card again as typed, with one sentence."""
        result = await self.call(learning_log.record_activity, self.services, PLATFORM,
                                 who.tenant, who.user_id, learning.log_values(data))
        if isinstance(result, learning_log.LogRefused):
            return card_response(learning.build_log_card(result))
        return card_response(learning.build_logged_card(result))

    async def offer_cpd(self, context: TurnContext, who: Sender) -> None:
        """`cpd`: file-consent cards for the PDF and CSV (and the certificate when earned),
        as my-data is offered; each file is made again when it is accepted."""
        files = await self.call(self.cpd_files, who)
        if files is None:
            await context.send_activity(message(_(
                "You haven't joined a programme yet, so there is no record to send.")))
            return
        attachments = [data_file.consent_card(len(content), name=learning.FILES[kind][0],
                                              kind=kind, description=_(learning.FILES[kind][1]))
                       for kind, content in files.items()]
        await context.send_activity(Activity(
            type=ActivityTypes.message, text=learning_words.CPD_SENT + " " + _(
                "Accept each file to receive it."), attachments=attachments))

    def cpd_files(self, who: Sender) -> dict[str, bytes] | None:
        """The learning record's files by consent kind (None when not joined)."""
        record = learning_log.record_of(self.services, PLATFORM, who.tenant, who.user_id)
        if record is None:
            return None
        files = {"cpd-pdf": learning_log.cpd_pdf(record),
                 "cpd-csv": learning_log.cpd_csv(record).encode()}
        cert = learning_log.certificate(self.services, PLATFORM, who.tenant, who.user_id)
        if isinstance(cert, learning_log.Certificate):
            files["certificate"] = learning_log.certificate_pdf(cert)
        return files

    async def on_data_file_accepted(self, context: TurnContext, state: TurnState,
                                    consent: data_file.Consent) -> None:
        """my-data or a learning-record file: the person accepted it; upload it and show
        the file card."""
        who = sender(context.activity)
        info = consent.upload_info
        again = text_model.COMMAND_CPD if consent.kind in learning.FILES else \
            text_model.COMMAND_MY_DATA
        if info is None or not data_file.uploadable(info.upload_url or ""):
            await self.answer(context, who, wording.file_failed(again))
            return
        if consent.kind in learning.FILES:
            files = await self.call(self.cpd_files, who) or {}
            if consent.kind not in files:
                await self.answer(context, who, wording.file_failed(again, gone=True))
                return
            content = files[consent.kind]
        else:
            data = await self.call(participants.my_data, self.services, PLATFORM, who.tenant,
                                   who.user_id)
            content = subject_access.as_json(data).encode()
        await data_file.upload(info.upload_url, content)
        await context.send_activity(Activity(type=ActivityTypes.message, attachments=[
            data_file.info_card(info.name, info.content_url, info.unique_id, info.file_type)]))

    async def on_data_file_declined(self, context: TurnContext, state: TurnState,
                                    consent: data_file.Consent) -> None:
        await context.send_activity(message(_("OK, no file was sent.")))

    async def resend_cpd(self, context: TurnContext, who: Sender, data: dict[str, Any]
                         ) -> AdaptiveCardInvokeResponse:
        """Try again (after a learning-record file failed): the files offered again, as
        typing `cpd` does."""
        await self.offer_cpd(context, who)
        return factory.message(_("Your files are offered again below."))

    async def resend_my_data(self, context: TurnContext, who: Sender, data: dict[str, Any]
                             ) -> AdaptiveCardInvokeResponse:
        """Try again (after the my-data file failed): the file offered again, as typing
        `my-data` does."""
        data_ = await self.call(participants.my_data, self.services, PLATFORM, who.tenant,
                                who.user_id)
        await self.answer(context, who, SendMyData(data_))
        return factory.message(_("Your file is offered again below."))

    async def stay(self, context: TurnContext, who: Sender, data: dict[str, Any]
                   ) -> AdaptiveCardInvokeResponse:
        return card_response(cards.build_text_card(wording.STAY_TEXT))

    async def answer_invitation(self, context: TurnContext, who: Sender, data: dict[str, Any]
                                ) -> AdaptiveCardInvokeResponse:
        """An import's invitation: Accept turns the card into the profile, pre-filled with
        what the import knew; Decline deletes it."""
        button = str(data.get("invitation") or "")
        if str(data.get("answer") or "") == wording.INVITATION_ACCEPT:
            answer = await self.call(enrolment.accept, self.services, button, PLATFORM,
                                     who.tenant, who.user_id, who.name)
        else:
            answer = await self.call(enrolment.decline, self.services, button,
                                     PLATFORM, who.tenant, who.user_id)
        if answer.refused:  # not theirs: their own card stays as it was
            return factory.bad_request(answer.text)
        if answer.programme_id is not None:
            return card_response(await self.profile_card(who, answer.programme_id))
        return card_response(cards.build_text_card(Say(answer.text, error=answer.error)))

    async def skip_round(self, context: TurnContext, who: Sender, data: dict[str, Any]
                         ) -> AdaptiveCardInvokeResponse:
        programme_id = _int(data.get("programme_id"))
        if programme_id is None:
            return factory.bad_request(_("The card has no programme."))
        reply = await self.call(participants.skip_round, self.services, programme_id,
                                who.user_id, str(data.get("period") or ""))
        return card_response(cards.build_text_card(reply))

    async def save_settings(self, context: TurnContext, who: Sender, data: dict[str, Any]
                            ) -> AdaptiveCardInvokeResponse:
        programme_id = _int(data.get("programme_id"))
        if programme_id is None:
            return factory.bad_request(_("The card has no programme."))
        try:
            saved = await self.call(admin_service.save_settings, self.services, PLATFORM,
                                    who.tenant, who.user_id, admin.settings_values(data),
                                    platform_admin=False, programme_id=programme_id)
        except SettingsError as exc:
            access = await self.call(admin_service.organiser_access, self.services, PLATFORM,
                                     who.tenant, who.user_id, platform_admin=False,
                                     programme_id=programme_id)
            if isinstance(access, Say):
                return card_response(cards.build_text_card(access))
            organised = admin.Organised(access.programme_id, access.programme, access.settings)
            return card_response(admin.build_settings_card(
                organised, errors=exc.errors, values=data))
        if isinstance(saved, Say):
            return card_response(cards.build_text_card(saved))
        return card_response(cards.build_text_card(wording.settings_saved(saved.name), "Saved"))


def said(reply: Say) -> str:
    """A reply as one line of plain text (a card action's short answer), its commands as
    typed in Teams: `Say.text` leaves out the join command's words."""
    return text_model.plain(reply.parts, cards.command)


def _int(value: Any) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def _shown(data: Mapping[str, Any], key: str) -> bool:
    """Whether the card had this input (its action lists them; a client may leave an empty
    input out of the data)."""
    return key in data or key in str(data.get("fields") or "").split(",")


def _typed(data: Mapping[str, Any], key: str) -> str | None:
    """A text input's value; None when the card had no such input."""
    return str(data.get(key) or "") if _shown(data, key) else None


def _listed(data: Mapping[str, Any], key: str) -> tuple[str, ...] | None:
    """A multi-select's values (comma-separated in Adaptive Cards); None when absent."""
    if not _shown(data, key):
        return None
    return tuple(v.strip() for v in str(data.get(key) or "").split(",") if v.strip())


def _card_of(response: AdaptiveCardInvokeResponse) -> dict[str, Any]:
    if isinstance(response.value, dict) and response.value.get("type") == "AdaptiveCard":
        return response.value
    value = response.value
    text = value if isinstance(value, str) else str(
        value.get("message", "Done.") if isinstance(value, dict) else "Done.")
    return cards.build_text_card(text)


async def _principal_name(context: TurnContext, who: Sender) -> str | None:
    """The user's UPN (for deep links), from the connector's member lookup."""
    client = context.services.get(ConnectorClientBase)  # type: ignore[type-abstract]
    lookup = getattr(client, "get_conversation_member", None)
    if lookup is None or not context.activity.conversation or not who.channel_user_id:
        return None
    try:
        member = await lookup(context.activity.conversation.id, who.channel_user_id)
    except Exception as exc:  # only deep links suffer; they fall back to "search by name"
        logger.info("teams: member lookup failed (%s); no chat deep links for %s",
                    type(exc).__name__, who.user_id)
        return None
    upn = getattr(member, "user_principal_name", None) or getattr(member, "email", None)
    return str(upn) if upn else None


# A command is a few words; Teams wraps mentions and formatting in HTML tags.
MAX_COMMAND_TEXT = 4000


def command_text(text: str) -> str:
    """The message's text without HTML tags, in time linear in its length (the length
    capped first): each '<' is followed to its '>' once, and an unclosed '<' ends the scan,
    so a message of many '<' cannot hold the event loop."""
    text = text[:MAX_COMMAND_TEXT]
    parts, at = [], 0
    while True:
        opening = text.find("<", at)
        if opening < 0:
            parts.append(text[at:])
            break
        closing = text.find(">", opening + 1)
        if closing < 0:
            parts.append(text[at:])
            break
        parts.append(text[at:opening])
        parts.append(" ")
        at = closing + 1
    return "".join(parts).strip()


CardAction = Callable[[TurnContext, Sender, dict[str, Any]],
                      Awaitable[AdaptiveCardInvokeResponse]]


def on_card(app: AgentApplication[TurnState], verb: str, action: CardAction) -> None:
    """Route one card verb to its handler, as an Action.Execute invoke (the response
    replaces the card) and as the Action.Submit fallback that older clients press (the
    same response, sent as a new message)."""

    async def execute(context: TurnContext, state: TurnState, data: Any
                      ) -> AdaptiveCardInvokeResponse:
        return await action(context, sender(context.activity), card_data(data))

    async def submit(context: TurnContext, state: TurnState, data: Any) -> None:
        response = await action(context, sender(context.activity), card_data(data))
        await context.send_activity(message(card=_card_of(response)))

    app.adaptive_card.action_execute(verb)(execute)
    app.adaptive_card.action_submit(verb)(submit)


def on_unknown_card_action(app: AgentApplication[TurnState],
                           unknown: Callable[[TurnContext, TurnState, Any],
                                             Awaitable[AdaptiveCardInvokeResponse]]) -> None:
    """A verb no handler claims is answered with one sentence, after every other route
    (ahead of the plain-message handler, which ranks last)."""
    any_verb = re.compile(".+")
    before_messages = RouteRank.LAST - 1

    async def submit(context: TurnContext, state: TurnState, data: Any) -> None:
        response = await unknown(context, state, data)
        await context.send_activity(message(card=_card_of(response)))

    app.adaptive_card.action_execute(any_verb, rank=before_messages)(unknown)
    app.adaptive_card.action_submit(any_verb, rank=before_messages)(submit)


def register(app: AgentApplication[TurnState], services: Services, *,
             run_delivery: Callable[[], None] | None = None) -> Handlers:
    """Wire every listener onto the SDK's application."""
    handlers = Handlers(services, run_delivery)
    app.before_turn(handlers.remember)
    app.after_turn(handlers.processed)
    app.activity(ActivityTypes.installation_update)(handlers.on_installation_update)
    app.conversation_update("membersAdded")(handlers.on_members_added)
    app.message_reaction("reactionsAdded")(handlers.on_reactions_added)
    app.message_reaction("reactionsRemoved")(handlers.on_reactions_removed)
    on_card(app, cards.VERB_PROFILE_SAVE, handlers.save_profile)
    on_card(app, cards.VERB_CHECKIN, handlers.checkin_button)
    on_card(app, cards.VERB_CHECKIN_REASON, handlers.reason_button)
    on_card(app, cards.VERB_MEETING_TIME, handlers.meeting_time)
    on_card(app, cards.VERB_RESUME, handlers.resume)
    on_card(app, cards.VERB_PROFILE_OPEN, handlers.open_profile)
    on_card(app, cards.VERB_STATUS, handlers.show_status)
    on_card(app, cards.VERB_CPD, handlers.resend_cpd)
    on_card(app, cards.VERB_MY_DATA, handlers.resend_my_data)
    on_card(app, cards.VERB_FEEDBACK_SAVE, handlers.save_feedback)
    on_card(app, cards.VERB_EVALUATION_SAVE, handlers.save_evaluation)
    on_card(app, cards.VERB_EVALUATION_SKIP, handlers.skip_evaluation)
    on_card(app, cards.VERB_LEAVE_CONFIRM, handlers.leave)
    on_card(app, cards.VERB_LEAVE_CANCEL, handlers.stay)
    on_card(app, cards.VERB_SKIP_ROUND, handlers.skip_round)
    on_card(app, cards.VERB_SETTINGS_SAVE, handlers.save_settings)
    on_card(app, cards.VERB_INVITATION, handlers.answer_invitation)
    on_card(app, learning.VERB_LOG_SAVE, handlers.save_log)
    on_card(app, agreement.VERB_AGREEMENT_OPEN, handlers.open_agreement)
    on_card(app, agreement.VERB_AGREEMENT_SAVE, handlers.save_agreement)
    on_unknown_card_action(app, handlers.unknown_action)
    app.message(None)(handlers.on_message)
    data_file.on_consent(app, "accept", handlers.on_data_file_accepted)
    data_file.on_consent(app, "decline", handlers.on_data_file_declined)
    return handlers
