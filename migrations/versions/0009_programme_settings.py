"""programme settings: meetings, enrolment and the learning record

Each setting of bot/core/settings.py's "added" rows is a programme column; existing
programmes take the setting's default.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 07:45:00
"""
import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The default profession_map as it stood when this migration was written (the table in
# bot/core/settings.py may change later; a migration does not).
ESR_STAFF_GROUPS = {
    "Medical and Dental": "Doctor (junior)",
    "Consultant": "Doctor (consultant)",
    "General Practitioner": "General practitioner",
    "Nursing and Midwifery Registered": "Nurse",
    "Midwife": "Midwife",
    "Allied Health Professionals": "Allied health professional",
    "Physiotherapist": "Physiotherapist",
    "Paramedic": "Paramedic",
    "Additional Clinical Services": "Healthcare assistant",
    "Administrative and Clerical": "Administrator",
    "Estates and Ancillary": "Porter and estates",
    "Healthcare Scientists": "Healthcare scientist",
    "Additional Professional Scientific and Technical": "Pharmacist",
    "Add Prof Scientific and Technic": "Pharmacist",
    "Students": "Student",
}


# Plain ADD/DROP COLUMN, never a batch "move and copy": on SQLite, copying a parent table
# and dropping the old one would cascade-delete its rounds, matches and participants.
ADDED = (
    sa.Column("availability", sa.Boolean(), nullable=False, server_default=sa.true()),
    sa.Column("meeting_minutes", sa.Integer(), nullable=False, server_default="30"),
    sa.Column("slots", sa.Integer(), nullable=False, server_default="3"),
    sa.Column("holidays", sa.String(length=32), nullable=False, server_default="england"),
    sa.Column("unmet_counts_as_repeat", sa.Boolean(), nullable=False,
              server_default=sa.false()),
    sa.Column("exclude_same_team", sa.Boolean(), nullable=False, server_default=sa.false()),
    sa.Column("site_preference", sa.Boolean(), nullable=False, server_default=sa.true()),
    sa.Column("profession_map", sa.JSON(), nullable=False,
              server_default=json.dumps(ESR_STAFF_GROUPS)),
    sa.Column("invite_days", sa.Integer(), nullable=False, server_default="14"),
    sa.Column("agreement", sa.Boolean(), nullable=False, server_default=sa.false()),
    sa.Column("certificate_after", sa.Integer(), nullable=False, server_default="3"),
    sa.Column("instrument", sa.String(length=64), nullable=False, server_default="pairbot-5"),
    sa.Column("language", sa.String(length=8), nullable=False, server_default="en"),
)


def upgrade() -> None:
    for column in ADDED:
        op.add_column("programmes", column)


def downgrade() -> None:
    # SQLite (3.35 and later) and PostgreSQL both drop a column in place.
    for column in reversed(ADDED):
        op.execute(f"ALTER TABLE programmes DROP COLUMN {column.name}")
