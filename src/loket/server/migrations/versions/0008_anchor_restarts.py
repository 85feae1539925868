"""A branch's audit chain restarted from a restored backup

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 12:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_anchor") as batch:
        batch.add_column(sa.Column("restored_from", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("audit_anchor") as batch:
        batch.drop_column("restored_from")
