"""Bulk writes for imports: rows sent as ready parameter tuples, one ``executemany`` per
batch, and — on SQLite — the secondary indexes of a table built once after a large load
instead of row by row.

Why: at millions of rows, SQLite spends most of an insert keeping the random-order
indexes (phone, birth date) in step; building them afterwards sorts once (≈3 s for 3.2
million participants against ≈28 s of inserts into them). A load that dies midway
leaves them missing; :func:`restore_indexes` (run whenever a database is opened) puts
them back.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, Index, Table, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from loket.db.engine import WRITE_OPTION, Database

SQLITE_DEFAULT_CACHE = -2000  # SQLite's own default: 2 MB

Processor = Callable[[Any], Any] | None


def bind_processors(table: Table, columns: Sequence[str], driver: str) -> list[Processor]:
    """What SQLAlchemy would do to each column's value before handing it to the driver
    ``driver`` (e.g. ``"sqlite"``): dates become the text SQLite stores, instants UTC.
    Usable in a process that has no database connection."""
    dialect = URL.create(driver).get_dialect()()
    return [table.c[c].type.dialect_impl(dialect).bind_processor(dialect) for c in columns]


def _marks(conn: Connection, n: int) -> str:
    return ", ".join(["?" if conn.dialect.paramstyle == "qmark" else "%s"] * n)


def insert_rows(
    session: Session, table: Table, columns: Sequence[str], rows: list[tuple[Any, ...]]
) -> None:
    """``rows`` (values already processed, see :func:`bind_processors`) in one executemany."""
    conn = session.connection()
    sql = f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({_marks(conn, len(columns))})"
    conn.exec_driver_sql(sql, rows)


def insert_all_or_none(
    session: Session, table: Table, columns: Sequence[str], rows: list[tuple[Any, ...]]
) -> bool:
    """Inserts ``rows`` as :func:`insert_rows` does, in a savepoint: if one of them breaks
    a constraint (a key already in), none is kept and the answer is False."""
    try:
        with session.begin_nested():
            insert_rows(session, table, columns, rows)
    except IntegrityError:
        return False
    return True


def update_rows(
    session: Session, table: Table, columns: Sequence[str], rows: list[tuple[Any, ...]]
) -> None:
    """Each row: the new values of ``columns``, then the id of the row to change."""
    conn = session.connection()
    mark = _marks(conn, 1)
    assignments = ", ".join(f"{c} = {mark}" for c in columns)
    conn.exec_driver_sql(f"UPDATE {table.name} SET {assignments} WHERE id = {mark}", rows)


def lock_for_writing(session: Session, table: Table) -> None:
    """Makes a check-then-write on ``table`` atomic against every other writer for the
    rest of the transaction: PostgreSQL takes a table lock that lets readers in; on
    SQLite the writing transaction already holds the database's only write lock."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text(f"LOCK TABLE {table.name} IN SHARE ROW EXCLUSIVE MODE"))


def lookup(
    session: Session, table: Table, key: str, columns: Sequence[str], keys: list[str]
) -> list[tuple[Any, ...]]:
    """``columns`` of the rows whose ``key`` is one of ``keys`` — a hundred thousand keys
    in one parameter (a JSON array on SQLite, an array on PostgreSQL)."""
    conn = session.connection()
    select = f"SELECT {', '.join(columns)} FROM {table.name} WHERE {key}"
    if conn.dialect.name == "sqlite":
        sql, param = f"{select} IN (SELECT value FROM json_each(?))", json.dumps(keys)
    else:
        sql, param = f"{select} = ANY(%s)", keys  # type: ignore[assignment]
    return [tuple(r) for r in conn.exec_driver_sql(sql, (param,))]


def _secondary(table: Table) -> list[Index]:
    return sorted((ix for ix in table.indexes if not ix.unique), key=lambda ix: str(ix.name))


class BulkWriter:
    """One connection held for a long series of write transactions (a bulk import)."""

    def __init__(self, connection: Connection) -> None:
        self._sessions = sessionmaker(connection, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One batch: commits when the block ends, rolls back if it raises."""
        with self._sessions.begin() as session:
            yield session


@contextmanager
def secondary_indexes_set_aside(db: Database, table: Table) -> Iterator[None]:
    """On SQLite, drops ``table``'s non-unique indexes for the block and builds them
    again after it, whether it succeeds or fails."""
    if db.dialect != "sqlite":
        yield
        return
    with db.transaction() as session:
        for ix in _secondary(table):
            ix.drop(session.connection())
    try:
        yield
    finally:
        with db.transaction() as session:
            for ix in _secondary(table):
                ix.create(session.connection(), checkfirst=True)


@contextmanager
def bulk_writer(db: Database, *, cache_mb: int) -> Iterator[BulkWriter]:
    """A :class:`BulkWriter`; on SQLite its connection gets ``cache_mb`` of page cache, so
    the pages a batch reads and dirties stay in memory until it commits — and into the
    next batch, unless another process wrote in between (the default cache is given back
    afterwards)."""
    with db.engine.connect() as conn:
        raw: Any = conn.connection.dbapi_connection
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:  # sqlite3 in autocommit here: no transaction is opened by a PRAGMA
            raw.execute(f"PRAGMA cache_size = -{cache_mb * 1024}")
        try:
            yield BulkWriter(conn.execution_options(**{WRITE_OPTION: True}))
        finally:
            if sqlite:
                raw.execute(f"PRAGMA cache_size = {SQLITE_DEFAULT_CACHE}")


def restore_indexes(engine: Engine, tables: Sequence[Table]) -> None:
    """Builds the secondary indexes of ``tables`` that a bulk load left out (a load that
    was killed); writes nothing when every index is there."""
    with engine.connect() as conn:
        present = {
            name
            for table in tables
            for (name,) in conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?",
                (table.name,),
            )
        }
        conn.rollback()
        missing = [ix for t in tables for ix in _secondary(t) if ix.name not in present]
        if missing:
            with conn.execution_options(**{WRITE_OPTION: True}).begin():
                for ix in missing:
                    ix.create(conn, checkfirst=True)
