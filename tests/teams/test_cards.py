"""Adaptive Card builders, as plain data: what each person sees."""

from __future__ import annotations

import json

import pytest

from bot.core import wording
from bot.core.intents import (
    AutoPaused,
    CheckIn,
    EvaluationRequest,
    FeedbackRequest,
    HeadsUp,
    Intro,
    Notice,
    Person,
    Unpaired,
    Welcome,
)
from bot.core.profile import ProfileInput
from bot.core.replies import Say
from bot.core.text import CommandRef
from bot.teams import cards
from bot.teams.activities import reaction_answer
from tests.teams.reading import read

ANN = Person("a", "Ann Jones", "Nurse", "Nights on ward 7")
BOB = Person("b", "Bob Smith", "Manager")
CY = Person("c", "Cy Patel", "Pharmacist")


def text(card) -> str:
    return json.dumps(card, ensure_ascii=False)


def test_the_profile_card_keeps_values_and_shows_errors():
    card = cards.build_profile_card(["Nurse", "Manager"], programme_id=3, programme="P",
                                    current=ProfileInput("Nurse", ("Manager",), "hi"),
                                    errors={"learn": "Choose at most 10 professions."})
    inputs = {b["id"]: b for b in card["body"] if "id" in b}
    assert inputs["profession"]["value"] == "Nurse"
    assert inputs["learn"]["value"] == "Manager" and inputs["learn"]["isMultiSelect"]
    assert inputs["intro"]["value"] == "hi" and inputs["intro"]["maxLength"] == 280
    position = [b.get("id") for b in card["body"]].index("learn")
    assert card["body"][position + 1]["text"] == "Choose at most 10 professions."
    assert card["actions"][0]["data"] == {"programme_id": 3, "fields": "windows,away,site,team",
                                          "language_offered": "en"}
    assert inputs["language"]["value"] == "en"


def test_the_profile_card_asks_when_people_meet_and_whom_to_avoid():
    current = ProfileInput("Nurse", windows=("weekday-evening",), away="2027-01-04",
                           avoid=("u7",), site="Queen Elizabeth", team="")
    card = cards.build_profile_card(
        ["Nurse"], programme_id=3, programme="P", current=current,
        people=(("u7", "Bo Chen (Manager)"), ("u8", "Cy Jones (Nurse)")),
        errors={"away": "Dates you're away: '2027-02-30' is not a date."})
    inputs = {b["id"]: b for b in card["body"] if "id" in b}
    assert inputs["windows"]["isMultiSelect"] and len(inputs["windows"]["choices"]) == 8
    assert inputs["windows"]["value"] == "weekday-evening"
    assert inputs["away"]["value"] == "2027-01-04"
    assert inputs["avoid"]["value"] == "u7" and inputs["avoid"]["style"] == "filtered"
    assert inputs["site"]["value"] == "Queen Elizabeth"
    position = [b.get("id") for b in card["body"]].index("away")
    assert card["body"][position + 1]["text"] == "Dates you're away: '2027-02-30' is not a date."
    assert card["actions"][0]["data"]["fields"] == "windows,away,site,team,avoid,manager"
    off = cards.build_profile_card(["Nurse"], programme_id=3, programme="P", current=current,
                                   availability=False)
    assert not {"windows", "away", "avoid"} & {b.get("id") for b in off["body"]}
def test_the_profile_card_offers_the_language_that_applies_and_keeps_one_typed():
    offered = cards.build_profile_card(["Nurse"], programme_id=3, programme="P",
                                       language="cy")
    inputs = {b["id"]: b for b in offered["body"] if "id" in b}
    assert inputs["language"]["value"] == "cy"
    assert offered["actions"][0]["data"]["language_offered"] == "cy"
    # Sent back with an error, the card keeps the language they picked.
    again = cards.build_profile_card(["Nurse"], programme_id=3, programme="P", language="cy",
                                     current=ProfileInput("Nurse", language="en"))
    assert {b["id"]: b for b in again["body"] if "id" in b}["language"]["value"] == "en"
    assert again["actions"][0]["data"]["language_offered"] == "cy"


