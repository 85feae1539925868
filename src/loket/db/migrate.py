"""Opening a database: check what it is, back it up, bring its schema up to date.

Nothing is written until the checks pass: a file that is not a Loket database, a
corrupt file, or a schema newer than this app is refused with a clear message and
left exactly as it was.
"""

from __future__ import annotations

import ast
import sqlite3
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, inspect, make_url, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import OperationalError

from loket.db import presence
from loket.db.bulk import restore_indexes
from loket.db.engine import Database, describe_url, sqlite_path, with_stored_password
from loket.db.filesystems import network_filesystem
from loket.db.models import UNMODELLED, Participant, table
from loket.db.pg_tools import last_line, pg_tool, run_pg
from loket.db.roles import grant_counter_if_any
from loket.domain.errors import QT_TRANSLATE_NOOP, LoketError
from loket.private_files import create_private, private_dir

_MIGRATIONS = Path(__file__).parent / "migrations"
_SQLITE_MAGIC = b"SQLite format 3\x00"

if TYPE_CHECKING:
    from alembic.config import Config


class DatabaseOpenError(LoketError):
    """The database cannot be opened; nothing in it was changed."""


def alembic_config(connection: Connection | None = None) -> Config:
    # Alembic is imported only when a migration runs: it costs ~130 ms of start-up.
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """For autogenerate: leaves out what the migrations make by hand (the search index
    and its FTS5 shadow tables), which the models do not describe."""
    return not (name or "").startswith(UNMODELLED)


@cache
def revision_graph() -> dict[str, str | None]:
    """Each shipped revision and the one it revises, read from the migration files
    without importing Alembic (a test checks this against Alembic's own view)."""
    graph: dict[str, str | None] = {}
    for path in sorted((_MIGRATIONS / "versions").glob("*.py")):
        values = {
            target.id: str(node.value.value) if node.value.value is not None else None
            for node in ast.parse(path.read_text(encoding="utf-8")).body
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
            for target in node.targets
            if isinstance(target, ast.Name) and target.id in ("revision", "down_revision")
        }
        if (revision := values.get("revision")) is not None:
            graph[revision] = values.get("down_revision")
    return graph


def head_revision() -> str:
    graph = revision_graph()
    heads = set(graph) - set(graph.values())
    if len(heads) != 1:
        raise RuntimeError(f"migrations must have exactly one head, not {sorted(heads)}")
    return heads.pop()


def _classify(tables: set[str], revision: str | None, where: str) -> str | None:
    """The revision to migrate from (``None``: a new, empty database), or raise."""
    if not tables:
        return None
    if "alembic_version" not in tables:
        raise DatabaseOpenError(
            QT_TRANSLATE_NOOP("LoketError", "{where} bukan database Loket; tidak ada yang diubah."),
            where=where,
        )
    if revision is not None and revision not in revision_graph():
        raise DatabaseOpenError(
            QT_TRANSLATE_NOOP(
                "LoketError",
                "Database {where} dibuat oleh versi Loket yang lebih baru (skema {revision}). "
                "Perbarui aplikasi ini; database tidak diubah.",
            ),
            where=where,
            revision=revision,
        )
    return revision or "base"


def read_only(path: Path, *, copy: bool = False) -> sqlite3.Connection:
    """A read-only connection to a SQLite file; a ``copy`` (a backup, perhaps on a
    read-only USB stick) is opened as immutable: SQLite then writes nothing beside it, not
    even the shared memory a WAL-mode file otherwise needs."""
    return sqlite3.connect(
        f"{path.resolve().as_uri()}?{'immutable=1' if copy else 'mode=ro'}",
        uri=True,
        check_same_thread=False,
    )


def _inspect_sqlite(path: Path, *, copy: bool = False) -> str | None:
    where = str(path)
    with path.open("rb") as f:
        if f.read(16) != _SQLITE_MAGIC:
            raise DatabaseOpenError(
                QT_TRANSLATE_NOOP(
                    "LoketError", "{where} bukan database Loket; tidak ada yang diubah."
                ),
                where=where,
            )
    try:
        con = read_only(path, copy=copy)
        try:
            problems = [r[0] for r in con.execute("PRAGMA quick_check")]
            if problems != ["ok"]:
                raise sqlite3.DatabaseError("; ".join(problems[:3]))
            tables = {
                r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            revision = None
            if "alembic_version" in tables:
                row = con.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseOpenError(
            QT_TRANSLATE_NOOP(
                "LoketError",
                "Database {where} rusak dan tidak dapat dibuka ({detail}). "
                "Pulihkan dari cadangan; berkas tidak diubah.",
            ),
            where=where,
            detail=str(exc),
        ) from exc
    return _classify(tables, revision, where)


def _inspect_server(db: Database) -> str | None:
    try:
        with db.engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            revision = None
            if "alembic_version" in tables:
                revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except OperationalError as exc:
        raise DatabaseOpenError(
            QT_TRANSLATE_NOOP("LoketError", "Tidak dapat terhubung ke database {where}: {detail}"),
            where=db.description,
            detail=str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc),
        ) from exc
    return _classify(tables, revision, db.description)


