"""Dues relief (PP 50/2025): the normal amount and the relief on each contribution, and a
Sertakan sponsor's funding source (state or regional budgets pay the full rate)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 05:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("contribution", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("relief_monthly", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(
            sa.Column("relief_basis", sa.String(length=80), nullable=False, server_default="")
        )
    with op.batch_alter_table("sponsor", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("funding", sa.String(length=8), nullable=False, server_default="private")
        )
        batch_op.create_check_constraint("funding", "funding IN ('private', 'APBN', 'APBD')")


def downgrade() -> None:
    with op.batch_alter_table("sponsor", schema=None) as batch_op:
        batch_op.drop_constraint("funding", type_="check")
        batch_op.drop_column("funding")
    with op.batch_alter_table("contribution", schema=None) as batch_op:
        batch_op.drop_column("relief_basis")
        batch_op.drop_column("relief_monthly")
