"""The branch's telephone number, printed on its documents with the address

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03 11:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("branch", schema=None) as batch_op:
        batch_op.add_column(sa.Column("phone", sa.String(40), server_default="", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("branch", schema=None) as batch_op:
        batch_op.drop_column("phone")
