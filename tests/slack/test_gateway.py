"""The Slack gateway against FakeSlack: where messages go, failures, rate limits, recovery."""

from __future__ import annotations

import datetime as dt
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from itertools import combinations

import pytest
from sqlalchemy import select

from bot.core.intents import CheckIn, Intro, Notice, Person
from bot.runtime import build_services
from bot.services import rounds
from bot.services.clock import FixedClock
from bot.services.delivery import deliver_due
from bot.services.gateway import Outgoing, PermanentFailure, SentRef, TransientFailure
from bot.slack.gateway import Pacer, Pacing, Rate, SlackGateway, single_token
from bot.store.models import OutboxMessage
from tests.fakes.slack_api import FakeSlack
from tests.slack.conftest import FAST, ROUND_AT, START
from tests.slack.support import text_of

ADA, GRACE = Person("U1", "Ada", "Nurse"), Person("U2", "Grace", "Manager")
INTRO = Intro(match_id=7, programme="Paired learning", members=(ADA, GRACE),
              reasons=("Ada wants to learn about managers.",),
              icebreakers=("What surprised you?", "What slows you down?", "Why this job?"),
              checkin_on="Monday 21 December")


def gateway_for(fake: FakeSlack, pacing: Pacing = FAST, **options) -> SlackGateway:
    return SlackGateway(api_url=fake.url, tokens=single_token(FakeSlack.DEFAULT_TOKEN),
                        open_rate=pacing.open, post_rate=pacing.post, call_rate=pacing.call,
                        **options)


def intro_to(*users: str, key: str = "r1:m7:intro:group") -> Outgoing:
    return Outgoing(key=key, workspace="T1", intent=INTRO, users=users)


def test_an_intro_opens_one_group_dm_and_carries_its_key(fake):
    ref = gateway_for(fake).send(intro_to("U1", "U2"))
    group = fake.conversation_id("U1", "U2")
    assert ref.conversation == group
    [opened] = fake.calls_to("conversations.open")
    assert opened.params["users"] == "U1,U2"
    [message] = fake.messages(group)
    assert message["ts"] == ref.message_id
    assert message["metadata"] == {"event_type": "pairbot_message",
                                   "event_payload": {"key": "r1:m7:intro:group"}}
    assert "What slows you down?" in text_of(message)


def test_a_message_to_one_person_needs_no_conversations_open(fake):
    ref = gateway_for(fake).send(Outgoing(key="n1", workspace="T1", users=("U1",),
                                          intent=Notice("Hello")))
    assert ref.conversation == fake.conversation_id("U1")
    assert fake.calls_to("conversations.open") == []


def test_a_checkin_goes_to_the_intro_conversation(fake):
    gateway = gateway_for(fake)
    intro = gateway.send(intro_to("U1", "U2"))
    checkin = CheckIn(match_id=7, programme="Paired learning", members=(ADA, GRACE))
    ref = gateway.send(Outgoing(key="m7:checkin:group", workspace="T1", intent=checkin,
                                users=("U1", "U2"), conversation=intro.conversation))
    assert ref.conversation == intro.conversation
    assert len(fake.calls_to("conversations.open")) == 1
    gateway.update("T1", ref, CheckIn(match_id=7, programme="Paired learning",
                                      members=(ADA, GRACE), answers={"U1": "met"}))
    shown = next(m for m in fake.messages(intro.conversation) if m["ts"] == ref.message_id)
    assert "<@U1>: :white_check_mark: Met" in text_of(shown)
    gateway.update("T1", SentRef(intro.conversation, "1.000001"), checkin)  # logged, not raised


