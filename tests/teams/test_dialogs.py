"""Dialogs with the SDK's own test harness (microsoft-agents-testing): send an activity,
assert the replies. The same words and answers as Slack, parsed by the same core code."""

from __future__ import annotations

import asyncio
import json

import pytest
from microsoft_agents.activity import Activity, ActivityTypes
from microsoft_agents.testing import TestAdapter, TestFlow
from sqlalchemy import select

from bot.services import participants
from bot.services.programme_settings import (
    ProgrammeSettings,
    create_programme,
    settings_of,
    update_settings,
)
from bot.store.models import Participant, Programme
from bot.teams.app import build_application
from tests.fakes.gateway import RecordingGateway
from tests.teams.reading import read
from tests.teams.tokens import fake_connections

USER = "user1"  # the harness's default user; without an Entra id, the channel id is used
TENANT = "local"


@pytest.fixture
def flow(services):
    services.gateways["teams"] = RecordingGateway(platform="teams", group_conversations=False)
    app = build_application(services, fake_connections())
    return TestAdapter(channel_id="msteams"), app


def run(flow, script) -> None:
    """Build the script's TestFlow inside a running loop (it starts tasks) and run it."""
    adapter, app = flow

    async def go() -> None:
        await script(TestFlow(adapter, app.on_turn)).start_test()

    asyncio.run(go())


def check(predicate):
    """A TestFlow validator from a predicate (validators must raise, not return False)."""
    def validate(reply: Activity) -> None:
        assert predicate(reply), f"unexpected reply: {reply.text!r} {reply.attachments}"
    return validate


def card_of(reply: Activity) -> dict:
    assert reply.attachments, f"expected a card, got {reply.text!r}"
    return reply.attachments[0].content


def click(verb: str, data: dict | None = None) -> Activity:
    return Activity(type=ActivityTypes.invoke, name="adaptiveCard/action", value={
        "action": {"type": "Action.Execute", "verb": verb, "data": data or {}}})


def invoke_card(reply: Activity) -> dict:
    assert reply.type == ActivityTypes.invoke_response
    body = reply.value.body
    assert body["type"] == "application/vnd.microsoft.card.adaptive", body
    return body["value"]


def text_of(card: dict) -> str:
    return json.dumps(card, ensure_ascii=False)


def join(services, profession="Nurse"):
    reply = participants.save_profile(services, "teams", TENANT, USER, "User 1", None,
                                      participants.ProfileInput(profession))
    assert not isinstance(reply, dict)


def test_help_and_the_profile_form(flow):
    def is_help(reply):
        assert "`pause until YYYY-MM-DD`" in reply.text and "**pairbot**" in reply.text

    def is_form(reply):
        card = card_of(reply)
        ids = [b.get("id") for b in card["body"]]
        assert ids[-3:] == ["profession", "learn", "intro"] or {
            "profession", "learn", "intro"} <= set(ids)

    run(flow, lambda f: f.send("help").assert_reply(is_help)
        .send("pair me").assert_reply(is_form)
        .send("status").assert_reply(check(lambda r: r.text.startswith("You haven't joined yet"))))


def test_a_welsh_teams_user_is_answered_in_welsh_without_choosing(flow):
    def welsh_status(reply):
        assert reply.text.startswith("Dydych chi ddim wedi ymuno eto"), reply.text

    def english_status(reply):
        assert reply.text.startswith("You haven't joined yet"), reply.text

    status_cy = Activity(type=ActivityTypes.message, text="status", locale="cy-GB")
    run(flow, lambda f: f.send("help").assert_reply(lambda r: None)
        .send(status_cy).assert_reply(welsh_status)
        .send("status").assert_reply(english_status))


def test_the_first_message_after_install_gets_the_welcome_and_form(flow):
    def welcome(reply):
        assert reply.text.startswith("Hello! I'm pairbot.")
        assert card_of(reply)["actions"][0]["verb"] == "profile.save"

    run(flow, lambda f: f.send("hi there").assert_reply(welcome)
        .send("hi there").assert_reply(
            check(lambda r: r.text.startswith("I don't know the command `hi there`."))))


def test_joining_from_the_card_shows_errors_then_confirms(flow, services):
    def errors(reply):
        text = text_of(invoke_card(reply))
        assert "'Astronaut' is not one of this programme's professions." in text
        assert "Keep your intro to 280 characters (it has 281)." in text

    def confirmed(reply):
        assert "You're in for Paired learning" in text_of(invoke_card(reply))

    run(flow, lambda f: f.send("help").assert_reply(lambda r: None)
        .send(click("profile.save", {"profession": "Astronaut", "intro": "x" * 281}))
        .assert_reply(errors)
        .send(click("profile.save", {"profession": "Nurse", "learn": "Manager,Pharmacist",
                                     "intro": "Nights on ward 7"}))
        .assert_reply(confirmed))
    with services.unit_of_work() as session:
        person = session.scalars(select(Participant)).one()
        assert (person.profession, person.learn) == ("Nurse", ["Manager", "Pharmacist"])