def _owns(db: Database) -> bool:
    """Whether the PostgreSQL role connected owns the database (or is a superuser): only it
    creates and migrates the schema; the counters' role does not."""
    with db.engine.connect() as conn:
        return bool(
            conn.scalar(
                text(
                    "SELECT d.datdba = r.oid OR r.rolsuper FROM pg_database d, pg_roles r "
                    "WHERE d.datname = current_database() AND r.rolname = current_user"
                )
            )
        )


def backup_sqlite(path: Path, *, now: datetime | None = None) -> Path:
    """A consistent copy next to the file: ``loket.backup-20261124-134500.db``."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.backup-{stamp}{path.suffix}")
    src = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


def backup_postgres(url: URL, *, now: datetime | None = None) -> Path:
    """A dump of a PostgreSQL branch before its schema changes, in the user's Loket folder
    (``backups/loket-DB.before-upgrade-YYYYMMDD-HHMMSS.dump``); without ``pg_dump`` nothing
    is migrated."""
    from platformdirs import user_data_dir

    tool = pg_tool("pg_dump")
    if tool is None:
        raise DatabaseOpenError(
            QT_TRANSLATE_NOOP(
                "LoketError",
                "Database {where} perlu diperbarui, tetapi pg_dump tidak ditemukan untuk "
                "mencadangkannya dulu: pasang klien PostgreSQL (postgresql-client). Database "
                "tidak diubah.",
            ),
            where=describe_url(url),
        )
    folder = private_dir(Path(user_data_dir("loket", False)) / "backups")
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = folder / f"loket-{url.database}.before-upgrade-{stamp}.dump"
    create_private(target)
    done = run_pg(url, tool, "--format=custom", f"--file={target}", "{url}")
    if done.returncode != 0:
        target.unlink(missing_ok=True)
        raise DatabaseOpenError(
            QT_TRANSLATE_NOOP(
                "LoketError",
                "Cadangan sebelum pembaruan database {where} gagal ({why}); database tidak diubah.",
            ),
            where=describe_url(url),
            why=last_line(done),
        )
    return target


def open_database(url: str | URL, *, create: bool = True) -> Database:
    """Opens the database at ``url``, creating or upgrading its schema (after a backup).

    Raises :class:`DatabaseOpenError` — with the database untouched — for a file that
    is not a Loket database, a corrupt file, a newer schema, or an unreachable server;
    and, unless ``create``, for one that does not exist yet or is empty (only ``init``,
    ``demo``, ``restore`` and the app make a database: a mistyped path never becomes a
    new, empty branch).
    """
    url = with_stored_password(make_url(url))
    path = sqlite_path(url)
    if path is not None and (kind := network_filesystem(path)) is not None:
        raise DatabaseOpenError(
            QT_TRANSLATE_NOOP(
                "LoketError",
                "{path} ada di folder jaringan ({kind}). SQLite tidak aman di folder "
                "jaringan: dua loket yang menulis bersamaan dapat merusak berkasnya. Untuk "
                "beberapa loket pakai PostgreSQL di komputer utama cabang; satu loket "
                "menyimpan berkasnya di disknya sendiri.",
            ),
            path=str(path),
            kind=kind,
        )
    missing = DatabaseOpenError(
        QT_TRANSLATE_NOOP(
            "LoketError",
            "Database {where} belum ada atau kosong; tidak ada yang dibuat. Buat dengan "
            "'loket-admin init', atau pulihkan dengan 'loket-admin restore'.",
        ),
        where=describe_url(url),
    )
    if path is not None and path.exists() and path.stat().st_size > 0:
        current = _inspect_sqlite(path)
        db = Database(url)
    else:
        if path is not None and not create:
            raise missing
        db = Database(url)
        current = None if path is not None else _inspect_server(db)
        if current is None and not create:
            db.close()
            raise missing
    head = head_revision()
    if current != head:
        if path is None and not _owns(db):
            db.close()
            raise DatabaseOpenError(
                QT_TRANSLATE_NOOP(
                    "LoketError",
                    "Database {where} memerlukan skema {head}, dan hanya pemilik database yang "
                    "membuat atau memperbarui skema: di komputer utama cabang jalankan "
                    "'loket-admin init --db postgresql+psycopg://PEMILIK@…' (lihat README). "
                    "Tidak ada yang diubah.",
                ),
                where=describe_url(url),
                head=head,
            )
        if path is not None and current is not None:
            backup_sqlite(path)
        elif current is not None:  # a PostgreSQL branch: dumped first, as SQLite is copied
            try:
                backup_postgres(db.url)
            except DatabaseOpenError:
                db.close()
                raise
        _upgrade(db)
    if path is not None:
        restore_indexes(db.engine, [table(Participant)])  # after a bulk load that died
        if (handle := presence.hold(path)) is not None:  # a restore waits for us to close
            db.held.append(handle)
    return db


def _canonical(kind: str, sql: str | None) -> str:
    """An object's SQL, spaced alike; a table's columns and constraints in sorted order
    (a table the migrations rebuilt lists its constraints in no fixed order)."""
    sql = " ".join((sql or "").split())
    if kind != "table" or "(" not in sql:
        return sql
    head, body = sql[: sql.index("(")], sql[sql.index("(") + 1 : sql.rindex(")")]
    parts, depth, quote, start = [], 0, "", 0
    for i, ch in enumerate(body):
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(body[start:i].strip())
            start = i + 1
    parts.append(body[start:].strip())
    return f"{head}({', '.join(sorted(parts))})"


def _schema(con: sqlite3.Connection) -> dict[tuple[str, str], str]:
    """A SQLite file's objects, (type, name) → the SQL that made them; SQLite's own left
    out."""
    return {
        (kind, name): _canonical(kind, sql)
        for kind, name, sql in con.execute("SELECT type, name, sql FROM sqlite_master")
        if not name.startswith("sqlite_")
    }


@cache
def migrated_schema(revision: str) -> dict[tuple[str, str], str]:
    """What Loket's migrations make, up to ``revision``, in an empty SQLite file."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "schema.db"
        db = Database(f"sqlite:///{path}")
        try:
            _upgrade(db, revision)
        finally:
            db.close()
        con = sqlite3.connect(path)
        try:
            return _schema(con)
        finally:
            con.close()


