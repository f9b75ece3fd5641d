"""States are named once: the store's CHECK constraints are built from the enums."""

from sqlalchemy import CheckConstraint

from bot.core.states import Answer, Mode, OutboxState, ParticipantStatus, RoundState, check_in
from bot.store.models import Base


def test_check_in_lists_the_enum_in_order():
    assert check_in("answer", Answer) == (
        "answer IN ('met', 'scheduled', 'not_yet', 'not_happening')")


def test_every_state_constraint_of_the_store_comes_from_an_enum():
    checks = {(table.name, str(c.sqltext)) for table in Base.metadata.tables.values()
              for c in table.constraints if isinstance(c, CheckConstraint)}
    for table, column, states in (("programmes", "mode", Mode),
                                  ("participants", "status", ParticipantStatus),
                                  ("rounds", "state", RoundState),
                                  ("outbox", "state", OutboxState),
                                  ("checkin_answers", "answer", Answer)):
        assert (table, check_in(column, states)) in checks
