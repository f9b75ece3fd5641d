"""One feedback scale: the label a person picks in Slack or in Teams means the same score,
and the statistics average answers from both."""

import pytest
from sqlalchemy import select

from bot.core.intents import FeedbackRequest
from bot.services import checkins, jobs, stats
from bot.services.clock import FixedClock
from bot.slack import blocks
from bot.store.models import MatchMember, Participant, Programme, Workspace
from bot.teams import cards
from tests.fakes.gateway import RecordingGateway
from tests.services.conftest import ROUND_AT, join


def slack_score(label: str) -> int:
    """The value Slack sends when the feedback modal's option `label` is chosen."""
    view = blocks.build_feedback_modal(1).to_dict()
    options = view["blocks"][0]["element"]["options"]
    return int(next(o["value"] for o in options if o["text"]["text"] == label))


def teams_score(label: str) -> int:
    """The value Teams sends when the feedback card's choice `label` is chosen."""
    card = cards.build_feedback_card(FeedbackRequest(1, "P", ()))
    choices = next(b for b in card["body"] if b.get("id") == "learned_score")["choices"]
    return int(next(c["value"] for c in choices if c["title"] == label))


@pytest.fixture
def both(services):
    services.gateways["teams"] = RecordingGateway(platform="teams", group_conversations=False)
    return services


def test_statistics_average_answers_given_in_slack_and_in_teams(both, clock: FixedClock):
    for user, profession in (("U1", "Nurse"), ("U2", "Manager")):
        join(both, user, profession, platform="slack", workspace="T1")
    for user, profession in (("a", "Nurse"), ("b", "Manager")):
        join(both, user, profession, platform="teams", workspace="tenant-1")
    clock.at = ROUND_AT
    jobs.run_due(both)
    with both.unit_of_work() as session:
        match_of = {
            (platform, user): match_id
            for platform, user, match_id in session.execute(
                select(Workspace.platform, Participant.user_id, MatchMember.match_id)
                .join(Programme, Programme.workspace_id == Workspace.id)
                .join(Participant, Participant.programme_id == Programme.id)
                .join(MatchMember, MatchMember.participant_id == Participant.id))}
        programme_of = {ws.platform: pid for ws, pid in session.execute(
            select(Workspace, Programme.id).join(Programme))}
    answers = [("slack", "T1", "U1", slack_score("5: a great deal")),
               ("slack", "T1", "U2", slack_score("2: a little")),
               ("teams", "tenant-1", "a", teams_score("5: a great deal")),
               ("teams", "tenant-1", "b", teams_score("2: a little"))]
    for platform, workspace, user, score in answers:
        saved = checkins.record_feedback(both, platform, workspace, user,
                                         match_of[(platform, user)], learned_score=score,
                                         learned_text="", share=False)
        assert not isinstance(saved, dict) and not saved.error
    slack_stats = stats.programme_stats(both, programme_of["slack"])
    teams_stats = stats.programme_stats(both, programme_of["teams"])
    assert slack_stats.average_learning == teams_stats.average_learning == 3.5
    # Two scores: the average is kept but not shown (fewer than 5 people behind it).
    assert "Average learning about the other's role: not shown for fewer than 5 people." \
        in teams_stats.summary()
