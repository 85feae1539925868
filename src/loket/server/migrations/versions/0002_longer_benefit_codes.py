"""Claim benefit codes up to 16 characters (the JKK benefits of a survivor: JKK_PARTIAL)

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03 06:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.alter_column("claim", "benefit", type_=sa.String(16), existing_type=sa.String(10))


def downgrade() -> None:
    op.alter_column("claim", "benefit", type_=sa.String(10), existing_type=sa.String(16))
