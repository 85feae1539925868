"""Making the PostgreSQL role and database of a branch with several counters, from the
server's superuser (``loket-admin init --superuser-url …``): the role of the counters'
URL (a login role, not a superuser) and its database, owned by it. Both are made only
when missing, so running it again changes nothing."""

from __future__ import annotations

from sqlalchemy import make_url
from sqlalchemy.engine import URL

from loket.domain.errors import QT_TRANSLATE_NOOP, LoketError


class ProvisionError(LoketError):
    pass


def _libpq(url: URL) -> str:
    """A libpq connection string for psycopg (no SQLAlchemy driver name). What the URL does
    not say, libpq decides as ``psql`` would: no host is the local socket (where Debian's
    PostgreSQL lets its ``postgres`` user in by peer), and the URL's own parameters —
    ``?host=/var/run/postgresql``, ``sslmode`` — are kept."""
    from psycopg.conninfo import make_conninfo

    parts: dict[str, str] = {
        "host": url.host or "",
        "port": str(url.port or ""),
        "user": url.username or "",
        "password": url.password or "",
        "dbname": url.database or "postgres",
    }
    parts |= {k: v if isinstance(v, str) else v[-1] for k, v in url.query.items()}
    return make_conninfo(**{k: v for k, v in parts.items() if v})


def provision_postgres(superuser_url: str, target_url: str) -> list[str]:
    """Creates the role and the database ``target_url`` names, if missing; returns what it
    made (``role loket``, ``database loket``)."""
    import psycopg
    from psycopg import sql

    target = make_url(target_url)
    if target.get_backend_name() != "postgresql" or not target.username or not target.database:
        raise ProvisionError(
            QT_TRANSLATE_NOOP(
                "LoketError",
                "--superuser-url hanya untuk --db PostgreSQL dengan nama pengguna dan "
                "database, mis. postgresql+psycopg://loket:SANDI@10.0.0.5/loket.",
            ),
            field="db",
        )
    made: list[str] = []
    try:
        with psycopg.connect(_libpq(make_url(superuser_url)), autocommit=True) as conn:
            role, name = target.username, target.database
            if (
                conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
                is None
            ):
                conn.execute(
                    sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
                        sql.Identifier(role), sql.Literal(target.password or None)
                    )
                )
                made.append(f"role {role}")
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
            if exists.fetchone() is None:
                conn.execute(
                    sql.SQL(
                        "CREATE DATABASE {} OWNER {} ENCODING 'UTF8' TEMPLATE template0"
                    ).format(sql.Identifier(name), sql.Identifier(role))
                )
                made.append(f"database {name}")
    except psycopg.Error as exc:
        raise ProvisionError(
            QT_TRANSLATE_NOOP("LoketError", "PostgreSQL menolak: {reason}"),
            field="superuser_url",
            reason=str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__,
        ) from None
    return made
