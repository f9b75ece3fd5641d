"""round_tallies.last_seen and .erased: who took part in a range of rounds, each person
once, without reading their groups (all programmes at a glance); an index on the
participants' table order (programme, name, id) for its export in batches

Two columns added in place with their empty defaults, then every existing tally filled
from its round's details: its people (each once) by the round they were last in a group
before it ("" for none), and its placeholders of people who left. A few grouped queries
per round, however many people. Rounds without a tally get both when their tally is
first built (services/round_tally.py).

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-06 16:40:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The tables as this revision knows them (never the models, which move on).
rounds = sa.table("rounds", sa.column("id", sa.Integer), sa.column("programme_id", sa.Integer),
                  sa.column("started_at", sa.DateTime))
matches = sa.table("matches", sa.column("id", sa.Integer), sa.column("round_id", sa.Integer))
members = sa.table("match_members", sa.column("match_id", sa.Integer),
                   sa.column("participant_id", sa.Integer))
tallies = sa.table("round_tallies", sa.column("round_id", sa.Integer),
                   sa.column("last_seen", sa.JSON), sa.column("erased", sa.Integer))


def upgrade() -> None:
    op.add_column("round_tallies", sa.Column("last_seen", sa.JSON(), nullable=False,
                                             server_default="{}"))
    op.add_column("round_tallies", sa.Column("erased", sa.Integer(), nullable=False,
                                             server_default="0"))
    op.create_index("ix_participants_programme_id_display_name_id", "participants",
                    ["programme_id", "display_name", "id"])
    bind = op.get_bind()
    order: dict[int, list[int]] = {}
    for round_id, programme_id in bind.execute(
            sa.select(rounds.c.id, rounds.c.programme_id)
            .order_by(rounds.c.programme_id, rounds.c.started_at, rounds.c.id)):
        order.setdefault(programme_id, []).append(round_id)
    programme_of = {r: p for p, ids in order.items() for r in ids}
    for (round_id,) in bind.execute(sa.select(tallies.c.round_id)).all():
        seen, erased = _last_seen(bind, order[programme_of[round_id]], round_id)
        bind.execute(tallies.update().where(tallies.c.round_id == round_id)
                     .values(last_seen=seen, erased=erased))


def _last_seen(bind: sa.Connection, order: list[int], round_id: int) -> tuple[dict[str, int], int]:
    """As services/round_tally.py `last_seen_of` counts it at this revision."""
    rank = {r: k for k, r in enumerate(order)}
    earlier = order[:rank[round_id]]
    joined = members.join(matches, matches.c.id == members.c.match_id)
    people = bind.scalar(sa.select(sa.func.count(sa.distinct(members.c.participant_id)))
                         .select_from(joined).where(matches.c.round_id == round_id)) or 0
    erased = bind.scalar(sa.select(sa.func.count()).select_from(joined).where(
        matches.c.round_id == round_id, members.c.participant_id.is_(None))) or 0
    seen: dict[str, int] = {}
    if earlier and people:
        m2, x2 = members.alias("m2"), matches.alias("x2")
        in_round = (sa.select(m2.c.participant_id).select_from(
            m2.join(x2, x2.c.id == m2.c.match_id))
            .where(x2.c.round_id == round_id, m2.c.participant_id.is_not(None)))
        latest = (sa.select(members.c.participant_id, sa.func.max(sa.case(
            {r: rank[r] for r in earlier}, value=matches.c.round_id)).label("k"))
            .select_from(joined)
            .where(matches.c.round_id.in_(earlier), members.c.participant_id.in_(in_round))
            .group_by(members.c.participant_id).subquery())
        for k, n in bind.execute(sa.select(latest.c.k, sa.func.count()).group_by(latest.c.k)):
            seen[str(order[int(k)])] = int(n)
    if people - sum(seen.values()):
        seen[""] = people - sum(seen.values())
    return seen, int(erased)


def downgrade() -> None:
    op.drop_index("ix_participants_programme_id_display_name_id", table_name="participants")
    op.drop_column("round_tallies", "erased")
    op.drop_column("round_tallies", "last_seen")
