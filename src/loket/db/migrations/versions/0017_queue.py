"""The queue: services with their letters and quotas, which counters serve them, tickets,
what was done for each ticket; a counter's break

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03 13:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

# the services a branch starts with (the admin renames, adds, caps or retires them)
SERVICES = (
    ("A", "Pendaftaran & iuran", 1),
    ("B", "Klaim JHT", 2),
    ("C", "Klaim JKM/JKK & beasiswa", 3),
    ("D", "Informasi/pengaduan", 4),
)


def upgrade() -> None:
    with op.batch_alter_table("counter", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("queue_paused", sa.Boolean(), server_default="0", nullable=False)
        )
    service = op.create_table(
        "queue_service",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("prefix", sa.String(length=1), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("daily_quota", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_queue_service")),
        sa.UniqueConstraint("prefix", name=op.f("uq_queue_service_prefix")),
    )
    op.bulk_insert(
        service,
        [
            {"prefix": p, "name": n, "daily_quota": 0, "position": i, "active": True}
            for p, n, i in SERVICES
        ],
    )
    op.create_table(
        "counter_service",
        sa.Column("counter_id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("preference", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["counter_id"], ["counter.id"], name=op.f("fk_counter_service_counter_id_counter")
        ),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["queue_service.id"],
            name=op.f("fk_counter_service_service_id_queue_service"),
        ),
        sa.PrimaryKeyConstraint("counter_id", "service_id", name=op.f("pk_counter_service")),
    )
    op.create_table(
        "ticket",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.Column("priority", sa.Boolean(), nullable=False),
        sa.Column("booking_code", sa.String(length=20), nullable=False),
        sa.Column("slot_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("issued_by", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("counter_id", sa.Integer(), nullable=True),
        sa.Column("called_by", sa.String(length=64), nullable=False),
        sa.Column("first_called_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("called_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("call_seq", sa.Integer(), nullable=False),
        sa.Column("calls", sa.Integer(), nullable=False),
        sa.Column("transfers", sa.Integer(), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("rated_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status IN ('waiting', 'called', 'done', 'no_show')", name=op.f("ck_ticket_status")
        ),
        sa.CheckConstraint(
            "rating IS NULL OR rating BETWEEN 1 AND 5", name=op.f("ck_ticket_rating")
        ),
        sa.ForeignKeyConstraint(
            ["counter_id"], ["counter.id"], name=op.f("fk_ticket_counter_id_counter")
        ),
        sa.ForeignKeyConstraint(
            ["service_id"], ["queue_service.id"], name=op.f("fk_ticket_service_id_queue_service")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket")),
        sa.UniqueConstraint(
            "business_date", "service_id", "number", name=op.f("uq_ticket_day_number")
        ),
    )
    op.create_index("ix_ticket_waiting", "ticket", ["business_date", "status", "service_id"])
    op.create_index("ix_ticket_calls", "ticket", ["business_date", "call_seq"])
    op.create_table(
        "ticket_link",
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("ref", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["ticket.id"], name=op.f("fk_ticket_link_ticket_id_ticket")
        ),
        sa.PrimaryKeyConstraint("ticket_id", "kind", "ref", name=op.f("pk_ticket_link")),
    )
    op.create_index(op.f("ix_ticket_link_ref"), "ticket_link", ["ref"])


def downgrade() -> None:
    op.drop_table("ticket_link")
    op.drop_table("ticket")
    op.drop_table("counter_service")
    op.drop_table("queue_service")
    with op.batch_alter_table("counter", schema=None) as batch_op:
        batch_op.drop_column("queue_paused")
