"""Block Kit builders: what people see, within Slack's limits whatever they typed."""

from __future__ import annotations

import pytest

from bot.core import i18n
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
    from_dict,
    to_dict,
)
from bot.core.profile import ProfileInput
from bot.services.participants import Home, PastMatch, ProfileForm
from bot.services.programme_settings import ProgrammeSettings, parse_settings
from bot.slack import blocks
from bot.slack.forms import evaluation_input, settings_values, view_errors
from tests.slack.support import fill, text_of

EVIL = "<!channel> <@U0BOSS> <https://evil.example|click> & *bold*"
HUGE = ("Ω" + EVIL) * 2000  # 120,000 characters


def people(n: int, text: str = "") -> tuple[Person, ...]:
    return tuple(Person(f"U{i}", f"Name {i}{text}", f"Profession {i}{text}", text)
                 for i in range(1, n + 1))


def message_ok(message: blocks.Message) -> list[dict]:
    """Every limit Slack would check on chat.postMessage."""
    dicts = message.block_dicts()  # slack_sdk validates field limits here
    assert 0 < len(dicts) <= 50
    assert 0 < len(message.text) <= 3000
    for block in dicts:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= 3000
        if block["type"] == "header":
            assert len(block["text"]["text"]) <= 150
    assert_escaped(dicts)
    assert_escaped({"type": "mrkdwn", "text": message.text})  # the notification is mrkdwn too
    return dicts


def assert_escaped(node) -> None:
    """No mention or link got into mrkdwn. (plain_text is never parsed for either.)"""
    if isinstance(node, dict):
        if node.get("type") == "mrkdwn":
            for injected in ("<!channel>", "<@U0BOSS>", "<https://evil"):
                assert injected not in node["text"]
        for value in node.values():
            assert_escaped(value)
    elif isinstance(node, list):
        for item in node:
            assert_escaped(item)


def test_an_intro_names_everyone_and_asks_three_questions():
    intro = Intro(match_id=3, programme="Paired learning",
                  members=(Person("U1", "Ada", "Nurse", "Nights on ward 7"),
                           Person("U2", "Grace", "Manager")),
                  reasons=("Ada wants to learn about Manager.",),
                  icebreakers=("Q one?", "Q two?", "Q three?", "Q four?"),
                  checkin_on="Monday 21 December")
    message = blocks.build_message(intro)
    message_ok(message)
    shown = text_of({"blocks": message.block_dicts()})
    assert "*Ada* (<@U1>) · Nurse\n>Nights on ward 7" in shown
    assert "*Grace* (<@U2>) · Manager" in shown
    assert "1. Q one?\n2. Q two?\n3. Q three?" in shown and "Q four?" not in shown
    assert "Try to meet within two weeks" in shown
    assert message.text == (
        "Paired learning: meet Ada and Grace. Three questions to start with inside.")


@pytest.mark.parametrize("members", [2, 4, 12])
def test_huge_and_malicious_user_text_stays_escaped_and_within_limits(members):
    crowd = people(members, HUGE)
    intents = [
        Intro(1, HUGE, crowd, (HUGE,) * 30, (HUGE,) * 3, HUGE),
        CheckIn(1, HUGE, crowd, {p.user_id: "met" for p in crowd}),
        CheckIn(1, HUGE, crowd, {}, reminder=True),
        Unpaired(HUGE, HUGE, HUGE),
        HeadsUp(1, HUGE, HUGE, "2026-12"),
        Notice(HUGE, HUGE),
        Notice("\n".join([HUGE[:100]] * 5000)),
        FeedbackRequest(1, HUGE, crowd),
    ]
    for intent in intents:
        message_ok(blocks.build_message(from_dict(to_dict(intent))))


def test_escaping_keeps_entities_whole_when_cutting():
    assert blocks.escape("a<b>&c") == "a&lt;b&gt;&amp;c"
    cut = blocks.fit("<" * 100, 10)
    assert cut == "&lt;&lt;…" and len(cut) <= 10
    assert blocks.fit("short", 10) == "short"


def test_checkin_shows_each_answer_and_three_buttons():
    message = blocks.build_message(CheckIn(9, "P", people(3), {"U1": "met", "U3": "not_happening"}))
    dicts = message_ok(message)
    shown = text_of({"blocks": dicts})
    assert "<@U1>: :white_check_mark: Met" in shown
    assert "<@U2>: no answer yet" in shown
    assert "<@U3>: :x: Not going to happen" in shown
    [actions] = [b for b in dicts if b["type"] == "actions"]
    assert [(e["action_id"], e["value"]) for e in actions["elements"]] == [
        ("checkin_met", "9"), ("checkin_scheduled", "9"), ("checkin_not_yet", "9"),
        ("checkin_not_happening", "9")]
    reminder = blocks.build_message(CheckIn(9, "P", people(2), reminder=True))
    assert reminder.text.startswith("Reminder: did you manage to meet")


