"""participants, heirs, sponsors, search index

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sponsor",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=150), nullable=False),
        sa.Column("contact_name", sa.String(length=150), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('person', 'organisation')", name=op.f("ck_sponsor_kind")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sponsor")),
    )
    op.create_table(
        "participant",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kpj", sa.String(length=11), nullable=False),
        sa.Column("nik", sa.String(length=16), nullable=False),
        sa.Column("full_name", sa.String(length=150), nullable=False),
        sa.Column("name_search", sa.String(length=300), nullable=False),
        sa.Column("birth_place", sa.String(length=100), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("sex", sa.String(length=1), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("province_code", sa.String(length=2), nullable=False),
        sa.Column("regency", sa.String(length=100), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("occupation", sa.String(length=40), nullable=False),
        sa.Column("segment", sa.String(length=8), nullable=False),
        sa.Column("npp", sa.String(length=8), nullable=False),
        sa.Column("declared_income", sa.Integer(), nullable=True),
        sa.Column("programs", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("branch_code", sa.String(length=8), nullable=False),
        sa.Column("registered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("registered_by", sa.String(length=64), nullable=False),
        sa.Column("sponsor_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "segment IN ('BPU', 'PU', 'JAKON')", name=op.f("ck_participant_segment")
        ),
        sa.CheckConstraint("sex IN ('L', 'P')", name=op.f("ck_participant_sex")),
        sa.ForeignKeyConstraint(
            ["sponsor_id"], ["sponsor.id"], name=op.f("fk_participant_sponsor_id_sponsor")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_participant")),
        sa.UniqueConstraint("kpj", name=op.f("uq_participant_kpj")),
        sa.UniqueConstraint("nik", name=op.f("uq_participant_nik")),
    )
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_participant_birth_date"), ["birth_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_participant_phone"), ["phone"], unique=False)

    op.create_table(
        "heir",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=150), nullable=False),
        sa.Column("relation", sa.String(length=20), nullable=False),
        sa.Column("nik", sa.String(length=16), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("education_level", sa.String(length=8), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"], ["participant.id"], name=op.f("fk_heir_participant_id_participant")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_heir")),
    )
    with op.batch_alter_table("heir", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_heir_participant_id"), ["participant_id"], unique=False
        )

    op.create_table(
        "correction_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.Column("old_values", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("requested_by", sa.String(length=64), nullable=False),
        sa.Column("requested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_by", sa.String(length=64), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "status IN ('pending', 'approved', 'rejected')",
            name=op.f("ck_correction_request_status"),
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
            name=op.f("fk_correction_request_participant_id_participant"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_correction_request")),
    )
    with op.batch_alter_table("correction_request", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_correction_request_participant_id"), ["participant_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_correction_request_status"), ["status"], unique=False)

    with op.batch_alter_table("branch", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kpj_prefix", sa.String(length=3), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_branch_kpj_prefix"), ["kpj_prefix"])

    # Name search. SQLite: an FTS5 index over the folded name, kept in step by triggers
    # (word-prefix matching). PostgreSQL: a trigram index serving LIKE '%part%'.
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE participant_fts USING fts5(name_search, content='participant', "
            "content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='2 3')"
        )
        # The bulk import indexes its rows a batch at a time (see db/search_index.py):
        # a trigger per row would cost it three quarters of its speed.
        op.execute(
            "CREATE TRIGGER participant_fts_ai AFTER INSERT ON participant "
            "WHEN new.registered_by NOT LIKE 'import:%' BEGIN "
            "INSERT INTO participant_fts(rowid, name_search) VALUES (new.id, new.name_search); END"
        )
        op.execute(
            "CREATE TRIGGER participant_fts_ad AFTER DELETE ON participant BEGIN "
            "INSERT INTO participant_fts(participant_fts, rowid, name_search) "
            "VALUES ('delete', old.id, old.name_search); END"
        )
        op.execute(
            "CREATE TRIGGER participant_fts_au AFTER UPDATE OF name_search ON participant BEGIN "
            "INSERT INTO participant_fts(participant_fts, rowid, name_search) "
            "VALUES ('delete', old.id, old.name_search); "
            "INSERT INTO participant_fts(rowid, name_search) VALUES (new.id, new.name_search); END"
        )
    else:
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute(
            "CREATE INDEX ix_participant_name_trgm ON participant "
            "USING gin (name_search gin_trgm_ops)"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("participant_fts_ai", "participant_fts_ad", "participant_fts_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS participant_fts")
    else:
        op.execute("DROP INDEX IF EXISTS ix_participant_name_trgm")
    with op.batch_alter_table("branch", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_branch_kpj_prefix"), type_="unique")
        batch_op.drop_column("kpj_prefix")

    op.drop_table("correction_request")
    with op.batch_alter_table("heir", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_heir_participant_id"))

    op.drop_table("heir")
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_participant_phone"))
        batch_op.drop_index(batch_op.f("ix_participant_birth_date"))

    op.drop_table("participant")
    op.drop_table("sponsor")
