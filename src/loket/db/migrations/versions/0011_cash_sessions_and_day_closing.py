"""Cash sessions per counter, the branch's daily closing, indexes for period reports

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 07:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cash_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("drawer", sa.String(length=80), nullable=False),
        sa.Column("counter_id", sa.Integer(), nullable=True),
        sa.Column("counter_name", sa.String(length=60), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("full_name", sa.String(length=120), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("opening_float", sa.Integer(), nullable=False),
        sa.Column("opening_count", sa.Text(), nullable=False),
        sa.Column("float_counted", sa.Boolean(), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_by", sa.String(length=64), nullable=False),
        sa.Column("closing_count", sa.Text(), nullable=False),
        sa.Column("expected", sa.Integer(), nullable=True),
        sa.Column("counted", sa.Integer(), nullable=True),
        sa.Column("difference_reason", sa.Text(), nullable=False),
        sa.Column("difference_approved_by", sa.String(length=64), nullable=False),
        sa.Column("handed_over_to", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["counter_id"], ["counter.id"], name=op.f("fk_cash_session_counter_id_counter")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cash_session")),
    )
    with op.batch_alter_table("cash_session", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_cash_session_business_date"), ["business_date"], unique=False
        )
        batch_op.create_index(
            "uq_cash_session_open_drawer",
            ["drawer"],
            unique=True,
            sqlite_where=sa.text("closed_at IS NULL"),
            postgresql_where=sa.text("closed_at IS NULL"),
        )
    op.create_table(
        "day_closing",
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_by", sa.String(length=64), nullable=False),
        sa.Column("closed_by_name", sa.String(length=120), nullable=False),
        sa.Column("audit_seq", sa.Integer(), nullable=False),
        sa.Column("audit_hash", sa.String(length=64), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("report_pdf", sa.LargeBinary(), nullable=False),
        sa.Column("report_sha256", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("business_date", name=op.f("pk_day_closing")),
    )
    with op.batch_alter_table("receipt", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cash_session_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("void_drawer", sa.String(length=80), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("void_session_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_receipt_cash_session_id_cash_session"),
            "cash_session",
            ["cash_session_id"],
            ["id"],
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_receipt_void_session_id_cash_session"),
            "cash_session",
            ["void_session_id"],
            ["id"],
        )
        batch_op.create_index(
            batch_op.f("ix_receipt_cash_session_id"), ["cash_session_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_receipt_void_session_id"), ["void_session_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_receipt_issued_at"), ["issued_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_receipt_voided_at"), ["voided_at"], unique=False)
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_participant_registered_at"), ["registered_at"], unique=False
        )
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claim_decided_at"), ["decided_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_claim_paid_at"), ["paid_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claim_paid_at"))
        batch_op.drop_index(batch_op.f("ix_claim_decided_at"))
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_participant_registered_at"))
    with op.batch_alter_table("receipt", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_receipt_voided_at"))
        batch_op.drop_index(batch_op.f("ix_receipt_issued_at"))
        batch_op.drop_index(batch_op.f("ix_receipt_void_session_id"))
        batch_op.drop_index(batch_op.f("ix_receipt_cash_session_id"))
        batch_op.drop_constraint(
            batch_op.f("fk_receipt_void_session_id_cash_session"), type_="foreignkey"
        )
        batch_op.drop_constraint(
            batch_op.f("fk_receipt_cash_session_id_cash_session"), type_="foreignkey"
        )
        batch_op.drop_column("void_session_id")
        batch_op.drop_column("void_drawer")
        batch_op.drop_column("cash_session_id")
    op.drop_table("day_closing")
    with op.batch_alter_table("cash_session", schema=None) as batch_op:
        batch_op.drop_index("uq_cash_session_open_drawer")
        batch_op.drop_index(batch_op.f("ix_cash_session_business_date"))
    op.drop_table("cash_session")
