"""The fake Slack, driven by the real slack_sdk WebClient over loopback HTTP."""

from __future__ import annotations

import json
import threading
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

from tests.fakes.slack_api import FakeSlack


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        fake.add_user("U1", name="ada", real_name="Ada Lovelace")
        fake.add_user("U2", name="grace", real_name="Grace Hopper")
        fake.add_user("U3", name="alan", real_name="Alan Turing")
        yield fake


def client_for(fake: FakeSlack, token: str = "xoxb-test", **kwargs) -> WebClient:
    return WebClient(token=token, base_url=fake.url, **kwargs)


def error_of(call) -> SlackApiError:
    with pytest.raises(SlackApiError) as info:
        call()
    return info.value


def test_url_is_a_base_url_for_the_sdk(slack: FakeSlack) -> None:
    assert slack.url.startswith("http://127.0.0.1:")
    assert slack.url.endswith("/api/")
    assert client_for(slack).auth_test()["user_id"] == "UBOT"


# ------------------------------------------------------------------ messages


def test_posted_messages_come_back_newest_first_with_metadata_only_on_request(
    slack: FakeSlack,
) -> None:
    client = client_for(slack)
    dm = client.conversations_open(users="U1")["channel"]["id"]
    posted = [
        client.chat_postMessage(
            channel=dm,
            text=f"intro {n}",
            blocks=[{"type": "section", "text": {"type": "mrkdwn", "text": f"intro {n}"}}],
            metadata={"event_type": "pairbot_outbox", "event_payload": {"key": f"r1:m{n}"}},
        )
        for n in range(3)
    ]

    assert [p["channel"] for p in posted] == [dm] * 3
    assert posted[0]["message"]["metadata"]["event_payload"] == {"key": "r1:m0"}
    timestamps = [p["ts"] for p in posted]
    assert len(set(timestamps)) == 3
    assert [float(t) for t in timestamps] == sorted(float(t) for t in timestamps)

    with_metadata = client.conversations_history(channel=dm, include_all_metadata=True)
    assert [m["ts"] for m in with_metadata["messages"]] == timestamps[::-1]
    assert [m["metadata"] for m in with_metadata["messages"]] == [
        {"event_type": "pairbot_outbox", "event_payload": {"key": f"r1:m{n}"}} for n in (2, 1, 0)
    ]
    assert with_metadata["messages"][0]["blocks"][0]["text"]["text"] == "intro 2"
    assert with_metadata["messages"][0]["bot_id"] == client.auth_test()["bot_id"]

    plain = client.conversations_history(channel=dm)
    assert all("metadata" not in m for m in plain["messages"])

    stored = slack.messages(dm)
    assert [m["text"] for m in stored] == ["intro 0", "intro 1", "intro 2"]
    assert stored[0]["metadata"]["event_type"] == "pairbot_outbox"


def test_history_pages_and_filters_by_time(slack: FakeSlack) -> None:
    client = client_for(slack)
    dm = client.conversations_open(users="U1")["channel"]["id"]
    ts = [client.chat_postMessage(channel=dm, text=str(n))["ts"] for n in range(5)]

    first = client.conversations_history(channel=dm, limit=2)
    assert [m["text"] for m in first["messages"]] == ["4", "3"]
    assert first["has_more"] is True
    cursor = first["response_metadata"]["next_cursor"]
    second = client.conversations_history(channel=dm, limit=2, cursor=cursor)
    assert [m["text"] for m in second["messages"]] == ["2", "1"]

    window = client.conversations_history(channel=dm, oldest=ts[1], latest=ts[3])
    assert [m["text"] for m in window["messages"]] == ["2"]
    inclusive = client.conversations_history(channel=dm, oldest=ts[1], latest=ts[3], inclusive=True)
    assert [m["text"] for m in inclusive["messages"]] == ["3", "2", "1"]


def test_deterministic_timestamps_with_ts_base() -> None:
    with FakeSlack(ts_base=1700000000.0) as fake:
        fake.add_user("U1")
        client = client_for(fake)
        first = client.chat_postMessage(channel="U1", text="a")
        second = client.chat_postMessage(channel="U1", text="b")
    assert (first["ts"], second["ts"]) == ("1700000000.000100", "1700000000.000200")