def test_an_intro_for_one_member_shows_the_others_and_links_to_meet():
    intro = Intro(match_id=1, programme="P", members=(ANN, BOB, CY), reasons=("r1",),
                  icebreakers=("What is hard?", "Why this job?"), checkin_on="Monday 21 December")
    card = cards.build_intro_card(intro, "a", {"b": "bob@x.org", "c": "cy@x.org"})
    assert card["body"][0]["text"] == "Meet Bob Smith and Cy Patel"
    assert "Ann Jones" not in text(card)
    links = {a["title"]: a["url"] for b in card["body"] if b["type"] == "ActionSet"
             for a in b["actions"]}
    assert links["Chat with them"].startswith(
        "https://teams.microsoft.com/l/chat/0/0?users=bob@x.org,cy@x.org&topicName=pairbot")
    assert links["Schedule a meeting"].startswith(
        "https://teams.microsoft.com/l/meeting/new?subject=pairbot%3A%20P&attendees=bob@x.org,"
        "cy@x.org&content=")
    assert "1. What is hard?" in text(card) and "- r1" in text(card)
    unknown = cards.build_intro_card(intro, "a", {})
    assert "actions" not in unknown and "Search for them by name" in text(unknown)
    assert not [b for b in unknown["body"] if b["type"] == "ActionSet"]


def test_a_checkin_shows_who_answered_and_offers_three_answers():
    checkin = CheckIn(match_id=9, programme="P", members=(ANN, BOB), answers={"b": "met"},
                      reminder=True)
    card = cards.render(checkin, "a")
    assert card["body"][0]["text"] == "Reminder: did you manage to meet for P?"
    assert {"type": "FactSet", "facts": [{"title": "Ann Jones", "value": "no answer yet"},
                                         {"title": "Bob Smith", "value": "Met"}]} in card["body"]
    assert [(a["title"], a["data"]) for a in cards.all_actions(card)] == [
        ("Met", {"match_id": 9, "answer": "met"}),
        ("We've arranged it", {"match_id": 9, "answer": "scheduled"}),
        ("Not yet", {"match_id": 9, "answer": "not_yet"}),
        ("Not going to happen", {"match_id": 9, "answer": "not_happening"})]
    assert "actions" not in card  # stacked in the body, one to a row, to read on a phone
    assert "You answered: Met" in text(cards.render(checkin, "b"))
    assert "React 👍 met, 📅 scheduled" not in text(card)
    assert ("Or react to this message: 👍 met, 📅 arranged, ⏳ not yet, 😢 not going to "
            "happen.") in text(card)


def test_every_intent_renders():
    for intent in (Unpaired("P", "Nobody else was left", "Monday 4 January"),
                   HeadsUp(1, "P", "Monday 4 January", "2027-01"),
                   Notice("Paused.", "P"), FeedbackRequest(9, "P", (BOB,)),
                   EvaluationRequest(1, "P", "baseline")):
        card = cards.render(intent, "a")
        assert card["type"] == "AdaptiveCard" and card["version"] == "1.5"
        assert cards.summary(intent)
    headsup = cards.render(HeadsUp(1, "P", "Monday 4 January", "2027-01"), "a")
    assert headsup["actions"][0]["data"] == {"programme_id": 1, "period": "2027-01"}


def test_slack_markdown_becomes_teams_markdown():
    assert cards.card_markdown("*pairbot* uses `pause 2w`") == "**pairbot** uses pause 2w"
    assert cards.message_markdown("*a*\n• `b`") == "**a**\n\n• `b`"


@pytest.mark.parametrize(("reaction", "answer"), [
    ("like", "met"), ("heart", "met"), ("1f44d_thumbsup", "met"), ("white_check_mark", "met"),
    ("calendar", "scheduled"), ("1f4c5_calendar", "scheduled"), ("sad", "not_happening"),
    ("hourglass_flowing_sand", "not_yet"), ("231b_hourglass", "not_yet"),
    ("laugh", None), ("angry", None), ("surprised", None), (None, None)])
def test_reactions_map_to_checkin_answers(reaction, answer):
    assert reaction_answer(reaction) == answer


# The same words in every platform (tests/slack/test_blocks.py asserts the very same lists).
CHECKIN_LABELS = ["Met", "We've arranged it", "Not yet", "Not going to happen"]
SCORE_LABELS = ["1: nothing new", "2: a little", "3: some", "4: quite a lot", "5: a great deal"]


