"""SQLAlchemy 2 models. The data rules of docs/development.md are constraints here.

Erasure: deleting a participant row cascades to their check-in answers,
feedback, pending outbox rows and conversation references; their places in
past matches keep an anonymous placeholder (participant_id set to NULL).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, ClassVar

from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
    text,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from bot.core.learning import ActivityKind
from bot.core.settings import ESR_STAFF_GROUPS
from bot.core.states import (
    Answer,
    InvitationStatus,
    Mode,
    OutboxState,
    ParticipantStatus,
    Reason,
    RoundState,
    check_in,
)

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SLACK_INSTALLATIONS_TABLE = "slack_installations"
SLACK_BOTS_TABLE = "slack_bots"
SLACK_OAUTH_STATES_TABLE = "slack_oauth_states"


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Stores naive UTC (SQLite has no time zones) and returns aware UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dt.datetime: UTCDateTime(),
        dict[str, Any]: JSON,
        list[Any]: JSON,
    }


# slack_sdk's own OAuth tables live in our metadata so that migrations create them.
SQLAlchemyInstallationStore.build_installations_table(Base.metadata, SLACK_INSTALLATIONS_TABLE)
SQLAlchemyInstallationStore.build_bots_table(Base.metadata, SLACK_BOTS_TABLE)
SQLAlchemyOAuthStateStore.build_oauth_states_table(Base.metadata, SLACK_OAUTH_STATES_TABLE)


class Workspace(Base):
    """A Slack workspace or a Teams tenant."""

    __tablename__ = "workspaces"
    __table_args__ = (UniqueConstraint("platform", "external_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime]

    programmes: Mapped[list[Programme]] = relationship(
        back_populates="workspace", cascade="all, delete-orphan", passive_deletes=True
    )


class Programme(Base):
    """A paired-learning programme: who is matched with whom, how and when."""

    __tablename__ = "programmes"
    __table_args__ = (
        UniqueConstraint("workspace_id", "name"),
        CheckConstraint("group_size BETWEEN 2 AND 4", name="group_size"),
        CheckConstraint(check_in("mode", Mode), name="mode"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    mode: Mapped[str] = mapped_column(String(16), default="cross")
    group_size: Mapped[int] = mapped_column(Integer, default=2)
    capacity: Mapped[int] = mapped_column(Integer, default=1)
    cadence: Mapped[str] = mapped_column(String(64), default="monthly first monday 10:00")
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/London")
    recency: Mapped[int] = mapped_column(Integer, default=6)
    checkin_after_days: Mapped[int] = mapped_column(Integer, default=14)
    professions: Mapped[list[Any]] = mapped_column(default=list)
    sides: Mapped[dict[str, Any]] = mapped_column(default=dict)
    weights: Mapped[dict[str, Any]] = mapped_column(default=dict)
    organisers: Mapped[list[Any]] = mapped_column(default=list)
    # People who see the programme's figures in the console but cannot act (user ids).
    viewers: Mapped[list[Any]] = mapped_column(default=list)
    channel_id: Mapped[str | None] = mapped_column(String(64))
    side_names: Mapped[dict[str, Any]] = mapped_column(default=dict, server_default="{}")
    format: Mapped[str] = mapped_column(String(16), default="rotating",
                                        server_default="rotating")
    term_rounds: Mapped[int] = mapped_column(Integer, default=6, server_default="6")
    evaluation: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    # Term programmes: yearly term starts, e.g. "first wednesday of august; first wednesday
    # of december" (bot/core/terms.py); empty: terms follow term_rounds only.
    term_starts: Mapped[str] = mapped_column(String(300), default="")
    # The meetings' themes in order (bot/core/journey.py); empty: the default journey.
    journey: Mapped[str] = mapped_column(String(1000), default="")
    # The settings added for meetings, enrolment and the learning record (bot/core/settings.py
    # says what each means; migration 0009 adds them with these defaults).
    availability: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    meeting_minutes: Mapped[int] = mapped_column(Integer, default=30, server_default="30")
    slots: Mapped[int] = mapped_column(Integer, default=3, server_default="3")
    holidays: Mapped[str] = mapped_column(String(32), default="england",
                                          server_default="england")
    unmet_counts_as_repeat: Mapped[bool] = mapped_column(Boolean, default=False,
                                                         server_default=false())
    exclude_same_team: Mapped[bool] = mapped_column(Boolean, default=False,
                                                    server_default=false())
    site_preference: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    # SOURCE (an ESR staff group or job role) -> profession or side.
    profession_map: Mapped[dict[str, Any]] = mapped_column(
        default=lambda: dict(ESR_STAFF_GROUPS), server_default=json.dumps(ESR_STAFF_GROUPS))
    invite_days: Mapped[int] = mapped_column(Integer, default=14, server_default="14")
    agreement: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    certificate_after: Mapped[int] = mapped_column(Integer, default=3, server_default="3")
    instrument: Mapped[str] = mapped_column(String(64), default="pairbot-5",
                                            server_default="pairbot-5")
    language: Mapped[str] = mapped_column(String(8), default="en", server_default="en")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Archived: kept with its figures, no longer run (active is false) nor listed as current.
    archived_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    # The period whose heads-ups were written: a tick claims it once, then stays quiet.
    headsup_period: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]

    workspace: Mapped[Workspace] = relationship(back_populates="programmes")


class Participant(Base):
    """A person who opted in to a programme."""

    __tablename__ = "participants"
    __table_args__ = (
        UniqueConstraint("programme_id", "user_id"),
        CheckConstraint(check_in("status", ParticipantStatus), name="status"),
        # Needs attention (migration 0019): the auto-paused by name, and the people left
        # out last round by name, a page at a time.
        Index("ix_participants_programme_id_status_display_name", "programme_id", "status",
              "display_name"),
        Index("ix_participants_unpaired_programme_id_display_name", "programme_id",
              "display_name", postgresql_where=text("unpaired_last_round"),
              sqlite_where=text("unpaired_last_round = 1")),
        # The participants table and its export in their order, a batch after the last
        # (name, id) (migration 0020).
        Index("ix_participants_programme_id_display_name_id", "programme_id", "display_name",
              "id"),
        # Late joiners (migration 0021): the people taking part whose latest round is not
        # the programme's latest, read without the latest round's places.
        Index("ix_participants_programme_id_status_last_round_id", "programme_id", "status",
              "last_round_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"))
    user_id: Mapped[str] = mapped_column(String(64))
    display_name: Mapped[str] = mapped_column(String(200))
    profession: Mapped[str] = mapped_column(String(100))
    learn: Mapped[list[Any]] = mapped_column(default=list)
    intro: Mapped[str] = mapped_column(Text, default="")
    side: Mapped[str | None] = mapped_column(String(1))
    status: Mapped[str] = mapped_column(String(16), default=ParticipantStatus.ACTIVE)
    paused_until: Mapped[dt.date | None]
    unresponsive_count: Mapped[int] = mapped_column(Integer, default=0)
    unpaired_last_round: Mapped[bool] = mapped_column(Boolean, default=False)
    skip_period: Mapped[str | None] = mapped_column(String(16))
    joined_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]
    # When the person can usually meet: window keys of the contract separated by ";"
    # (NULL or empty: any time), and the dates they are away ("YYYY-MM-DD..YYYY-MM-DD;…").
    windows: Mapped[str | None] = mapped_column(String(200))
    away: Mapped[str | None] = mapped_column(String(1000))
    # Where they work, from an import or their profile: the site preference and the
    # same-team rule read them.
    site: Mapped[str | None] = mapped_column(String(200))
    team: Mapped[str | None] = mapped_column(String(200))
    # Who must never be in their group, by reference (ids of participants of the same
    # programme): their line manager, and their own private do-not-pair list. No
    # foreign key (see migration 0012): erasure removes a leaver's id from both.
    manager_id: Mapped[int | None] = mapped_column(Integer)
    avoid: Mapped[list[Any]] = mapped_column(default=list)
    # The language they chose ("en", "cy", "cy+en"); NULL: what their platform says
    # (`platform_language`, as Slack's or Teams' locale reported it, normalised), then the
    # programme's `language` (services/languages.py).
    language: Mapped[str | None] = mapped_column(String(8))
    platform_language: Mapped[str | None] = mapped_column(String(8))
    # The latest round (the largest id: ids grow with the rounds' order) in which they hold
    # a place, NULL for none; kept where places are made and removed (services/placed.py).
    # No foreign key, as manager_id: a round is only deleted with its programme.
    last_round_id: Mapped[int | None] = mapped_column(Integer)


class Round(Base):
    """One matching of a programme; (programme, period) is claimed exactly once."""

    __tablename__ = "rounds"
    __table_args__ = (
        UniqueConstraint("programme_id", "period"),
        CheckConstraint(check_in("state", RoundState), name="state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"))
    period: Mapped[str] = mapped_column(String(16))
    ordinal: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(16), default=RoundState.DELIVERING)
    seed: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[dt.datetime]
    stats: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # Term programmes: which term this round belongs to and which of its meetings it is;
    # every programme: the journey theme of this round's meetings.
    term: Mapped[int | None] = mapped_column(Integer)
    round_in_term: Mapped[int | None] = mapped_column(Integer)
    theme: Mapped[str | None] = mapped_column(String(32))
    # When the round's first message reached the platform; NULL while it has sent nothing.
    # The round's own record, because retention deletes the outbox rows that showed it:
    # a round that ever sent something cannot be cancelled.
    first_sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


class Match(Base):
    """A group introduced in a round.

    Housekeeping reads only matches whose `next_due_at` has come: the check-in, then
    the reminder, then closing; each step records when it was done, and a closed
    match has no next step (NULL).
    """

    __tablename__ = "matches"
    __table_args__ = (
        # Needs attention (migration 0019): a round's groups in order (their numbers, and
        # whether they are past their check-in, without reading the rows), and the
        # round's first and last check-in dates.
        Index("ix_matches_round_id_id", "round_id", "id",
              postgresql_include=["checkin_due_at"]),
        Index("ix_matches_round_id_checkin_due_at", "round_id", "checkin_due_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    score: Mapped[int] = mapped_column(Integer)
    # References, never names: [{"template": "{0} wants to learn about {profession}",
    # "you": "You want to learn about {profession}", "values": {"profession": "Nurse"},
    # "people": ["<participant id>"]}] (bot/core/matching/explain.py `stored`), worded in
    # the reader's language when a message is sent. Before 6 December 2026 without "you"
    # and "values" (English text templates), before 1 December plain text.
    reasons: Mapped[list[Any]] = mapped_column(default=list)
    icebreakers: Mapped[list[Any]] = mapped_column(default=list)
    conversation_id: Mapped[str | None] = mapped_column(String(128))
    checkin_due_at: Mapped[dt.datetime]
    reminder_due_at: Mapped[dt.datetime]
    checkin_sent_at: Mapped[dt.datetime | None]
    reminder_sent_at: Mapped[dt.datetime | None]
    next_due_at: Mapped[dt.datetime | None] = mapped_column(index=True)
    closed_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime]
    # Term programmes: the id of the group's first match in the term, shared by its
    # later meetings, so that the group is kept for the whole term.
    term_group: Mapped[int | None] = mapped_column(Integer)
    # The suggested meeting times (bot/services/meetings.py), worked out when the match
    # was made: [{"start": ISO-8601 with offset, "end": …, "window": key}]. Times only,
    # nobody's windows or away dates.
    slots: Mapped[list[Any]] = mapped_column(default=list, server_default="[]")
    # When the group said they are meeting ("We've arranged it"); NULL: not said.
    meeting_at: Mapped[dt.datetime | None]
    # An organiser ended this term group early: from the next round its members are
    # matched anew (services/terms.py).
    ended_early_at: Mapped[dt.datetime | None]

    members: Mapped[list[MatchMember]] = relationship(
        back_populates="match", cascade="all, delete-orphan", passive_deletes=True,
        order_by="MatchMember.position",
    )


class MatchMember(Base):
    """A place in a match; NULL participant is the placeholder of someone who left."""

    __tablename__ = "match_members"
    __table_args__ = (UniqueConstraint("match_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    match_id: Mapped[int] = mapped_column(ForeignKey("matches.id", ondelete="CASCADE"))
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    profession: Mapped[str] = mapped_column(String(100))

    match: Mapped[Match] = relationship(back_populates="members")


class OutboxMessage(Base):
    """A message a round (or a later job) must deliver exactly once."""

    __tablename__ = "outbox"
    __table_args__ = (
        UniqueConstraint("idempotency_key"),
        # Partial indexes on what is due (migration 0006): the sender's claim walks the
        # pending rows in due order, the claim of interrupted sends the rows being sent,
        # the purge the rows whose payload is still to go; sent rows are in none.
        Index("ix_outbox_pending_due", "not_before", "id",
              postgresql_where=text("state = 'pending'"), sqlite_where=text("state = 'pending'")),
        Index("ix_outbox_sending_claimed_at", "claimed_at",
              postgresql_where=text("state = 'sending'"), sqlite_where=text("state = 'sending'")),
        Index("ix_outbox_payload_purge_at", "payload_purge_at",
              postgresql_where=text("payload_purge_at IS NOT NULL"),
              sqlite_where=text("payload_purge_at IS NOT NULL")),
        # A reaction finds its check-in (and so its match) by where the message landed.
        Index("ix_outbox_ref_channel_ref_ts", "ref_channel", "ref_ts"),
        Index("ix_outbox_round_id_state", "round_id", "state"),
        # Needs attention (migration 0019): the failed messages, newest first.
        Index("ix_outbox_failed_id", "id", postgresql_where=text("state = 'failed'"),
              sqlite_where=text("state = 'failed'")),
        CheckConstraint(check_in("state", OutboxState), name="state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(200))
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    round_id: Mapped[int | None] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"))
    match_id: Mapped[int | None] = mapped_column(
        ForeignKey("matches.id", ondelete="CASCADE"), index=True
    )
    recipient_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(32))
    # What to say, by reference (participant ids, match id): names and intros are read
    # from the participants table when the row is sent (bot/services/outbox.py).
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # When a sent row's payload is emptied (PAIRBOT_SENT_PAYLOAD_DAYS after sending).
    payload_purge_at: Mapped[dt.datetime | None]
    state: Mapped[str] = mapped_column(String(16), default=OutboxState.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    not_before: Mapped[dt.datetime]
    claimed_at: Mapped[dt.datetime | None]
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    sent_at: Mapped[dt.datetime | None]
    ref_channel: Mapped[str | None] = mapped_column(String(128))
    ref_ts: Mapped[str | None] = mapped_column(String(64))
    last_error: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[dt.datetime]


class RoundDelivery(Base):
    """A round's messages in one state, counted (migration 0021): kept by triggers on the
    outbox as rows are added, change state or are deleted, so that the rounds page reads a
    few rows, not the outbox. A finished message deleted (retention, erasure) stays
    counted: the round's record of what it sent outlives the rows. A message being sent
    counts as pending (waiting), so that the sender's claim changes no count. No personal
    data."""

    __tablename__ = "round_deliveries"

    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"),
                                          primary_key=True)
    state: Mapped[str] = mapped_column(String(16), primary_key=True)
    messages: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class CheckinAnswer(Base):
    """One answer per (match, person); the last one wins."""

    __tablename__ = "checkin_answers"
    __table_args__ = (
        UniqueConstraint("match_id", "participant_id"),
        CheckConstraint(check_in("answer", Answer), name="answer"),
        CheckConstraint(f"reason IS NULL OR {check_in('reason', Reason)}", name="reason"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    match_id: Mapped[int] = mapped_column(ForeignKey("matches.id", ondelete="CASCADE"))
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    answer: Mapped[str] = mapped_column(String(16))
    # Why not yet, or not at all (bot/core/states.py Reason); NULL: not asked or not said.
    reason: Mapped[str | None] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(String(16))
    answered_at: Mapped[dt.datetime]


class Feedback(Base):
    """What a participant learned from a match."""

    __tablename__ = "feedback"
    __table_args__ = (
        UniqueConstraint("match_id", "participant_id"),
        CheckConstraint("learned_score BETWEEN 1 AND 5", name="learned_score"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    match_id: Mapped[int] = mapped_column(ForeignKey("matches.id", ondelete="CASCADE"))
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    learned_score: Mapped[int] = mapped_column(Integer)
    learned_text: Mapped[str] = mapped_column(Text, default="")
    share_anonymously: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime]


class ProcessedEvent(Base):
    """A platform event id seen once; a retry finds it here."""

    __tablename__ = "processed_events"
    __table_args__ = (UniqueConstraint("platform", "event_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    event_id: Mapped[str] = mapped_column(String(128))
    received_at: Mapped[dt.datetime] = mapped_column(index=True)


class AuditEntry(Base):
    """An organiser action."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(
        ForeignKey("workspaces.id", ondelete="CASCADE"), index=True
    )
    programme_id: Mapped[int | None] = mapped_column(
        ForeignKey("programmes.id", ondelete="SET NULL")
    )
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    at: Mapped[dt.datetime]


