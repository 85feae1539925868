"""The coverage tally counts BPU participants only (PU and JAKON dues are paid by the
employer or project through the bank: the dashboard counted them in arrears)

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03 12:00:00
"""

from __future__ import annotations

from alembic import op
from sqlalchemy.orm import Session

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from loket.db.coverage_tally import recount

    recount(Session(bind=op.get_bind()))


def downgrade() -> None:
    pass  # the tally is derived data: recounting it the old way is not worth keeping
