"""programme format, term rounds, evaluation and side names

Revision ID: 0003
Revises: 0002
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('programmes') as batch:
        batch.add_column(sa.Column('side_names', sa.JSON(), nullable=False,
                                   server_default='{}'))
        batch.add_column(sa.Column('format', sa.String(length=16), nullable=False,
                                   server_default='rotating'))
        batch.add_column(sa.Column('term_rounds', sa.Integer(), nullable=False,
                                   server_default='6'))
        batch.add_column(sa.Column('evaluation', sa.Boolean(), nullable=False,
                                   server_default=sa.true()))


def downgrade() -> None:
    with op.batch_alter_table('programmes') as batch:
        for column in ('evaluation', 'term_rounds', 'format', 'side_names'):
            batch.drop_column(column)
