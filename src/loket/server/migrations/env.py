"""Alembic environment of the central server: run by ``loket-server init`` on a connection."""

from __future__ import annotations

from alembic import context

from loket.server.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("server migrations run through loket-server init")

context.configure(connection=connection, target_metadata=metadata, compare_type=True)
with context.begin_transaction():
    context.run_migrations()
