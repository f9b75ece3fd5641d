import datetime as dt

import pytest

from bot.core.profile import ProfileInput
from bot.runtime import build_services
from bot.services import participants
from bot.services.clock import FixedClock
from tests.fakes.gateway import RecordingGateway

# A Monday evening a week before the default round (first Monday of December, 10:00 London).
START = dt.datetime(2026, 11, 30, 18, 0, tzinfo=dt.UTC)
ROUND_AT = dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock():
    return FixedClock(START)


@pytest.fixture
def gateway():
    return RecordingGateway()


@pytest.fixture
def services(engine, clock, gateway):
    services = build_services(engine, clock)
    services.gateways["slack"] = gateway
    return services


def join(services, user, profession, learn=(), intro="", workspace="T1", platform="slack"):
    result = participants.save_profile(
        services, platform, workspace, user, f"Name {user}", None,
        ProfileInput(profession, tuple(learn), intro),
    )
    assert isinstance(result, participants.Reply), result
    return result
