"""The branches' bundle keys leave the database for a folder of key files the operator
provides (LOKET_SERVER_KEYS): a copy of the database alone no longer holds them

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from loket.server.keys import KeysMissing, keys_folder, load_key, store_key

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _given() -> str | None:
    """The folder ``loket-server init --keys DIR`` names (else LOKET_SERVER_KEYS)."""
    config = op.get_context().config
    return config.attributes.get("keys") if config is not None else None


def upgrade() -> None:
    rows = op.get_bind().execute(sa.text("SELECT code, bundle_key FROM branch")).all()
    if rows:
        try:
            folder = keys_folder(_given())
        except KeysMissing as exc:
            raise RuntimeError(
                f"moving {len(rows)} branch keys out of the database: {exc}"
            ) from None
        for code, key in rows:
            store_key(folder, code, key)
    op.drop_column("branch", "bundle_key")


def downgrade() -> None:
    op.add_column(
        "branch", sa.Column("bundle_key", sa.String(64), nullable=False, server_default="")
    )
    rows = op.get_bind().execute(sa.text("SELECT code FROM branch")).all()
    if rows:
        folder = keys_folder(_given())
        for (code,) in rows:
            op.execute(
                sa.text("UPDATE branch SET bundle_key = :k WHERE code = :c").bindparams(
                    k=load_key(folder, code) or "", c=code
                )
            )
