"""The organiser console in-process: sign-in, CSRF, access, pages, exports, JSON."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import select

from bot.config import ConfigError, load_settings
from bot.core.profile import ProfileInput
from bot.services import checkins, participants
from bot.services.programme_settings import settings_as_text
from bot.store.models import AuditEntry, Participant, Programme, Round
from bot.web.console.session import Throttle
from tests.web.console_support import SECRET, TOKEN, csrf_of, make_client, make_services, sign_in


@pytest.fixture
def services(engine):
    services = make_services(engine)
    for user, profession in [("U1", "Nurse"), ("U2", "Manager"), ("U3", "Pharmacist"),
                             ("U4", "Manager")]:
        participants.save_profile(services, "slack", "T1", user, f"Person {user}", None,
                                  ProfileInput(profession))
    return services


@pytest.fixture
def client(engine, services):
    return make_client(engine, services)


def _programme_id(services) -> int:
    with services.unit_of_work() as session:
        return session.scalars(select(Programme.id)).first()


def test_the_start_refuses_a_console_without_a_secret_key():
    with pytest.raises(ConfigError) as caught:
        load_settings(PAIRBOT_ADMIN_TOKEN="x" * 32)
    message = str(caught.value)
    assert message.startswith("PAIRBOT_SECRET_KEY:") and "secrets.token_urlsafe(32)" in message
    assert "\n" not in message


def test_signing_in_with_the_token_sets_a_signed_cookie_not_the_token(client):
    assert client.get("/admin/programmes", follow_redirects=False).status_code == 303
    page = client.get("/admin/login")
    assert page.status_code == 200 and 'lang="en-GB"' in page.text
    wrong = client.post("/admin/login", data={"token": "nope", "csrf": csrf_of(page.text)})
    assert wrong.status_code == 401 and "That token is wrong" in wrong.text
    right = client.post("/admin/login", data={"token": TOKEN, "csrf": csrf_of(page.text)},
                        follow_redirects=False)
    assert right.status_code == 303
    cookie = right.headers["set-cookie"]
    assert TOKEN not in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert "Secure" not in cookie  # plain http on loopback
    listing = client.get("/admin/programmes")
    assert listing.status_code == 200 and "Paired learning" in listing.text
    csp = listing.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert listing.headers["x-content-type-options"] == "nosniff"


def test_the_cookie_is_secure_over_https_and_a_forwarded_header_alone_is_not_believed(client):
    from fastapi.testclient import TestClient

    # Anyone can send X-Forwarded-Proto; only uvicorn, for PAIRBOT_TRUSTED_PROXIES, uses it.
    page = client.get("/admin/login", headers={"X-Forwarded-Proto": "https"})
    assert "Secure" not in page.headers["set-cookie"]
    https = TestClient(client.app, base_url="https://testserver")
    assert "Secure" in https.get("/admin/login").headers["set-cookie"]


def test_a_post_without_the_csrf_token_is_refused(client, services):
    csrf = sign_in(client)
    pid = _programme_id(services)
    refused = client.post(f"/admin/programmes/{pid}/pause", data={})
    assert refused.status_code == 403 and "security token" in refused.text
    with services.unit_of_work() as session:
        assert session.get_one(Programme, pid).active
    done = client.post(f"/admin/programmes/{pid}/pause", data={"csrf": csrf})
    assert done.status_code == 200 and "is paused" in done.text


def test_sign_in_attempts_are_throttled_per_address(engine, services):
    client = make_client(engine, services, throttle=Throttle(limit=3, window=60))
    csrf = csrf_of(client.get("/admin/login").text)
    for _ in range(3):
        assert client.post("/admin/login", data={"token": "x", "csrf": csrf}).status_code == 401
    blocked = client.post("/admin/login", data={"token": TOKEN, "csrf": csrf})
    assert blocked.status_code == 429 and "Too many sign-in attempts" in blocked.text


def test_bearer_token_reads_json_and_a_wrong_one_says_so(client, services):
    listing = client.get("/admin/api/programmes", headers={"Authorization": f"Bearer {TOKEN}"})
    assert listing.status_code == 200 and listing.json()[0]["participants"] == 4
    wrong = client.get("/admin/api/programmes", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and "wrong" in wrong.json()["error"]


def test_logout_forgets_the_session(client):
    csrf = sign_in(client)
    response = client.post("/admin/logout", data={"csrf": csrf}, follow_redirects=False)
    assert response.status_code == 303 and "pairbot_console=" in response.headers["set-cookie"]
    assert client.get("/admin/programmes", follow_redirects=False).status_code == 303


def test_a_slack_user_sees_only_programmes_they_organise(engine, services):
    from bot.services.console import access, outcomes, programme_list

    pid = _programme_id(services)
    stranger = access.Viewer(kind="slack", name="S", platform="slack", workspace="T1",
                            user_id="U9")
    other_team = access.Viewer(kind="slack", name="O", platform="slack", workspace="T2",
                              user_id="U1", platform_admin=True)
    organiser = access.Viewer(kind="slack", name="A", platform="slack", workspace="T1",
                             user_id="U1", platform_admin=True)
    assert programme_list.programmes_for(services, stranger) == []
    assert programme_list.programmes_for(services, other_team) == []
    assert [p.id for p in programme_list.programmes_for(services, organiser)] == [pid]
    with pytest.raises(access.Forbidden, match="You do not organise Paired learning"):
        outcomes.overview(services, stranger, pid)


def test_create_a_two_sided_programme_and_a_bad_value_is_named(client, services):
    csrf = sign_in(client)
    form = client.get("/admin/programmes/new")
    assert form.status_code == 200
    workspace = __import__("re").search(r'<option value="(\d+)"', form.text).group(1)
    values = {"csrf": csrf, "workspace": workspace, "name": "Junior doctors × Managers",
              "mode": "two-sided", "side_a": "Junior doctors",
              "side_a_professions": "FY1 doctor; FY2 doctor", "side_b": "Managers",
              "side_b_professions": "Service manager; Operations manager", "group_size": "2",
              "capacity": "4", "cadence": "monthly first monday 10:00",
              "timezone": "Europe/London", "recency": "6", "checkin_after": "14"}
    bad = client.post("/admin/programmes", data={**values, "capacity": "lots"})
    assert bad.status_code == 400 and "is not a whole number" in bad.text
    assert 'aria-invalid="true"' in bad.text
    made = client.post("/admin/programmes", data=values)
    assert made.status_code == 200 and "Junior doctors × Managers is created." in made.text
    with services.unit_of_work() as session:
        programme = session.scalars(select(Programme).where(
            Programme.name == "Junior doctors × Managers")).one()
        assert (programme.mode, programme.capacity) == ("two-sided", 4)
        assert programme.side_names == {"A": "Junior doctors", "B": "Managers"}
        assert session.scalars(select(AuditEntry.action).where(
            AuditEntry.programme_id == programme.id)).all() == ["programme.create"]


def test_rounds_run_cancel_and_the_overview_counts_meetings_not_intros(client, services):
    csrf = sign_in(client)
    pid = _programme_id(services)
    preview = client.get(f"/admin/programmes/{pid}/rounds?preview=1")
    assert "nothing was sent" in preview.text and "Person U1" in preview.text
    # The matcher's certificate: this small round is matched exactly.
    assert "Proven best: no other grouping that places as many people scores more" \
        in preview.text
    api_preview = client.get(f"/admin/api/programmes/{pid}/rounds/preview").json()
    assert api_preview["quality"].startswith("Proven best")
    unconfirmed = client.post(f"/admin/programmes/{pid}/rounds/run", data={"csrf": csrf})
    assert unconfirmed.status_code == 400
    ran = client.post(f"/admin/programmes/{pid}/rounds/run", data={"csrf": csrf,
                                                                   "confirm": "yes"})
    assert "Round November 2026 started: 2 groups" in ran.text
    again = client.post(f"/admin/programmes/{pid}/rounds/run", data={"csrf": csrf,
                                                                     "confirm": "yes"})
    assert again.status_code == 403 and "already run" in again.text
    with services.unit_of_work() as session:
        rnd = session.scalars(select(Round)).one()
        round_id = rnd.id
    unconfirmed = client.post(f"/admin/programmes/{pid}/rounds/{round_id}/cancel",
                              data={"csrf": csrf})
    assert unconfirmed.status_code == 400 and "Tick the box" in unconfirmed.text
    cancelled = client.post(f"/admin/programmes/{pid}/rounds/{round_id}/cancel",
                            data={"csrf": csrf, "confirm": "yes"})
    assert "is cancelled" in cancelled.text
    with services.unit_of_work() as session:
        assert session.get_one(Round, round_id).state == "cancelled"
    client.post(f"/admin/programmes/{pid}/rounds/run", data={"csrf": csrf, "confirm": "yes"})
    rounds = client.get(f"/admin/api/programmes/{pid}/rounds").json()
    live = [r for r in rounds if r["state"] != "cancelled"]
    assert len(live) == 1 and len(live[0]["groups"]) == 2
    # Every round's groups by default (the cancelled round's were removed); ?round=ID:
    # that round's groups only, here the cancelled round's none.
    assert [len(r["groups"]) for r in rounds] == [2, 0]
    one = client.get(f"/admin/api/programmes/{pid}/rounds?round={round_id}").json()
    assert [(r["id"], len(r["groups"])) for r in one] == [(live[0]["id"], 0), (round_id, 0)]
    assert [r["group_count"] for r in one] == [r["group_count"] for r in rounds]
    assert live[0]["quality"].startswith("Proven best")  # read back from the round record
    assert "Proven best" in client.get(f"/admin/programmes/{pid}/rounds").text
    # One group answers met; the other never answers.
    with services.unit_of_work() as session:
        first = live[0]["groups"][0]
        users = dict(session.execute(select(Participant.display_name, Participant.user_id)).all())
    met_user = users[first["members"][0]["name"]]
    match_id = _match_of(services, met_user)
    checkins.record_checkin(services, "slack", "T1", met_user, match_id=match_id, answer="met",
                            source="button")
    overview = client.get(f"/admin/api/programmes/{pid}").json()
    assert overview["rounds"][0]["met"] == 1 and overview["rounds"][0]["no_answer"] == 1
    # Four people: fewer than 5, so no rate; and the check-in is not due yet anyway.
    assert overview["rounds"][0]["met_rate"] is None
    assert overview["rounds"][0]["checkins_due"] is False
    assert sum(p["count"] for p in overview["met"]["pairs"]) == 1
    assert sum(p["count"] for p in overview["introduced"]["pairs"]) == 2
    page = client.get(f"/admin/programmes/{pid}")
    assert page.status_code == 200 and "<svg" in page.text
    assert "check-ins not yet due" in page.text and "Met rate: the share of a round" in page.text


def _match_of(services, user_id):
    from bot.store.models import Match, MatchMember

    with services.unit_of_work() as session:
        return session.scalar(select(Match.id).join(MatchMember).join(
            Participant, Participant.id == MatchMember.participant_id).where(
            Participant.user_id == user_id).order_by(Match.id.desc()))


def test_exports_have_a_bom_and_neutralise_formulas(client, services):
    sign_in(client)
    pid = _programme_id(services)
    with services.unit_of_work() as session:
        person = session.scalars(select(Participant).where(Participant.user_id == "U1")).one()
        person.profession = "=HYPERLINK(\"http://x\")"
    response = client.get(f"/admin/programmes/{pid}/export/participants.csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["participant", "profession"]
    assert "'=HYPERLINK(\"http://x\")" in [r[1] for r in rows]
    assert all("U1" not in cell for row in rows for cell in row)
    for kind in ("matches", "learnings", "evaluation"):
        assert client.get(f"/admin/programmes/{pid}/export/{kind}.csv").status_code == 200
    assert client.get(f"/admin/programmes/{pid}/export/secrets.csv").status_code == 404


def test_participants_filter_pause_and_remove_erases(client, services):
    csrf = sign_in(client)
    pid = _programme_id(services)
    page = client.get(f"/admin/programmes/{pid}/participants?profession=Manager")
    assert "2 of 4 participants shown" in page.text
    with services.unit_of_work() as session:
        u1 = session.scalars(select(Participant).where(Participant.user_id == "U1")).one().id
    paused = client.post(f"/admin/programmes/{pid}/participants/{u1}/pause", data={"csrf": csrf})
    assert "Person U1 is paused" in paused.text
    assert "1 of 4" in client.get(f"/admin/programmes/{pid}/participants?status=paused").text
    unticked = client.post(f"/admin/programmes/{pid}/participants/{u1}/remove",
                           data={"csrf": csrf})
    assert unticked.status_code == 400
    client.post(f"/admin/programmes/{pid}/participants/{u1}/remove",
                data={"csrf": csrf, "confirm": "yes"})
    with services.unit_of_work() as session:
        assert session.scalars(select(Participant).where(Participant.user_id == "U1")).all() == []
        actions = session.scalars(select(AuditEntry.action)).all()
    assert "participant.pause" in actions and "participant.remove" in actions
    audit = client.get(f"/admin/programmes/{pid}/audit")
    assert "Removed someone" in audit.text and "The operator (token)" in audit.text
    assert "Paused someone" in audit.text


def test_settings_form_saves_through_the_shared_parser(client, services):
    csrf = sign_in(client)
    pid = _programme_id(services)
    page = client.get(f"/admin/programmes/{pid}/settings")
    assert 'value="monthly first monday 10:00"' in page.text
    bad = client.post(f"/admin/programmes/{pid}/settings",
                      data={"csrf": csrf, "name": "Paired learning", "cadence": "sometimes"})
    assert bad.status_code == 400 and 'id="f-cadence-error"' in bad.text
    ok = client.post(f"/admin/programmes/{pid}/settings",
                     data={"csrf": csrf, "name": "Nurses/AHPs", "group_size": "3"})
    assert "Settings saved." in ok.text
    with services.unit_of_work() as session:
        programme = session.get_one(Programme, pid)
        assert (programme.name, programme.group_size) == ("Nurses/AHPs", 3)
    assert settings_as_text  # the form and the CLI share one parser
    assert SECRET  # the support module's key is long enough for the start's check


def test_a_session_expires(engine, services):
    import time

    client = make_client(engine, services, PAIRBOT_CONSOLE_SESSION_HOURS="0.001")  # 3.6 s
    sign_in(client)
    assert client.get("/admin/programmes", follow_redirects=False).status_code == 200
    time.sleep(4.5)
    expired = client.get("/admin/programmes", follow_redirects=False)
    assert expired.status_code == 303 and expired.headers["location"].startswith("/admin/login")


def test_a_tampered_cookie_is_ignored(client):
    sign_in(client)
    cookie = client.cookies.get("pairbot_console")
    client.cookies.clear()
    client.cookies.set("pairbot_console", cookie[:-3] + "xyz", path="/admin")
    assert client.get("/admin/programmes", follow_redirects=False).status_code == 303


def test_a_page_that_does_not_exist_is_one_sentence(client):
    sign_in(client)
    for path in ("/admin/programmes/abc", "/admin/nowhere", "/admin/programmes/999"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "Traceback" not in response.text and "detail" not in response.text
    assert "no such page" in client.get("/admin/programmes/abc").text
    assert client.get("/admin/api/programmes/abc").json() == {
        "error": "There is no such page in the console; start from the programmes."}


def test_the_rounds_page_shows_the_latest_groups_and_older_ones_on_request(client, services):
    import datetime as dt

    csrf = sign_in(client)
    pid = _programme_id(services)
    client.post(f"/admin/programmes/{pid}/rounds/run", data={"csrf": csrf, "confirm": "yes"})
    services.clock.at = services.clock.at + dt.timedelta(days=35)
    client.post(f"/admin/programmes/{pid}/rounds/run", data={"csrf": csrf, "confirm": "yes"})
    rounds = client.get(f"/admin/api/programmes/{pid}/rounds").json()
    assert [r["period"] for r in rounds] == ["2027-01", "2026-11"]
    page = client.get(f"/admin/programmes/{pid}/rounds").text
    assert "Groups of round January 2027" in page and "Groups of round November 2026" \
        not in page
    assert "Show the 2 groups of round November 2026" in page
    older = client.get(f"/admin/programmes/{pid}/rounds?round={rounds[1]['id']}").text
    assert "Groups of round November 2026" in older


def test_the_overview_and_export_show_the_change_before_and_after_suppressed_below_five(
        engine, services, client):
    from bot.core.evaluation import Stage
    from bot.services import evaluation

    for n in range(5, 9):
        participants.save_profile(services, "slack", "T1", f"U{n}", f"Person U{n}", None,
                                  ProfileInput("Nurse" if n % 2 else "Manager"))
    with services.unit_of_work() as session:
        people = list(session.scalars(select(Participant.id).order_by(Participant.id)))
    for pid in people:  # 8 people: role answered by all, values by only 4
        evaluation.record(services, pid, Stage.BASELINE, {"role": "2", "values": "1"})
        evaluation.record(services, pid, Stage.FOLLOW_UP,
                          {"role": "4", "values": "3" if pid <= people[3] else ""}, term=1)
    sign_in(client)
    pid = _programme_id(services)
    page = client.get(f"/admin/programmes/{pid}").text
    assert "Before and after" in page
    # Whole blocks of five people (complementary suppression): 8 answered, 5 are shown.
    assert ("<th scope=\"row\">Their role</th><td>5</td><td>2.0</td><td>4.0</td>"
            "<td>+2.0</td>") in page
    assert ("<th scope=\"row\">Their values</th><td colspan=\"4\">Fewer than 5 people "
            "answered before and after</td>") in page
    rows = list(csv.reader(io.StringIO(client.get(
        f"/admin/programmes/{pid}/export/evaluation.csv").content.decode("utf-8-sig"))))
    assert rows[0][:6] == ["part", "item", "people", "baseline", "follow_up", "change"]
    assert rows[1][:6] == ["before_and_after", "Their role", "5", "2.0", "4.0", "2.0"]
    assert rows[2][:6] == ["before_and_after", "Their values", "", "", "", ""]


def test_create_and_settings_forms_offer_every_setting_the_table_gives_the_console(
        client, services):
    from bot.core import settings as table

    sign_in(client)
    pid = _programme_id(services)
    keys = [s.key for s in table.for_form(table.Surface.CONSOLE)]
    assert "journey" in keys and "term_starts" in keys  # once missing from these forms
    for path in ("/admin/programmes/new", f"/admin/programmes/{pid}/settings"):
        page = client.get(path).text
        missing = [key for key in keys if f'name="{key}"' not in page]
        assert missing == [], f"{path} lacks {missing}"
    page = client.get(f"/admin/programmes/{pid}/settings").text
    assert "roles; values; challenges; barriers; shadowing; reflection" in page


def test_every_bad_setting_is_named_beside_its_field_and_in_the_summary(client, services):
    csrf = sign_in(client)
    pid = _programme_id(services)
    bad = client.post(f"/admin/programmes/{pid}/settings", data={
        "csrf": csrf, "name": "Paired learning", "cadence": "sometimes", "recency": "99",
        "journey": "roles; nonsense", "term_starts": "whenever"})
    assert bad.status_code == 400
    for key in ("cadence", "recency", "journey", "term_starts"):
        assert f'id="f-{key}-error"' in bad.text and f'href="#f-{key}"' in bad.text
    assert "Recency is 0 to 60 rounds." in bad.text
    ok = client.post(f"/admin/programmes/{pid}/settings", data={
        "csrf": csrf, "name": "Paired learning", "journey": "values; roles",
        "term_starts": "first wednesday of august"})
    assert "Settings saved." in ok.text
    with services.unit_of_work() as session:
        programme = session.get_one(Programme, pid)
        assert (programme.journey, programme.term_starts) == (
            "values; roles", "first wednesday of august")


def test_the_settings_form_saves_every_setting_it_offers_as_changed(client, services, tmp_path):
    from pathlib import Path

    from bot.core.instruments import load_catalogue
    from tests.test_settings_docs import CHANGED

    # The changed instrument (test-7) is one this deployment offers.
    fixture = Path(__file__).parents[1] / "core" / "fixtures" / "two-subscales.yaml"
    (tmp_path / "seven.yaml").write_text(fixture.read_text())
    services.instruments = load_catalogue(tmp_path)
    csrf = sign_in(client)
    pid = _programme_id(services)
    saved = client.post(f"/admin/programmes/{pid}/settings", data={"csrf": csrf, **CHANGED})
    assert "Settings saved." in saved.text
    shown = client.get(f"/admin/api/programmes/{pid}/settings").json()
    assert {k: shown[k] for k in CHANGED} == {k: v.replace("\n", "; ")
                                             for k, v in CHANGED.items()}
