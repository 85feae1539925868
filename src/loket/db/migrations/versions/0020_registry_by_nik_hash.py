"""Other branches' participants are held by a keyed hash of the NIK, the KPJ and the home
branch only: the NIKs, names and birth dates the branch held of them are dropped, and the
registry is pulled again (from the start) in its new form

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-05 09:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_table("remote_participant")
    op.create_table(
        "remote_participant",
        sa.Column("kpj", sa.String(length=11), nullable=False),
        sa.Column("nik_hash", sa.String(length=64), nullable=False),
        sa.Column("branch_code", sa.String(length=8), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("linked_to", sa.String(length=11), nullable=False),
        sa.PrimaryKeyConstraint("kpj", name=op.f("pk_remote_participant")),
    )
    op.create_index(
        op.f("ix_remote_participant_nik_hash"), "remote_participant", ["nik_hash"], unique=False
    )
    # everything is pulled again: the registry comes back as hashes (claims, conflicts and
    # documents are stored again as they are)
    op.execute("DELETE FROM sync_state WHERE key = 'cursor'")


def downgrade() -> None:
    op.drop_index(op.f("ix_remote_participant_nik_hash"), table_name="remote_participant")
    op.drop_table("remote_participant")
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
    op.create_index(op.f("ix_remote_participant_nik"), "remote_participant", ["nik"], unique=False)
    op.execute("DELETE FROM sync_state WHERE key = 'cursor'")