def test_posting_to_a_user_id_lands_in_the_bots_dm(slack: FakeSlack) -> None:
    client = client_for(slack)
    posted = client.chat_postMessage(channel="U2", text="hello")
    assert posted["channel"] == slack.conversation_id("U2")
    assert posted["channel"].startswith("D")


def test_chat_update_replaces_the_stored_message(slack: FakeSlack) -> None:
    client = client_for(slack)
    posted = client.chat_postMessage(channel="U1", text="Did you meet?")
    updated = client.chat_update(
        channel=posted["channel"],
        ts=posted["ts"],
        text="Thanks, recorded: met",
        blocks=[{"type": "section", "text": {"type": "plain_text", "text": "Recorded: met"}}],
    )

    assert updated["ts"] == posted["ts"]
    assert updated["message"]["text"] == "Thanks, recorded: met"
    [stored] = slack.messages(posted["channel"])
    assert stored["text"] == "Thanks, recorded: met"
    assert stored["blocks"][0]["text"]["text"] == "Recorded: met"
    assert "edited" in stored

    missing = error_of(
        lambda: client.chat_update(channel=posted["channel"], ts="1.000001", text="x")
    )
    assert missing.response["error"] == "message_not_found"


def test_delete_and_ephemeral(slack: FakeSlack) -> None:
    client = client_for(slack)
    posted = client.chat_postMessage(channel="U1", text="oops")
    client.chat_delete(channel=posted["channel"], ts=posted["ts"])
    assert slack.messages(posted["channel"]) == []

    ephemeral = client.chat_postEphemeral(channel=posted["channel"], user="U1", text="only you")
    assert ephemeral["message_ts"]
    assert slack.ephemeral_messages(posted["channel"])[0]["text"] == "only you"


def test_message_validation_matches_slack(slack: FakeSlack) -> None:
    client = client_for(slack)
    with pytest.warns(UserWarning, match="text"):
        no_text = error_of(lambda: client.chat_postMessage(channel="U1"))
    assert no_text.response["error"] == "no_text"
    assert (
        error_of(lambda: client.chat_postMessage(channel="C404", text="x")).response["error"]
        == "channel_not_found"
    )
    slack.add_channel("C1", name="general", members=["U1"])
    assert (
        error_of(lambda: client.chat_postMessage(channel="C1", text="x")).response["error"]
        == "not_in_channel"
    )
    bad_metadata = error_of(
        lambda: client.chat_postMessage(channel="U1", text="x", metadata={"event_payload": {}})
    )
    assert bad_metadata.response["error"] == "invalid_metadata_schema"


# -------------------------------------------------------------- conversations


def test_conversations_open_is_deterministic(slack: FakeSlack) -> None:
    client = client_for(slack)
    dm = client.conversations_open(users="U1")
    assert dm["channel"]["id"].startswith("D")
    assert "already_open" not in dm.data
    again = client.conversations_open(users="U1")
    assert again["channel"]["id"] == dm["channel"]["id"]
    assert again["already_open"] is True

    group = client.conversations_open(users="U1,U2,U3")["channel"]["id"]
    reordered = client.conversations_open(users=["U3", "U1", "U2"])["channel"]["id"]
    assert group == reordered
    assert group.startswith("G")
    assert group != client.conversations_open(users="U1,U2")["channel"]["id"]
    assert group == slack.conversation_id("U2", "U3", "U1")

    members = client.conversations_members(channel=group)["members"]
    assert sorted(members) == ["U1", "U2", "U3", "UBOT"]

    with FakeSlack() as other:
        for user in ("U1", "U2", "U3"):
            other.add_user(user)
        other_client = client_for(other)
        assert other_client.conversations_open(users="U2,U1,U3")["channel"]["id"] == group


def test_conversations_open_refuses_people_slack_would_refuse(slack: FakeSlack) -> None:
    slack.add_user("U8", deleted=True)
    slack.add_user("B1", is_bot=True)
    client = client_for(slack)

    def open_error(users: str) -> str:
        return error_of(lambda: client.conversations_open(users=users)).response["error"]

    assert open_error("U404") == "user_not_found"
    assert open_error("U8") == "user_disabled"
    assert open_error("B1") == "cannot_dm_bot"
    assert open_error(",".join(f"U{n}" for n in range(10, 19))) == "too_many_users"


