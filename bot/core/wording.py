"""Every word pairbot says to people, written once, as documents of bot/core/text.py.

Slack (bot/slack/blocks.py), Teams (bot/teams/cards.py), the demo's transcript and the
web console lay these documents out; none of them words anything itself. A
document may depend on who reads it (`viewer`): Teams shows each member a card of
the others, Slack one message to the whole group (`viewer` None).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, ParamSpec

from bot.core import agreement, editable, i18n
from bot.core import evaluation as ev
from bot.core.availability import WINDOW_WORDS
from bot.core.i18n import N_, _, ngettext
from bot.core.intents import (
    ANSWERS,
    REASONS,
    AgreementShared,
    AutoPaused,
    CheckIn,
    EvaluationRequest,
    FeedbackRequest,
    HeadsUp,
    Intent,
    Intro,
    Invitation,
    MeetingTimeRequest,
    Notice,
    Person,
    ReasonRequest,
    RescueOffer,
    Unpaired,
    Welcome,
)
from bot.core.matching.explain import PRIORITY, left_out_words
from bot.core.matching.model import reworded
from bot.core.replies import Say
from bot.core.states import Reason
from bot.core.text import (
    AGREEMENT_OPEN,
    CHECKIN,
    CHECKIN_REASON,
    COMMAND,
    COMMAND_PROFILE,
    COMMAND_STATUS,
    EVALUATION_OPEN,
    FEEDBACK_OPEN,
    INVITATION,
    LEAVE_CANCEL,
    LEAVE_CONFIRM,
    MEETING_CANCEL,
    MEETING_TIME,
    RESUME,
    SKIP_ROUND,
    Block,
    Choice,
    Choices,
    CommandRef,
    Document,
    Fact,
    Facts,
    Heading,
    Href,
    Inline,
    Items,
    Member,
    Paragraph,
    Quote,
    Strong,
    para,
    plain,
)
from bot.core.text import Reaction as R
from bot.core.text import names as join_names

# How much did you learn (1–5): the one scale both platforms show and statistics average.
_SCORE_CHOICES: tuple[tuple[int, str], ...] = (
    (1, N_("1: nothing new")), (2, N_("2: a little")), (3, N_("3: some")),
    (4, N_("4: quite a lot")), (5, N_("5: a great deal")),
)
FEEDBACK_TEXT_MAX = 1000
_PAUSE_CHOICES = (("2w", N_("2 weeks")), ("1m", N_("1 month")), ("2m", N_("2 months")),
                  ("3m", N_("3 months")))
MEMBERS_SHOWN = 8
P = ParamSpec("P")
_PLACEHOLDER = re.compile(r"(\{[a-z_]+\})")


def names(people: Sequence[Person]) -> str:
    """The people's names: `Ann`, `Ann and Bo`, `Ann, Bo and Cy`."""
    return join_names(p.name for p in people)


def within(days: int) -> str:
    """`two weeks` for 14 days, otherwise `N days`."""
    if days == 14:
        return _("two weeks")
    return ngettext("a day", "{n} days", days).format(n=days)


def sentence(template: str, **parts: Inline) -> tuple[Inline, ...]:
    """A translated sentence whose `{name}` placeholders are inline parts (a command, a
    reaction): the translator keeps the whole sentence, and its word order."""
    out: list[Inline] = []
    for piece in _PLACEHOLDER.split(template):
        if piece.startswith("{") and piece.endswith("}") and piece[1:-1] in parts:
            out.append(parts[piece[1:-1]])
        elif piece:
            out.append(piece)
    return tuple(out)


def bilingual(build: Callable[P, Document]) -> Callable[P, Document]:
    """For a bilingual reader (`language cy+en`), the message in Welsh, then in English, as
    the Welsh Language Standards ask of bilingual correspondence: one title and summary
    with both, the Welsh blocks, then the English ones; buttons once, at the end, labelled
    in both languages."""

    @functools.wraps(build)
    def both(*args: P.args, **kwargs: P.kwargs) -> Document:
        both = i18n.welsh_and_english(functools.partial(build, *args, **kwargs))
        if both is None:
            return build(*args, **kwargs)
        welsh, english = both
        return Document(
            _joined(welsh.title, english.title),
            (*(b for b in welsh.blocks if not isinstance(b, Choices)),
             *(_both_labels(e, w) if isinstance(e, Choices) and isinstance(w, Choices) else e
               for e, w in zip(english.blocks, _aligned(welsh.blocks, english.blocks),
                               strict=True))),
            _joined(welsh.summary, english.summary))

    return both


def _joined(welsh: str, english: str) -> str:
    return " / ".join(part for part in (welsh, english) if part) if welsh != english else welsh


def _aligned(welsh: tuple[Block, ...], english: tuple[Block, ...]) -> list[Block | None]:
    # The same builder in two languages gives the same blocks in the same order.
    return list(welsh) if len(welsh) == len(english) else [None] * len(english)


def _both_labels(english: Choices, welsh: Choices) -> Choices:
    return replace(english, choices=tuple(
        replace(e, label=_joined(w.label, e.label))
        for e, w in zip(english.choices, welsh.choices, strict=True)))


def _others(members: Sequence[Person], viewer: str | None) -> list[Person]:
    return [m for m in members if m.user_id != viewer] if viewer else list(members)


def _member(p: Person) -> Member:
    return Member(p.user_id, p.name, p.profession, p.intro)


def bank_text(text: str) -> str:
    """A question of the bank, or a theme's title or guide, in the reader's language (the
    catalogue holds the bank's and the journey's words; an organiser's own title, which no
    catalogue holds, reads as they wrote it)."""
    return _(text) if text else text