class ConversationRef(Base):
    """Where the bot can write first to a user (Teams conversation references)."""

    __tablename__ = "conversation_refs"
    __table_args__ = (UniqueConstraint("workspace_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    user_id: Mapped[str] = mapped_column(String(128))
    reference: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[dt.datetime]


class RoundSummary(Base):
    """A round's figures, written before the retention job removes its details, so that the
    statistics stay true once answers and matches are gone. No personal data: counts and
    professions only."""

    __tablename__ = "round_summaries"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"),
                                          unique=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("programmes.id", ondelete="CASCADE"), index=True)
    groups: Mapped[int] = mapped_column(Integer)
    answered_groups: Mapped[int] = mapped_column(Integer)
    met_groups: Mapped[int] = mapped_column(Integer)
    feedback_count: Mapped[int] = mapped_column(Integer)
    learning_score_sum: Mapped[int] = mapped_column(Integer)
    meetings: Mapped[list[Any]] = mapped_column(default=list)
    created_at: Mapped[dt.datetime]


class RoundTally(Base):
    """A round's figures kept as they happen (services/round_tally.py): written when its
    groups are made, changed when an answer or a learning score arrives, read by the
    console's pages instead of rescanning every match. No personal data: counts and
    professions only; erasure and retention leave it, so that the figures stay true."""

    __tablename__ = "round_tallies"

    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"),
                                          primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("programmes.id", ondelete="CASCADE"), index=True)
    groups: Mapped[int] = mapped_column(Integer, default=0)
    people: Mapped[int] = mapped_column(Integer, default=0)
    # Groups by their best answer ({"met": 6, "scheduled": 2, ...}); the rest: no answer.
    outcomes: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # Reasons given with an answer ({"not_yet": {"rota": 3}}), one per person answering.
    reasons: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # Met groups by whole days from the introduction to the first "met" ({"6": 3}).
    days_to_meet: Mapped[dict[str, Any]] = mapped_column(default=dict)
    learning_count: Mapped[int] = mapped_column(Integer, default=0)
    learning_sum: Mapped[int] = mapped_column(Integer, default=0)
    # Pairs of professions introduced and met: [[a, b, count], ...], a < b.
    introduced: Mapped[list[Any]] = mapped_column(default=list)
    met_pairs: Mapped[list[Any]] = mapped_column(default=list)
    updated_at: Mapped[dt.datetime]
    # The round's people (each once) by the round they were last in a group before this
    # one, by round id ("" for none): {"": 40, "12": 9100}. The people of a range of rounds
    # are counted from these, each person once, without reading their groups (at a glance).
    last_seen: Mapped[dict[str, Any]] = mapped_column(default=dict, server_default="{}")
    # Places in the round's groups of people who left (anonymous placeholders).
    erased: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class EvaluationAnswer(Base):
    """One self-rating of the before-and-after evaluation (bot/core/evaluation.py).

    One row per (participant, stage, term, domain); organisers see only aggregates.
    """

    __tablename__ = "evaluation_answers"
    __table_args__ = (
        UniqueConstraint("participant_id", "stage", "term", "domain"),
        # The instrument's scale is checked when answering (bot/core/instruments.py).
        CheckConstraint("score BETWEEN 0 AND 100", name="score"),
        CheckConstraint("stage IN ('baseline', 'follow_up')", name="stage"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("programmes.id", ondelete="CASCADE"), index=True
    )
    stage: Mapped[str] = mapped_column(String(16))
    term: Mapped[int] = mapped_column(Integer, default=0)
    domain: Mapped[str] = mapped_column(String(32))
    score: Mapped[int] = mapped_column(Integer)
    answered_at: Mapped[dt.datetime]


class PeopleImport(Base):
    """One import of a staff list into a programme (bot/services/enrolment.py): who did it,
    when, which file (its SHA-256, no content). Its invitations say who was in it."""

    __tablename__ = "people_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("programmes.id", ondelete="CASCADE"), index=True)
    actor: Mapped[str] = mapped_column(String(64))
    file_hash: Mapped[str] = mapped_column(String(64))
    rows: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime]