# ---------------------------------------------------------- failure injection


def test_injected_errors_surface_as_slack_api_errors(slack: FakeSlack) -> None:
    client = client_for(slack)
    slack.fail("conversations.open", "user_not_found", when=lambda p: "U2" in p["users"])
    slack.fail("chat.postMessage", "channel_not_found", times=None)
    slack.fail("users.info", "internal_error", status=500)

    assert client.conversations_open(users="U1")["ok"]
    rejected = error_of(lambda: client.conversations_open(users="U1,U2"))
    assert rejected.response["error"] == "user_not_found"
    assert client.conversations_open(users="U1,U2")["ok"], "times=1 fails once"

    for _ in range(3):
        assert (
            error_of(lambda: client.chat_postMessage(channel="U1", text="x")).response["error"]
            == "channel_not_found"
        )
    assert slack.messages() == []

    outage = error_of(lambda: client.users_info(user="U1"))
    assert outage.response.status_code == 500
    assert outage.response["error"] == "internal_error"
    assert client.users_info(user="U1")["user"]["real_name"] == "Ada Lovelace"

    errors = [c.error for c in slack.calls_to("conversations.open")]
    assert errors == [None, "user_not_found", None]


def test_injected_429_is_retried_by_the_sdk_rate_limit_handler(slack: FakeSlack) -> None:
    slack.fail("chat.postMessage", "ratelimited", status=429, retry_after=1)
    client = client_for(slack, retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=1)])

    started = time.monotonic()
    posted = client.chat_postMessage(channel="U1", text="hello")
    elapsed = time.monotonic() - started

    assert posted["ok"]
    assert elapsed >= 1.0, "the handler waited Retry-After before retrying"
    calls = slack.calls_to("chat.postMessage")
    assert [c.status for c in calls] == [429, 200]
    assert calls[0].response == {"ok": False, "error": "ratelimited"}
    assert slack.ratelimited_count == 1
    assert len(slack.messages()) == 1


def test_hold_keeps_the_effect_but_loses_the_reply(slack: FakeSlack) -> None:
    release = threading.Event()
    arrived = slack.hold("chat.postMessage", release)
    impatient = client_for(slack, timeout=1)

    with pytest.raises(TimeoutError):
        impatient.chat_postMessage(
            channel="U1",
            text="intro",
            metadata={"event_type": "pairbot_outbox", "event_payload": {"key": "k1"}},
        )
    assert arrived.is_set()
    release.set()

    history = client_for(slack).conversations_history(
        channel=slack.conversation_id("U1"), include_all_metadata=True
    )
    assert [m["metadata"]["event_payload"]["key"] for m in history["messages"]] == ["k1"]


# ---------------------------------------------------------------- rate limits


def test_tier_limits_are_enforced_in_compressed_time() -> None:
    with FakeSlack(rate_limits=True, compression=6.0) as fake:  # a minute lasts 10 s
        client = client_for(fake)
        assert fake.limit_for("team.info") == 50  # Tier 3
        for _ in range(50):
            client.team_info()
        limited = error_of(client.team_info)
        assert limited.response.status_code == 429
        assert limited.response["error"] == "ratelimited"
        assert 1 <= int(limited.response.headers["Retry-After"]) <= 10
        assert fake.ratelimited_count == 1
        assert fake.served_counts() == {"team.info": 50}
        assert client.users_list()["ok"], "buckets are per method"
        fake.add_token("xoxb-other-workspace", team_id="T2", bot_user_id="UBOT2")
        assert client_for(fake, "xoxb-other-workspace").team_info()["ok"], "and per token"


def test_sdk_rate_limit_handler_waits_out_an_enforced_limit() -> None:
    with FakeSlack(rate_limits=True, compression=60.0, method_limits={"team.info": 2}) as fake:
        client = client_for(fake, retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=2)])
        started = time.monotonic()
        for _ in range(3):
            assert client.team_info()["ok"]
        assert time.monotonic() - started >= 1.0
        assert [c.status for c in fake.calls_to("team.info")] == [200, 200, 429, 200]
        assert fake.calls_to("team.info")[2].error == "ratelimited"


