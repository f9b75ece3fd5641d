"""The states a row can be in, named once: the store's CHECK constraints, the services and
the statistics all use these enums (a `StrEnum` compares equal to its stored text)."""

from __future__ import annotations

from enum import StrEnum


class Mode(StrEnum):
    """Who meets whom in a programme."""

    CROSS = "cross"
    TWO_SIDED = "two-sided"


class Format(StrEnum):
    """How a programme runs: new partners each round, or one partner for a term."""

    ROTATING = "rotating"
    TERM = "term"


class ParticipantStatus(StrEnum):
    """Whether a participant is matched in the coming rounds."""

    ACTIVE = "active"
    PAUSED = "paused"
    DEACTIVATED = "deactivated"


class InvitationStatus(StrEnum):
    """A person imported into a programme: invited until they answer (or the invitation
    lapses). Declined and expired invitations keep no personal data, only the count."""

    INVITED = "invited"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"


class RoundState(StrEnum):
    """A round from its claim to its last message."""

    DELIVERING = "delivering"
    DONE = "done"
    CANCELLED = "cancelled"


class OutboxState(StrEnum):
    """An outbox row from written to sent (or given up)."""

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"


class Answer(StrEnum):
    """A check-in answer."""

    MET = "met"
    SCHEDULED = "scheduled"
    NOT_YET = "not_yet"
    NOT_HAPPENING = "not_happening"


class Reason(StrEnum):
    """Why a group has not met yet, or will not (asked after Not yet and Not happening)."""

    ROTA = "rota"
    LEAVE = "leave"
    NO_REPLY = "no_reply"
    OTHER = "other"


def check_in(column: str, states: type[StrEnum]) -> str:
    """A CHECK constraint's SQL: `column IN ('a', 'b')`, in the enum's order."""
    return f"{column} IN ({', '.join(repr(str(s)) for s in states)})"