class Invitation(Base):
    """A person an import invited to a programme, once per (programme, e-mail).

    What the import knew about them (e-mail, name, profession, site, team, manager) is
    held here once; the participant made when they accept refers to it. Declining,
    lapsing and leaving empty these columns (`email_hash` stays, so that a re-import
    counts them and does not invite someone who declined or left again).
    """

    __tablename__ = "invitations"
    __table_args__ = (
        UniqueConstraint("programme_id", "email_hash"),
        CheckConstraint(check_in("status", InvitationStatus), name="status"),
        Index("ix_invitations_status_expires_at", "status", "expires_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"))
    import_id: Mapped[int] = mapped_column(
        ForeignKey("people_imports.id", ondelete="CASCADE"), index=True)
    # SHA-256 of "programme id:lower-cased e-mail": no address, but the same person again.
    email_hash: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default=InvitationStatus.INVITED)
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL"), index=True)
    email: Mapped[str | None] = mapped_column(String(254))
    name: Mapped[str | None] = mapped_column(String(200))
    profession: Mapped[str | None] = mapped_column(String(100))
    site: Mapped[str | None] = mapped_column(String(200))
    team: Mapped[str | None] = mapped_column(String(200))
    manager_email: Mapped[str | None] = mapped_column(String(254))
    invited_at: Mapped[dt.datetime]
    expires_at: Mapped[dt.datetime]
    # When the one reminder is due (half-way); NULL once it is written or not needed.
    remind_at: Mapped[dt.datetime | None] = mapped_column(index=True)
    reminded_at: Mapped[dt.datetime | None]
    answered_at: Mapped[dt.datetime | None]
    # The person left after accepting: their data went with them.
    has_left: Mapped[bool] = mapped_column(Boolean, default=False)


