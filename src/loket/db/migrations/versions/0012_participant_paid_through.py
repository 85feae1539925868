"""The last month each participant paid, for the dashboard's coverage counts

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 08:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ALTER TABLE: a batch copy of the table would drop SQLite's FTS triggers
    op.add_column("participant", sa.Column("paid_through", sa.Date(), nullable=True))
    op.execute(
        "UPDATE participant SET paid_through = ("
        " SELECT max(c.period_last) FROM contribution c JOIN receipt r ON r.id = c.receipt_id"
        " WHERE c.participant_id = participant.id AND r.void_status <> 'void')"
    )
    op.create_index(
        "ix_participant_coverage", "participant", ["paid_through", "registered_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_participant_coverage", table_name="participant")
    op.drop_column("participant", "paid_through")
