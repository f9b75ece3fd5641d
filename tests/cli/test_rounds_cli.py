"""`pairbot tick`, `pairbot round` and `pairbot demo` as a user runs them."""

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.core.profile import ProfileInput
from bot.runtime import build_services
from bot.services import participants
from bot.services.clock import FixedClock
from bot.store import migrate
from bot.store.db import make_engine
from bot.store.models import OutboxMessage, Round
from tests.support.proc import run_cli, run_pairbot


def _seed(url: str, people: int = 6) -> None:
    engine = make_engine(url)
    migrate.upgrade(engine)
    services = build_services(engine, FixedClock(dt.datetime(2026, 11, 1, tzinfo=dt.UTC)))
    professions = ["Nurse", "Manager", "Pharmacist"]
    for i in range(people):
        participants.save_profile(services, "slack", "T1", f"U{i}", f"Person {i}", None,
                                  ProfileInput(professions[i % 3]))
    engine.dispose()


def test_tick_runs_the_due_round_once_and_is_idempotent(database_url, tmp_path):
    _seed(database_url)
    env = {"DATABASE_URL": database_url}
    early = run_cli("tick", "--at", "2026-12-06T10:00:00Z", env=env, cwd=tmp_path)
    assert early.returncode == 0, early.stderr
    assert early.stdout.startswith("rounds run: 0 ")
    assert "heads-ups: 6;" in early.stdout  # a day before the round

    first = run_cli("tick", "--at", "2026-12-07T10:00:30+00:00", env=env, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "rounds run: 1 ['Paired learning 2026-12']" in first.stdout
    # Slack is not configured here: the intros wait in the outbox, and the user is told.
    assert "9 messages wait for a platform that is not configured here" in first.stdout
    second = run_cli("tick", "--at", "2026-12-07T10:00:30+00:00", env=env, cwd=tmp_path)
    assert "rounds run: 0 " in second.stdout

    engine = make_engine(database_url)
    with engine.connect() as conn:
        assert conn.scalar(select(func.count(Round.id))) == 1
        kinds = dict(conn.execute(select(OutboxMessage.kind, func.count())
                                  .group_by(OutboxMessage.kind)).all())
        assert kinds == {"headsup": 6, "intro": 3}
    engine.dispose()


def test_tick_rejects_a_bad_instant(tmp_path):
    result = run_pairbot("tick", "--at", "next tuesday", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "pairbot: --at: 'next tuesday' is not an ISO-8601 instant, e.g. 2026-12-07T10:00:00+00:00")


def test_round_preview_run_and_status(database_url, tmp_path):
    _seed(database_url)
    env = {"DATABASE_URL": database_url}
    preview = run_cli("round", "preview", "--programme", "paired learning", env=env,
                          cwd=tmp_path)
    assert preview.returncode == 0, preview.stderr
    assert "6 taking part, 0 paused or skipping." in preview.stdout
    assert "3 groups, 6 people introduced, 0 left out." in preview.stdout

    run = run_cli("round", "run", "--programme", "Paired learning", env=env, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    again = run_cli("round", "run", "--programme", "Paired learning", env=env, cwd=tmp_path)
    assert again.returncode == 1
    assert again.stderr.strip().endswith("round has already run.")

    status = run_cli("round", "status", "--programme", "Paired learning", env=env,
                         cwd=tmp_path)
    assert "sent 0, failed 0, pending 3, cancelled 0." in status.stdout

    missing = run_cli("round", "preview", "--programme", "Nope", env=env, cwd=tmp_path)
    assert missing.returncode == 2
    assert missing.stderr.strip() == (
        "pairbot: --programme: no programme called 'Nope'; known: Paired learning")


def test_the_demo_help_and_the_readme_say_the_same():
    from bot.cli.demo import WHAT_IT_SHOWS

    readme = " ".join((Path(__file__).parents[2] / "README.md").read_text("utf-8").split())
    for claim in ("150 people in 12 professions", "three programmes",
                  "three monthly rounds and the first round of the next term",
                  "what each person reads, day by day",
                  "the organisers' figures and the before-and-after evaluation"):
        assert claim in WHAT_IT_SHOWS and claim in readme, claim


@pytest.mark.slow  # the whole demo, about 20 s of CPU
def test_demo_runs_a_term_and_prints_every_kind_of_message_and_the_evaluation(tmp_path):
    result = run_pairbot("demo", cwd=tmp_path, timeout=240)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "150 people joined 'Paired learning'" in out
    assert "pairbot has introduced you for Paired learning" in out
    assert "Did you manage to meet for Paired learning?" in out
    assert "Paired learning: 150 participants (149 active), 4 rounds" in out
    assert "Junior doctors × managers: 28 participants" in out
    for kind in ("welcome", "questionnaire", "heads-up", "introduction", "check-in",
                 "what did you learn?", "no introduction this round", "paused"):
        assert f" · {kind} ──" in out, kind
    # Read as an organiser would: no operator lines, reactions as emoji, heads-ups on a
    # working day, the left-out told on the day of the round, learnings about a
    # profession that was met.
    assert "[tick]" not in out and "(met) met" not in out and "✅ met" in out
    assert "Sunday" not in out and "Saturday" not in out
    assert "Monday 7 December 2026, 10:16 UTC: round 1: once the introductions are out" in out
    left_out = out.split("round 1: once the introductions are out")[1].split("═" * 72)[1]
    assert "No introduction for you" in left_out
    assert "… and 7 more groups" in out
    assert "people who are a" not in out
    # The term: the same partners for three months, a theme each, the questions before
    # and after, and the change organisers see.
    assert "10 groups; the same partners every month: yes." in out
    for month in ("meeting 1 of term 1: Roles", "meeting 2 of term 1: Values",
                  "meeting 3 of term 1: Challenges"):
        assert month in out
    assert "Before your first meeting: five quick questions" in out
    assert "End of term: five quick questions" in out
    evaluation = out.split("Junior doctors × managers: 28 participants")[1]
    assert "Their role: " in evaluation and " people)" in evaluation
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []  # nothing left behind


@pytest.mark.slow  # the whole demo, about 20 s of CPU
def test_demo_keep_writes_a_past_term_and_says_how_to_open_the_console(tmp_path):
    path = tmp_path / "demo.db"
    result = run_cli("demo", "--keep", str(path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    *_, command, signin = result.stdout.strip().splitlines()
    assert signin.startswith("then sign in at http://localhost:3000/admin")
    env = dict(word.split("=", 1) for word in command.split()[:-2])
    assert command.split()[-2:] == ["pairbot", "serve"]
    assert env["DATABASE_URL"] == f"sqlite:///{path}"
    assert len(env["PAIRBOT_ADMIN_TOKEN"]) >= 32 and len(env["PAIRBOT_SECRET_KEY"]) >= 32
    engine = make_engine(env["DATABASE_URL"])
    with engine.connect() as conn:
        rounds = conn.scalar(select(func.count(Round.id)))
        latest = conn.scalar(select(func.max(OutboxMessage.created_at)))
    engine.dispose()
    assert rounds >= 4
    assert latest.replace(tzinfo=latest.tzinfo or dt.UTC) < dt.datetime.now(dt.UTC)
    again = run_cli("demo", "--keep", str(path), cwd=tmp_path)
    assert again.returncode == 1
    assert again.stderr.strip() == f"pairbot: --keep: {path} exists; give the name of a new file"