def test_pause_resume_and_the_same_answers_as_slack(flow, services):
    join(services)
    slack_like = participants.handle_command(services, "teams", TENANT, USER, "pause 2w").text
    def paused(reply):
        assert reply.text.startswith("Paused until Monday 14 December.")
        assert "type `resume` to come back sooner" in reply.text
        [button] = card_of(reply)["actions"]
        assert (button["title"], button["verb"]) == ("Take part again", "participation.resume")

    run(flow, lambda f: f.send("pause 2w").assert_reply(paused)
        .send("resume").assert_reply(
            "Welcome back! You're in the next round on Monday 7 December.")
        .send("pause forever").assert_reply(
            check(lambda r: r.text.startswith("`forever` is not a pause length")))
        .send("pause").assert_reply(check(lambda r: r.text.startswith(
            "Say how long to pause, e.g. `pause 2w` or `pause until 2027-01-31`."))))
    assert slack_like.startswith("Paused until Monday 14 December.")


def test_leave_asks_first_then_erases(flow, services):
    join(services)

    def asks(reply):
        card = card_of(reply)
        assert [a["verb"] for a in card["actions"]] == ["leave.confirm", "leave.cancel"]

    def gone(reply):
        text = text_of(invoke_card(reply))
        assert "You have left pairbot and your data is erased." in text
        assert "welcome back any time with `pair me`." in read(invoke_card(reply))

    run(flow, lambda f: f.send("leave").assert_reply(asks)
        .send(click("leave.cancel")).assert_reply(
            check(lambda r: "still in" in text_of(invoke_card(r))))
        .send(click("leave.confirm")).assert_reply(gone))
    with services.unit_of_work() as session:
        assert session.scalars(select(Participant)).all() == []


def test_my_data_offers_the_file(flow, services):
    join(services)

    def consent(reply):
        assert reply.text.startswith("Here is everything pairbot stores about you.")
        [card] = reply.attachments
        assert card.content_type == "application/vnd.microsoft.teams.card.file.consent"
        assert card.name == "pairbot-my-data.json" and card.content["sizeInBytes"] > 100

    run(flow, lambda f: f.send("my-data").assert_reply(consent))


def _make_organiser(services):
    join(services, "Manager")
    with services.unit_of_work() as session:
        programme = session.scalars(select(Programme)).one()
        settings = settings_of(programme)
    update_settings(services, programme.id, ProgrammeSettings(
        **{**settings.__dict__, "organisers": (USER,)}), actor="test")
    return programme.id


def test_admin_is_refused_to_participants(flow, services):
    join(services)
    run(flow, lambda f: f.send("admin stats").assert_reply(
        check(lambda r: r.text.startswith("Only organisers of Paired learning can use `admin`")
              and f"(your id is {USER})" in r.text)))


def test_organisers_preview_stats_and_settings(flow, services):
    programme_id = _make_organiser(services)

    def settings_card(reply):
        card = card_of(reply)
        assert card["body"][0]["text"] == "Settings: Paired learning"
        assert card["actions"][0]["verb"] == "settings.save"
        assert card["actions"][0]["data"] == {"programme_id": programme_id}

    def bad_cadence(reply):
        assert "Attention" in text_of(invoke_card(reply))

    run(flow, lambda f: f.send("admin preview").assert_reply(
            check(lambda r: r.text.startswith("Preview, nothing was sent.")))
        .send("admin stats").assert_reply(
            check(lambda r: r.text.startswith("Paired learning: 1 participants")))
        .send("admin").assert_reply(settings_card)
        .send(click("settings.save", {"name": "Paired learning", "cadence": "every tuesday",
                                      "organisers": USER, "programme_id": programme_id}))
        .assert_reply(bad_cadence)
        .send(click("settings.save", {"name": "Doctors and managers",
                                      "cadence": "weekly wednesday 12:30",
                                      "organisers": USER, "programme_id": programme_id}))
        .assert_reply(check(lambda r: "Settings saved for Doctors and managers" in
                            text_of(invoke_card(r)))))
    with services.unit_of_work() as session:
        programme = session.get_one(Programme, programme_id)
        assert (programme.name, programme.cadence) == ("Doctors and managers",
                                                       "weekly wednesday 12:30")


