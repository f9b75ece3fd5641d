"""`/pair-me log` and `/pair-me cpd` as Slack sends them: the modal, one-sentence field
errors that keep the form, and the CPD files read back."""

from __future__ import annotations

import csv
import io

from pypdf import PdfReader
from sqlalchemy import select

from bot.store.models import Participant
from tests.slack.support import text_of
from tests.slack.test_checkins import _match, introduce
from tests.slack.test_commands import joined


def test_log_opens_a_modal_refuses_bad_fields_and_stores_a_good_entry(slack):
    joined(slack)
    assert slack.command("log").status_code == 200
    view = slack.opened_view()
    assert view["callback_id"] == "log_activity"
    blocks = {b["block_id"]: b for b in view["blocks"]}
    assert blocks["date"]["element"]["type"] == "datepicker"
    assert [o["value"] for o in blocks["kind"]["element"]["options"]] == [
        "conversation", "shadowing", "project", "teaching", "other"]
    future = slack.submit(view, kind="conversation", date="2027-01-10", minutes="30")
    assert future.json() == {"response_action": "errors", "errors": {
        "date": "The date is in the future; log an activity once it has happened."}}
    too_long = slack.submit(view, kind="conversation", date="2026-11-29", minutes="2000",
                            learned="Keep me")
    assert too_long.json()["errors"] == {
        "minutes": "Give the time spent in minutes, from 1 to 1,999."}
    ok = slack.submit(view, kind="shadowing", date="2026-11-29", minutes="90",
                      learned="How theatre lists are planned.")
    assert ok.status_code == 200 and ok.content in (b"", b"null")
    slack.wait()
    assert text_of(slack.dms("U1")[-1]) == ("Logged: shadowing on 29 November 2026, 90 "
                                            "minutes. Your log now holds 1.5 hours.")


def test_cpd_sends_a_pdf_and_a_csv_whose_hours_add_up(slack):
    joined(slack)
    slack.command("log")
    view = slack.opened_view()
    for minutes, kind in (("30", "conversation"), ("45", "other")):
        slack.submit(view, kind=kind, date="2026-11-28", minutes=minutes,
                     learned="Budgets are set in March.")
    reply = slack.command("cpd").json()
    assert "direct message" in text_of(reply)
    slack.wait()
    files = {f["name"]: f for f in slack.fake.uploaded_files(slack.fake.conversation_id("U1"))}
    assert set(files) == {"pairbot-cpd-record.pdf", "pairbot-cpd-record.csv"}
    rows = list(csv.DictReader(io.StringIO(files["pairbot-cpd-record.csv"]["content"]
                                           .decode())))
    assert sum(float(r["hours"]) for r in rows) == 1.25
    assert [r["participatory"] for r in rows] == ["yes", "no"]
    pdf = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(
        files["pairbot-cpd-record.pdf"]["content"])).pages)
    assert "Ada Lovelace" in pdf and "Budgets are set in March." in pdf
    assert "1.25" in pdf and "0.5 participatory" in pdf
    # No certificate yet: the person is told what is missing, in one sentence.
    assert text_of(slack.dms("U1")[-1]) == ("The certificate comes after 3 meetings; you "
                                            "have 0 so far.")


def test_app_home_and_status_show_the_persons_own_log_and_hours(slack):
    joined(slack)
    status = text_of(slack.command("status").json())
    assert "Learning log: empty. Type `/pair-me log` after a meeting to record it." in status
    slack.event({"type": "app_home_opened", "user": "U1", "channel": "D1", "tab": "home"})
    slack.wait()
    assert "Learning log: empty. Type `/pair-me log` after a meeting" in text_of(
        slack.fake.home_view("U1"))
    slack.command("log")
    slack.submit(slack.opened_view(), kind="teaching", date="2026-11-28", minutes="60")
    slack.wait()
    assert "Learning log: 1 activity, 1 hour (1 hour participatory)." in text_of(
        slack.command("status").json())
    slack.event({"type": "app_home_opened", "user": "U1", "channel": "D1", "tab": "home"})
    slack.wait()
    home = slack.fake.home_view("U1")
    assert home is not None
    assert "Learning log: 1 activity, 1 hour (1 hour participatory)." in text_of(home)


