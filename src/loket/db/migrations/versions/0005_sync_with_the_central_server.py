"""Sync with the central server: other branches' participants, NIK conflicts, published
reference documents, the client's cursor

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24 10:49:34.351653
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox_event", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_event_sent_at")
        batch_op.create_index("ix_outbox_event_pending", ["sent_at", "seq"], unique=False)
    op.create_table(
        "reference_document",
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_reference_document")),
    )
    with op.batch_alter_table("reference_document", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reference_document_kind"), ["kind"], unique=False)

    op.create_table(
        "remote_participant",
        sa.Column("kpj", sa.String(length=11), nullable=False),
        sa.Column("nik", sa.String(length=16), nullable=False),
        sa.Column("full_name", sa.String(length=150), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("branch_code", sa.String(length=8), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("linked_to", sa.String(length=11), nullable=False),
        sa.PrimaryKeyConstraint("kpj", name=op.f("pk_remote_participant")),
    )
    with op.batch_alter_table("remote_participant", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_remote_participant_nik"), ["nik"], unique=False)

    op.create_table(
        "sync_conflict",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("nik", sa.String(length=16), nullable=False),
        sa.Column("kpj_a", sa.String(length=11), nullable=False),
        sa.Column("branch_a", sa.String(length=8), nullable=False),
        sa.Column("kpj_b", sa.String(length=11), nullable=False),
        sa.Column("branch_b", sa.String(length=8), nullable=False),
        sa.Column("detected_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("kept_kpj", sa.String(length=11), nullable=False),
        sa.Column("decided_by", sa.String(length=80), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("local_choice", sa.String(length=11), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflict")),
    )
    op.create_table(
        "sync_state",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sync_state")),
    )


def downgrade() -> None:
    with op.batch_alter_table("outbox_event", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_event_pending")
        batch_op.create_index("ix_outbox_event_sent_at", ["sent_at"], unique=False)
    op.drop_table("sync_state")
    op.drop_table("sync_conflict")
    with op.batch_alter_table("remote_participant", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_remote_participant_nik"))

    op.drop_table("remote_participant")
    with op.batch_alter_table("reference_document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reference_document_kind"))

    op.drop_table("reference_document")