@pytest.mark.parametrize(("who", "expected"), [
    ("deleted", ("user_disabled", "U2")),
    ("unknown", ("user_not_found", "U9")),
    ("bot", ("cannot_dm_bot", "UBOT2")),
])
def test_people_slack_cannot_reach_are_permanent_failures_naming_them(fake, who, expected):
    fake.add_user("U1")
    if who == "deleted":
        fake.add_user("U2", deleted=True)
        users = ("U1", "U2")
    elif who == "unknown":
        users = ("U1", "U9")
    else:
        fake.add_user("UBOT2", is_bot=True)
        users = ("U1", "UBOT2")
    with pytest.raises(PermanentFailure) as failure:
        gateway_for(fake).send(intro_to(*users))
    assert (failure.value.code, failure.value.user_id) == expected
    assert fake.calls_to("chat.postMessage") == []


def test_one_person_who_is_gone_is_named_too(fake):
    with pytest.raises(PermanentFailure) as unknown:
        gateway_for(fake).send(Outgoing(key="n", workspace="T1", users=("U9",),
                                        intent=Notice("hi")))
    assert (unknown.value.code, unknown.value.user_id) == ("user_not_found", "U9")
    fake.add_user("U1")
    fake.fail("chat.postMessage", "account_inactive")
    with pytest.raises(PermanentFailure) as inactive:
        gateway_for(fake).send(Outgoing(key="n", workspace="T1", users=("U1",),
                                        intent=Notice("hi")))
    assert (inactive.value.code, inactive.value.user_id) == ("account_inactive", "U1")


def test_a_revoked_token_is_permanent_without_a_person(fake):
    fake.add_user("U1")
    fake.revoke_token(FakeSlack.DEFAULT_TOKEN)
    with pytest.raises(PermanentFailure) as failure:
        gateway_for(fake).send(Outgoing(key="n", workspace="T1", users=("U1",),
                                        intent=Notice("hi")))
    assert (failure.value.code, failure.value.user_id) == ("token_revoked", None)


def test_rate_limited_calls_wait_for_retry_after_then_succeed(fake):
    for user in ("U1", "U2"):
        fake.add_user(user)
    fake.fail("chat.postMessage", "ratelimited", times=1, retry_after=1)
    started = time.monotonic()
    ref = gateway_for(fake).send(intro_to("U1", "U2"))
    assert time.monotonic() - started >= 1.0  # slept Retry-After before the one retry
    posts = fake.calls_to("chat.postMessage")
    assert [c.status for c in posts] == [429, 200]
    assert len(fake.messages(ref.conversation)) == 1


def test_still_rate_limited_is_transient_with_retry_after(fake):
    for user in ("U1", "U2"):
        fake.add_user(user)
    fake.fail("conversations.open", "ratelimited", times=2, retry_after=1)
    with pytest.raises(TransientFailure) as failure:
        gateway_for(fake).send(intro_to("U1", "U2"))
    assert (failure.value.code, failure.value.retry_after) == ("ratelimited", 1.0)


def test_server_errors_and_odd_errors_are_transient(fake):
    for user in ("U1", "U2"):
        fake.add_user(user)
    gateway = gateway_for(fake)
    fake.fail("chat.postMessage", "service_unavailable", status=503)
    with pytest.raises(TransientFailure) as outage:
        gateway.send(intro_to("U1", "U2"))
    assert outage.value.code == "http_503"
    fake.fail("chat.postMessage", "fatal_error")
    with pytest.raises(TransientFailure) as odd:
        gateway.send(intro_to("U1", "U2"))
    assert odd.value.code == "fatal_error"
    assert fake.messages(fake.conversation_id("U1", "U2")) == []


def test_a_post_that_timed_out_after_slack_took_it_is_found_not_repeated(fake):
    for user in ("U1", "U2"):
        fake.add_user(user)
    release = threading.Event()
    fake.hold("chat.postMessage", release)  # Slack posts it; the answer never comes
    try:
        ref = gateway_for(fake, timeout=1).send(intro_to("U1", "U2"))
    finally:
        release.set()
    [message] = fake.messages(fake.conversation_id("U1", "U2"))
    assert ref == SentRef(fake.conversation_id("U1", "U2"), message["ts"])
    assert fake.calls_to("conversations.history")


