"""Making the PostgreSQL roles and database of a branch with several counters, from the
server's superuser (``loket-admin init --superuser-url …``): the owner role ``--db`` names
(a login role, not a superuser) and its database, owned by it; and the counters' role
(``db/roles.py``: ``loket_counter`` for the owner ``loket``), which the owner's migration
then grants what the counters need. Each is made only when missing, so running it again
changes nothing; a new role's password comes from ``new_password`` (typed, never on a
command line)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import make_url
from sqlalchemy.engine import URL

from loket.domain.errors import QT_TRANSLATE_NOOP, LoketError


class ProvisionError(LoketError):
    pass


def libpq_conninfo(url: URL) -> str:
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


def provision_postgres(
    superuser_url: str, target_url: str, new_password: Callable[[str], str]
) -> list[str]:
    """Creates the roles and the database ``target_url`` names, if missing; returns what it
    made (``role loket``, ``database loket``, ``role loket_counter``)."""
    import psycopg
    from psycopg import sql

    from loket.db.roles import counter_role

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
        with psycopg.connect(libpq_conninfo(make_url(superuser_url)), autocommit=True) as conn:
            role, name = target.username, target.database

            def make_role(who: str, password: str | None) -> None:
                found = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (who,))
                if found.fetchone() is None:
                    conn.execute(
                        sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
                            sql.Identifier(who), sql.Literal(password or new_password(who))
                        )
                    )
                    made.append(f"role {who}")

            make_role(role, target.password)
            make_role(counter_role(role), None)
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