def test_an_organiser_of_two_programmes_edits_the_second_and_only_it_changes(flow, services):
    first = _make_organiser(services)
    with services.unit_of_work() as session:
        workspace = session.get_one(Programme, first).workspace
        second = create_programme(session, workspace, ProgrammeSettings(
            name="Cohort B", organisers=(USER,)), services.now()).id
    cards_seen: list[dict] = []

    def second_card(reply):
        card = card_of(reply)
        assert card["body"][0]["text"] == "Settings: Cohort B"
        cards_seen.append(card)

    def refused_self_removal(reply):
        assert "Keep your own id (user1) in the organisers" in text_of(invoke_card(reply))

    run(flow, lambda f: f.send("admin Cohort B").assert_reply(second_card)
        .send(click("settings.save", {"programme_id": second, "organisers": "someone-else"}))
        .assert_reply(refused_self_removal)
        .send(click("settings.save", {"programme_id": second, "name": "Cohort B renamed",
                                      "recency": "3", "organisers": USER}))
        .assert_reply(check(lambda r: "Settings saved for Cohort B renamed" in
                            text_of(invoke_card(r)))))
    assert cards_seen[0]["actions"][0]["data"] == {"programme_id": second}
    with services.unit_of_work() as session:
        rows = {p.id: (p.name, p.recency) for p in session.scalars(select(Programme))}
    assert rows == {first: ("Paired learning", 6), second: ("Cohort B renamed", 3)}


def test_help_is_the_core_wording_in_teams_syntax(flow):
    def is_help(reply):
        assert "`pair me`: join, or edit your profile" in reply.text
        assert "`admin stats Cohort B`" in reply.text and "/pair-me" not in reply.text

    run(flow, lambda f: f.send("help").assert_reply(is_help))


def test_action_submit_from_older_clients_works_like_execute(flow, services):
    submit = Activity(type=ActivityTypes.message, value={
        "verb": "profile.save", "profession": "Nurse", "learn": "", "intro": ""})

    def confirmed(reply):
        assert "You're in for Paired learning" in text_of(card_of(reply))

    run(flow, lambda f: f.send("help").assert_reply(lambda r: None)
        .send(submit).assert_reply(confirmed))
    with services.unit_of_work() as session:
        assert session.scalars(select(Participant.profession)).all() == ["Nurse"]


def test_an_unknown_verb_is_one_sentence_as_execute_and_as_submit(flow, services):
    def refused_invoke(reply):
        assert reply.type == ActivityTypes.invoke_response
        assert reply.value.body["statusCode"] == 400
        assert reply.value.body["value"]["message"] == "Unknown action 'frobnicate'."

    def refused_message(reply):
        assert "Unknown action 'frobnicate'." in text_of(card_of(reply))

    submit = Activity(type=ActivityTypes.message, value={"verb": "frobnicate"})
    run(flow, lambda f: f.send("help").assert_reply(lambda r: None)
        .send(click("frobnicate")).assert_reply(refused_invoke)
        .send(submit).assert_reply(refused_message))
    with services.unit_of_work() as session:
        assert session.scalars(select(Participant)).all() == []


def test_each_card_verb_has_its_own_route(services):
    """One verb, one handler: a route per verb (Execute and Submit), not a catch-all that
    routes a second time inside."""
    from bot.teams import cards, learning

    app = build_application(services, fake_connections())
    verbs = {v for m in (cards, learning) for k, v in vars(m).items() if k.startswith("VERB_")}
    routes = list(app._route_list)

    def routed(activity: Activity) -> list:
        context = type("Context", (), {"activity": activity})()
        return [r for r in routes if r.selector(context)]

    for verb in verbs:
        execute = routed(click(verb))
        submit = routed(Activity(type=ActivityTypes.message, value={"verb": verb}))
        assert execute and execute[0].rank < routed(click("no-such-verb"))[0].rank, verb
        assert submit and submit[0].rank < routed(
            Activity(type=ActivityTypes.message, value={"verb": "no-such-verb"}))[0].rank, verb


def test_every_card_button_falls_back_to_action_submit_that_the_bot_answers(flow, services):
    """Clients without Universal Actions press the fallback: it carries the same verb."""
    cards_seen: list[dict] = []

    def keep(reply):
        cards_seen.append(card_of(reply))

    run(flow, lambda f: f.send("help").assert_reply(lambda r: None)
        .send("pair me").assert_reply(keep))
    save = cards_seen[0]["actions"][0]
    assert save["type"] == "Action.Execute"
    assert save["fallback"]["type"] == "Action.Submit"
    assert save["fallback"]["title"] == save["title"]
    submit = Activity(type=ActivityTypes.message, value={
        **save["fallback"]["data"], "profession": "Nurse", "learn": "", "intro": ""})

    def confirmed(reply):
        assert "You're in for Paired learning" in text_of(card_of(reply))

    run(flow, lambda f: f.send(submit).assert_reply(confirmed))
    with services.unit_of_work() as session:
        assert session.scalars(select(Participant.profession)).all() == ["Nurse"]


