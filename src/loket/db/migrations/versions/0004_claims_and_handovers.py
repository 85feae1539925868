"""claims and handovers

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24

Also adds the branch head role (kepala kantor cabang), who approves payouts above
the supervisor's limit.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


ROLES_BEFORE = "role IN ('staff', 'supervisor', 'admin')"
ROLES_AFTER = "role IN ('staff', 'supervisor', 'head', 'admin')"


def _role_check(check: str) -> None:
    # SQLite rebuilds the table for this; loket.db.migrate turns foreign keys off around it.
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_user_account_role"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_user_account_role"), sa.text(check))


def upgrade() -> None:
    _role_check(ROLES_AFTER)
    op.create_table(
        "claim",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("branch_code", sa.String(length=8), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("benefit", sa.String(length=10), nullable=False),
        sa.Column("event_date", sa.Date(), nullable=False),
        sa.Column("cause", sa.Text(), nullable=False),
        sa.Column("claimant_heir_id", sa.Integer(), nullable=True),
        sa.Column("claimant_name", sa.String(length=150), nullable=False),
        sa.Column("claimant_relation", sa.String(length=20), nullable=False),
        sa.Column("claimant_nik", sa.String(length=16), nullable=False),
        sa.Column("bank_name", sa.String(length=60), nullable=False),
        sa.Column("bank_account", sa.String(length=40), nullable=False),
        sa.Column("account_holder", sa.String(length=150), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("documents", sa.Text(), nullable=False),
        sa.Column("components", sa.Text(), nullable=False),
        sa.Column("schedule", sa.Text(), nullable=False),
        sa.Column("rule_version", sa.String(length=40), nullable=False),
        sa.Column("total", sa.BigInteger(), nullable=False),
        sa.Column("payable_now", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_by", sa.String(length=64), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("rejection_reason", sa.Text(), nullable=False),
        sa.Column("paid_amount", sa.BigInteger(), nullable=True),
        sa.Column("paid_by", sa.String(length=64), nullable=False),
        sa.Column("paid_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("payout_method", sa.String(length=16), nullable=False),
        sa.Column("payout_bank", sa.String(length=60), nullable=False),
        sa.Column("payout_account", sa.String(length=40), nullable=False),
        sa.Column("payout_reference", sa.String(length=64), nullable=False),
        sa.CheckConstraint(
            "benefit IN ('JKM', 'JKK', 'JHT', 'BEASISWA')", name=op.f("ck_claim_benefit")
        ),
        sa.CheckConstraint(
            "status IN ('draft', 'submitted', 'approved', 'rejected', 'paid', 'handed_over')",
            name=op.f("ck_claim_status"),
        ),
        sa.ForeignKeyConstraint(
            ["claimant_heir_id"], ["heir.id"], name=op.f("fk_claim_claimant_heir_id_heir")
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"], ["participant.id"], name=op.f("fk_claim_participant_id_participant")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim")),
        sa.UniqueConstraint("number", name=op.f("uq_claim_number")),
    )
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_claim_participant_id"), ["participant_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_claim_status"), ["status"], unique=False)

    op.create_table(
        "claim_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("full_name", sa.String(length=120), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claim.id"], name=op.f("fk_claim_event_claim_id_claim")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_event")),
    )
    with op.batch_alter_table("claim_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_claim_event_claim_id"), ["claim_id"], unique=False)

    op.create_table(
        "handover",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("handed_on", sa.Date(), nullable=False),
        sa.Column("place", sa.String(length=150), nullable=False),
        sa.Column("recipient_name", sa.String(length=150), nullable=False),
        sa.Column("recipient_nik", sa.String(length=16), nullable=False),
        sa.Column("witnesses", sa.Text(), nullable=False),
        sa.Column("staff_name", sa.String(length=120), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("print_count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claim.id"], name=op.f("fk_handover_claim_id_claim")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handover")),
        sa.UniqueConstraint("claim_id", name=op.f("uq_handover_claim_id")),
        sa.UniqueConstraint("number", name=op.f("uq_handover_number")),
    )


def downgrade() -> None:
    op.drop_table("handover")
    with op.batch_alter_table("claim_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claim_event_claim_id"))

    op.drop_table("claim_event")
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_claim_status"))
        batch_op.drop_index(batch_op.f("ix_claim_participant_id"))

    op.drop_table("claim")
    _role_check(ROLES_BEFORE)