def test_post_message_is_limited_per_channel() -> None:
    with FakeSlack(rate_limits=True, compression=2.0, fractional_retry_after=True) as fake:
        for user in ("U1", "U2"):
            fake.add_user(user)
        client = client_for(fake)
        client.chat_postMessage(channel="U1", text="first")
        limited = error_of(lambda: client.chat_postMessage(channel="U1", text="second"))
        retry_after = float(limited.response.headers["Retry-After"])
        assert 0 < retry_after <= 0.5
        assert client.chat_postMessage(channel="U2", text="elsewhere")["ok"]

        time.sleep(retry_after)
        assert client.chat_postMessage(channel="U1", text="second")["ok"]
        dm = fake.conversation_id("U1")
        assert fake.served_counts()[f"chat.postMessage:{dm}"] == 2


def test_method_limits_override_a_tier() -> None:
    with FakeSlack(
        rate_limits=True, compression=60.0, method_limits={"conversations.history": 1}
    ) as fake:
        fake.add_user("U1")
        client = client_for(fake)
        dm = client.conversations_open(users="U1")["channel"]["id"]
        client.conversations_history(channel=dm)
        assert (
            error_of(lambda: client.conversations_history(channel=dm)).response["error"]
            == "ratelimited"
        )


def test_floor_seconds_is_the_slowest_bucket() -> None:
    fake = FakeSlack(rate_limits=True, compression=60.0)
    assert fake.floor_seconds({"conversations.open": 50}) == 0.0
    assert fake.floor_seconds({"conversations.open": 51}) == 1.0
    assert fake.floor_seconds({"conversations.open": 101, "users.list": 41}) == 2.0
    assert fake.floor_seconds({"chat.postMessage": 500}) == 0.0
    assert fake.floor_seconds({"chat.postMessage:D1": 7}) == pytest.approx(6 / 60)
    assert FakeSlack(rate_limits=False).floor_seconds({"users.list": 1000}) == 0.0


def test_latency_delays_every_reply() -> None:
    with FakeSlack(latency=0.05) as fake:
        started = time.monotonic()
        client_for(fake).auth_test()
        assert time.monotonic() - started >= 0.05


# -------------------------------------------------------------- auth, views


def test_tokens_are_checked(slack: FakeSlack) -> None:
    assert error_of(client_for(slack, "xoxb-wrong").auth_test).response["error"] == "invalid_auth"
    assert error_of(WebClient(base_url=slack.url).auth_test).response["error"] == "not_authed"

    slack.add_token("xoxb-other", team_id="T2", bot_user_id="UBOT2")
    assert client_for(slack, "xoxb-other").auth_test()["team_id"] == "T2"
    slack.revoke_token("xoxb-other")
    assert error_of(client_for(slack, "xoxb-other").auth_test).response["error"] == "token_revoked"


def test_token_as_a_form_field(slack: FakeSlack) -> None:
    body = urlencode({"token": "xoxb-test", "user": "U1"}).encode()
    request = urllib.request.Request(slack.url + "users.info", data=body)
    with urllib.request.urlopen(request, timeout=5) as reply:
        assert reply.headers["Content-Type"].startswith("application/json")
        payload = json.load(reply)
    assert payload["user"]["name"] == "ada"
    assert slack.calls_to("users.info")[0].params == {"user": "U1"}


def test_unknown_method(slack: FakeSlack) -> None:
    rejected = error_of(lambda: client_for(slack).api_call("pairs.make"))
    assert rejected.response["error"] == "unknown_method"


