"""Every word pairbot says to people, written once, as documents of bot/core/text.py.

Slack (bot/slack/blocks.py), Teams (bot/teams/cards.py), the console demo and the
web console lay these documents out; none of them words anything itself. A
document may depend on who reads it (`viewer`): Teams shows each member a card of
the others, Slack one message to the whole group (`viewer` None).
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.core import evaluation as ev
from bot.core.intents import (
    ANSWERS,
    AutoPaused,
    CheckIn,
    EvaluationRequest,
    FeedbackRequest,
    HeadsUp,
    Intent,
    Intro,
    Notice,
    Person,
    Unpaired,
    Welcome,
)
from bot.core.matching.explain import PRIORITY
from bot.core.text import (
    CHECKIN,
    EVALUATION_OPEN,
    FEEDBACK_OPEN,
    LEAVE_CANCEL,
    LEAVE_CONFIRM,
    SKIP_ROUND,
    Block,
    Choice,
    Choices,
    CommandRef,
    Document,
    Fact,
    Facts,
    Inline,
    Items,
    Member,
    Paragraph,
    Strong,
    para,
    plain,
)
from bot.core.text import Reaction as R
from bot.core.text import names as join_names

# How much did you learn (1–5): the one scale both platforms show and statistics average.
SCORE_CHOICES: tuple[tuple[int, str], ...] = (
    (1, "1: nothing new"), (2, "2: a little"), (3, "3: some"), (4, "4: quite a lot"),
    (5, "5: a great deal"),
)
FEEDBACK_TEXT_MAX = 1000
PAUSE_CHOICES = (("2w", "2 weeks"), ("1m", "1 month"), ("2m", "2 months"), ("3m", "3 months"))
MEMBERS_SHOWN = 8


def names(people: Sequence[Person]) -> str:
    """The people's names: `Ann`, `Ann and Bo`, `Ann, Bo and Cy`."""
    return join_names(p.name for p in people)


def within(days: int) -> str:
    """`two weeks` for 14 days, otherwise `N days`."""
    return "two weeks" if days == 14 else f"{days} days" if days != 1 else "a day"


def _others(members: Sequence[Person], viewer: str | None) -> list[Person]:
    return [m for m in members if m.user_id != viewer] if viewer else list(members)


def _member(p: Person) -> Member:
    return Member(p.user_id, p.name, p.profession, p.intro)


# Intents -------------------------------------------------------------------------------

def intro(intent: Intro, viewer: str | None = None) -> Document:
    """The introduction: who, why you were matched, three icebreakers, meet within N days."""
    shown = _others(intent.members, viewer)[:MEMBERS_SHOWN]
    everyone = list(intent.members)[:MEMBERS_SHOWN]
    hello = f"Hello {names(everyone)}! " if viewer is None else ""
    blocks: list[Block] = [
        para(f"{hello}pairbot has introduced you for {intent.programme} so you can learn "
             "about each other's roles."),
        *(_member(p) for p in shown),
    ]
    if intent.reasons:
        blocks.append(Items(tuple(para(r) for r in intent.reasons[:10]),
                            title="Why you were matched"))
    if intent.theme:
        blocks.append(Items((para(intent.theme_guide),) if intent.theme_guide else (),
                            title=f"This meeting's theme: {intent.theme}"))
    if intent.icebreakers:
        blocks.append(Items(tuple(para(q) for q in intent.icebreakers[:3]), numbered=True,
                            title="Questions for this meeting" if intent.theme
                            else "Three questions to start with"))
    blocks.append(para(f"Try to meet within {within(intent.meet_within_days)}: a coffee or a "
                       f"call is plenty. I'll check in here on {intent.checkin_on}.", subtle=True))
    return Document(f"Meet {names(shown)}", tuple(blocks),
                    f"{intent.programme}: meet {names(shown)}. Three questions to start with "
                    "inside.")


def checkin_choices(match_id: int) -> Choices:
    """The three check-in buttons."""
    return Choices(CHECKIN, tuple(Choice(label, answer, "primary" if answer == "met" else None)
                                  for answer, label in ANSWERS.items()),
                   data=(("match_id", str(match_id)),))


REACTION_HINT = para(
    "Or react to this message: ", R("met"), " met, ", R("scheduled"), " scheduled, ",
    R("not_happening"), " not going to happen. Each person answers for themselves; the last "
    "answer counts.", subtle=True)


def checkin(intent: CheckIn, viewer: str | None = None) -> Document:
    """The check-in: did you meet? Who answered what so far, three buttons, reactions."""
    lead = "Reminder: did" if intent.reminder else "Did"
    question = f"{lead} you manage to meet for {intent.programme}?"
    facts = tuple(Fact(m.name, ANSWERS.get(intent.answers.get(m.user_id, ""), "no answer yet"),
                       who=m.user_id, answer=intent.answers.get(m.user_id, ""))
                  for m in intent.members[:MEMBERS_SHOWN])
    blocks: list[Block] = [Facts(facts)]
    mine = intent.answers.get(viewer or "", "")
    if mine in ANSWERS:
        blocks.append(para(f"You answered: {ANSWERS[mine]}. You can change it any time."))
    blocks += [checkin_choices(intent.match_id), REACTION_HINT]
    return Document(question, tuple(blocks), question)


