"""The PostgreSQL role the counters connect as: least privilege, by table.

A branch with several counters has two roles. The **owner** (``loket`` in the README) owns
the database and its schema; only ``loket-admin`` uses it, on the branch's main computer,
to create and migrate the schema and to restore a backup. The **counter role** (the
owner's name with ``_counter``: ``loket_counter``) is the one every counter's user keeps in
their keyring. It can do what the services do and no more than the table below grants:

- no DDL: it owns nothing, and may not create in the schema;
- the audit trail, the daily closings, a claim's history and a receipt's dues are
  append-only (``SELECT, INSERT``);
- a receipt changes only in its printing and void columns, a handover record only in its
  print count, an outbox event only in what sync writes back (sent, refused, attempts,
  the NIK masked on acknowledgement, and the number a recovery moves it to);
- rows are deleted only where a service replaces a set (a counter's services, the coverage
  tally); nothing is truncated.

The database cannot tell one Loket user from another (every user of a counter computer
connects as this role), so whatever one of the services may change, someone holding the
role's password may change too, around the services' checks — but not unseen: it is not
written to the audit trail, which they cannot rewrite.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from loket.db.models import Base

COUNTER_SUFFIX = "_counter"

_APPEND_ONLY = "SELECT, INSERT"
_CHANGED = "SELECT, INSERT, UPDATE"
_REPLACED = "SELECT, INSERT, UPDATE, DELETE"

# Every table of the schema, with what the counter role may do to it (a test holds this
# table to the models: a new table is granted on purpose, not by default).
COUNTER_PRIVILEGES: dict[str, str] = {
    "alembic_version": "SELECT",
    "audit_entry": _APPEND_ONLY,
    "day_closing": _APPEND_ONLY,
    "claim_event": _APPEND_ONLY,
    "contribution": _APPEND_ONLY,
    "receipt": "SELECT, INSERT, UPDATE (print_count, printed_at, void_status, void_reason, "
    "void_requested_by, voided_by, voided_at, void_drawer, void_session_id)",
    "handover": "SELECT, INSERT, UPDATE (print_count)",
    "outbox_event": "SELECT, INSERT, UPDATE (sent_at, refused_reason, attempts, payload, seq)",
    "counter_service": _REPLACED,
    "coverage_tally": _REPLACED,
    **{
        name: _CHANGED
        for name in (
            "branch",
            "user_account",
            "counter",
            "setting",
            "sequence_counter",
            "sponsor",
            "participant",
            "heir",
            "correction_request",
            "cash_session",
            "claim",
            "remote_participant",
            "remote_claim",
            "sync_conflict",
            "reference_document",
            "sync_state",
            "queue_service",
            "ticket",
            "ticket_link",
        )
    },
}


def counter_role(owner: str) -> str:
    """The counters' role of a database owned by ``owner``."""
    return f"{owner}{COUNTER_SUFFIX}"


def _ident(conn: Connection, name: str) -> str:
    return conn.dialect.identifier_preparer.quote(name)


def role_exists(conn: Connection, role: str) -> bool:
    return bool(conn.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}))


def grant_counter(conn: Connection, role: str) -> None:
    """Gives ``role`` exactly the privileges of :data:`COUNTER_PRIVILEGES` on this database
    (what it had before is taken back first). Run as the owner, inside the migration's or
    the restore's transaction."""
    who = _ident(conn, role)
    database = _ident(conn, str(conn.scalar(text("SELECT current_database()"))))
    tables = set(conn.scalars(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")))
    conn.exec_driver_sql("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
    conn.exec_driver_sql(f"REVOKE ALL ON DATABASE {database} FROM PUBLIC")
    conn.exec_driver_sql(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {who}")
    conn.exec_driver_sql(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {who}")
    conn.exec_driver_sql(f"GRANT CONNECT, TEMPORARY ON DATABASE {database} TO {who}")
    conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA public TO {who}")
    for name in sorted(tables):
        privileges = COUNTER_PRIVILEGES.get(name)
        if privileges is None:  # not Loket's (refused at a restore): nothing
            continue
        conn.exec_driver_sql(f"GRANT {privileges} ON TABLE {_ident(conn, name)} TO {who}")
    conn.exec_driver_sql(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {who}")


def grant_counter_if_any(conn: Connection) -> str | None:
    """After the schema changed (as its owner): the counter role's grants made again, if
    the role exists. Returns its name, or None (SQLite; no counter role made)."""
    if conn.dialect.name != "postgresql":
        return None
    role = counter_role(str(conn.scalar(text("SELECT current_user"))))
    if not role_exists(conn, role):
        return None
    grant_counter(conn, role)
    return role


def tables_covered() -> set[str]:
    """The schema's tables, as the models and the migrations name them."""
    return set(Base.metadata.tables) | {"alembic_version"}
