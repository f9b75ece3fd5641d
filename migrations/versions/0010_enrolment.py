"""enrolment: imports of staff lists and the invitations they send

New tables only (no batch copy of a parent table, see 0005).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 07:45:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.store.models

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "people_imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("file_hash", sa.String(length=64), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("created_at", bot.store.models.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["programme_id"], ["programmes.id"], ondelete="CASCADE",
                                name=op.f("fk_people_imports_programme_id_programmes")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_people_imports")),
    )
    op.create_index(op.f("ix_people_imports_programme_id"), "people_imports",
                    ["programme_id"])
    op.create_table(
        "invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("email_hash", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column("profession", sa.String(length=100), nullable=True),
        sa.Column("site", sa.String(length=200), nullable=True),
        sa.Column("team", sa.String(length=200), nullable=True),
        sa.Column("manager_email", sa.String(length=254), nullable=True),
        sa.Column("invited_at", bot.store.models.UTCDateTime(), nullable=False),
        sa.Column("expires_at", bot.store.models.UTCDateTime(), nullable=False),
        sa.Column("remind_at", bot.store.models.UTCDateTime(), nullable=True),
        sa.Column("reminded_at", bot.store.models.UTCDateTime(), nullable=True),
        sa.Column("answered_at", bot.store.models.UTCDateTime(), nullable=True),
        sa.Column("has_left", sa.Boolean(), nullable=False),
        sa.CheckConstraint("status IN ('invited', 'accepted', 'declined', 'expired')",
                           name=op.f("ck_invitations_status")),
        sa.ForeignKeyConstraint(["programme_id"], ["programmes.id"], ondelete="CASCADE",
                                name=op.f("fk_invitations_programme_id_programmes")),
        sa.ForeignKeyConstraint(["import_id"], ["people_imports.id"], ondelete="CASCADE",
                                name=op.f("fk_invitations_import_id_people_imports")),
        sa.ForeignKeyConstraint(["participant_id"], ["participants.id"], ondelete="SET NULL",
                                name=op.f("fk_invitations_participant_id_participants")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invitations")),
        sa.UniqueConstraint("programme_id", "email_hash",
                            name=op.f("uq_invitations_programme_id_email_hash")),
    )
    op.create_index(op.f("ix_invitations_import_id"), "invitations", ["import_id"])
    op.create_index(op.f("ix_invitations_participant_id"), "invitations", ["participant_id"])
    op.create_index("ix_invitations_status_expires_at", "invitations",
                    ["status", "expires_at"])
    op.create_index(op.f("ix_invitations_remind_at"), "invitations", ["remind_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_invitations_remind_at"), table_name="invitations")
    op.drop_index("ix_invitations_status_expires_at", table_name="invitations")
    op.drop_index(op.f("ix_invitations_participant_id"), table_name="invitations")
    op.drop_index(op.f("ix_invitations_import_id"), table_name="invitations")
    op.drop_table("invitations")
    op.drop_index(op.f("ix_people_imports_programme_id"), table_name="people_imports")
    op.drop_table("people_imports")
