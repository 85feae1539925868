"""The audit trail is read by action and entity: whether the chain says a day was closed
(a payment on it is refused even when its closing row is gone)

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-05 07:10:00
"""

from __future__ import annotations

from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_audit_entry_action_entity", "audit_entry", ["action", "entity"])


def downgrade() -> None:
    op.drop_index("ix_audit_entry_action_entity", table_name="audit_entry")
