"""Participants per coverage base month, for the dashboard

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 09:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "coverage_tally",
        sa.Column("base_month", sa.Date(), nullable=False),
        sa.Column("participants", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("base_month", name=op.f("pk_coverage_tally")),
    )
    # the dashboard reads the tally: the index 0012 made for counting is not needed
    op.drop_index("ix_participant_coverage", table_name="participant")
    from loket.db.coverage_tally import recount

    recount(Session(bind=op.get_bind()))


def downgrade() -> None:
    op.drop_table("coverage_tally")
    op.create_index(
        "ix_participant_coverage", "participant", ["paid_through", "registered_at"], unique=False
    )
