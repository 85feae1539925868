"""Events answered one by one (a refused event is kept with its reason, nothing of it
applied) and the KPJ range of each branch

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03 07:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "event", sa.Column("status", sa.String(8), nullable=False, server_default="applied")
    )
    op.add_column("event", sa.Column("reason", sa.Text(), nullable=False, server_default=""))
    op.create_table(
        "kpj_range",
        sa.Column("prefix", sa.String(3), nullable=False),
        sa.Column("branch_code", sa.String(8), nullable=False),
        sa.ForeignKeyConstraint(
            ["branch_code"], ["branch.code"], name=op.f("fk_kpj_range_branch_code_branch")
        ),
        sa.PrimaryKeyConstraint("prefix", name=op.f("pk_kpj_range")),
    )


def downgrade() -> None:
    op.drop_table("kpj_range")
    op.drop_column("event", "reason")
    op.drop_column("event", "status")