def test_the_profile_modal_fits_100_long_professions_and_keeps_only_valid_choices():
    professions = tuple(f"{n:03d} " + "x" * 80 for n in range(120))
    form = ProfileForm(programmes=tuple((n, f"Programme {n} " + "y" * 90) for n in range(1, 4)),
                       programme_id=2, professions=professions,
                       current=ProfileInput(professions[5], (professions[6], "Gone"), "i" * 400))
    view = blocks.build_profile_modal(form).to_dict()  # validated by slack_sdk
    by_id = {b["block_id"]: b for b in view["blocks"]}
    assert list(by_id) == ["programme", "profession", "learn", "intro", "windows", "away",
                           "site", "team", "avoid", "manager", "language"]
    assert by_id["language"]["element"]["initial_option"]["value"] == "en"
    options = by_id["profession"]["element"]["options"]
    assert len(options) == 100 and all(len(o["text"]["text"]) <= 75 for o in options)
    assert by_id["programme"]["element"]["initial_option"]["value"] == "2"
    assert [o["value"] for o in by_id["learn"]["element"]["initial_options"]] == [professions[6]]
    assert len(by_id["intro"]["element"]["initial_value"]) == 280
    assert view["private_metadata"] == "2"


def test_the_profile_modal_asks_when_people_meet_only_when_the_programme_does():
    current = ProfileInput("Nurse", windows=("weekday-evening", "weekend-night"),
                           away="2027-01-04..2027-01-15", avoid=("U7", "not-a-user"),
                           site="Queen Elizabeth", team="Ward 7")
    form = ProfileForm(programmes=((1, "P"),), programme_id=1, professions=("Nurse",),
                       current=current)
    by_id = {b["block_id"]: b for b in blocks.build_profile_modal(form).to_dict()["blocks"]}
    windows = by_id["windows"]["element"]
    assert windows["type"] == "multi_static_select" and len(windows["options"]) == 8
    assert [o["value"] for o in windows["initial_options"]] == ["weekday-evening",
                                                                "weekend-night"]
    assert by_id["away"]["element"]["initial_value"] == "2027-01-04..2027-01-15"
    assert by_id["avoid"]["element"]["type"] == "multi_users_select"
    assert by_id["avoid"]["element"]["initial_users"] == ["U7"]
    assert "Only you see this list" in by_id["avoid"]["hint"]["text"]
    assert by_id["site"]["element"]["initial_value"] == "Queen Elizabeth"
    off = ProfileForm(programmes=((1, "P"),), programme_id=1, professions=("Nurse",),
                      current=current, availability=False)
    shown = [b["block_id"] for b in blocks.build_profile_modal(off).to_dict()["blocks"]]
    assert "windows" not in shown and "away" not in shown and "avoid" in shown


def test_the_settings_modal_s_title_and_buttons_pass_through_the_catalogue():
    with i18n.using(i18n.PSEUDO_LOCALE):
        view = blocks.build_settings_modal(4, ProgrammeSettings(name="P")).to_dict()
    assert (view["title"]["text"], view["submit"]["text"], view["close"]["text"]) == (
        "⟦Programme settings⟧", "⟦Save⟧", "⟦Cancel⟧")
    assert view["blocks"][0]["elements"][0]["text"].startswith("⟦Changes apply from")


def test_the_settings_modal_round_trips_into_settings():
    professions = tuple(f"Profession {n} " + "z" * 60 for n in range(100))
    current = ProgrammeSettings(name="P", mode="two-sided", professions=professions,
                                sides={"A": professions[:60], "B": professions[60:]},
                                organisers=("U1", "not-an-id"), channel_id="C123")
    view = blocks.build_settings_modal(4, current).to_dict()
    ids = [b.get("block_id", "") for b in view["blocks"]]
    # 7,500 and 4,500 characters do not fit one 3,000-character input
    assert [i for i in ids if "professions" in i] == [
        "professions", "professions_2", "professions_3", "side_a_professions",
        "side_a_professions_2", "side_b_professions"]
    answers = {b["block_id"]: b["element"].get("initial_value") for b in view["blocks"]
               if b["type"] == "input" and "initial_value" in b["element"]}
    answers.update(mode="two-sided", group_size="3", organisers=["U7"], channel="C9")
    view["state"] = {"values": fill(view, answers)}
    parsed = parse_settings(settings_values(view), base=current)
    assert parsed.professions == current.professions
    assert (parsed.mode, parsed.group_size, parsed.organisers, parsed.channel_id) == (
        "two-sided", 3, ("U7",), "C9")
    assert parsed.sides == {"A": professions[:60], "B": professions[60:]}
    assert (parsed.capacity, parsed.format, parsed.term_rounds, parsed.evaluation) == (
        1, "rotating", 6, True)
    # Every setting has its block now; an unknown field goes on the first input.
    assert view_errors({"side_a": "x", "capacity": "y", "nonsense": "z"}, view) == {
        "side_a": "x", "capacity": "y", "name": "z"}


