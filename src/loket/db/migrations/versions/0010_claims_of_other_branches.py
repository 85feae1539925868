"""Claims filed at other branches, pulled from the central server

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 08:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "remote_claim",
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("branch_code", sa.String(length=8), nullable=False),
        sa.Column("kpj", sa.String(length=11), nullable=False),
        sa.Column("benefit", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_remote_claim")),
    )
    with op.batch_alter_table("remote_claim", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_remote_claim_kpj"), ["kpj"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("remote_claim", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_remote_claim_kpj"))
    op.drop_table("remote_claim")
