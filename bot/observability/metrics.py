"""Prometheus metrics of one `pairbot serve` process, with prometheus_client.

Each app gets its own `CollectorRegistry` (tests build many apps in one
process). Code outside the web app (the platform gateways, the round runner,
the scheduler) records through the module functions below, which write to the
metrics of the running app (`install`) and do nothing when there is none
(`pairbot tick`, tests without an app).

Store-derived figures (outbox depth, oldest due message) are read at scrape
time through `bot.services.stats`, so the database is asked only when
Prometheus asks.

`pairbot serve` runs its scheduler in a process of its own (bot/worker.py). Both
processes then keep their figures in prometheus_client's multiprocess files
(`share_between_processes`), and the web process's /metrics adds them up, so
that a scrape sees the sends, rounds and leadership of the scheduler process.
"""

from __future__ import annotations

import logging
import platform as _platform
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    Info,
    generate_latest,
    multiprocess,
    values,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from bot import __version__

logger = logging.getLogger(__name__)

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
# Platform calls and HTTP requests: tens of milliseconds to the 30 s client timeout.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
# A round (claim, match, write) and the matcher: milliseconds to minutes for 100,000 people.
ROUND_BUCKETS = (0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300)
RATE_LIMITED = frozenset({"ratelimited", "rate_limited"})
C = TypeVar("C")
# prometheus_client's own variable: where each process of a multiprocess app writes.
MULTIPROCESS_DIR = "PROMETHEUS_MULTIPROC_DIR"


def share_between_processes(directory: str) -> None:
    """Keep this process's metrics, and those of the processes it starts (which inherit
    the variable), in `directory`, for one /metrics to add up (prometheus_client's
    multiprocess mode). Call before any Metrics is made; the directory must be empty."""
    global _shared
    from bot.config import set_for_child_processes

    set_for_child_processes(MULTIPROCESS_DIR, directory)
    # The library picks its value class from the variable when it is first imported; a
    # process that imported it before (a test's pre-imported fork) picks it again here.
    values.ValueClass = values.get_value_class()  # type: ignore[no-untyped-call]
    _shared = directory


_shared: str | None = None


def shared_directory() -> str | None:
    """The multiprocess directory this process's /metrics adds up, if any."""
    return _shared


def process_ended(pid: int) -> None:
    """A process that shared its metrics has ended: its gauges no longer count (its
    counters and histograms still do, so that totals never go down)."""
    if shared_directory() is not None:
        multiprocess.mark_process_dead(pid)  # type: ignore[no-untyped-call]


class Metrics:
    """Every metric of one app, in its own registry."""

    def __init__(self, *, store: Callable[[], StoreFigures] | None = None) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.build = Info("pairbot_build", "pairbot's version and the Python it runs on",
                          registry=r)
        self.build.info({"version": __version__, "python": _platform.python_version()})
        self.http_requests = Counter(
            "pairbot_http_requests", "HTTP requests answered, by route template and status",
            ["method", "route", "status"], registry=r)
        self.http_latency = Histogram(
            "pairbot_http_request_duration_seconds",
            "Time to answer an HTTP request, by route template",
            ["method", "route"], buckets=LATENCY_BUCKETS, registry=r)
        self.api_calls = Counter(
            "pairbot_platform_api_calls",
            "Calls to a chat platform's API (Slack Web API, Teams connector), by outcome",
            ["platform", "method", "outcome"], registry=r)
        self.api_latency = Histogram(
            "pairbot_platform_api_call_duration_seconds",
            "Time a chat platform's API took to answer, retries included",
            ["platform", "method"], buckets=LATENCY_BUCKETS, registry=r)
        self.rate_limited = Counter(
            "pairbot_platform_rate_limited",
            "HTTP 429 answers from a chat platform (each one, retried or not)",
            ["platform"], registry=r)
        self.retries = Counter(
            "pairbot_platform_retries",
            "Calls to a chat platform retried by the API client, by reason",
            ["platform", "reason"], registry=r)
        self.round_duration = Histogram(
            "pairbot_round_duration_seconds",
            "Time to run a round: claim it, match, write matches and outbox",
            buckets=ROUND_BUCKETS, registry=r)
        self.matcher_duration = Histogram(
            "pairbot_matcher_duration_seconds", "Time the matcher took for one round",
            buckets=ROUND_BUCKETS, registry=r)
        self.leader = Gauge(
            "pairbot_scheduler_leader",
            "1 while this process holds the scheduler leadership and runs the jobs, else 0",
            # Shared between the web and scheduler processes: 1 if either leads (only
            # the scheduler's can), counting live processes only.
            multiprocess_mode="livemax", registry=r)
        self._exposed = r
        if store is not None:
            r.register(_StoreCollector(store))
        directory = shared_directory()
        if directory is not None:
            # Counters, histograms and gauges from every process's files, added up; the
            # build and the database's figures from this process, at scrape time.
            self._exposed = CollectorRegistry()
            multiprocess.MultiProcessCollector(  # type: ignore[no-untyped-call]
                self._exposed, path=directory)
            self._exposed.register(self.build)
            if store is not None:
                self._exposed.register(_StoreCollector(store))

    def render(self) -> bytes:
        """The metrics in Prometheus' text format."""
        return generate_latest(self._exposed)


