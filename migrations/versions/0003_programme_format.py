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


COLUMNS = ('side_names', 'format', 'term_rounds', 'evaluation')


# Plain ADD/DROP COLUMN, never a batch "move and copy": on SQLite, copying `programmes`
# and dropping the old table would cascade-delete every round, match and participant.
def upgrade() -> None:
    op.add_column('programmes', sa.Column('side_names', sa.JSON(), nullable=False,
                                          server_default='{}'))
    op.add_column('programmes', sa.Column('format', sa.String(length=16), nullable=False,
                                          server_default='rotating'))
    op.add_column('programmes', sa.Column('term_rounds', sa.Integer(), nullable=False,
                                          server_default='6'))
    op.add_column('programmes', sa.Column('evaluation', sa.Boolean(), nullable=False,
                                          server_default=sa.true()))


def downgrade() -> None:
    # SQLite (3.35 and later) and PostgreSQL both drop a column in place.
    for column in reversed(COLUMNS):
        op.execute(f'ALTER TABLE programmes DROP COLUMN {column}')