def questions(intent: Intro, viewer: str | None = None) -> tuple[str, ...]:
    """An intro's questions as the reader reads them: translated, and one aimed at some
    members only starting "For Ann: " ("For you: " where the reader is one of them)."""
    me = next((m.name for m in intent.members if viewer and m.user_id == viewer), None)
    shown = []
    for number, question in enumerate(intent.icebreakers):
        aimed = intent.aimed[number] if number < len(intent.aimed) else ()
        if me is not None and me in aimed:
            aimed = (_("you"), *(n for n in aimed if n != me))
        text = bank_text(question)
        shown.append(_("For {names}: {question}").format(names=join_names(aimed),
                                                        question=text) if aimed else text)
    return tuple(shown)


# The availability windows as people read them in a list: "weekday mornings and weekend
# evenings" (bot/core/availability.py).
WINDOW_LABELS: dict[str, str] = WINDOW_WORDS


def window_names(keys: Sequence[str]) -> str:
    """Window keys as words: `weekday mornings and weekend evenings`."""
    return join_names([_(WINDOW_LABELS[k]) for k in keys if k in WINDOW_LABELS])


def meeting_time(start: str, end: str) -> str:
    """A meeting's day and times (ISO-8601 with offset, already in the programme's time
    zone): `Tuesday 8 December, 10:00 to 10:30`."""
    begins, ends = dt.datetime.fromisoformat(start), dt.datetime.fromisoformat(end)
    return _("{day}, {start} to {end}").format(day=i18n.format_day(begins.date()),
                                               start=i18n.format_time(begins),
                                               end=i18n.format_time(ends))


def _meeting_blocks(intent: Intro) -> list[Block]:
    """The suggested times, each with its calendar link; or, with no common window, what
    each member said, and an invitation to agree a time in the chat."""
    if intent.times:
        return [Items(tuple(
            para(meeting_time(start, end), *((" · ", Href(_("Add to calendar"), url))
                                             if url else ()))
            for start, end, url in intent.times), title=_("Times you could all meet"))]
    if intent.apart:
        return [Items(tuple(para(_("{name}: {windows}").format(name=name,
                                                               windows=window_names(keys)))
                            for name, keys in intent.apart),
                      title=_("You don't share a usual time to meet")),
                para(_("Agree a time here in the chat: a short call at the edge of a shift "
                       "works too."))]
    return []


# Intents -------------------------------------------------------------------------------

@bilingual
def intro(intent: Intro, viewer: str | None = None) -> Document:
    """The introduction: who, why you were matched, three icebreakers, meet within N days."""
    shown = _others(intent.members, viewer)[:MEMBERS_SHOWN]
    everyone = list(intent.members)[:MEMBERS_SHOWN]
    introduced = editable.fill(editable.INTRO, intent.wording, programme=intent.programme,
                               partner_names=names(shown), theme=intent.theme,
                               checkin_date=intent.checkin_on)
    if viewer is None and not editable.edited(editable.INTRO, intent.wording):
        # An organiser's own opening replaces the greeting too (it may greet differently).
        introduced = _("Hello {names}!").format(names=names(everyone)) + " " + introduced
    blocks: list[Block] = [para(introduced,
                                literal=editable.edited(editable.INTRO, intent.wording)),
                           *(_member(p) for p in shown)]
    if intent.reasons:
        blocks.append(Items(tuple(para(reworded(r)) for r in intent.reasons[:10]),
                            title=_("Why you were matched")))
    if intent.theme:
        blocks.append(Items((para(bank_text(intent.theme_guide)),) if intent.theme_guide else (),
                            title=_("This meeting's theme: {theme}").format(
                                theme=bank_text(intent.theme))))
    if intent.icebreakers:
        blocks.append(Items(tuple(para(q) for q in questions(intent, viewer)[:3]),
                            numbered=True,
                            title=_("Questions for this meeting") if intent.theme
                            else _("Three questions to start with")))
    if intent.host:
        blocks.append(para(_host_line(intent, viewer), subtle=True))
    blocks += _meeting_blocks(intent)
    blocks.append(para(_("Try to meet within {within}: a coffee or a call is plenty. I'll check "
                         "in here on {day}.").format(within=within(intent.meet_within_days),
                                                    day=intent.checkin_on), subtle=True))
    if intent.agreement:
        blocks += agreement_invitation(intent.match_id)
    return Document(_("Meet {names}").format(names=names(shown)), tuple(blocks),
                    _("{programme}: meet {names}. Three questions to start with inside.")
                    .format(programme=intent.programme, names=names(shown)))


def _host_line(intent: Intro, viewer: str | None) -> str:
    """Who "the host" and "the guests" of a tutorial group's questions are."""
    me = next((m.name for m in intent.members if viewer and m.user_id == viewer), None)
    if me == intent.host:
        return _("You are this group's host: the others are your guests, here to learn about "
                 "your work.")
    return _("{name} is this group's host: the others are the guests, here to learn about "
             "{name}'s work.").format(name=intent.host)


def agreement_invitation(match_id: int) -> tuple[Block, ...]:
    """Under an intro that starts a group: agree how you will work, with its button."""
    return (para(_("Before you meet, agree how you'll work together: what each of you wants "
                   "to learn and can offer, how often you'll meet, and what stays between "
                   "you. Your answers are shared with your group only.")),
            Choices(AGREEMENT_OPEN, (Choice(agreement.OPEN_LABEL, str(match_id), "primary"),)))


