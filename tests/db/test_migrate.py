"""Opening, creating and upgrading databases — on SQLite and on a real PostgreSQL."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, make_url, text

from loket.db.engine import make_engine
from loket.db.migrate import (
    DatabaseOpenError,
    alembic_config,
    current_revision,
    head_revision,
    include_object,
    open_database,
    revision_graph,
)
from loket.db.models import Base

TABLES = {
    "branch",
    "user_account",
    "counter",
    "setting",
    "sequence_counter",
    "audit_entry",
    "outbox_event",
    "alembic_version",
    "participant",
    "heir",
    "sponsor",
}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_quick_revision_reading_matches_alembic() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    assert script.get_heads() == [head_revision()]
    assert revision_graph() == {s.revision: s.down_revision for s in script.walk_revisions()}


def test_a_new_database_gets_the_whole_schema(any_db_url: str) -> None:
    db = open_database(any_db_url)
    with db.engine.connect() as conn:
        assert set(inspect(conn).get_table_names()) >= TABLES
    assert current_revision(db) == head_revision()
    db.close()


def test_migrations_and_models_agree(any_db_url: str) -> None:
    db = open_database(any_db_url)
    with db.engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(
                conn, opts={"compare_type": True, "include_object": include_object}
            ),
            Base.metadata,
        )
    db.close()
    assert diff == []


def test_downgrade_to_nothing_and_up_again(any_db_url: str) -> None:
    db = open_database(any_db_url)
    with db.engine.begin() as conn:
        command.downgrade(alembic_config(conn), "base")
    with db.engine.connect() as conn:
        assert set(inspect(conn).get_table_names()) == {"alembic_version"}
    db.close()
    db = open_database(any_db_url)  # an empty Loket database at "base" is upgraded again
    assert current_revision(db) == head_revision()
    db.close()


def test_a_newer_schema_is_refused_and_left_alone(any_db_url: str) -> None:
    db = open_database(any_db_url)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffff9999'"))
    db.close()
    with pytest.raises(DatabaseOpenError, match=r"versi Loket yang lebih baru.*ffff9999"):
        open_database(any_db_url)
    engine = make_engine(any_db_url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "ffff9999"
    engine.dispose()


def test_sqlite_is_set_up_for_counters(sqlite_url: str) -> None:
    db = open_database(sqlite_url)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10_000
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    db.close()


def test_upgrading_an_existing_file_backs_it_up_first(sqlite_url: str) -> None:
    path = Path(make_url(sqlite_url).database or "")
    db = open_database(sqlite_url)
    head = ScriptDirectory.from_config(alembic_config()).get_revision(head_revision())
    older = head.down_revision or "base"
    with db.engine.begin() as conn:
        command.downgrade(alembic_config(conn), str(older))
    db.close()

    open_database(sqlite_url).close()

    backups = sorted(path.parent.glob("loket.backup-*.db"))
    assert len(backups) == 1
    con = sqlite3.connect(backups[0])
    row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    con.close()
    assert (row[0] if row else "base") == older  # the copy is of the schema before the upgrade


def test_reopening_an_up_to_date_file_makes_no_backup(sqlite_url: str) -> None:
    open_database(sqlite_url).close()
    open_database(sqlite_url).close()
    path = Path(make_url(sqlite_url).database or "")
    assert list(path.parent.glob("*.backup-*")) == []


def test_a_file_that_is_not_a_database_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("Daftar hadir rapat, bukan database")
    before = _digest(path)
    with pytest.raises(DatabaseOpenError, match="bukan database Loket; tidak ada yang diubah"):
        open_database(f"sqlite:///{path}")
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


def test_another_programs_sqlite_file_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE pelanggan (id INTEGER PRIMARY KEY, nama TEXT)")
    con.commit()
    con.close()
    before = _digest(path)
    with pytest.raises(DatabaseOpenError, match="bukan database Loket"):
        open_database(f"sqlite:///{path}")
    assert _digest(path) == before


def test_a_corrupt_file_is_refused_and_left_alone(sqlite_url: str) -> None:
    path = Path(make_url(sqlite_url).database or "")
    db = open_database(sqlite_url)
    with db.engine.begin() as conn:  # enough rows for several pages
        for i in range(300):
            conn.execute(
                text("INSERT INTO setting (key, value) VALUES (:k, :v)"),
                {"k": f"k{i}", "v": "x" * 200},
            )
    db.close()
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    data = bytearray(path.read_bytes())
    data[4096 + 100 : 4096 * 3] = b"\xa5" * (4096 * 3 - 4096 - 100)  # trash pages 2–3
    path.write_bytes(bytes(data))
    before = _digest(path)
    with pytest.raises(DatabaseOpenError, match="rusak"):
        open_database(sqlite_url)
    assert _digest(path) == before


@pytest.mark.postgres
def test_an_unreachable_server_gives_a_clear_message() -> None:
    with pytest.raises(DatabaseOpenError, match="Tidak dapat terhubung ke database PostgreSQL"):
        open_database("postgresql+psycopg://postgres@127.0.0.1:1/nothing?connect_timeout=2")


def test_a_branch_in_use_gets_the_head_role_and_keeps_its_users(any_db_url: str) -> None:
    """0004 rebuilds the user table on SQLite (a new CHECK) while audit entries point at
    it: the users, their audit trail and the foreign keys all survive."""
    from datetime import UTC, datetime

    from sqlalchemy import MetaData

    from loket.services import audit, users
    from loket.services.actor import Actor, Role
    from loket.services.passwords import hash_password

    db = open_database(any_db_url)
    with db.engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0003")
        # what a branch that worked on 0003 has: its branch, a user, and the audit entry of
        # that user's creation pointing at it (hashed as entries were then: version 1)
        tables = MetaData()
        tables.reflect(conn, only=("branch", "user_account", "audit_entry"))
        now = datetime(2026, 11, 1, 2, tzinfo=UTC)
        branch_id = conn.execute(
            tables.tables["branch"].insert().values(
                code="BJM", name="KC Banjarmasin", province_code="63", address="",
                timezone="Asia/Makassar", is_home=True, created_at=now, kpj_prefix="631",
            )
        ).inserted_primary_key[0]  # fmt: skip
        user_id = conn.execute(
            tables.tables["user_account"].insert().values(
                branch_id=branch_id, username="petugas", full_name="Petugas", role="staff",
                password_hash=hash_password("Sandi-Banjar-2026"), failed_attempts=0,
                active=True, created_at=now, password_changed_at=now,
            )
        ).inserted_primary_key[0]  # fmt: skip
        payload = audit.canonical_json({"username": "petugas", "role": "staff"})
        entry = {"seq": 1, "at": now, "username": "loket-admin", "action": "user.created",
                 "entity": f"user:{user_id}", "payload": payload}  # fmt: skip
        digest = audit.entry_hash(
            1, now, "loket-admin", "user.created", entry["entity"], payload, audit.GENESIS_HASH
        )
        conn.execute(
            tables.tables["audit_entry"]
            .insert()
            .values(**entry, user_id=user_id, prev_hash=audit.GENESIS_HASH, hash=digest)
        )
        conn.exec_driver_sql(
            "INSERT INTO sequence_counter (name, scope, year, value) VALUES ('audit', '', 0, 1)"
        )
    db.close()
    admin = Actor.command_line()

    db = open_database(any_db_url)
    assert current_revision(db) == head_revision()
    assert [u.username for u in users.list_users(db, admin)] == ["petugas"]
    users.add_user(
        db,
        admin,
        username="kepala2",
        full_name="Kepala Cabang",
        role=Role.HEAD,
        password="Sandi-Martapura-26",
    )
    assert audit.verify_chain(db).ok
    if db.dialect == "sqlite":
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    db.close()


def test_the_postgresql_tools_are_found_off_the_path_where_their_installers_put_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 26, major 12: not only on PATH — Debian's versioned folders, and on Windows the
    PostgreSQL installer's Program Files folder; the newest version first."""
    from loket.db.pg_tools import pg_tool

    tool = tmp_path / "Program Files" / "PostgreSQL" / "99" / "bin" / "pg_dump"
    tool.parent.mkdir(parents=True)
    tool.write_text("#!/bin/sh\n")
    tool.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setenv("PROGRAMFILES", str(tmp_path / "Program Files"))
    assert pg_tool("pg_dump") == str(tool)
    assert pg_tool("pg_nothing") is None