def test_checkin_and_feedback_choices_have_the_shared_labels():
    card = cards.render(CheckIn(9, "P", (ANN, BOB)), "a")
    assert [a["title"] for a in cards.all_actions(card)] == CHECKIN_LABELS
    form = cards.render(FeedbackRequest(9, "P", (BOB,)), "a")
    choices = next(b for b in form["body"] if b.get("id") == "learned_score")["choices"]
    assert [(c["title"], c["value"]) for c in choices] == [
        (label, str(n)) for n, label in enumerate(SCORE_LABELS, 1)]


def test_commands_in_notices_are_written_as_typed_in_teams_in_a_monospace_run():
    paused_card = cards.render(AutoPaused("P", 3), "a")
    paused = read(paused_card)
    assert "we've paused you in P. Type `resume` to take part again." in paused
    welcome_card = cards.render(Welcome("P", "Monday 7 December"), "a")
    welcome = read(welcome_card)
    assert "Type `pair me` to fill in a short profile and join" in welcome
    assert "/pair-me" not in paused + welcome
    # A card's TextBlock has no code span: the command is a run of its own, in monospace,
    # and the text around it is shown as written (a run has no markdown to escape).
    [rich] = [b for b in welcome_card["body"] if b["type"] == "RichTextBlock"]
    assert {"type": "TextRun", "text": "pair me", "fontType": "Monospace",
            "weight": "Bolder"} in rich["inlines"]
    assert "\\" not in text(welcome_card)
    # What can be typed has its button too: Join opens the profile card.
    assert [(a["title"], a["verb"]) for a in welcome_card["actions"]] == [
        ("Join", "profile.open")]
    assert [(a["title"], a["verb"]) for a in paused_card["actions"]] == [
        ("Take part again", "participation.resume")]


def test_a_subtle_line_or_a_list_with_commands_keeps_its_look():
    card = cards.build_text_card(Say(("Paused until Monday. Type ", CommandRef("resume"),
                                      "\nor ", CommandRef("status"), ".")))
    blocks = [b for b in card["body"] if b["type"] == "RichTextBlock"]
    # A line break inside a paragraph starts a new block, close under the first.
    assert [b.get("spacing") for b in blocks] == [None, "None"]
    assert read(card).splitlines()[-2:] == ["Paused until Monday. Type `resume`",
                                             "or `status`."]
    help_card = cards.layout(wording.help_document())
    shown = read(help_card)
    assert "• `status`: your profile, status and next round" in shown
    assert "• `pause 2w`, `pause 1m` or `pause until YYYY-MM-DD`: skip rounds" in shown
    assert "**pairbot** introduces you" in shown  # no command: markdown as before


def test_the_questionnaire_card_is_the_form_with_send_and_skip():
    card = cards.render(EvaluationRequest(4, "Cohort B", "follow_up", term=1), "a")
    shown = text(card)
    assert "End of term: five quick questions" in shown and "Cohort B" in shown
    inputs = [b for b in card["body"] if b["type"] == "Input.ChoiceSet"]
    assert [b["id"] for b in inputs] == ["role", "values", "challenges", "barriers",
                                         "confidence"]
    assert not any(b["isRequired"] for b in inputs)
    assert [(a["verb"], a["data"]) for a in card["actions"]] == [
        ("evaluation.save", {"programme_id": 4, "programme": "Cohort B", "stage": "follow_up",
                             "term": 1}),
        ("evaluation.skip", {"programme_id": 4, "programme": "Cohort B", "stage": "follow_up",
                             "term": 1})]
    again = cards.build_evaluation_card(EvaluationRequest(4, "Cohort B", "baseline"),
                                        errors={"x": "The answer to 'role' must be a number."},
                                        values={"role": "3"}, lead=Say("You're in for B."))
    assert again["body"][0]["text"] == "You're in for B."
    assert next(b for b in again["body"] if b.get("id") == "role")["value"] == "3"
    assert "must be a number" in text(again)


def test_the_feedback_card_names_the_meetings_theme():
    card = cards.build_feedback_card(FeedbackRequest(9, "P", (BOB,), theme="Barriers"))
    shown = text(card)
    assert "This meeting's theme was Barriers." in shown
    assert "What did you learn about their role, values, challenges or barriers?" in shown
    assert card["actions"][0]["data"]["theme"] == "Barriers"