@bilingual
def agreement_shared(intent: AgreementShared) -> Document:
    """One member's answers to the agreement, as the group reads them."""
    who = intent.member.name
    title = (_("{name} updated their agreement") if intent.updated
             else _("{name}'s agreement")).format(name=who)
    labels = dict(agreement.FIELDS)
    lead = _("{name} ({profession}) has answered the agreement for {programme}.").format(
        name=who, profession=intent.member.profession, programme=intent.programme)
    blocks: list[Block] = [para(lead),
                           Heading(labels["learn"]), Quote(intent.learn),
                           Heading(labels["offer"]), Quote(intent.offer),
                           Heading(labels["how_often"]),
                           para(agreement.how_often_label(intent.how_often))]
    if intent.confidential:
        blocks += [Heading(_("What we keep confidential")), Quote(intent.confidential)]
    blocks.append(para(_("Not answered yet? Use the button on your introduction."),
                       subtle=True))
    return Document(title, tuple(blocks), lead)


def agreement_saved(shared_now: bool) -> str:
    """After the agreement form: saved, and shared with the group."""
    if shared_now:
        return _("Thank you: your answers are saved and shared with your group.")
    return _("Thank you: your answers are saved.")


def checkin_choices(match_id: int) -> Choices:
    """The three check-in buttons."""
    return Choices(CHECKIN, tuple(Choice(_(label), answer, "primary" if answer == "met" else None)
                                  for answer, label in ANSWERS.items()),
                   data=(("match_id", str(match_id)),))


def reaction_hint() -> Paragraph:
    """How to answer the check-in with a reaction instead of a button."""
    return para(*sentence(
        _("Or react to this message: {met} met, {scheduled} arranged, {not_yet} not yet, "
          "{not_happening} not going to happen. Each person answers for themselves; the last "
          "answer counts."),
        met=R("met"), scheduled=R("scheduled"), not_yet=R("not_yet"),
        not_happening=R("not_happening")), subtle=True)


@bilingual
def checkin(intent: CheckIn, viewer: str | None = None) -> Document:
    """The check-in: did you meet? Who answered what so far, three buttons, reactions."""
    if intent.reminder and editable.language() not in dict(intent.wording):
        question = _("Reminder: did you manage to meet for {programme}?").format(
            programme=intent.programme)
    else:
        question = editable.fill(editable.CHECKIN, intent.wording, programme=intent.programme,
                                 partner_names=names(intent.members[:MEMBERS_SHOWN]))
        if intent.reminder:
            question = _("Reminder: {question}").format(question=question)
    facts = tuple(Fact(m.name, answer_label(intent.answers.get(m.user_id, "")),
                       who=m.user_id, answer=intent.answers.get(m.user_id, ""))
                  for m in intent.members[:MEMBERS_SHOWN])
    blocks: list[Block] = [Facts(facts)]
    mine = intent.answers.get(viewer or "", "")
    if mine in ANSWERS:
        blocks.append(para(_("You answered: {answer}. You can change it any time.").format(
            answer=answer_label(mine))))
    blocks += [checkin_choices(intent.match_id), reaction_hint()]
    return Document(question, tuple(blocks), question)


@bilingual
def feedback_request(intent: FeedbackRequest) -> Document:
    """After *Met*: how much did you learn, and what, tied to the meeting's theme (a button
    that opens the form)."""
    others = names(intent.others) or _("your partner")
    parts = [_("Glad you met {others}!").format(others=others)]
    if intent.theme:
        parts.append(_("This meeting's theme was {theme}.").format(
            theme=bank_text(intent.theme)))
    parts += [_(_TEXTS["FEEDBACK_TEXT_LABEL"]), _("Two quick questions, under a minute.")]
    text = " ".join(parts)
    return Document(_(_TEXTS["FEEDBACK_FORM_TITLE"]), (
        para(text),
        Choices(FEEDBACK_OPEN, (Choice(_("Share what you learned"), str(intent.match_id),
                                       "primary"),)),
    ), text)


@bilingual
def reason_request(intent: ReasonRequest) -> Document:
    """After Not yet or Not happening: why? Four buttons; the answer stays with the group's
    check-in, and Not yet gets new times back."""
    question = (_("What got in the way of meeting for {programme}?")
                if intent.answer == "not_yet"
                else _("What stopped the meeting for {programme}?")).format(
                    programme=intent.programme)
    return Document(_("Why not yet?") if intent.answer == "not_yet" else _("Why not?"), (
        para(question),
        Choices(CHECKIN_REASON, tuple(Choice(_(label), reason)
                                      for reason, label in REASONS.items()),
                data=(("match_id", str(intent.match_id)),)),
        para(_("Only the organisers' totals use this; your partner does not see it."),
             subtle=True),
    ), question)


@bilingual
def rescue_offer(intent: RescueOffer) -> Document:
    """Nobody in the group has answered two weeks after the intro: the rescue of "No reply
    from my partner", offered to each member by themselves."""
    text = _("Nobody in your {programme} group has said yet whether you've met. If your "
             "partner hasn't replied, pairbot can find you someone else who is free this "
             "round.").format(programme=intent.programme)
    return Document(_("Still waiting to meet?"), (
        para(text),
        Choices(CHECKIN_REASON, (Choice(_("Find me a new partner"), Reason.NO_REPLY.value,
                                        "primary"),),
                data=(("match_id", str(intent.match_id)),)),
        para(_("Meeting after all? Answer the check-in in your group's chat instead."),
             subtle=True),
    ), text)


@bilingual
def meeting_time_request(intent: MeetingTimeRequest) -> Document:
    """After *Scheduled*: when is it? One of the suggested times, or another day and time
    (the platform's picker); once chosen, the same message moves or cancels it."""
    if intent.chosen:
        question = _("You're meeting on {when}. Moved? Choose the new time; or cancel it.").format(
            when=meeting_day_time(intent.chosen))
    else:
        question = _("Great! When are you meeting? I'll remind you that morning and check in "
                     "the day after.")
    choices = [Choice(short_time(start), start) for start, _end in intent.times]
    if intent.chosen:
        choices.append(Choice(_("Cancel the meeting"), MEETING_CANCEL, "danger"))
    return Document(_("When are you meeting?"), (
        para(question),
        Choices(MEETING_TIME, tuple(choices), data=(("match_id", str(intent.match_id)),)),
        para(_("Another time? Pick the day and time below."), subtle=True),
    ), question)


