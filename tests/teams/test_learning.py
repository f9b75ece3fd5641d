"""`log` and `cpd` in Teams through /api/messages and the fake Bot Connector: the log card,
a refusal that keeps what was typed, and the CPD files offered and uploaded."""

from __future__ import annotations

import csv
import io
import threading
from http.server import ThreadingHTTPServer

from pypdf import PdfReader

from bot.core.profile import ProfileInput
from bot.services import participants
from bot.teams import data_file
from tests.teams.conftest import Person, post
from tests.teams.tokens import TENANT
from tests.trust.test_teams_my_data import _OneDrive  # the fake OneDrive upload session


def _card(response) -> dict:
    body = response.json()
    assert body["statusCode"] == 200, body
    return body["value"]


def test_log_card_refuses_in_one_sentence_keeping_the_form_then_logs(
        client, connector, signing_key, services):
    ann = Person("ann", "Ann", connector)
    participants.save_profile(services, "teams", TENANT, ann.aad, "Ann", None,
                              ProfileInput("Nurse"))
    assert post(client, signing_key, ann.says("log")).status_code == 202
    card = connector.sent(ann.conversation)[-1]["attachments"][0]["content"]
    assert card["actions"][0]["verb"] == "log.save"
    inputs = {b["id"]: b for b in card["body"] if "id" in b}
    assert inputs["date"]["type"] == "Input.Date" and inputs["date"]["value"] == "2026-11-30"
    typed = {"kind": "shadowing", "date": "2026-11-29", "minutes": 0,
             "learned": "How discharge letters are written."}
    again = _card(post(client, signing_key, ann.clicks("log.save", typed)))
    assert again["body"][-1]["text"] == "Give the time spent in minutes, from 1 to 1,999."
    kept = {b["id"]: b.get("value") for b in again["body"] if "id" in b}
    assert kept["learned"] == "How discharge letters are written."
    assert kept["kind"] == "shadowing" and kept["date"] == "2026-11-29"
    done = _card(post(client, signing_key, ann.clicks("log.save", {**typed, "minutes": 75.0})))
    assert done["body"][1]["text"] == ("Logged: shadowing on 29 November 2026, 75 minutes. "
                                       "Your log now holds 1.25 hours.")
    assert post(client, signing_key, ann.says("status")).status_code == 202
    assert "Learning log: 1 activity, 1.25 hours (1.25 hours participatory)." in (
        connector.sent(ann.conversation)[-1]["text"])