StoreFigures = dict[str, Any]


class _StoreCollector(Collector):
    """Gauges read from the database when Prometheus scrapes."""

    def __init__(self, read: Callable[[], StoreFigures]) -> None:
        self._read = read

    def collect(self) -> Iterator[GaugeMetricFamily]:
        up = GaugeMetricFamily("pairbot_database_up",
                               "1 when the last scrape could read the database, else 0")
        try:
            figures = self._read()
        except Exception as exc:  # a scrape must answer even when the database does not
            logger.warning("metrics: cannot read the database: %s", exc)
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        due = GaugeMetricFamily("pairbot_outbox_due_messages",
                                "Outbox messages waiting to be sent whose time has come")
        due.add_metric([], figures["due"])
        yield due
        sending = GaugeMetricFamily("pairbot_outbox_sending_messages",
                                    "Outbox messages claimed by a sender and not yet confirmed")
        sending.add_metric([], figures["sending"])
        yield sending
        age = GaugeMetricFamily("pairbot_outbox_oldest_due_age_seconds",
                                "How long the oldest due outbox message has waited (0 if none)")
        age.add_metric([], figures["oldest_due_age"])
        yield age
        for name, label, text in (
                ("pairbot_outbox_messages", "state", "Outbox messages by state"),
                ("pairbot_participants", "status", "Participants by status"),
                ("pairbot_rounds", "state", "Rounds by state")):
            family = GaugeMetricFamily(name, text, labels=[label])
            for key, value in sorted(figures["counts"].get(name, {}).items()):
                family.add_metric([key], value)
            yield family


# ------------------------------------------------------------------ the running app's metrics

_active: Metrics | None = None


def install(metrics: Metrics | None) -> None:
    """Make `metrics` the ones the recording functions write to (None: record nothing)."""
    global _active
    _active = metrics


def active() -> Metrics | None:
    """The metrics the recording functions write to, if any."""
    return _active


def _outcome(exc: BaseException) -> str:
    return str(getattr(exc, "code", None) or type(exc).__name__)


@contextmanager
def api_call(platform: str, method: str) -> Iterator[None]:
    """Time one call to a chat platform; an exception's `code` (or type) is its outcome."""
    started = time.perf_counter()
    try:
        yield
    except BaseException as exc:
        record_api_call(platform, method, time.perf_counter() - started, _outcome(exc))
        raise
    record_api_call(platform, method, time.perf_counter() - started, "ok")


def record_api_call(platform: str, method: str, seconds: float, outcome: str) -> None:
    """Count a finished platform call; a rate-limit outcome also counts as a 429."""
    m = _active
    if m is None:
        return
    m.api_calls.labels(platform, method, outcome).inc()
    m.api_latency.labels(platform, method).observe(seconds)
    if outcome in RATE_LIMITED:
        m.rate_limited.labels(platform).inc()


def record_retry(platform: str, reason: str) -> None:
    """Count a call the API client is about to retry (`reason` ratelimited: a 429)."""
    m = _active
    if m is None:
        return
    m.retries.labels(platform, reason).inc()
    if reason in RATE_LIMITED:
        m.rate_limited.labels(platform).inc()


@contextmanager
def matcher_timer() -> Iterator[None]:
    """Time one run of the matcher."""
    started = time.perf_counter()
    yield
    if _active is not None:
        _active.matcher_duration.observe(time.perf_counter() - started)


def observe_round(seconds: float) -> None:
    """Record how long a round took to run."""
    if _active is not None:
        _active.round_duration.observe(seconds)


def set_leader(leading: bool) -> None:
    """Whether this process runs the scheduler now."""
    if _active is not None:
        _active.leader.set(1 if leading else 0)


# ------------------------------------------------------------------ Slack's WebClient


class _CountingRetries:
    """A slack_sdk retry handler that counts each retry it grants."""

    def __init__(self, handler: Any) -> None:
        self._handler = handler

    def can_retry(self, **kwargs: Any) -> bool:
        return bool(self._handler.can_retry(**kwargs))

    def prepare_for_next_attempt(self, **kwargs: Any) -> None:
        response = kwargs.get("response")
        record_retry("slack", "ratelimited" if getattr(response, "status_code", None) == 429
                     else "connection")
        self._handler.prepare_for_next_attempt(**kwargs)


def instrument_slack_client(client: C) -> C:
    """Time every Web API call of a slack_sdk WebClient and count its retries and 429s."""
    web: Any = client
    web.retry_handlers = [_CountingRetries(h) for h in web.retry_handlers]
    call = web.api_call

    def timed(api_method: str, *args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            response = call(api_method, *args, **kwargs)
        except Exception as exc:
            answer = getattr(exc, "response", None)
            status = getattr(answer, "status_code", None)
            error = answer.get("error") if answer is not None and hasattr(answer, "get") else None
            outcome = "ratelimited" if status == 429 else str(error or type(exc).__name__)
            record_api_call("slack", api_method, time.perf_counter() - started, outcome)
            raise
        record_api_call("slack", api_method, time.perf_counter() - started, "ok")
        return response

    web.api_call = timed
    return client