def foreign_objects(path: Path) -> list[str]:
    """What a Loket SQLite file holds that its schema revision's migrations did not make: a
    trigger, view or table more, or one whose definition differs (an index only by name —
    rebuilding one after a bulk load may spell it differently). Empty for a sound copy.
    Raises :class:`DatabaseOpenError` for a file that is not a Loket database, a damaged
    one, or one from a newer Loket."""
    revision = _inspect_sqlite(path, copy=True)
    if revision is None or revision == "base":
        raise DatabaseOpenError(
            QT_TRANSLATE_NOOP("LoketError", "{where} bukan database Loket; tidak ada yang diubah."),
            where=str(path),
        )
    con = read_only(path, copy=True)
    try:
        found = _schema(con)
    finally:
        con.close()
    made = migrated_schema(revision)
    return sorted(
        f"{kind} {name}"
        for (kind, name), sql in found.items()
        if (kind, name) not in made or (kind != "index" and made[(kind, name)] != sql)
    )


def _upgrade(db: Database, target: str = "head") -> None:
    """Runs the migrations in one transaction. On SQLite, changing a table means building
    a new one and renaming it, which foreign keys forbid while it runs: they are turned
    off around the transaction and every reference is checked before it commits
    (sqlite.org/lang_altertable.html, "Making Other Kinds Of Table Schema Changes")."""
    from alembic import command

    with db.engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        raw = conn.connection.dbapi_connection
        if sqlite:
            raw.execute("PRAGMA foreign_keys = OFF")  # type: ignore[union-attr]
        try:
            with conn.execution_options(loket_write=True).begin():
                command.upgrade(alembic_config(conn), target)
                grant_counter_if_any(conn)  # a new table is the counters' as the table says
                if sqlite and (bad := conn.exec_driver_sql("PRAGMA foreign_key_check").first()):
                    raise RuntimeError(f"migration left a broken reference in {bad[0]}")
        finally:
            if sqlite:
                raw.execute("PRAGMA foreign_keys = ON")  # type: ignore[union-attr]


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        if "alembic_version" not in inspect(conn).get_table_names():
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


__all__ = [
    "DatabaseOpenError",
    "alembic_config",
    "backup_sqlite",
    "current_revision",
    "describe_url",
    "head_revision",
    "open_database",
]