def test_after_a_sender_died_mid_send_the_next_finds_the_message_by_metadata(engine, fake):
    for user in ("U1", "U2"):
        fake.add_user(user)
    from tests.services.conftest import join

    crashed = build_services(engine, FixedClock(START))
    crashed.gateways["slack"] = gateway_for(fake)
    crashed.worker_id = "dead-worker"
    join(crashed, "U1", "Nurse")
    join(crashed, "U2", "Manager")
    crashed.clock = FixedClock(ROUND_AT)
    rounds.run_round(crashed, 1)

    release = threading.Event()
    arrived = fake.hold("chat.postMessage", release)
    stuck = threading.Thread(target=deliver_due, args=(crashed,), daemon=True)
    stuck.start()
    try:
        assert arrived.wait(10)  # posted in Slack; the sender never hears back
        survivor = build_services(engine, FixedClock(ROUND_AT))
        survivor.gateways["slack"] = gateway_for(fake)
        survivor.wall = FixedClock(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=10))
        report = deliver_due(survivor)
    finally:
        release.set()
        stuck.join(10)
    assert (report.recovered, report.sent) == (1, 1)
    group = fake.conversation_id("U1", "U2")
    [message] = fake.messages(group)
    assert len(fake.calls_to("chat.postMessage")) == 1
    with survivor.unit_of_work() as session:
        row = session.scalars(select(OutboxMessage)).one()
        assert (row.state, row.ref_channel, row.ref_ts) == ("sent", group, message["ts"])


def test_find_sent_is_none_when_nothing_was_posted(fake):
    for user in ("U1", "U2"):
        fake.add_user(user)
    gateway = gateway_for(fake)
    gateway.send(intro_to("U1", "U2", key="other-key"))
    assert gateway.find_sent(intro_to("U1", "U2")) is None


def test_pacing_keeps_a_time_compressed_slack_from_ever_saying_ratelimited():
    with FakeSlack(rate_limits=True, compression=60) as fake:
        people = [f"U{n}" for n in range(1, 13)]
        for user in people:
            fake.add_user(user)
        gateway = gateway_for(fake, Pacing().compressed(60))
        pairs = list(combinations(people, 2))[:60]
        started = time.monotonic()
        with ThreadPoolExecutor(4) as pool:
            refs = list(pool.map(lambda p: gateway.send(intro_to(*p, key="-".join(p))), pairs))
        same_channel = [gateway.send(Outgoing(key=f"c{n}", workspace="T1", intent=Notice("x"),
                                              users=pairs[0], conversation=refs[0].conversation))
                        for n in range(5)]
        elapsed = time.monotonic() - started
        assert fake.ratelimited_count == 0
        assert len(same_channel) == 5 and len({r.conversation for r in refs}) == 60
        # 60 opens at 45 a (compressed) minute need a second window: at least 1 s.
        assert 1.0 <= elapsed < 5.0


def test_the_pacer_spaces_calls_per_key_and_counts_a_call_from_its_end():
    now = [0.0]
    slept: list[float] = []
    pacer = Pacer(Rate(2, 1.0), clock=lambda: now[0], sleep=slept.append)
    assert [pacer.reserve("a") for _ in range(5)] == [0.0, 0.0, 1.0, 1.0, 2.0]
    assert pacer.reserve("b") == 0.0
    now[0] = 10.0
    with pacer.pace("a") as waited:
        now[0] = 10.5  # a slow call: Slack may have counted it as late as this
    assert waited == 0.0 and slept == []
    with pacer.pace("a"):
        pass
    assert pacer.reserve("a") == 11.5  # a second after the first call *ended*, not began


def test_the_pacer_holds_across_threads():
    real = Pacer(Rate(3, 0.2))
    times: list[float] = []
    lock = threading.Lock()

    def call(_: int) -> None:
        with real.pace("k"), lock:
            times.append(time.monotonic())

    with ThreadPoolExecutor(6) as pool:
        list(pool.map(call, range(9)))
    times.sort()
    assert all(later - earlier >= 0.19 for earlier, later in zip(times, times[3:], strict=False))
