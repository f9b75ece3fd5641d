"""What one request costs the database: the statements of `/pair-me status` and of a ✅
reaction on a check-in, the two requests bench/load.py sends at 50 and 100 a second.

Counting statements (SQLAlchemy's before_cursor_execute) is deterministic, so these are
tests; time is left to bench/load.py (docs/benchmarks.md).
"""

from __future__ import annotations

import threading
import time

from sqlalchemy import func, select, update

from bot.services import checkins
from bot.store.models import Participant, ProcessedEvent, Workspace
from tests.services.test_scale import counted
from tests.slack.support import text_of
from tests.slack.test_checkins import answers, current, introduce


def test_status_reads_one_statement(slack, clock, engine):
    introduce(slack, clock)
    slack.wait()
    with counted(engine) as statements:
        reply = slack.command("status", user="U1")
        slack.wait()
    assert "Paired learning: active" in reply.json()["text"]
    # Their rows with programme, workspace and learning-log totals, which also give the
    # reader's language.
    assert len(statements) == 1, statements.sql
    assert statements.matching("INSERT") + statements.matching("UPDATE") == 0


def test_a_reaction_costs_a_few_statements_and_the_same_again_fewer(slack, clock, engine):
    group, _, checkin = introduce(slack, clock)
    slack.wait()
    item = {"type": "message", "channel": group, "ts": checkin["ts"]}
    with counted(engine) as statements:
        slack.event({"type": "reaction_added", "user": "U2", "reaction": "white_check_mark",
                     "item": item, "item_user": "UBOT", "event_ts": "1.0"})
        slack.wait()
    assert [a[1:] for a in answers(slack)] == [("met", "reaction")]
    assert "<@U2>: :white_check_mark: Met" in text_of(current(slack, checkin))
    # A first delivery is not looked up in processed_events; it is recorded once done.
    assert statements.matching("FROM processed_events") == 0
    assert statements.matching("INSERT INTO processed_events") == 1
    assert statements.matching("INSERT INTO checkin_answers") == 1
    assert statements.matching("INSERT INTO outbox") == 1  # the feedback request
    assert len(statements) <= 20, "\n".join(" ".join(s.split())[:90] for s in statements.sql)

    # The same reaction again (another event): the answer stands, nothing is redrawn.
    with counted(engine) as again:
        slack.event({"type": "reaction_added", "user": "U2", "reaction": "white_check_mark",
                     "item": item, "item_user": "UBOT", "event_ts": "2.0"})
        slack.wait()
    assert [a[1:] for a in answers(slack)] == [("met", "reaction")]
    # The check-in's match with its workspace, the person and their answer, in one
    # statement; the event.
    assert len(again) == 2, again.sql
    assert again.matching("INSERT INTO processed_events") == 1


def test_a_retried_event_is_looked_up_and_ignored(slack, clock, engine):
    group, _, checkin = introduce(slack, clock)
    item = {"type": "message", "channel": group, "ts": checkin["ts"]}
    event = {"type": "reaction_added", "user": "U2", "reaction": "x", "item": item,
             "item_user": "UBOT", "event_ts": "1.0"}
    slack.event(event, event_id="Ev0TWICE")
    slack.wait()
    with counted(engine) as statements:
        assert slack.event(event, event_id="Ev0TWICE", retry=1).status_code == 200
        slack.wait()
    assert len(statements) == 1 and statements.matching("FROM processed_events") == 1
    assert [a[1:] for a in answers(slack)] == [("not_happening", "reaction")]


def test_a_command_answers_at_once_while_a_burst_of_reactions_is_being_processed(
        slack, clock, monkeypatch):
    """More reactions in flight than Bolt has listener threads (32): `/pair-me status` is
    still acknowledged with its answer, well inside Slack's three seconds, and every
    reaction is processed once the work goes on."""
    group, intro, _ = introduce(slack, clock)
    slack.wait()
    release = threading.Event()
    record = checkins.record_checkin

    def slow(*args, **kwargs):
        release.wait(30)
        return record(*args, **kwargs)

    monkeypatch.setattr(checkins, "record_checkin", slow)
    # Reactions on the intro (not the check-in): each is looked at, none is an answer.
    item = {"type": "message", "channel": group, "ts": intro["ts"]}
    for i in range(40):
        assert slack.event({"type": "reaction_added", "user": "U2",
                            "reaction": "white_check_mark", "item": item,
                            "item_user": "UBOT", "event_ts": f"{i}.0"},
                           wait=False).status_code == 200
    started = time.monotonic()
    reply = slack.command("status", user="U1", wait=False)
    waited = time.monotonic() - started
    release.set()
    slack.wait()
    assert reply.status_code == 200 and "Paired learning: active" in reply.json()["text"]
    assert waited < 2.5
    assert answers(slack) == []
    with slack.services.unit_of_work() as session:
        assert session.scalar(select(func.count(ProcessedEvent.id))) == 40


def test_the_same_reaction_again_still_marks_the_person_and_the_workspace(slack, clock, engine):
    group, _, checkin = introduce(slack, clock)
    item = {"type": "message", "channel": group, "ts": checkin["ts"]}

    def react(kind: str, emoji: str, ts: str) -> None:
        slack.event({"type": kind, "user": "U2", "reaction": emoji, "item": item,
                     "item_user": "UBOT", "event_ts": ts})
        slack.wait()

    react("reaction_added", "white_check_mark", "1.0")
    # Marked since: the person as unresponsive, the workspace as uninstalled.
    with slack.services.unit_of_work() as session:
        session.execute(update(Participant).where(Participant.user_id == "U2")
                        .values(unresponsive_count=2))
        session.execute(update(Workspace).values(active=False))
    react("reaction_added", "white_check_mark", "2.0")
    with slack.services.unit_of_work() as session:
        assert session.scalar(select(Participant.unresponsive_count).where(
            Participant.user_id == "U2")) == 0
        assert session.scalar(select(Workspace.active)) is True
    # Taking back an answer that is not theirs (❌ was never given) changes nothing, in the
    # one statement; taking back their own withdraws it.
    with counted(engine) as statements:
        react("reaction_removed", "x", "3.0")
    assert [a[1:] for a in answers(slack)] == [("met", "reaction")]
    assert len(statements) == 2, statements.sql
    react("reaction_removed", "white_check_mark", "4.0")
    assert answers(slack) == []
