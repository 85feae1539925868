"""A branch's recoveries as the server saw them: a restart of its audit chain is accepted
only inside one

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05 08:40:00
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
        "recovery",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("branch_code", sa.String(length=8), nullable=False),
        sa.Column("after", sa.BigInteger(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("anchor_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["branch_code"], ["branch.code"], name=op.f("fk_recovery_branch_code_branch")
        ),
        sa.ForeignKeyConstraint(
            ["anchor_id"], ["audit_anchor.id"], name=op.f("fk_recovery_anchor_id_audit_anchor")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recovery")),
    )
    op.create_index(op.f("ix_recovery_branch_code"), "recovery", ["branch_code"])


def downgrade() -> None:
    op.drop_index(op.f("ix_recovery_branch_code"), table_name="recovery")
    op.drop_table("recovery")
