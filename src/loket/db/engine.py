"""The engine and session factory: SQLite (embedded, the default) or PostgreSQL by URL."""

from __future__ import annotations

import configparser
import os
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from platformdirs import site_config_dir, user_data_dir
from sqlalchemy import Connection, Engine, create_engine, event, make_url
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, sessionmaker

from loket.private_files import create_private, private_dir

SQLITE_BUSY_TIMEOUT_MS = 10_000
WRITE_OPTION = "loket_write"
DATABASE_SECRETS = "loket-database"  # the keyring's service for database passwords


def machine_config_file() -> Path:
    """The computer's own settings, written by the installer or ``loket-admin connect``:
    ``/etc/xdg/loket/loket.ini`` on Linux, ``C:\\ProgramData\\loket\\loket.ini`` on Windows
    (``LOKET_MACHINE_CONFIG`` names another file)."""
    if path := os.environ.get("LOKET_MACHINE_CONFIG"):
        return Path(path)
    return Path(site_config_dir("loket", appauthor=False)) / "loket.ini"


def machine_database_url() -> str:
    """``[database] url`` of :func:`machine_config_file` ("" when there is none)."""
    config = configparser.ConfigParser(interpolation=None)
    try:
        config.read(machine_config_file(), encoding="utf-8")
    except (OSError, configparser.Error):
        return ""
    return config.get("database", "url", fallback="").strip()


def default_database_url() -> str:
    """``LOKET_DB_URL`` if set, else the computer's database (:func:`machine_database_url`:
    a counter of a branch with several), else ``loket.db`` in the user's data directory."""
    if url := os.environ.get("LOKET_DB_URL") or machine_database_url():
        return url
    return f"sqlite:///{Path(user_data_dir('loket', appauthor=False)) / 'loket.db'}"


def password_key(url: URL) -> str:
    """Under which name the keyring keeps the password of a database server's account."""
    return f"{url.username}@{url.host or 'localhost'}:{url.port or 5432}/{url.database}"


def with_stored_password(url: URL) -> URL:
    """A PostgreSQL URL without a password gets the one the keyring keeps for it (stored by
    ``loket-admin connect``): no password sits in a file or on a command line."""
    if url.get_backend_name() != "postgresql" or url.password or not url.username:
        return url
    from loket.keys import load_secret  # the keyring only where it is needed

    found = load_secret(DATABASE_SECRETS, password_key(url))
    return url.set(password=found) if found else url


def sqlite_path(url: str | URL) -> Path | None:
    """The file behind a SQLite URL, or ``None`` (other databases, in-memory SQLite)."""
    u = make_url(url)
    if u.get_backend_name() != "sqlite" or u.database in (None, "", ":memory:"):
        return None
    return Path(u.database)


def describe_url(url: str | URL) -> str:
    """A short, password-free description for the status bar and messages."""
    u = make_url(url)
    if (path := sqlite_path(u)) is not None:
        return f"SQLite {path}"
    if u.get_backend_name() == "postgresql":
        return f"PostgreSQL {u.host or 'localhost'}:{u.port or 5432}/{u.database}"
    return u.render_as_string(hide_password=True)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event below emit BEGIN, not the sqlite3 module.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA journal_mode = WAL")
    # FULL: a committed payment survives a power cut, which counters do have.
    cur.execute("PRAGMA synchronous = FULL")
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    # A writing transaction takes the write lock up front (BEGIN IMMEDIATE), so two
    # counters never both read and then fail to upgrade to a write lock; readers
    # stay on a deferred BEGIN and are never blocked in WAL mode.
    immediate = conn.get_execution_options().get(WRITE_OPTION, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str | URL) -> Engine:
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        if (path := sqlite_path(u)) is not None:
            if not path.parent.exists():  # Loket's data folder: private; a chosen one stays
                private_dir(path.parent)
            create_private(path)
        # hide_parameters: an error's text never carries the values (names, NIKs, password
        # hashes) into a log or a terminal
        engine = create_engine(u, hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(u, pool_pre_ping=True, hide_parameters=True)


class Database:
    """An open Loket database: hands out one session per transaction."""

    def __init__(self, url: str | URL, engine: Engine | None = None) -> None:
        self.url = make_url(url)
        self.engine = engine or make_engine(self.url)
        self._writer = sessionmaker(
            self.engine.execution_options(**{WRITE_OPTION: True}), expire_on_commit=False
        )
        self._reader = sessionmaker(self.engine, expire_on_commit=False)
        self._raw = threading.local()  # per thread: a read-only sqlite3 connection
        self._raw_all: list[sqlite3.Connection] = []
        self._raw_lock = threading.Lock()
        self.held: list[Any] = []  # closed with the database (see db/presence.py)

    @property
    def description(self) -> str:
        return describe_url(self.url)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commits when the block ends, rolls back if it raises."""
        with self._writer.begin() as session:
            yield session

    @contextmanager
    def reader(self) -> Iterator[Session]:
        """A read-only view; whatever it changed is rolled back."""
        with self._reader() as session:
            try:
                yield session
            finally:
                session.rollback()

    @contextmanager
    def read_connection(self) -> Iterator[Connection]:
        """A Core connection for hot read-only queries (no ORM session to set up)."""
        with self.engine.connect() as conn:
            yield conn

    def fetch_all(self, sql: str, params: Sequence[Any]) -> list[Any]:
        """One read-only statement in plain SQL, for the hottest lookups on SQLite (an
        exact NIK or KPJ at the counter): straight on a ``sqlite3`` connection kept per
        thread, in autocommit, with ``query_only`` on — no pool checkout, no BEGIN, and
        sqlite3's own statement cache. Values come back as SQLite stores them."""
        conn: sqlite3.Connection | None = getattr(self._raw, "conn", None)
        if conn is None:
            path = sqlite_path(self.url)
            if path is None:
                raise RuntimeError("fetch_all serves SQLite files only")
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            conn.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA query_only = ON")
            self._raw.conn = conn
            with self._raw_lock:
                self._raw_all.append(conn)
        return conn.execute(sql, params).fetchall()

    def close(self) -> None:
        with self._raw_lock:
            for conn in self._raw_all:
                conn.close()
            self._raw_all.clear()
        self._raw = threading.local()
        self.engine.dispose()
        for handle in self.held:
            handle.close()
        self.held.clear()
