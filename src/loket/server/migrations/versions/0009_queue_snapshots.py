"""Each branch's queue as it last said, for the page behind a ticket's QR code

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 13:15:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "queue_snapshot",
        sa.Column("branch_code", sa.String(length=8), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["branch_code"], ["branch.code"], name=op.f("fk_queue_snapshot_branch_code_branch")
        ),
        sa.PrimaryKeyConstraint("branch_code", name=op.f("pk_queue_snapshot")),
    )


def downgrade() -> None:
    op.drop_table("queue_snapshot")