def test_views_and_home_tab(slack: FakeSlack) -> None:
    client = client_for(slack)
    trigger = slack.issue_trigger_id()
    modal = {
        "type": "modal",
        "callback_id": "profile",
        "title": {"type": "plain_text", "text": "Your profile"},
        "blocks": [],
    }
    opened = client.views_open(trigger_id=trigger, view=modal)["view"]
    assert opened["callback_id"] == "profile"
    reused = error_of(lambda: client.views_open(trigger_id=trigger, view=modal))
    assert reused.response["error"] == "exchanged_trigger_id"

    updated = client.views_update(view_id=opened["id"], hash=opened["hash"], view=modal)["view"]
    stale = error_of(
        lambda: client.views_update(view_id=opened["id"], hash=opened["hash"], view=modal)
    )
    assert updated["id"] == opened["id"]
    assert stale.response["error"] == "hash_conflict"
    assert client.views_push(trigger_id="123.456.abc", view=modal)["view"]["id"] != opened["id"]

    home = {
        "type": "home",
        "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "1"}}],
    }
    client.views_publish(user_id="U1", view=home)
    home["blocks"][0]["text"]["text"] = "2"
    client.views_publish(user_id="U1", view=home)
    assert slack.home_view("U1")["blocks"][0]["text"]["text"] == "2"
    assert slack.home_view("U2") is None


def test_oauth_code_exchange_installs_a_workspace() -> None:
    with FakeSlack(client_id="111.222", client_secret="shh") as fake:
        fake.add_oauth_code("code-1", team_id="T9", bot_token="xoxb-t9", team_name="Hospital")
        anonymous = WebClient(base_url=fake.url)

        install = anonymous.oauth_v2_access(client_id="111.222", client_secret="shh", code="code-1")
        assert install["access_token"] == "xoxb-t9"
        assert install["token_type"] == "bot"
        assert install["team"] == {"id": "T9", "name": "Hospital"}
        assert install["authed_user"]["id"] == "UINSTALLER"
        assert client_for(fake, "xoxb-t9").auth_test()["team"] == "Hospital"

        again = error_of(
            lambda: anonymous.oauth_v2_access(
                client_id="111.222", client_secret="shh", code="code-1"
            )
        )
        assert again.response["error"] == "invalid_code"
        wrong = error_of(
            lambda: anonymous.oauth_v2_access(client_id="111.222", client_secret="x", code="c")
        )
        assert wrong.response["error"] == "bad_client_secret"


def test_users_and_reactions(slack: FakeSlack) -> None:
    client = client_for(slack)
    info = client.users_info(user="U1")["user"]
    assert info["real_name"] == "Ada Lovelace"
    assert info["tz"] == "Europe/London"
    assert info["tz_offset"] in (0, 3600)
    assert error_of(lambda: client.users_info(user="U404")).response["error"] == "user_not_found"

    page = client.users_list(limit=2)
    rest = client.users_list(limit=2, cursor=page["response_metadata"]["next_cursor"])
    ids = [u["id"] for u in page["members"] + rest["members"]]
    assert sorted(ids) == ["U1", "U2", "U3", "UBOT"]

    posted = client.chat_postMessage(channel="U1", text="Did you meet?")
    slack.add_reaction(posted["channel"], posted["ts"], "white_check_mark", "U1")
    got = client.reactions_get(channel=posted["channel"], timestamp=posted["ts"])
    assert got["message"]["reactions"] == [
        {"name": "white_check_mark", "users": ["U1"], "count": 1}
    ]


def test_concurrent_posts_get_unique_timestamps(slack: FakeSlack) -> None:
    client = client_for(slack)
    with ThreadPoolExecutor(max_workers=8) as pool:
        replies = list(
            pool.map(lambda n: client.chat_postMessage(channel="U1", text=str(n)), range(40))
        )
    assert len({r["ts"] for r in replies}) == 40
    assert len(slack.messages()) == 40
    assert len(slack.calls_to("chat.postMessage")) == 40


def test_wait_for_calls_wakes_at_the_call_that_reaches_the_count(slack: FakeSlack) -> None:
    client = client_for(slack)
    assert slack.wait_for_calls("users.info", 1, timeout=0.05) is False
    woke: list[float] = []

    def waiter() -> None:
        if slack.wait_for_calls("users.info", 2, timeout=10):
            woke.append(time.monotonic())

    thread = threading.Thread(target=waiter)
    thread.start()
    client.users_info(user="U1")
    time.sleep(0.2)
    assert woke == []  # one call of two
    client.auth_test()  # another method does not count
    client.users_info(user="U2")
    sent = time.monotonic()
    thread.join(timeout=10)
    assert woke and woke[0] - sent < 1
    assert len(slack.calls_to("users.info")) == 2
    slack.reset_calls()
    assert slack.wait_for_calls("users.info", 1, timeout=0.05) is False