def feedback_request(intent: FeedbackRequest) -> Document:
    """After *Met*: how much did you learn, and what, tied to the meeting's theme (a button
    that opens the form)."""
    others = names(intent.others) or "your partner"
    theme = f" This meeting's theme was {intent.theme}." if intent.theme else ""
    text = (f"Glad you met {others}!{theme} {FEEDBACK_TEXT_LABEL} "
            "Two quick questions, under a minute.")
    return Document(FEEDBACK_FORM_TITLE, (
        para(text),
        Choices(FEEDBACK_OPEN, (Choice("Share what you learned", str(intent.match_id),
                                       "primary"),)),
    ), text)


def feedback_theme_line(theme: str) -> str:
    """Under the feedback form's title: the meeting's theme."""
    return f"This meeting's theme: {theme}" if theme else ""


FEEDBACK_FORM_TITLE = "What did you learn?"
FEEDBACK_SCORE_LABEL = "How much did you learn about the other person's role?"
FEEDBACK_SCORE_MISSING = "Choose how much you learned."
FEEDBACK_TEXT_LABEL = "What did you learn about their role, values, challenges or barriers?"
FEEDBACK_SHARE_LABEL = "Organisers may share this anonymously"
FEEDBACK_SEND = "Send"


# The before-and-after questionnaire (bot/core/evaluation.py).
EVALUATION_FORM_TITLE = "Five quick questions"
EVALUATION_SEND = "Send"
EVALUATION_OPEN_LABEL = "Answer five questions"
EVALUATION_FORM_LEAD = ("Each question is optional: leave any of them blank to skip it. "
                        "Organisers only ever see totals of five or more people, never your "
                        "answers.")
EVALUATION_PLACEHOLDER = "Choose 1 to 5"


def evaluation_title(stage: str) -> str:
    """The questionnaire's heading at this stage."""
    if stage == ev.Stage.FOLLOW_UP:
        return "End of term: five quick questions"
    return "Before your first meeting: five quick questions"


def evaluation_request(intent: EvaluationRequest) -> Document:
    """The baseline (at joining) or the follow-up (end of term): five 1-5 questions, with a
    button that opens the form; skipping is doing nothing."""
    title = evaluation_title(intent.stage)
    if intent.stage == ev.Stage.FOLLOW_UP:
        text = (f"That was the last meeting of this term in {intent.programme}. Before the "
                "next one: the same five questions as when you joined, to see what changed. "
                "They take a minute and every one is optional.")
    else:
        text = (f"Welcome to {intent.programme}! How well do you know the professions you are "
                "about to meet? Five questions on a 1 to 5 scale, each optional; after a few "
                "meetings you'll be asked again, to see what changed. Not now? Just skip it.")
    return Document(title, (
        para(text),
        Choices(EVALUATION_OPEN, (Choice(EVALUATION_OPEN_LABEL, intent.stage, "primary"),),
                data=(("programme_id", str(intent.programme_id)), ("stage", intent.stage),
                      ("term", str(intent.term)))),
    ), text)


def evaluation_recorded(stage: str, answered: Sequence[str]) -> str:
    """What was stored, in one sentence."""
    if not answered:
        return "Nothing was stored: you skipped every question, which is fine."
    labels = [q.short.lower() for q in ev.QUESTIONS if q.domain in answered]
    when = "as your end-of-term answers" if stage == ev.Stage.FOLLOW_UP else (
        "as your starting point")
    count = f"{len(answered)} of {len(ev.QUESTIONS)}"
    return (f"Thank you: your answers to {count} questions ({join_names(labels)}) are stored "
            f"{when}; answering again replaces them.")


# The profile form.
PROFILE_TITLE = "Your profile"
PROFILE_LEAD = ("{programme}: each round pairbot introduces you to someone from another "
                "profession, so that you learn about each other's roles, values and challenges.")
PROFILE_PROGRAMME_LABEL = "Programme"
PROFESSION_LABEL = "Your profession"
PROFESSION_PLACEHOLDER = "Choose your profession"
PROFESSION_MISSING = "Choose your profession."
LEARN_LABEL = "Professions you'd like to learn about"
LEARN_HINT = "Leave it empty to meet anyone from another profession."
INTRO_LABEL = "A short intro for the people you meet"
INTRO_HINT = "What you do, and what you'd like to learn. At most {limit} characters."
FORM_CHECK = "Please check the highlighted answers."
SAVE = "Save"


def profile_saved_hint() -> tuple[Inline, ...]:
    """After saving the profile: where to look next."""
    return (" Type ", CommandRef("status"), " any time, or ", CommandRef(),
            " to edit your profile.")


# The settings form (its fields' words are in bot/core/settings.py, one row per setting).
SETTINGS_LEAD = "Changes apply from the next round. Every change is written to the audit log."