def test_every_setting_is_on_the_card_and_the_same_errors_show(flow, services):
    programme_id = _make_organiser(services)

    def inputs(card):
        return {b["id"]: b for b in card["body"] if b["type"].startswith("Input.")}

    def settings_card(reply):
        card = card_of(reply)
        fields = inputs(card)
        assert {"capacity", "side_a", "side_b", "format", "term_rounds", "term_starts",
                "journey", "evaluation"} <= set(fields)
        assert fields["format"]["type"] == "Input.ChoiceSet"
        assert [c["value"] for c in fields["format"]["choices"]] == ["rotating", "term"]
        assert [c["value"] for c in fields["evaluation"]["choices"]] == ["on", "off"]
        assert (fields["term_rounds"]["type"], fields["term_rounds"]["max"]) == (
            "Input.Number", 24)
        assert (fields["format"]["value"], fields["evaluation"]["value"]) == ("rotating", "on")

    def bad_term_rounds(reply):
        card = invoke_card(reply)
        body = card["body"]
        at = next(i for i, b in enumerate(body) if b.get("id") == "term_rounds")
        assert body[at + 1]["text"] == "A term is 1 to 24 rounds."
        assert body[at]["value"] == 30 and inputs(card)["side_a"]["value"] == "Mentors"

    chosen = {"programme_id": programme_id, "name": "Paired learning", "organisers": USER,
              "capacity": 2, "side_a": "Mentors", "side_b": "Mentees", "format": "term",
              "evaluation": "off", "term_starts": "first wednesday of august; "
                                                  "first wednesday of december",
              "journey": "roles; values; challenges"}
    run(flow, lambda f: f.send("admin").assert_reply(settings_card)
        .send(click("settings.save", {**chosen, "term_rounds": "30"}))
        .assert_reply(bad_term_rounds)
        .send(click("settings.save", {**chosen, "term_rounds": 3.0}))
        .assert_reply(check(lambda r: "Settings saved for Paired learning" in
                            text_of(invoke_card(r)))))
    with services.unit_of_work() as session:
        programme = session.get_one(Programme, programme_id)
        assert (programme.capacity, programme.side_names, programme.format,
                programme.term_rounds, programme.evaluation) == (
            2, {"A": "Mentors", "B": "Mentees"}, "term", 3, False)
        assert programme.term_starts == "first wednesday of august; first wednesday of december"
        assert programme.journey == "roles; values; challenges"


def test_a_welsh_teams_user_is_offered_welsh_and_keeps_it_without_choosing(flow, services):
    def welsh_form(reply):
        card = card_of(reply)
        [language] = [b for b in card["body"] if b.get("id") == "language"]
        assert language["label"] == "Iaith" and language["value"] == "cy"
        assert [c["title"] for c in language["choices"]] == [
            "English", "Cymraeg", "Cymraeg + English"]
        assert card["actions"][0]["data"]["language_offered"] == "cy"

    def welsh_confirmation(reply):
        assert "Rydych chi wedi ymuno â Paired learning" in text_of(invoke_card(reply))

    def cy(activity: Activity) -> Activity:
        activity.locale = "cy-GB"
        return activity

    save = click("profile.save", {"profession": "Nurse", "language": "cy",
                                  "language_offered": "cy"})
    run(flow, lambda f: f.send(cy(Activity(type=ActivityTypes.message, text="pair me")))
        .assert_reply(welsh_form)
        .send(cy(save)).assert_reply(welsh_confirmation))
    with services.unit_of_work() as session:
        person = session.scalars(select(Participant)).one()
        # Nothing chosen: what Teams says decides, and is remembered for later messages.
        assert (person.language, person.platform_language) == (None, "cy")


def test_choosing_english_in_the_card_is_kept_whatever_teams_says(flow, services):
    def english_confirmation(reply):
        assert "You're in for Paired learning" in text_of(invoke_card(reply))

    save = click("profile.save", {"profession": "Nurse", "language": "en",
                                  "language_offered": "cy"})
    save.locale = "cy-GB"
    status = Activity(type=ActivityTypes.message, text="status", locale="cy-GB")
    run(flow, lambda f: f.send("help").assert_reply(lambda r: None)
        .send(save).assert_reply(english_confirmation)
        .send(status).assert_reply(
            check(lambda r: r.text.startswith("Paired learning: active. Next round on Monday"))))
    with services.unit_of_work() as session:
        person = session.scalars(select(Participant)).one()
        assert (person.language, person.platform_language) == ("en", "cy")