def short_time(start: str) -> str:
    """A suggested time on a button: `Tue 8 Dec, 10:00`."""
    begins = dt.datetime.fromisoformat(start)
    return f"{i18n.format_short_day(begins.date())}, {i18n.format_time(begins)}"


def meeting_day_time(start: str) -> str:
    """A chosen meeting time in a sentence: `Tuesday 8 December at 10:00`."""
    begins = dt.datetime.fromisoformat(start)
    return _("{day} at {time}").format(day=i18n.format_day(begins.date()),
                                       time=i18n.format_time(begins))


def meeting_recorded(start: str) -> str:
    """A meeting time was recorded."""
    return _("Noted: you're meeting on {when}. I'll remind everyone that morning and check "
             "in the day after.").format(when=meeting_day_time(start))


def meeting_cancelled() -> str:
    """The recorded meeting time was cancelled."""
    return _("Cancelled: no reminder will be sent. Choose a new time whenever you have one.")


def meeting_time_invalid() -> str:
    """A picked day and time that cannot be used."""
    return _("Choose a day and a time from now on, within the next 60 days.")


MEETING_REMINDER = N_("Reminder: you're meeting {people} today at {time}. Enjoy it!")


def reason_recorded(times: Sequence[tuple[str, str]]) -> str:
    """The reason was saved; after Not yet, new times the group could meet."""
    if not times:
        return _("Thank you, noted.")
    return _("Thank you, noted. Times you could suggest to your group: {times}.").format(
        times="; ".join(meeting_time(start, end) for start, end in times))


def rescued() -> str:
    """No reply from the partner: a new partner was found."""
    return _("Sorry they didn't reply. pairbot has found you someone else who is free this "
             "round: look out for the new introduction.")


def rescue_none() -> str:
    """No reply from the partner, and nobody is free this round."""
    return _("Sorry they didn't reply. Nobody else is free this round, so you'll get "
             "priority in the next one.")


def rescue_used() -> str:
    """No reply from the partner, after a new partner was already found this round."""
    return _("Thank you, noted. You've already had a new partner this round; your organiser "
             "can see the groups that need help.")


def reason_not_open() -> str:
    """A reason given for a check-in the person has not answered Not yet or Not happening."""
    return _("Answer Not yet or Not going to happen on the check-in first, then say why.")


def not_in_group() -> str:
    """A check-in answered by someone outside the group."""
    return _("Only the people in this group can answer its check-in.")


def score_missing() -> str:
    """The feedback form without a score."""
    return _("Choose how much you learned, from 1 to 5.")


def too_long(limit: int) -> str:
    """A text field over its limit."""
    return ngettext("Keep it to {limit} character.", "Keep it to {limit} characters.",
                    limit).format(limit=limit)


def not_your_match() -> str:
    """Feedback about a match the person was not in."""
    return _("That match is not one of yours, so its feedback can't be saved.")


def feedback_thanks() -> str:
    """Feedback was saved."""
    return _("Thank you! Your feedback helps the organisers show what people learn.")


def feedback_theme_line(theme: str) -> str:
    """Under the feedback form's title: the meeting's theme."""
    return _("This meeting's theme: {theme}").format(theme=bank_text(theme)) if theme else ""


# Labels the platforms' forms read as `wording.NAME`: marked here, translated when read
# (the module's __getattr__ below), so that each reader gets their own language.
_TEXTS: dict[str, str] = {
    "FEEDBACK_FORM_TITLE": N_("What did you learn?"),
    "FEEDBACK_SCORE_LABEL": N_("How much did you learn about the other person's role?"),
    "FEEDBACK_SCORE_MISSING": N_("Choose how much you learned."),
    "FEEDBACK_TEXT_LABEL": N_("What did you learn about their role, values, challenges or "
                              "barriers?"),
    "FEEDBACK_SHARE_LABEL": N_("Organisers may share this anonymously"),
    "FEEDBACK_SEND": N_("Send"),
    # The before-and-after questionnaire (bot/core/evaluation.py).
    "EVALUATION_FORM_TITLE": N_("Five quick questions"),
    "EVALUATION_SEND": N_("Send"),
    "EVALUATION_OPEN_LABEL": N_("Answer five questions"),
    "EVALUATION_FORM_LEAD": N_("Each question is optional: leave any of them blank to skip "
                               "it. Organisers only ever see totals of five or more people, "
                               "never your answers."),
    "EVALUATION_PLACEHOLDER": N_("Choose 1 to 5"),
    # The profile form.
    "PROFILE_TITLE": N_("Your profile"),
    "PROFILE_LEAD": N_("{programme}: each round pairbot introduces you to someone from "
                       "another profession, so that you learn about each other's roles, "
                       "values and challenges."),
    "PROFILE_PROGRAMME_LABEL": N_("Programme"),
    "PROFESSION_LABEL": N_("Your profession"),
    "PROFESSION_PLACEHOLDER": N_("Choose your profession"),
    "PROFESSION_MISSING": N_("Choose your profession."),
    "LEARN_LABEL": N_("Professions you'd like to learn about"),
    "LEARN_HINT": N_("Leave it empty to meet anyone from another profession."),
    "INTRO_LABEL": N_("A short intro for the people you meet"),
    "INTRO_HINT": N_("What you do, and what you'd like to learn. At most {limit} characters."),
    "LANGUAGE_LABEL": N_("Language"),
    "LANGUAGE_HINT": N_("The language pairbot writes to you in. A message to your group is "
                        "in Welsh and English when its members' languages differ."),
    "FORM_CHECK": N_("Please check the highlighted answers."),
    "SAVE": N_("Save"),
    # An organiser's settings form (the Slack modal's title: at most 24 characters).
    "SETTINGS_TITLE": N_("Programme settings"),
    "SETTINGS_LEAD": N_("Changes apply from the next round. Every change is written to the "
                        "audit log."),
    # The second question before erasing (Slack's confirm dialog), and what staying says.
    "LEAVE_CONFIRM_TITLE": N_("Leave pairbot?"),
    "LEAVE_CONFIRM_TEXT": N_("Your profile, check-in answers and feedback are erased. This "
                             "cannot be undone."),
    "STAY_TEXT": N_("Good: nothing has changed, you're still in."),
    "LEAVE_QUESTION": N_("Leave pairbot and erase your profile, answers and feedback? This "
                         "cannot be undone."),
}


