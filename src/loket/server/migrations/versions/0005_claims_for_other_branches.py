"""Claims carry a revision, so other branches pull them (a benefit paid once is refused
at every branch)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 08:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "claim",
        sa.Column(
            "rev", sa.BigInteger(), nullable=False, server_default=sa.text("nextval('rev_seq')")
        ),
    )
    op.create_index(op.f("ix_claim_rev"), "claim", ["rev"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_claim_rev"), table_name="claim")
    op.drop_column("claim", "rev")
