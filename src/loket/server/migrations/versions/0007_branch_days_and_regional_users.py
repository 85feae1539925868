"""The branches' closed days and the regional office's readers

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "branch_day",
        sa.Column("branch_code", sa.String(length=8), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("closed_by", sa.String(length=64), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("audit_seq", sa.BigInteger(), nullable=False),
        sa.Column("audit_head", sa.String(length=64), nullable=False),
        sa.Column("report_sha256", sa.String(length=64), nullable=False),
        sa.Column("receipts", sa.Integer(), nullable=False),
        sa.Column("paid", sa.BigInteger(), nullable=False),
        sa.Column("relief", sa.BigInteger(), nullable=False),
        sa.Column("registrations", sa.Integer(), nullable=False),
        sa.Column("claims_paid", sa.Integer(), nullable=False),
        sa.Column("claims_paid_amount", sa.BigInteger(), nullable=False),
        sa.Column("cash_difference", sa.BigInteger(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["branch_code"], ["branch.code"], name=op.f("fk_branch_day_branch_code_branch")
        ),
        sa.PrimaryKeyConstraint("branch_code", "business_date", name=op.f("pk_branch_day")),
    )
    op.create_table(
        "regional_user",
        sa.Column("username", sa.String(length=32), nullable=False),
        sa.Column("full_name", sa.String(length=120), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.PrimaryKeyConstraint("username", name=op.f("pk_regional_user")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_regional_user_token_hash")),
    )


def downgrade() -> None:
    op.drop_table("regional_user")
    op.drop_table("branch_day")