def test_cpd_offers_the_pdf_and_csv_and_uploads_them(client, connector, signing_key,
                                                      services, monkeypatch):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _OneDrive)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _OneDrive.received.clear()
    try:
        ann = Person("ann", "Ann", connector)
        participants.save_profile(services, "teams", TENANT, ann.aad, "Ann", None,
                                  ProfileInput("Nurse"))
        post(client, signing_key, ann.says("log"))
        post(client, signing_key, ann.clicks("log.save", {
            "kind": "conversation", "date": "2026-11-29", "minutes": 30}))
        assert post(client, signing_key, ann.says("cpd")).status_code == 202
        sent = connector.sent(ann.conversation)[-1]
        assert {a["name"] for a in sent["attachments"]} == {"pairbot-cpd-record.pdf",
                                                            "pairbot-cpd-record.csv"}
        assert all(a["contentType"] == data_file.CONSENT for a in sent["attachments"])
        monkeypatch.setattr(data_file, "UPLOAD_SCHEMES", ("http",))
        monkeypatch.setattr(data_file, "UPLOAD_HOST_SUFFIXES", ("127.0.0.1",))
        base = f"http://127.0.0.1:{server.server_address[1]}/upload"
        for kind, name in (("cpd-pdf", "pairbot-cpd-record.pdf"),
                           ("cpd-csv", "pairbot-cpd-record.csv")):
            assert post(client, signing_key, ann.activity(
                "invoke", name="fileConsent/invoke", value={
                    "type": "fileUpload", "action": "accept", "context": {"kind": kind},
                    "uploadInfo": {"name": name, "uploadUrl": f"{base}/{kind}",
                                   "contentUrl": f"https://contoso-my.sharepoint.com/{name}",
                                   "uniqueId": kind, "fileType": name[-3:]}})).status_code == 200
        files = {path: body for path, body, _ in _OneDrive.received}
        rows = list(csv.DictReader(io.StringIO(files["/upload/cpd-csv"].decode())))
        assert [(r["date"], r["hours"], r["participatory"]) for r in rows] == [
            ("2026-11-29", "0.5", "yes")]
        pdf = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(
            files["/upload/cpd-pdf"])).pages)
        assert "Continuing professional development record" in pdf and "Ann" in pdf
        info = connector.sent(ann.conversation)[-1]["attachments"][0]
        assert info["contentType"] == data_file.INFO
        # A file that is no longer there (a certificate not earned): one sentence, what
        # to type, and a button that offers the files again.
        post(client, signing_key, ann.activity(
            "invoke", name="fileConsent/invoke", value={
                "type": "fileUpload", "action": "accept", "context": {"kind": "certificate"},
                "uploadInfo": {"name": "c.pdf", "uploadUrl": f"{base}/certificate",
                               "contentUrl": "https://contoso-my.sharepoint.com/c.pdf",
                               "uniqueId": "c", "fileType": "pdf"}}))
        gone = connector.sent(ann.conversation)[-1]
        assert gone["text"] == ("That file is no longer available; type `cpd` or use the "
                                "button to try again.")
        [button] = gone["attachments"][0]["content"]["actions"]
        assert (button["title"], button["verb"]) == ("Try again", "learning.cpd")
        assert post(client, signing_key, ann.clicks("learning.cpd", {})).status_code == 200
        offered = connector.sent(ann.conversation)[-1]["attachments"]
        assert {a["name"] for a in offered} == {"pairbot-cpd-record.pdf",
                                                "pairbot-cpd-record.csv"}
    finally:
        server.shutdown()


def test_the_follow_up_card_asks_the_programme_s_instrument(client, connector, signing_key,
                                                             services, tmp_path, monkeypatch):
    from pathlib import Path

    from sqlalchemy import select

    from bot.core.instruments import load_catalogue
    from bot.services import evaluation
    from bot.store.models import EvaluationAnswer, Programme

    fixture = Path(__file__).parents[1] / "core" / "fixtures" / "two-subscales.yaml"
    (tmp_path / "seven.yaml").write_text(fixture.read_text())
    services.instruments = load_catalogue(tmp_path)
    monkeypatch.setattr(evaluation, "instrument_id", lambda programme: "test-7")
    ann = Person("ann", "Ann", connector)
    participants.save_profile(services, "teams", TENANT, ann.aad, "Ann", None,
                              ProfileInput("Nurse"))
    with services.unit_of_work() as session:
        pid = session.scalars(select(Programme.id)).one()
    request = evaluation.request_for(services, pid, "follow_up", 1)
    assert [q for q, _ in request.questions] == ["a1", "a3", "b1", "b2"]  # the after form
    from bot.teams import cards

    card = cards.build_evaluation_card(request)
    ids = [b["id"] for b in card["body"] if b.get("type") == "Input.ChoiceSet"]
    assert ids == ["a1", "a3", "b1", "b2"]
    answered = _card(post(client, signing_key, ann.clicks("evaluation.save", {
        "programme_id": pid, "programme": "Paired learning", "stage": "follow_up",
        "term": 1, "a1": "5", "a3": "7"})))
    assert "Thank you" in str(answered)
    with services.unit_of_work() as session:
        stored = {(a.stage, a.domain, a.score) for a in session.scalars(
            select(EvaluationAnswer))}
    assert stored == {("follow_up", "a1", 5), ("follow_up", "a3", 7)}