def evaluation_title(stage: str, count: int | None = None) -> str:
    """The questionnaire's heading at this stage; `count` the number of items of a
    programme's own instrument (None: pairbot-5's five questions)."""
    if count is not None:
        if stage == ev.Stage.FOLLOW_UP:
            return ngettext("End of term: {count} quick question",
                            "End of term: {count} quick questions", count).format(count=count)
        return ngettext("Before your first meeting: {count} quick question",
                        "Before your first meeting: {count} quick questions",
                        count).format(count=count)
    if stage == ev.Stage.FOLLOW_UP:
        return _("End of term: five quick questions")
    return _("Before your first meeting: five quick questions")


def evaluation_form_title(count: int | None = None) -> str:
    """The questionnaire form's title (at most 24 characters in Slack)."""
    if count is None:
        return _(_TEXTS["EVALUATION_FORM_TITLE"])
    return ngettext("{count} question", "{count} questions", count).format(count=count)


def _instrument_text(intent: EvaluationRequest) -> tuple[str, str, str]:
    """A programme's own instrument: the request's text, title and button, with its number
    of items, its name and its scale."""
    count = len(intent.questions)
    points = [point for point, _label in intent.scale] or [1, 5]
    parts = {"programme": intent.programme, "count": count, "instrument": intent.instrument,
             "low": min(points), "high": max(points)}
    if intent.stage == ev.Stage.FOLLOW_UP:
        text = ngettext(
            "That was the last meeting of this term in {programme}. Before the next one: "
            "{count} question from {instrument}, on a {low} to {high} scale, to compare with "
            "your answers when you joined. It is optional.",
            "That was the last meeting of this term in {programme}. Before the next one: "
            "{count} questions from {instrument}, on a {low} to {high} scale, to compare with "
            "your answers when you joined. Every one is optional.", count)
    else:
        text = ngettext(
            "Welcome to {programme}! How well do you know the professions you are about to "
            "meet? {count} question from {instrument}, on a {low} to {high} scale, optional; "
            "after a few meetings you'll be asked again, to see what changed. Not now? Just "
            "skip it.",
            "Welcome to {programme}! How well do you know the professions you are about to "
            "meet? {count} questions from {instrument}, on a {low} to {high} scale, each "
            "optional; after a few meetings you'll be asked again, to see what changed. Not "
            "now? Just skip it.", count)
    button = ngettext("Answer {count} question", "Answer {count} questions", count)
    return (text.format(**parts), evaluation_title(intent.stage, count),
            button.format(count=count))


@bilingual
def evaluation_request(intent: EvaluationRequest) -> Document:
    """The baseline (at joining) or the follow-up (end of term): the instrument's questions
    (pairbot-5's five 1-5 questions by default), with a button that opens the form;
    skipping is doing nothing."""
    if intent.questions:
        text, title, button = _instrument_text(intent)
        return Document(title, (
            para(text),
            Choices(EVALUATION_OPEN, (Choice(button, intent.stage, "primary"),),
                    data=(("programme_id", str(intent.programme_id)), ("stage", intent.stage),
                          ("term", str(intent.term)))),
        ), text)
    title = evaluation_title(intent.stage)
    if intent.stage == ev.Stage.FOLLOW_UP:
        text = _("That was the last meeting of this term in {programme}. Before the next "
                 "one: the same five questions as when you joined, to see what changed. They "
                 "take a minute and every one is optional.").format(programme=intent.programme)
    else:
        text = _("Welcome to {programme}! How well do you know the professions you are about "
                 "to meet? Five questions on a 1 to 5 scale, each optional; after a few "
                 "meetings you'll be asked again, to see what changed. Not now? Just skip it."
                 ).format(programme=intent.programme)
    return Document(title, (
        para(text),
        Choices(EVALUATION_OPEN, (Choice(_(_TEXTS["EVALUATION_OPEN_LABEL"]), intent.stage,
                                         "primary"),),
                data=(("programme_id", str(intent.programme_id)), ("stage", intent.stage),
                      ("term", str(intent.term)))),
    ), text)


