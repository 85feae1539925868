"""receipts and contributions

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "receipt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("branch_code", sa.String(length=8), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("payer_name", sa.String(length=150), nullable=False),
        sa.Column("sponsor_id", sa.Integer(), nullable=True),
        sa.Column("method", sa.String(length=10), nullable=False),
        sa.Column("reference", sa.String(length=64), nullable=False),
        sa.Column("tendered", sa.Integer(), nullable=True),
        sa.Column("change", sa.Integer(), nullable=True),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("issued_by", sa.String(length=64), nullable=False),
        sa.Column("issued_by_name", sa.String(length=120), nullable=False),
        sa.Column("counter_name", sa.String(length=60), nullable=False),
        sa.Column("print_count", sa.Integer(), nullable=False),
        sa.Column("printed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("void_status", sa.String(length=10), nullable=False),
        sa.Column("void_reason", sa.Text(), nullable=False),
        sa.Column("void_requested_by", sa.String(length=64), nullable=False),
        sa.Column("voided_by", sa.String(length=64), nullable=False),
        sa.Column("voided_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "method IN ('cash', 'transfer', 'qris')", name=op.f("ck_receipt_method")
        ),
        sa.CheckConstraint(
            "void_status IN ('', 'requested', 'void')", name=op.f("ck_receipt_void_status")
        ),
        sa.ForeignKeyConstraint(
            ["sponsor_id"], ["sponsor.id"], name=op.f("fk_receipt_sponsor_id_sponsor")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_receipt")),
        sa.UniqueConstraint("branch_code", "year", "seq", name="uq_receipt_branch_year_seq"),
        sa.UniqueConstraint("number", name=op.f("uq_receipt_number")),
    )
    with op.batch_alter_table("receipt", schema=None) as batch_op:
        batch_op.create_index(
            "uq_receipt_reference",
            ["method", "reference"],
            unique=True,
            sqlite_where=sa.text("reference <> '' AND void_status <> 'void'"),
            postgresql_where=sa.text("reference <> '' AND void_status <> 'void'"),
        )

    op.create_table(
        "contribution",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("receipt_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("program", sa.String(length=8), nullable=False),
        sa.Column("period_first", sa.Date(), nullable=False),
        sa.Column("period_last", sa.Date(), nullable=False),
        sa.Column("months", sa.Integer(), nullable=False),
        sa.Column("monthly_amount", sa.Integer(), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_contribution_participant_id_participant"),
        ),
        sa.ForeignKeyConstraint(
            ["receipt_id"], ["receipt.id"], name=op.f("fk_contribution_receipt_id_receipt")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contribution")),
    )
    with op.batch_alter_table("contribution", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contribution_participant_id"), ["participant_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_contribution_receipt_id"), ["receipt_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("contribution", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contribution_receipt_id"))
        batch_op.drop_index(batch_op.f("ix_contribution_participant_id"))

    op.drop_table("contribution")
    with op.batch_alter_table("receipt", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_receipt_reference",
            sqlite_where=sa.text("reference <> '' AND void_status <> 'void'"),
            postgresql_where=sa.text("reference <> '' AND void_status <> 'void'"),
        )

    op.drop_table("receipt")