def test_a_met_answer_offers_to_log_the_meeting_with_its_length_filled_in(slack, clock):
    _, _, checkin = introduce(slack, clock)
    slack.click("checkin_met", user="U1", value=_match(checkin), message=checkin)
    slack.wait()
    offer = slack.dms("U1")[-1]
    assert "Log this meeting" in text_of(offer)
    [button] = [e for b in offer["blocks"] if b["type"] == "actions" for e in b["elements"]]
    slack.click(button["action_id"], user="U1", value=button["value"])
    slack.wait()
    view = slack.opened_view()
    assert view["callback_id"] == "log_activity"
    blocks = {b["block_id"]: b for b in view["blocks"]}
    assert blocks["minutes"]["element"]["initial_value"] == "30"
    today = blocks["date"]["element"]["initial_date"]
    slack.submit(view, kind="conversation", date=today, minutes="30",
                 learned="Managers juggle three budgets.")
    slack.command("cpd")
    slack.wait()
    files = {f["name"]: f for f in slack.fake.uploaded_files(slack.fake.conversation_id("U1"))}
    [row] = list(csv.DictReader(io.StringIO(files["pairbot-cpd-record.csv"]["content"]
                                            .decode())))
    # The profession met comes from the meeting; the partner's name never appears.
    assert (row["profession_met"], row["hours"], row["participatory"]) == ("Manager", "0.5",
                                                                            "yes")
    pdf = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(
        files["pairbot-cpd-record.pdf"]["content"])).pages)
    assert "Manager" in pdf
    with slack.services.unit_of_work() as session:
        partner = session.scalar(select(Participant.display_name).where(
            Participant.user_id == "U2"))
    assert partner and partner not in pdf and partner not in files[
        "pairbot-cpd-record.csv"]["content"].decode()


def test_a_programme_s_own_instrument_is_the_form_asked_and_stored(slack, tmp_path,
                                                                   monkeypatch):
    from pathlib import Path

    from bot.core.instruments import load_catalogue
    from bot.services import evaluation
    from bot.store.models import EvaluationAnswer

    fixture = Path(__file__).parents[1] / "core" / "fixtures" / "two-subscales.yaml"
    (tmp_path / "seven.yaml").write_text(fixture.read_text())
    slack.services.instruments = load_catalogue(tmp_path)
    # As if the programme's setting `instrument` were test-7.
    monkeypatch.setattr(evaluation, "instrument_id", lambda programme: "test-7")
    slack.command("")
    response = slack.submit(slack.opened_view(), profession="Nurse", learn=["Manager"])
    view = response.json()["view"]
    assert view["callback_id"] == "evaluation"
    selects = [b for b in view["blocks"] if b["type"] == "input"]
    assert [b["block_id"] for b in selects] == ["a1", "a2", "b1", "b2"]  # the before form
    assert len(selects[0]["element"]["options"]) == 7
    assert selects[0]["element"]["options"][0]["text"]["text"] == "strongly disagree"
    # The words follow the instrument: its number of items, not pairbot-5's five.
    assert view["title"]["text"] == "4 questions"
    assert "Before your first meeting: 4 quick questions" in text_of(view)
    assert "five questions" not in text_of(view).lower()
    assert "five quick" not in text_of(view).lower()
    done = slack.submit(view, a1="2", a2="6", b2="7")
    assert done.json()["response_action"] == "update"
    assert ("Thank you: your answers to 3 of 4 questions are stored as your starting point"
            in text_of(done.json()["view"]))
    with slack.services.unit_of_work() as session:
        stored = {(a.domain, a.score) for a in session.scalars(select(EvaluationAnswer))}
    assert stored == {("a1", 2), ("a2", 6), ("b2", 7)}
