"""A receipt and a berita acara keep the letterhead they were issued under (title, branch
name, address and telephone as JSON), so that a reprint shows what the original showed;
"" for those issued before: they reprint under the branch's current letterhead

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-05 06:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("receipt", schema=None) as batch_op:
        batch_op.add_column(sa.Column("letterhead", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("handover", schema=None) as batch_op:
        batch_op.add_column(sa.Column("letterhead", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("handover", schema=None) as batch_op:
        batch_op.drop_column("letterhead")
    with op.batch_alter_table("receipt", schema=None) as batch_op:
        batch_op.drop_column("letterhead")
