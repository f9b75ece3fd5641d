"""`my-data` in Teams: a file-consent card; accepted, the same JSON as Slack's file goes to
the upload URL Teams gives (OneDrive) and a file card links to it."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

from bot.core.profile import ProfileInput
from bot.services import participants, subject_access
from bot.teams import data_file
from tests.teams.conftest import Person, post
from tests.teams.tokens import TENANT


class _OneDrive(BaseHTTPRequestHandler):
    received: ClassVar[list[tuple[str, bytes, str]]] = []

    def do_PUT(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        _OneDrive.received.append((self.path, body, self.headers.get("Content-Range", "")))
        self.send_response(201)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args) -> None:
        pass


def _consent(person: Person, upload_url: str, action: str = "accept") -> dict:
    return person.activity("invoke", name="fileConsent/invoke", value={
        "type": "fileUpload", "action": action, "context": {"kind": "my-data"},
        "uploadInfo": {"name": "pairbot-my-data.json", "uploadUrl": upload_url,
                       "contentUrl": "https://contoso-my.sharepoint.com/personal/ann/x.json",
                       "uniqueId": "1234", "fileType": "json"}})


def test_my_data_arrives_as_a_file(client, connector, signing_key, services, monkeypatch):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _OneDrive)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _OneDrive.received.clear()
    upload_url = f"http://127.0.0.1:{server.server_address[1]}/upload/session-1"
    try:
        ann = Person("ann", "Ann", connector)
        participants.save_profile(services, "teams", TENANT, ann.aad, "Ann", None,
                                  ProfileInput("Nurse", (), "Hello from ward 9"))
        assert post(client, signing_key, ann.says("my-data")).status_code == 202
        card = connector.sent(ann.conversation)[-1]["attachments"][0]
        assert card["contentType"] == data_file.CONSENT

        # An upload URL that is not OneDrive/SharePoint gets nothing.
        assert post(client, signing_key, _consent(ann, upload_url)).status_code == 200
        assert _OneDrive.received == []
        failed = connector.sent(ann.conversation)[-1]
        assert failed["text"] == ("I couldn't save the file there; type `my-data` or use the "
                                  "button to try again.")
        [button] = failed["attachments"][0]["content"]["actions"]
        assert (button["title"], button["verb"]) == ("Try again", "data.mine")
        assert button["fallback"]["type"] == "Action.Submit"
        # The button offers the file again, as typing `my-data` does.
        offered = len(connector.sent(ann.conversation))
        assert post(client, signing_key, ann.clicks("data.mine", {})).status_code == 200
        again = connector.sent(ann.conversation)[offered:]
        assert [a["attachments"][0]["contentType"] for a in again] == [data_file.CONSENT]

        # The fake OneDrive stands in for SharePoint.
        monkeypatch.setattr(data_file, "UPLOAD_SCHEMES", ("http",))
        monkeypatch.setattr(data_file, "UPLOAD_HOST_SUFFIXES", ("127.0.0.1",))
        assert post(client, signing_key, _consent(ann, upload_url)).status_code == 200
        [(path, body, content_range)] = _OneDrive.received
        assert path == "/upload/session-1"
        assert content_range == f"bytes 0-{len(body) - 1}/{len(body)}"
        sent = json.loads(body)
        expected = participants.my_data(services, "teams", TENANT, ann.aad)
        assert sent["programmes"] == expected["programmes"]
        assert sent["programmes"][0]["intro"] == "Hello from ward 9"
        info = connector.sent(ann.conversation)[-1]["attachments"][0]
        assert info["contentType"] == data_file.INFO
        assert info["contentUrl"].endswith("x.json")

        assert post(client, signing_key, _consent(ann, upload_url, "decline")
                    ).status_code == 200
        assert connector.sent(ann.conversation)[-1]["text"] == "OK, no file was sent."
        assert subject_access.FILENAME == "pairbot-my-data.json"
    finally:
        server.shutdown()


def test_only_sharepoint_upload_urls_are_used():
    assert data_file.uploadable("https://contoso-my.sharepoint.com/personal/a/_api/x")
    for url in ("http://contoso-my.sharepoint.com/x", "https://evil.example/x",
                "https://sharepoint.com.evil.example/x", "https://[::1/x", ""):
        assert not data_file.uploadable(url), url


def test_try_again_from_someone_who_never_joined_is_one_sentence(client, connector,
                                                                  signing_key):
    stranger = Person("zed", "Zed", connector)
    for verb, data in (("learning.cpd", {}), ("data.mine", {"x": "<b>\x00" * 500})):
        assert post(client, signing_key, stranger.clicks(verb, data)).status_code == 200
    texts = [a.get("text") or "" for a in connector.sent(stranger.conversation)]
    assert "You haven't joined a programme yet, so there is no record to send." in texts
