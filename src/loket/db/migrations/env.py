"""Alembic environment: always run programmatically by ``loket.db.migrate`` on a connection."""

from __future__ import annotations

from typing import Any, Literal

from alembic import context

from loket.db.migrate import include_object
from loket.db.models import Base
from loket.db.types import UTCDateTime


def render_item(type_: str, obj: Any, autogen_context: Any) -> str | Literal[False]:
    """Migrations spell plain SQLAlchemy types, so they never depend on our classes."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Loket migrations run through loket.db.migrate (loket-admin init)")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER most things
    compare_type=True,
    include_object=include_object,
    render_item=render_item,
)
with context.begin_transaction():
    context.run_migrations()
