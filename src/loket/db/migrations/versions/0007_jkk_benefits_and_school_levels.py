"""JKK benefits for a participant who survives an accident (temporary inability, total and
partial disability) as claim benefits; one school-level enum (TK_SD becomes SD)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 06:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

OLD = "('JKM', 'JKK', 'JHT', 'BEASISWA')"
NEW = "('JKM', 'JKK', 'JHT', 'BEASISWA', 'JKK_STMB', 'JKK_TOTAL', 'JKK_PARTIAL')"


def upgrade() -> None:
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.drop_constraint("benefit", type_="check")
        batch_op.alter_column("benefit", type_=sa.String(16), existing_type=sa.String(10))
        batch_op.create_check_constraint("benefit", f"benefit IN {NEW}")
    op.execute("UPDATE heir SET education_level = 'SD' WHERE education_level = 'TK_SD'")


def downgrade() -> None:
    # Claims of the new benefits make this fail rather than vanish.
    op.execute("UPDATE heir SET education_level = 'TK_SD' WHERE education_level IN ('TK', 'SD')")
    with op.batch_alter_table("claim", schema=None) as batch_op:
        batch_op.drop_constraint("benefit", type_="check")
        batch_op.alter_column("benefit", type_=sa.String(10), existing_type=sa.String(16))
        batch_op.create_check_constraint("benefit", f"benefit IN {OLD}")
