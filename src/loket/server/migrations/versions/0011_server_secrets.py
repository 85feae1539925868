"""The server's own secrets: the key of the registry's NIK hashes

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05 09:00:00
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    secret = op.create_table(
        "server_secret",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_server_secret")),
    )
    op.bulk_insert(secret, [{"name": "registry", "value": secrets.token_hex(32)}])


def downgrade() -> None:
    op.drop_table("server_secret")