def evaluation_recorded(stage: str, answered: Sequence[str], total: int | None = None) -> str:
    """What was stored, in one sentence; `total` the number of items a programme's own
    instrument asked (None: pairbot-5's five questions, named)."""
    if not answered:
        return _("Nothing was stored: you skipped every question, which is fine.")
    if total is not None:
        if stage == ev.Stage.FOLLOW_UP:
            text = ngettext("Thank you: your answer to {count} of {total} questions is stored "
                            "as your end-of-term answer; answering again replaces it.",
                            "Thank you: your answers to {count} of {total} questions are "
                            "stored as your end-of-term answers; answering again replaces "
                            "them.", len(answered))
        else:
            text = ngettext("Thank you: your answer to {count} of {total} questions is stored "
                            "as your starting point; answering again replaces it.",
                            "Thank you: your answers to {count} of {total} questions are "
                            "stored as your starting point; answering again replaces them.",
                            len(answered))
        return text.format(count=len(answered), total=total)
    labels = join_names([_(q.short).lower() for q in ev.QUESTIONS if q.domain in answered])
    if stage == ev.Stage.FOLLOW_UP:
        text = ngettext("Thank you: your answer to {count} of {total} questions ({labels}) is "
                        "stored as your end-of-term answer; answering again replaces it.",
                        "Thank you: your answers to {count} of {total} questions ({labels}) "
                        "are stored as your end-of-term answers; answering again replaces "
                        "them.", len(answered))
    else:
        text = ngettext("Thank you: your answer to {count} of {total} questions ({labels}) is "
                        "stored as your starting point; answering again replaces it.",
                        "Thank you: your answers to {count} of {total} questions ({labels}) "
                        "are stored as your starting point; answering again replaces them.",
                        len(answered))
    return text.format(count=len(answered), total=len(ev.QUESTIONS), labels=labels)


def profile_saved_hint() -> tuple[Inline, ...]:
    """After saving the profile: what can be typed instead of its buttons
    (`profile_choices`)."""
    return (" ", *sentence(_("You can also type {status} or {pair_me} any time."),
                           status=CommandRef("status"), pair_me=CommandRef()))


def profile_choices() -> Choices:
    """After saving the profile: Edit profile and Status, what typing the join command and
    `status` do."""
    return Choices(COMMAND, (Choice(_("Edit profile"), COMMAND_PROFILE),
                             Choice(_("Status"), COMMAND_STATUS)))


def try_again_choices(command: str) -> Choices:
    """One button that does again what typing `command` (COMMAND_CPD, COMMAND_MY_DATA)
    did, after its file could not be delivered."""
    return Choices(COMMAND, (Choice(_("Try again"), command, "primary"),))


def file_failed(command: str, *, gone: bool = False) -> Say:
    """A file offered in the chat could not be delivered: say so, what to type, and a
    button that does it."""
    what = (_("That file is no longer available; type {command} or use the button to try "
              "again.") if gone else
            _("I couldn't save the file there; type {command} or use the button to try "
              "again."))
    return Say(sentence(what, command=CommandRef(command)), error=True,
               actions=(try_again_choices(command),))


def join_choices() -> Choices:
    """The button for what typing the join command does, for someone who has not joined."""
    return Choices(COMMAND, (Choice(_("Join"), COMMAND_PROFILE, "primary"),))


# The settings form (its fields' words are in bot/core/settings.py, one row per setting).


def settings_saved(programme: str) -> str:
    """The settings were saved."""
    return f"Settings saved for {programme}. They apply from the next round."


@bilingual
def unpaired(intent: Unpaired) -> Document:
    """Left out this round: why, and priority next time."""
    # Worded here, in the reader's language (twice for a bilingual reader). Rows written
    # before reasons were kept by reference hold English text, whose own undated word on
    # priority is dropped: it is said once here.
    reason = (left_out_words(intent.left_out_key, dict(intent.left_out_values))
              if intent.left_out_key else "") or intent.reason.replace(PRIORITY, "").strip()
    priority = (_("You'll get priority in the next round on {day}.").format(
        day=intent.next_round) if intent.next_round
        else _("You'll get priority in the next round."))
    if intent.why == "away":
        reason = _("You're away for the whole fortnight after this round, so pairbot has "
                   "not introduced you to anyone.")
        priority = (_("We'll put you first in the next round, on {day}.").format(
            day=intent.next_round) if intent.next_round
            else _("We'll put you first in the next round."))
    elif intent.why == "term" and intent.next_round:
        priority = _("You'll be placed as soon as a group has room or someone new joins, "
                     "and at the latest when the next term starts, in the round on "
                     "{day}.").format(day=intent.next_round)
    text = " ".join(part for part in (
        _("No introduction for you in {programme} this round.").format(
            programme=intent.programme), reason, priority) if part)
    return Document(_("No introduction for you this round"), (para(text),), text)


@bilingual
def headsup(intent: HeadsUp) -> Document:
    """A day before a round, with a one-click skip."""
    text = editable.fill(editable.HEADSUP, intent.wording, programme=intent.programme,
                         round_date=intent.round_on)
    return Document(_("A new round on {day}").format(day=intent.round_on), (
        para(text, literal=editable.edited(editable.HEADSUP, intent.wording)),
        Choices(SKIP_ROUND, (Choice(_("Skip this round"), "skip"),),
                data=(("programme_id", str(intent.programme_id)), ("period", intent.period))),
    ), text)


@bilingual
def notice(intent: Notice) -> Document:
    """A plain message: its title and its lines."""
    lines = [line for line in intent.text.splitlines() if line.strip()]
    summary = f"{intent.title}: {intent.text}" if intent.title.strip() else intent.text
    return Document(intent.title, tuple(para(line) for line in lines), summary)


@bilingual
def welcome(intent: Welcome) -> Document:
    """Someone joined a programme's channel: what pairbot is, and how to join."""
    parts = sentence(
        _("Welcome! This channel belongs to {programme}: every round pairbot introduces you "
          "to someone from another profession, so you learn about each other's roles. Type "
          "{pair_me} to fill in a short profile and join; the next round is on {day}."),
        programme=intent.programme, pair_me=CommandRef(), day=intent.next_round)
    return Document(intent.programme, (Paragraph(parts), join_choices()), plain(parts))


