"""Alembic environment: always run programmatically by ``loket.db.migrate`` on a connection."""

from __future__ import annotations

from alembic import context

from loket.db.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Loket migrations run through loket.db.migrate (loket-admin init)")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER most things
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
