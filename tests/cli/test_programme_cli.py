"""`pairbot programme …` and `pairbot round cancel` as an operator runs them."""

import json

from sqlalchemy import select

from bot.store.db import make_engine
from bot.store.models import Programme, Round, Workspace
from tests.fakes.slack_api import FakeSlack
from tests.support.proc import run_cli


def test_create_show_set_and_list_before_any_event(database_url, tmp_path):
    env = {"DATABASE_URL": database_url}
    made = run_cli("programme", "create", "Nurses/AHPs", "--workspace", "T42",
                       "--platform", "slack", "group_size=3", "professions=Nurse;Physio;OT",
                       env=env, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert made.stdout.strip() == "Nurses/AHPs: created."

    shown = run_cli("programme", "show", "Nurses/AHPs", env=env, cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0] == "name: Nurses/AHPs"
    assert "group_size: 3" in lines and "professions: Nurse; Physio; OT" in lines
    assert "cadence: monthly first monday 10:00" in lines
    as_json = json.loads(run_cli("programme", "show", "nurses/ahps", "--format", "json",
                                     env=env, cwd=tmp_path).stdout)
    assert as_json["mode"] == "cross" and as_json["checkin_after"] == "14"

    changed = run_cli("programme", "set", "Nurses/AHPs", "checkin_after=10",
                          "cadence=weekly wednesday 12:30", env=env, cwd=tmp_path)
    assert changed.returncode == 0, changed.stderr
    bad = run_cli("programme", "set", "Nurses/AHPs", "group_size=9", env=env, cwd=tmp_path)
    assert bad.returncode == 2
    assert bad.stderr.strip() == "pairbot: group_size: Group size is 2, 3 or 4."
    junk = run_cli("programme", "set", "Nurses/AHPs", "group_size", env=env, cwd=tmp_path)
    assert junk.returncode == 2 and "is not KEY=VALUE" in junk.stderr
    twice = run_cli("programme", "create", "Nurses/AHPs", "--workspace", "T42",
                        env=env, cwd=tmp_path)
    assert twice.returncode == 1 and "already called 'Nurses/AHPs'" in twice.stderr
    missing = run_cli("programme", "show", "Nope", env=env, cwd=tmp_path)
    assert missing.returncode == 2
    assert missing.stderr.strip() == "pairbot: no programme called 'Nope'; known: Nurses/AHPs"

    listing = run_cli("programme", "list", env=env, cwd=tmp_path)
    assert listing.stdout.startswith("Nurses/AHPs\tSlack: T42\tcross\trunning\t0 participants")
    engine = make_engine(database_url)
    with engine.connect() as conn:
        row = conn.execute(select(Programme.checkin_after_days, Programme.cadence,
                                  Programme.group_size)).one()
        assert tuple(row) == (10, "weekly wednesday 12:30", 3)
    engine.dispose()
    assert "Traceback" not in bad.stderr + twice.stderr + missing.stderr


def test_a_single_workspace_install_finds_its_team_with_auth_test(database_url, tmp_path):
    with FakeSlack() as slack:
        env = {"DATABASE_URL": database_url, "SLACK_BOT_TOKEN": "xoxb-test",
               "SLACK_SIGNING_SECRET": "s", "SLACK_API_URL": slack.url}
        made = run_cli("programme", "create", "Junior doctors × Managers",
                           "mode=two-sided", "side_a=Junior doctors",
                           "side_a_professions=FY1 doctor;FY2 doctor", "side_b=Managers",
                           "side_b_professions=Service manager", "capacity=4",
                           env=env, cwd=tmp_path)
        assert made.returncode == 0, made.stderr
        assert [c.method for c in slack.calls] == ["auth.test"]
    engine = make_engine(database_url)
    with engine.connect() as conn:
        workspace = conn.execute(select(Workspace.platform, Workspace.external_id,
                                        Workspace.name)).one()
        assert tuple(workspace) == ("slack", "T1", "Pairbot Test")
        programme = conn.execute(select(Programme.mode, Programme.capacity,
                                        Programme.side_names)).one()
        assert tuple(programme) == ("two-sided", 4, {"A": "Junior doctors", "B": "Managers"})
    engine.dispose()


def test_without_any_workspace_create_says_how_to_name_one(database_url, tmp_path):
    result = run_cli("programme", "create", "X", env={"DATABASE_URL": database_url},
                         cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "pairbot: --workspace: no workspace is known yet; give the Slack team id or Teams "
        "tenant id with --workspace ID")


def test_round_cancel_frees_the_period_of_a_round_that_sent_nothing(database_url, tmp_path):
    env = {"DATABASE_URL": database_url}
    assert run_cli("programme", "create", "Empty", "--workspace", "T1", "--platform",
                       "slack", env=env, cwd=tmp_path).returncode == 0
    ran = run_cli("round", "run", "--programme", "Empty", env=env, cwd=tmp_path)
    assert ran.returncode == 0, ran.stderr
    cancelled = run_cli("round", "cancel", "--programme", "Empty", env=env, cwd=tmp_path)
    assert cancelled.returncode == 0, cancelled.stderr
    assert "is cancelled; nothing was sent" in cancelled.stdout
    again = run_cli("round", "run", "--programme", "Empty", env=env, cwd=tmp_path)
    assert again.returncode == 0, again.stderr  # the month is not used up
    nothing = run_cli("round", "cancel", "--programme", "Empty", env=env, cwd=tmp_path)
    assert nothing.returncode == 0  # the second run sent nothing either (no platform here)
    none_left = run_cli("round", "cancel", "--programme", "Empty", env=env, cwd=tmp_path)
    assert none_left.returncode == 1
    assert none_left.stderr.strip() == "pairbot: There is no round to cancel."
    engine = make_engine(database_url)
    with engine.connect() as conn:
        assert sorted(conn.scalars(select(Round.state))) == ["cancelled", "cancelled"]
    engine.dispose()


def test_the_added_settings_are_set_shown_and_every_bad_one_named_on_one_line(
        database_url, tmp_path):
    env = {"DATABASE_URL": database_url}
    made = run_cli("programme", "create", "Wards", "--workspace", "T42", "--platform",
                       "slack", "availability=off", "language=cy+en", "slots=5",
                       "profession_map=Nursing=Nurse;Medical and Dental=Doctor",
                       env=env, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    lines = run_cli("programme", "show", "Wards", env=env, cwd=tmp_path).stdout.splitlines()
    for line in ("availability: off", "language: cy+en", "slots: 5", "holidays: england",
                 "profession_map: Nursing=Nurse; Medical and Dental=Doctor",
                 "instrument: pairbot-5", "unmet_counts_as_repeat: no"):
        assert line in lines
    bad = run_cli("programme", "set", "Wards", "slots=9", "holidays=mars", env=env,
                      cwd=tmp_path)
    assert bad.returncode == 2
    assert bad.stderr.strip() == (
        "pairbot: slots: Enter a whole number from 0 to 5. holidays: Choose england, wales, "
        "scotland, northern-ireland or none.")


def test_create_with_slack_and_teams_configured_asks_for_the_platform_once(database_url,
                                                                            tmp_path):
    tenant = "7a1f0000-0000-4000-8000-00000000beef"
    with FakeSlack() as slack:
        env = {"DATABASE_URL": database_url, "SLACK_BOT_TOKEN": "xoxb-test",
               "SLACK_SIGNING_SECRET": "s", "SLACK_API_URL": slack.url,
               "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID": "app-1",
               "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTSECRET": "secret",
               "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__TENANTID": tenant}
        unsure = run_cli("programme", "create", "Wards", env=env, cwd=tmp_path)
        assert unsure.returncode == 2
        assert unsure.stderr.strip() == (
            "pairbot: --platform: both a Slack workspace and a Teams tenant are configured; "
            "add --platform slack or --platform teams")
        made = run_cli("programme", "create", "Wards", "--platform", "teams", env=env,
                       cwd=tmp_path)
        assert made.returncode == 0, made.stderr
        assert slack.calls == []
    # Once one workspace exists it is the only one known, and is used without a flag.
    again = run_cli("programme", "create", "Theatres", env=env, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    engine = make_engine(database_url)
    with engine.connect() as conn:
        rows = conn.execute(select(Programme.name, Workspace.platform, Workspace.external_id)
                            .join(Workspace, Workspace.id == Programme.workspace_id)
                            .order_by(Programme.name)).all()
    engine.dispose()
    assert [tuple(r) for r in rows] == [("Theatres", "teams", tenant), ("Wards", "teams", tenant)]


def test_an_instrument_the_deployment_does_not_offer_is_refused_in_one_line(database_url,
                                                                          tmp_path):
    env = {"DATABASE_URL": database_url}
    refused = run_cli("programme", "create", "Wards", "--workspace", "T42", "--platform",
                      "slack", "instrument=isvs-21", env=env, cwd=tmp_path)
    assert refused.returncode == 2
    assert refused.stderr.strip() == (
        "pairbot: instrument: There is no evaluation instrument 'isvs-21'; this deployment "
        "offers pairbot-5.")
    made = run_cli("programme", "create", "Wards", "--workspace", "T42", "--platform", "slack",
                   env=env, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    changed = run_cli("programme", "set", "Wards", "instrument=isvs-21", env=env, cwd=tmp_path)
    assert changed.returncode == 2 and "no evaluation instrument 'isvs-21'" in changed.stderr
    shown = run_cli("programme", "show", "Wards", env=env, cwd=tmp_path).stdout.splitlines()
    assert "instrument: pairbot-5" in shown  # nothing was stored