def test_the_home_for_newcomers_and_members():
    newcomer = blocks.build_home(Home(joined=False, programme=EVIL, next_round="Monday")).to_dict()
    assert_escaped(newcomer)
    assert newcomer["blocks"][-1]["elements"][0]["action_id"] == "home_edit"
    member = Home(joined=True, programme="P", profession=EVIL, learn=(EVIL,) * 10,
                  intro=HUGE, status="active.", paused=False, next_round="Monday 4 January",
                  past=tuple(PastMatch("Monday 7 December", (EVIL * 50,) * 4, "Met")
                             for _ in range(10)))
    home = blocks.build_home(member).to_dict()
    assert len(home["blocks"]) <= 100
    assert_escaped(home)
    actions = next(b for b in home["blocks"] if b["type"] == "actions")
    assert [e["action_id"] for e in actions["elements"]] == [
        "home_edit", "home_pause", "leave_confirm"]
    paused = blocks.build_home(Home(joined=True, programme="P", profession="Nurse",
                                    status="paused.", paused=True, next_round="x")).to_dict()
    actions = next(b for b in paused["blocks"] if b["type"] == "actions")
    assert [e["action_id"] for e in actions["elements"]] == [
        "home_edit", "home_resume", "leave_confirm"]


def test_feedback_form():
    form = blocks.build_feedback_modal(12).to_dict()
    assert form["private_metadata"] == "12" and form["callback_id"] == "feedback"
    scores = form["blocks"][0]["element"]["options"]
    assert [o["value"] for o in scores] == ["1", "2", "3", "4", "5"]
    assert form["blocks"][1]["element"]["max_length"] == 1000


# The same words in every platform (tests/teams/test_cards.py asserts the very same lists).
CHECKIN_LABELS = ["Met", "We've arranged it", "Not yet", "Not going to happen"]
SCORE_LABELS = ["1: nothing new", "2: a little", "3: some", "4: quite a lot", "5: a great deal"]


def test_checkin_and_feedback_choices_have_the_shared_labels():
    message = blocks.build_message(CheckIn(9, "P", people(2)))
    [actions] = [b for b in message.block_dicts() if b["type"] == "actions"]
    assert [e["text"]["text"] for e in actions["elements"]] == CHECKIN_LABELS
    modal = blocks.build_feedback_modal(9).to_dict()
    options = modal["blocks"][0]["element"]["options"]
    assert [(o["text"]["text"], o["value"]) for o in options] == [
        (label, str(n)) for n, label in enumerate(SCORE_LABELS, 1)]


def test_commands_in_notices_are_written_in_slack_syntax():
    paused = text_of({"blocks": blocks.build_message(AutoPaused("P", 3)).block_dicts()})
    assert "we've paused you in P. Type `/pair-me resume` to take part again." in paused
    welcome = text_of({"blocks": blocks.build_message(
        Welcome("P", "Monday 7 December")).block_dicts()})
    assert "Type `/pair-me` to fill in a short profile and join" in welcome


def test_the_questionnaire_request_and_its_modal_round_trip():
    request = EvaluationRequest(3, "Cohort <b>", "follow_up", term=2)
    assert from_dict(to_dict(request)) == request
    message = blocks.build_message(request)
    assert "End of term: five quick questions" in text_of({"blocks": message.block_dicts()})
    assert "Cohort &lt;b&gt;" in text_of({"blocks": message.block_dicts()})
    button = next(b for b in message.block_dicts() if b["type"] == "actions")["elements"][0]
    assert button["action_id"] == "evaluation_open"
    assert button["value"] == '{"programme_id": 3, "stage": "follow_up", "term": 2}'
    view = blocks.build_evaluation_modal(3, "follow_up", 2).to_dict()
    assert view["callback_id"] == "evaluation" and len(view["title"]["text"]) <= 24
    inputs = [b for b in view["blocks"] if b["type"] == "input"]
    assert [b["block_id"] for b in inputs] == ["role", "values", "challenges", "barriers",
                                               "confidence"]
    assert all(b["optional"] for b in inputs)
    view["state"] = {"values": fill(view, {"role": "4", "barriers": "2", "values": None})}
    carried, answers = evaluation_input(view)
    assert carried == {"programme_id": 3, "stage": "follow_up", "term": 2}
    assert answers == {"role": "4", "barriers": "2"}
    assert evaluation_input({"private_metadata": "not json"}) == ({}, {})


def test_the_feedback_form_names_the_meetings_theme():
    form = blocks.build_feedback_modal(12, "Values: what matters to you").to_dict()
    shown = text_of(form)
    assert "This meeting's theme: Values: what matters to you" in shown
    assert "What did you learn about their role, values, challenges or barriers?" in shown


def test_a_left_out_person_is_told_about_priority_once_with_the_date():
    reason = ("There were 2 people whose profession is Nurse and only 1 from other "
              "professions. You will get priority next round.")
    shown = blocks.build_message(Unpaired("Pilot", reason, "Monday 4 January")).text
    assert shown == ("No introduction for you in Pilot this round. There were 2 people whose "
                     "profession is Nurse and only 1 from other professions. You'll get "
                     "priority in the next round on Monday 4 January.")