@bilingual
def auto_paused(intent: AutoPaused) -> Document:
    """Paused after ignoring several introductions."""
    parts = sentence(
        ngettext("We haven't heard from you about your last introduction, so we've paused "
                 "you in {programme}. Type {resume} to take part again.",
                 "We haven't heard from you about your last {count} introductions, so we've "
                 "paused you in {programme}. Type {resume} to take part again.",
                 intent.ignored),
        count=str(intent.ignored), programme=intent.programme, resume=CommandRef("resume"))
    return Document(intent.programme, (
        Paragraph(parts),
        resume_choices(),
    ), plain(parts))


INVITATION_ACCEPT = "accept"
INVITATION_DECLINE = "decline"
# What an import knew, by key (the outbox gives keys; the reader's language names them).
KNOWN_LABELS = {"profession": N_("Profession"), "site": N_("Site"), "team": N_("Team")}


def invitation_closed() -> str:
    """An invitation answered, lapsed or erased, pressed again."""
    return _("This invitation is no longer open.")


def invitation_not_theirs() -> str:
    """A button whose invitation was not sent to the person pressing it (or was altered)."""
    return _("This invitation was sent to someone else, so nothing was changed.")


@bilingual
def invitation(intent: Invitation) -> Document:
    """An organiser's invitation: what the programme is, what they were told about you,
    Accept (check your profile, then take part) or Decline (deleted at once)."""
    title = (_("Reminder: you're invited to {programme}") if intent.reminder
             else _("You're invited to {programme}")).format(programme=intent.programme)
    text = editable.fill(editable.INVITATION, intent.wording, programme=intent.programme,
                         expires_date=intent.expires_on)
    blocks: list[Block] = [para(text, literal=editable.edited(editable.INVITATION,
                                                                intent.wording))]
    if intent.known:
        blocks.append(para(_("What your organiser told us (you can correct it when you "
                             "accept):")))
        blocks.append(Facts(tuple(Fact(_(KNOWN_LABELS.get(key, key)), value)
                                  for key, value in intent.known)))
    ending = (_("Accept by {day} to check your profile and take part. If you decline, or do "
                "not answer, what we were told about you is deleted.")
              if intent.expires_on else
              _("Accept to check your profile and take part. If you decline, or do not "
                "answer, what we were told about you is deleted."))
    blocks.append(para(ending.format(day=intent.expires_on), subtle=True))
    blocks.append(Choices(INVITATION, (
        Choice(_("Accept"), INVITATION_ACCEPT, "primary"),
        Choice(_("Decline"), INVITATION_DECLINE, "danger"),
    ), data=(("invitation_id", intent.button),)))
    return Document(title, tuple(blocks),
                    _("{title}. Accept or decline inside.").format(title=title))


def invitation_accepted(programme: str, next_round: str) -> str:
    """After Accept, above the profile to check."""
    return _("Welcome to {programme}! Check your profile; the next round is on {day}.").format(
        programme=programme, day=next_round)


def invitation_declined(programme: str) -> str:
    """After Decline."""
    return _("You've declined {programme}. What your organiser told us about you is deleted, "
             "and a new import will not invite you again.").format(programme=programme)


def document(intent: Intent, viewer: str | None = None) -> Document:
    """Any intent's words, as `viewer` (None: a whole group) reads them."""
    if isinstance(intent, Intro):
        return intro(intent, viewer)
    if isinstance(intent, CheckIn):
        return checkin(intent, viewer)
    if isinstance(intent, FeedbackRequest):
        return feedback_request(intent)
    if isinstance(intent, Unpaired):
        return unpaired(intent)
    if isinstance(intent, HeadsUp):
        return headsup(intent)
    if isinstance(intent, Welcome):
        return welcome(intent)
    if isinstance(intent, AutoPaused):
        return auto_paused(intent)
    if isinstance(intent, EvaluationRequest):
        return evaluation_request(intent)
    if isinstance(intent, Invitation):
        return invitation(intent)
    if isinstance(intent, AgreementShared):
        return agreement_shared(intent)
    if isinstance(intent, ReasonRequest):
        return reason_request(intent)
    if isinstance(intent, MeetingTimeRequest):
        return meeting_time_request(intent)
    if isinstance(intent, RescueOffer):
        return rescue_offer(intent)
    return notice(intent)


def recorded(answer: str) -> str:
    """The check-in answer was saved."""
    return _("Thanks, recorded: {answer}.").format(answer=answer_label(answer))


def answer_label(answer: str) -> str:
    """A check-in answer as people read it (`no answer yet` for none)."""
    return _(ANSWERS[answer]) if answer in ANSWERS else _("no answer yet")


def reason_label(reason: str) -> str:
    """A check-in reason (`rota`, `no_reply`…) as its button says it; an unknown one as
    it was given."""
    return _(REASONS[reason]) if reason in REASONS else reason


# Conversations -------------------------------------------------------------------------

def choose_programme() -> str:
    """The profile named no programme of this workspace."""
    return _("Choose one of this workspace's programmes.")


def profile_saved(programme: str, next_day: str, *, joined: bool) -> str:
    """After the profile form: joined, or updated, and when the next round is."""
    if joined:
        text = _("You're in for {programme}. The next round is on {day}; you'll get an "
                 "introduction then.")
    else:
        text = _("Your profile is updated for {programme}. The next round is on {day}; "
                 "you'll get an introduction then.")
    return text.format(programme=programme, day=next_day)


def not_joined() -> tuple[Inline, ...]:
    """A command that needs a profile, from someone who has none."""
    return sentence(_("You haven't joined yet: type {pair_me} to fill in your profile."),
                    pair_me=CommandRef())


def profile_line(profession: str, learn: Sequence[str]) -> str:
    """`status`: who the person is and whom they want to learn about."""
    if learn:
        return _("You are a {profession}; you want to learn about {learn}.").format(
            profession=profession, learn=join_names(learn))
    return _("You are a {profession}; you want to learn about anyone.").format(
        profession=profession)