class Activity(Base):
    """One entry of a person's learning log (bot/core/learning.py): what the pair did.

    Erased with the person (cascade); the match, when given, tells the CPD record which
    profession was met and the round's theme, never the partner's name.
    """

    __tablename__ = "activities"
    __table_args__ = (
        CheckConstraint(check_in("kind", ActivityKind), name="kind"),
        CheckConstraint("minutes BETWEEN 1 AND 1999", name="minutes"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("programmes.id", ondelete="CASCADE"), index=True
    )
    match_id: Mapped[int | None] = mapped_column(ForeignKey("matches.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(16))
    on_date: Mapped[dt.date]
    minutes: Mapped[int] = mapped_column(Integer)
    learned: Mapped[str] = mapped_column(Text, default="")
    differently: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime]


class Agreement(Base):
    """One member's answers to the agreement at the start of a group (bot/core/agreement.py):
    shown to the group, never to organisers (they see only whether one was made).

    Erased with the person (cascade) or the match; retention empties the texts as it does
    feedback text, keeping the row so that the count of agreements stays true.
    """

    __tablename__ = "agreements"
    __table_args__ = (UniqueConstraint("match_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    match_id: Mapped[int] = mapped_column(ForeignKey("matches.id", ondelete="CASCADE"),
                                          index=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    learn: Mapped[str] = mapped_column(Text, default="")
    offer: Mapped[str] = mapped_column(Text, default="")
    how_often: Mapped[str] = mapped_column(String(16))
    confidential: Mapped[str] = mapped_column(Text, default="")
    # How many times the person has answered: each answer is shared again, once.
    revision: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]


class ConsoleSession(Base):
    """A console sign-in, kept server-side so that sign-out, expiry and an operator's "sign
    everyone out" end it at once. The browser holds only a random id; this row holds its
    SHA-256, never the id itself. A sign-in still in progress (`who` empty) keeps its OIDC
    state, nonce and PKCE verifier in `pending` for ten minutes."""

    __tablename__ = "console_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    id_hash: Mapped[str] = mapped_column(String(64), unique=True)
    who: Mapped[dict[str, Any]] = mapped_column(default=dict)
    pending: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[dt.datetime]
    checked_at: Mapped[dt.datetime]
    expires_at: Mapped[dt.datetime] = mapped_column(index=True)


class ProgrammeWording(Base):
    """An organiser's own wording of one message (bot/core/editable.py) in one language;
    no row: the default. Organisers' text, about no person."""

    __tablename__ = "programme_wording"
    __table_args__ = (UniqueConstraint("programme_id", "key", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("programmes.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(32))
    language: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime]
