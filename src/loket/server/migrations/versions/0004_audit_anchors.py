"""The heads of each branch's audit chain, as sent with its syncs

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 08:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_anchor",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("branch_code", sa.String(8), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["branch_code"], ["branch.code"], name=op.f("fk_audit_anchor_branch_code_branch")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_anchor")),
    )
    op.create_index(
        op.f("ix_audit_anchor_branch_code"), "audit_anchor", ["branch_code"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_audit_anchor_branch_code"), table_name="audit_anchor")
    op.drop_table("audit_anchor")
