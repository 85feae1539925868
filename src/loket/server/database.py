"""The server's PostgreSQL engine and schema upgrades."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, make_url

_MIGRATIONS = Path(__file__).parent / "migrations"


def server_engine(url: str, pool_size: int = 8) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        raise ValueError("the central server runs on PostgreSQL (postgresql+psycopg://…)")
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    # hide_parameters: no event's personal data in an error's text or the server's log
    return create_engine(parsed, pool_size=pool_size, pool_pre_ping=True, hide_parameters=True)


def upgrade(engine: Engine, keys: str | None = None) -> None:
    """Brings the schema to the newest revision (a new database gets every table).
    ``keys``: the folder of the branches' bundle keys, where an older database's move."""
    from alembic import command
    from alembic.config import Config

    with engine.begin() as connection:
        cfg = Config()
        cfg.set_main_option("script_location", str(_MIGRATIONS))
        cfg.attributes["connection"] = connection
        cfg.attributes["keys"] = keys
        command.upgrade(cfg, "head")
