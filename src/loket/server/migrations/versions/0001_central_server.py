"""The central server: branches, events once, what they say, conflicts, reference data

Revision ID: 0001
Revises:
Create Date: 2026-11-24 10:47:47.524836
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(sa.schema.CreateSequence(sa.Sequence("rev_seq")))
    op.create_table(
        "branch",
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("bundle_key", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_contact_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("events_received", sa.BigInteger(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_branch")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_branch_token_hash")),
    )
    op.create_table(
        "conflict",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("nik", sa.String(length=16), nullable=False),
        sa.Column("kpj_a", sa.String(length=11), nullable=False),
        sa.Column("branch_a", sa.String(length=8), nullable=False),
        sa.Column("kpj_b", sa.String(length=11), nullable=False),
        sa.Column("branch_b", sa.String(length=8), nullable=False),
        sa.Column("detected_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=16), server_default="open", nullable=False),
        sa.Column("kept_kpj", sa.String(length=11), server_default="", nullable=False),
        sa.Column("decided_by", sa.String(length=80), server_default="", nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "rev", sa.BigInteger(), server_default=sa.text("nextval('rev_seq')"), nullable=False
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conflict")),
    )
    op.create_index(op.f("ix_conflict_nik"), "conflict", ["nik"], unique=False)
    op.create_index(op.f("ix_conflict_rev"), "conflict", ["rev"], unique=False)
    op.create_table(
        "reference_document",
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "rev", sa.BigInteger(), server_default=sa.text("nextval('rev_seq')"), nullable=False
        ),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_reference_document")),
    )
    op.create_index(op.f("ix_reference_document_rev"), "reference_document", ["rev"], unique=False)
    op.create_table(
        "claim",
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("branch_code", sa.String(length=8), nullable=False),
        sa.Column("kpj", sa.String(length=11), nullable=False),
        sa.Column("benefit", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("total", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["branch_code"], ["branch.code"], name=op.f("fk_claim_branch_code_branch")
        ),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_claim")),
    )
    op.create_index(op.f("ix_claim_kpj"), "claim", ["kpj"], unique=False)
    op.create_table(
        "event",
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("branch_code", sa.String(length=8), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("type", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("via", sa.String(length=8), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["branch_code"], ["branch.code"], name=op.f("fk_event_branch_code_branch")
        ),
        sa.PrimaryKeyConstraint("uuid", name=op.f("pk_event")),
    )
    op.create_index("ix_event_branch_seq", "event", ["branch_code", "seq"], unique=False)
    op.create_table(
        "handover",
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("branch_code", sa.String(length=8), nullable=False),
        sa.Column("claim_number", sa.String(length=32), nullable=False),
        sa.Column("handed_over_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["branch_code"], ["branch.code"], name=op.f("fk_handover_branch_code_branch")
        ),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_handover")),
    )
    op.create_table(
        "participant",
        sa.Column("kpj", sa.String(length=11), nullable=False),
        sa.Column("nik", sa.String(length=16), nullable=False),
        sa.Column("full_name", sa.String(length=150), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("segment", sa.String(length=8), nullable=False),
        sa.Column("programs", sa.String(length=40), nullable=False),
        sa.Column("branch_code", sa.String(length=8), nullable=False),
        sa.Column("registered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=16), server_default="active", nullable=False),
        sa.Column("linked_to", sa.String(length=11), server_default="", nullable=False),
        sa.Column(
            "rev", sa.BigInteger(), server_default=sa.text("nextval('rev_seq')"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["branch_code"], ["branch.code"], name=op.f("fk_participant_branch_code_branch")
        ),
        sa.PrimaryKeyConstraint("kpj", name=op.f("pk_participant")),
    )
    op.create_index(op.f("ix_participant_nik"), "participant", ["nik"], unique=False)
    op.create_index(op.f("ix_participant_rev"), "participant", ["rev"], unique=False)
    op.create_table(
        "receipt",
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("branch_code", sa.String(length=8), nullable=False),
        sa.Column("total", sa.BigInteger(), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lines", sa.Text(), nullable=False),
        sa.Column("voided_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["branch_code"], ["branch.code"], name=op.f("fk_receipt_branch_code_branch")
        ),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_receipt")),
    )


def downgrade() -> None:
    op.drop_table("receipt")
    op.drop_index(op.f("ix_participant_rev"), table_name="participant")
    op.drop_index(op.f("ix_participant_nik"), table_name="participant")
    op.drop_table("participant")
    op.drop_table("handover")
    op.drop_index("ix_event_branch_seq", table_name="event")
    op.drop_table("event")
    op.drop_index(op.f("ix_claim_kpj"), table_name="claim")
    op.drop_table("claim")
    op.drop_index(op.f("ix_reference_document_rev"), table_name="reference_document")
    op.drop_table("reference_document")
    op.drop_index(op.f("ix_conflict_rev"), table_name="conflict")
    op.drop_index(op.f("ix_conflict_nik"), table_name="conflict")
    op.drop_table("conflict")
    op.drop_table("branch")
    op.execute(sa.schema.DropSequence(sa.Sequence("rev_seq")))