def resume_choices() -> Choices:
    """The button for what typing `resume` does."""
    return Choices(RESUME, (Choice(_("Take part again"), RESUME, "primary"),))


def status_paused(until: str | None) -> tuple[Inline, ...]:
    """`status` of a paused person, with the day they come back if they set one."""
    if until:
        return (_("paused until {day}.").format(day=until),)
    return sentence(_("paused. Type {resume} to take part again."),
                    resume=CommandRef("resume"))


def status_unreachable() -> tuple[Inline, ...]:
    """`status` of someone the platform could not reach."""
    return sentence(_("not taking part (we could not reach you). Type {resume} to come "
                      "back."), resume=CommandRef("resume"))


def status_active(next_day: str) -> tuple[Inline, ...]:
    """`status` of someone taking part."""
    return (_("active. Next round on {day}.").format(day=next_day),)


def paused(until: str) -> tuple[Inline, ...]:
    """`pause` was recorded."""
    return sentence(_("Paused until {day}. You'll be included again after that; type "
                      "{resume} to come back sooner."), day=until, resume=CommandRef("resume"))


def already_active() -> str:
    """`resume` from someone taking part."""
    return _("You are already taking part.")


def welcome_back(next_day: str) -> str:
    """`resume` was recorded."""
    return _("Welcome back! You're in the next round on {day}.").format(day=next_day)


def round_skipped() -> str:
    """The heads-up's skip button was pressed."""
    return _("OK, you'll skip this round and be back for the next one.")


def nothing_to_erase() -> str:
    """`leave` from someone with no profile."""
    return _("You are not in any programme, so there is nothing to erase.")


def past_partner(name: str | None, profession: str) -> str:
    """Someone met in an earlier round, on the person's home page."""
    if name is None:
        return _("a former participant ({profession})").format(profession=profession)
    return _("{name} ({profession})").format(name=name, profession=profession)


def past_outcome(answer: str | None, *, pending: bool) -> str:
    """What the person answered to an earlier round's check-in."""
    if answer:
        return answer_label(answer)
    return _("check-in pending") if pending else _("no answer")


def left() -> tuple[Inline, ...]:
    """`leave` was done: everything is erased."""
    return sentence(_("You have left pairbot and your data is erased. You're welcome back "
                      "any time with {pair_me}."), pair_me=CommandRef())


def help_document() -> Document:
    """Everything a person can type."""
    def item(ref: CommandRef, *rest: Inline) -> Paragraph:
        return para(ref, *rest)

    blocks: tuple[Block, ...] = (
        para(*sentence(_("{pairbot} introduces you each round to someone from another "
                         "profession."), pairbot=Strong("pairbot"))),
        Items((
            item(CommandRef(), ": ", _("join, or edit your profile")),
            item(CommandRef("status"), ": ", _("your profile, status and next round")),
            para(*sentence(_("{two_weeks}, {a_month} or {until}: skip rounds for a while"),
                           two_weeks=CommandRef("pause", "2w"),
                           a_month=CommandRef("pause", "1m"),
                           until=CommandRef("pause", "until YYYY-MM-DD"))),
            item(CommandRef("resume"), ": ", _("take part again")),
            item(CommandRef("leave"), ": ", _("leave and erase your data")),
            item(CommandRef("my-data"), ": ", _("get everything pairbot stores about you")),
            item(CommandRef("log"), ": ", _("log a meeting, shadowing or other activity")),
            item(CommandRef("cpd"), ": ",
                 _("your learning record as a PDF and CSV (CPD, appraisal)")),
            item(CommandRef("help"), ": ", _("this message")),
        )),
        para(*sentence(_("Organisers: {admin} (settings), {preview}, {run_now}, {stats}; add a "
                         "programme's name when there are several, e.g. {example}."),
                       admin=CommandRef("admin"), preview=CommandRef("admin", "preview"),
                       run_now=CommandRef("admin", "run-now"),
                       stats=CommandRef("admin", "stats"),
                       example=CommandRef("admin", "stats Cohort B"))),
    )
    return Document("pairbot", blocks)


def hello_document() -> Document:
    """The first thing a new user sees in a personal chat (before the profile form)."""
    return Document("", (para(*sentence(
        _("Hello! I'm pairbot. Each round I introduce you to someone from another profession, "
          "so that you can learn about each other's work. Fill in the form to join; type "
          "{help} to see everything I understand."), help=CommandRef("help"))),),
        _("Hello! I'm pairbot."))


def leave_document() -> Document:
    """`leave`: are you sure? The button asks once more before erasing."""
    question = _(_TEXTS["LEAVE_QUESTION"])
    return Document(_("Leave pairbot?"), (
        para(question),
        Choices(LEAVE_CONFIRM, (Choice(_("Leave and erase my data"), "leave", "danger"),
                                Choice(_("Stay"), LEAVE_CANCEL))),
    ), question)


# The profile's languages, each named in itself (as every language chooser does): a
# translation keeps these names as they are.
_LANGUAGE_CHOICES: tuple[tuple[str, str], ...] = (
    ("en", N_("English")), ("cy", N_("Cymraeg")), ("cy+en", N_("Cymraeg + English")))


def __getattr__(name: str) -> Any:
    """`wording.SAVE` and the other form labels, in the current reader's language."""
    if name in _TEXTS:
        return _(_TEXTS[name])
    if name == "SCORE_CHOICES":
        return tuple((n, _(label)) for n, label in _SCORE_CHOICES)
    if name == "LANGUAGE_CHOICES":
        return tuple((key, _(label)) for key, label in _LANGUAGE_CHOICES)
    if name == "PAUSE_CHOICES":
        return tuple((key, _(label)) for key, label in _PAUSE_CHOICES)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