def settings_saved(programme: str) -> str:
    """The settings were saved."""
    return f"Settings saved for {programme}. They apply from the next round."


def unpaired(intent: Unpaired) -> Document:
    """Left out this round: why, and priority next time."""
    when = f" on {intent.next_round}" if intent.next_round else ""
    # The matcher's reasons end with their own, undated, word on priority: said once here.
    reason = intent.reason.replace(PRIORITY, "").strip()
    text = (f"No introduction for you in {intent.programme} this round. {reason} "
            f"You'll get priority in the next round{when}.")
    return Document("No introduction for you this round", (para(text),), text)


def headsup(intent: HeadsUp) -> Document:
    """A day before a round, with a one-click skip."""
    text = (f"The next {intent.programme} round is on {intent.round_on}: you'll be "
            "introduced to someone from another profession. Away or too busy? Skip just "
            "this round.")
    return Document(f"A new round on {intent.round_on}", (
        para(text),
        Choices(SKIP_ROUND, (Choice("Skip this round", "skip"),),
                data=(("programme_id", str(intent.programme_id)), ("period", intent.period))),
    ), text)


def notice(intent: Notice) -> Document:
    """A plain message: its title and its lines."""
    lines = [line for line in intent.text.splitlines() if line.strip()]
    summary = f"{intent.title}: {intent.text}" if intent.title.strip() else intent.text
    return Document(intent.title, tuple(para(line) for line in lines), summary)


def welcome(intent: Welcome) -> Document:
    """Someone joined a programme's channel: what pairbot is, and how to join."""
    parts: tuple[Inline, ...] = (
        f"Welcome! This channel belongs to {intent.programme}: every round pairbot introduces "
        "you to someone from another profession, so you learn about each other's roles. "
        "Type ", CommandRef(), " to fill in a short profile and join; the next round is on "
        f"{intent.next_round}.")
    return Document(intent.programme, (Paragraph(parts),), plain(parts))


def auto_paused(intent: AutoPaused) -> Document:
    """Paused after ignoring several introductions."""
    parts: tuple[Inline, ...] = (
        f"We haven't heard from you about your last {intent.ignored} introductions, so "
        f"we've paused you in {intent.programme}. Type ", CommandRef("resume"),
        " to take part again.")
    return Document(intent.programme, (Paragraph(parts),), plain(parts))


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
    return notice(intent)


def recorded(answer: str) -> str:
    """The check-in answer was saved."""
    return f"Thanks, recorded: {ANSWERS.get(answer, answer)}."


# Conversations -------------------------------------------------------------------------

def help_document() -> Document:
    """Everything a person can type."""
    def item(ref: CommandRef, *rest: Inline) -> Paragraph:
        return para(ref, *rest)

    blocks: tuple[Block, ...] = (
        para(Strong("pairbot"), " introduces you each round to someone from another "
             "profession."),
        Items((
            item(CommandRef(), ": join, or edit your profile"),
            item(CommandRef("status"), ": your profile, status and next round"),
            para(CommandRef("pause", "2w"), ", ", CommandRef("pause", "1m"), " or ",
                 CommandRef("pause", "until YYYY-MM-DD"), ": skip rounds for a while"),
            item(CommandRef("resume"), ": take part again"),
            item(CommandRef("leave"), ": leave and erase your data"),
            item(CommandRef("my-data"), ": get everything pairbot stores about you"),
            item(CommandRef("help"), ": this message"),
        )),
        para("Organisers: ", CommandRef("admin"), " (settings), ", CommandRef("admin", "preview"),
             ", ", CommandRef("admin", "run-now"), ", ", CommandRef("admin", "stats"),
             "; add a programme's name when there are several, e.g. ",
             CommandRef("admin", "stats Cohort B"), "."),
    )
    return Document("pairbot", blocks)


def hello_document() -> Document:
    """The first thing a new user sees in a personal chat (before the profile form)."""
    return Document("", (para(
        "Hello! I'm pairbot. Each round I introduce you to someone from another profession, "
        "so that you can learn about each other's work. Fill in the form to join; type ",
        CommandRef("help"), " to see everything I understand."),), "Hello! I'm pairbot.")


LEAVE_QUESTION = ("Leave pairbot and erase your profile, answers and feedback? "
                  "This cannot be undone.")


def leave_document() -> Document:
    """`leave`: are you sure? The button asks once more before erasing."""
    return Document("Leave pairbot?", (
        para(LEAVE_QUESTION),
        Choices(LEAVE_CONFIRM, (Choice("Leave and erase my data", "leave", "danger"),
                                Choice("Stay", LEAVE_CANCEL))),
    ), LEAVE_QUESTION)


# The second question before erasing (Slack's confirm dialog), and what staying says.
LEAVE_CONFIRM_TITLE = "Leave pairbot?"
LEAVE_CONFIRM_TEXT = ("Your profile, check-in answers and feedback are erased. This cannot be "
                      "undone.")
STAY_TEXT = "Good: nothing has changed, you're still in."
