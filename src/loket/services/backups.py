"""Backups of the branch database, made while the counters work, checked after writing,
named by branch and time, and rotated; and restoring one.

SQLite is copied with its online backup API in one step (one read transaction: a
consistent snapshot while payments go on), written under a ``.part`` name, checked
(``PRAGMA integrity_check``, and the audit chain walked in the copy) and only then given
its name. PostgreSQL is dumped with ``pg_dump`` (custom format) and checked with
``pg_restore --list``. Kept: the newest backup of each of the last ``backup_keep_daily``
days and of each of the last ``backup_keep_monthly`` months; older ones are deleted.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from platformdirs import user_data_dir
from sqlalchemy import URL, create_engine, select, text

from loket.db import presence
from loket.db.engine import Database, describe_url, sqlite_path
from loket.db.migrate import DatabaseOpenError, foreign_objects, read_only, revision_graph
from loket.db.models import Base, Branch
from loket.db.pg_tools import last_line, pg_tool, run_pg
from loket.db.roles import grant_counter_if_any
from loket.domain.errors import QT_TRANSLATE_NOOP
from loket.private_files import create_private, private_dir
from loket.services import audit
from loket.services.actor import Actor
from loket.services.audit import record_change
from loket.services.clock import Clock, system_clock
from loket.services.errors import Conflict, ValidationError
from loket.services.permissions import Permission, require
from loket.services.place import require_home_branch
from loket.services.settings import get_setting, read_setting

log = logging.getLogger(__name__)
_NAME = re.compile(r"loket-(?P<branch>[A-Z0-9]+)-(?P<stamp>\d{8}-\d{6})\.(?P<ext>db|dump)")


class BackupFailed(Conflict):
    """The copy could not be made or did not pass its checks (and was not kept)."""


@dataclass(frozen=True)
class Backup:
    path: Path
    size: int
    audit_entries: int  # walked in the copy (SQLite); in the database dumped (PostgreSQL)
    deleted: tuple[Path, ...]  # older backups rotated out


def default_directory(db: Database) -> Path:
    """The branch's backup folder (setting ``backup_directory``), else ``backups`` next to
    the database file, or in the user's data folder for PostgreSQL."""
    if chosen := get_setting(db, "backup_directory"):
        return Path(chosen)
    path = sqlite_path(db.url)
    base = path.resolve().parent if path is not None else Path(user_data_dir("loket", False))
    return base / "backups"


def backup(
    db: Database, actor: Actor, directory: Path | None = None, *, clock: Clock = system_clock
) -> Backup:
    require(actor, Permission.MANAGE_BRANCH, Permission.CLOSE_DAY)
    directory = directory or default_directory(db)
    try:
        private_dir(directory)
    except OSError as exc:
        raise BackupFailed(
            QT_TRANSLATE_NOOP("LoketError", "Folder cadangan {folder} tidak dapat dibuat: {why}"),
            field="directory",
            folder=str(directory),
            why=exc.strerror or str(exc),
        ) from None
    with db.reader() as session:
        home = require_home_branch(session)
        code, tz = home.code, ZoneInfo(home.timezone)
        keep_daily = int(read_setting(session, "backup_keep_daily"))
        keep_monthly = int(read_setting(session, "backup_keep_monthly"))
    now = clock().astimezone(tz)
    source = sqlite_path(db.url)
    ext = "db" if source is not None else "dump"
    target = directory / f"loket-{code}-{now:%Y%m%d-%H%M%S}.{ext}"
    part = target.with_name(target.name + ".part")
    try:
        entries = _sqlite_copy(source, part) if source is not None else _pg_dump(db, part)
        os.replace(part, target)
    except BackupFailed:
        part.unlink(missing_ok=True)
        raise
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise BackupFailed(
            QT_TRANSLATE_NOOP("LoketError", "Cadangan tidak dapat ditulis ke {folder}: {why}"),
            field="directory",
            folder=str(directory),
            why=exc.strerror or str(exc),
        ) from None
    deleted = rotate(directory, code, keep_daily, keep_monthly)
    with db.transaction() as session:
        record_change(
            session,
            actor,
            "database.backed_up",
            f"branch:{code}",
            {"file": target.name, "size": target.stat().st_size, "rotated": len(deleted)},
            clock=clock,
        )
    return Backup(target, target.stat().st_size, entries, deleted)


def _sqlite_copy(source: Path, part: Path) -> int:
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        create_private(part)
        dst = sqlite3.connect(part)
        try:
            src.backup(dst)  # every page in one step: one consistent snapshot
        finally:
            dst.close()
    finally:
        src.close()
    return check_copy(part)


def check_copy(path: Path) -> int:
    """Raises :class:`BackupFailed` unless ``path`` is a sound Loket database whose audit
    chain holds; returns how many audit entries it walked."""
    try:
        con = read_only(path, copy=True)
        try:
            integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        integrity = str(exc)
    if integrity != "ok":
        raise BackupFailed(
            QT_TRANSLATE_NOOP("LoketError", "Cadangan {file} rusak ({problem}); tidak disimpan."),
            file=path.name.removesuffix(".part"),
            problem=integrity,
        )
    # read as it is, writing nothing (a read-only stick): not through make_engine's pragmas
    copy = Database(
        f"sqlite:///{path}",
        engine=create_engine("sqlite://", creator=lambda: read_only(path, copy=True)),
    )
    try:
        report = audit.verify_chain(copy)
    finally:
        copy.close()
    if not report.ok:
        raise BackupFailed(
            QT_TRANSLATE_NOOP(
                "LoketError",
                "Rantai audit di cadangan {file} tidak utuh ({problem}); tidak disimpan.",
            ),
            file=path.name.removesuffix(".part"),
            problem=report.problem,
        )
    return report.entries


def _pg_tool(name: str) -> str:
    found = pg_tool(name)
    if found is None:
        raise BackupFailed(
            QT_TRANSLATE_NOOP("LoketError", "{tool} tidak ditemukan: pasang klien PostgreSQL."),
            tool=name,
        )
    return found


def _pg_run(url: URL, *argv: str) -> str:
    """Runs a PostgreSQL client tool against ``url``; its output, or :class:`BackupFailed`
    with its last line."""
    done = run_pg(url, _pg_tool(argv[0]), *argv[1:])
    if done.returncode != 0:
        raise BackupFailed(
            QT_TRANSLATE_NOOP("LoketError", "{tool} gagal: {why}"),
            tool=argv[0],
            why=last_line(done),
        )
    return done.stdout


def _pg_dump(db: Database, part: Path) -> int:
    create_private(part)  # 0600 before pg_dump fills it (it would follow the umask)
    _pg_run(db.url, "pg_dump", "--format=custom", f"--file={part}", "{url}")
    _pg_run(db.url, "pg_restore", "--list", str(part))
    return audit.verify_chain(db).entries


# What a Loket dump holds (pg_restore --list): anything else — a trigger, a function, a
# view, a rule, a policy — was not made by Loket and could run code in the restored branch.
_DUMP_KINDS = (
    "TABLE DATA", "TABLE", "SEQUENCE OWNED BY", "SEQUENCE SET", "SEQUENCE", "DEFAULT",
    "FK CONSTRAINT", "CONSTRAINT", "INDEX", "EXTENSION", "COMMENT", "SCHEMA", "ACL",
)  # fmt: skip
_TOC_LINE = re.compile(rf"\d+; \d+ \d+ ({'|'.join(_DUMP_KINDS)}) (\S+) (\S+)")


def _copy_rows(dump_sql: str, table_name: str) -> list[dict[str, str | None]]:
    """The rows of ``table_name`` in pg_restore's plain output (its COPY block)."""
    found = re.search(
        rf"^COPY public\.{table_name} \((.*?)\) FROM stdin;\n(.*?)^\\\.$",
        dump_sql,
        re.MULTILINE | re.DOTALL,
    )
    if found is None:
        return []
    columns = [c.strip().strip('"') for c in found.group(1).split(",")]
    return [
        {c: (None if v == "\\N" else v) for c, v in zip(columns, line.split("\t"), strict=False)}
        for line in found.group(2).splitlines()
    ]


def check_dump(dump: Path) -> tuple[str, str | None]:
    """A PostgreSQL backup to restore: a Loket dump (nothing in it Loket did not make) of a
    schema this Loket knows. Returns its schema revision and home branch."""
    if not dump.is_file():
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Berkas cadangan {file} tidak ada."),
            field="file",
            file=str(dump),
        )
    listing = subprocess.run(
        [_pg_tool("pg_restore"), "--list", str(dump)], capture_output=True, text=True, check=False
    )
    not_loket = BackupFailed(
        QT_TRANSLATE_NOOP("LoketError", "{where} bukan database Loket; tidak ada yang diubah."),
        where=dump.name,
    )
    if listing.returncode != 0:
        raise not_loket
    ours = set(Base.metadata.tables) | {"alembic_version"}
    foreign = []
    for line in listing.stdout.splitlines():
        if not line.strip() or line.startswith(";"):
            continue
        entry = _TOC_LINE.match(line)
        if entry is None:
            foreign.append(" ".join(line.split()[3:6]))
        elif entry.group(1) == "TABLE" and entry.group(3) not in ours:
            foreign.append(f"TABLE {entry.group(3)}")
        elif entry.group(1) == "EXTENSION" and entry.group(3) != "pg_trgm":
            foreign.append(f"EXTENSION {entry.group(3)}")
    _refuse_foreign(dump, foreign)
    data = subprocess.run(
        [_pg_tool("pg_restore"), "--data-only", "--table=alembic_version", "--table=branch",
         "--file=-", str(dump)],
        capture_output=True, text=True, check=False,
    ).stdout  # fmt: skip
    revisions = [r["version_num"] for r in _copy_rows(data, "alembic_version")]
    if not revisions:
        raise not_loket
    if revisions[0] not in revision_graph():
        raise BackupFailed(
            QT_TRANSLATE_NOOP(
                "LoketError",
                "Database {where} dibuat oleh versi Loket yang lebih baru (skema {revision}). "
                "Perbarui aplikasi ini; database tidak diubah.",
            ),
            where=dump.name,
            revision=str(revisions[0]),
        )
    home = next((r["code"] for r in _copy_rows(data, "branch") if r.get("is_home") == "t"), None)
    return str(revisions[0]), home


def restore_postgres(
    dump: Path, url: URL, *, other_branch: bool = False, now: datetime | None = None
) -> Restored:
    """Puts a checked dump in the place of the PostgreSQL database at ``url``: refused while
    another program is connected to it (every counter closed first) and for another
    branch's dump unless ``other_branch``. What it replaces is dumped first, next to the
    backup (``…replaced-YYYYMMDD-HHMMSS.dump``); then the schema is emptied and the dump
    restored in one transaction."""
    _, theirs = check_dump(dump)
    db = Database(url)
    try:
        with db.engine.connect() as conn:
            others = conn.scalar(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND pid <> pg_backend_pid()"
                )
            )
            has_branch = conn.scalar(text("SELECT to_regclass('public.branch') IS NOT NULL"))
            ours = (
                conn.scalar(text("SELECT code FROM branch WHERE is_home")) if has_branch else None
            )
        if others:
            raise Conflict(
                QT_TRANSLATE_NOOP(
                    "LoketError",
                    "Database {file} masih dibuka program Loket lain (loket atau loket-admin): "
                    "tutup semua dulu, lalu pulihkan lagi.",
                ),
                file=describe_url(url),
            )
        if ours is not None and theirs != ours and not other_branch:
            raise Conflict(
                QT_TRANSLATE_NOOP(
                    "LoketError",
                    "Cadangan {file} milik cabang {theirs}, bukan cabang database ini "
                    "({ours}); tidak dipulihkan. Bila memang itu maksudnya, ulangi dengan "
                    "--other-branch.",
                ),
                file=dump.name,
                theirs=theirs or "?",
                ours=ours,
            )
        kept = None
        if has_branch:  # what is there now, kept as a dump beside the backup
            stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
            kept = dump.with_name(f"loket-{ours or url.database}.replaced-{stamp}.dump")
            create_private(kept)
            _pg_run(url, "pg_dump", "--format=custom", f"--file={kept}", "{url}")
        with db.engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    finally:
        db.close()
    _pg_run(
        url,
        "pg_restore", "--single-transaction", "--no-owner", "--no-acl", "--dbname", "{url}",
        str(dump),
    )  # fmt: skip
    restored = Database(url)
    try:
        with restored.engine.begin() as conn:  # the counters' grants, as this database's
            grant_counter_if_any(conn)
        report = audit.verify_chain(restored)
    finally:
        restored.close()
    if not report.ok:
        raise BackupFailed(
            QT_TRANSLATE_NOOP(
                "LoketError",
                "Rantai audit di cadangan {file} tidak utuh ({problem}); tidak disimpan.",
            ),
            file=dump.name,
            problem=report.problem,
        )
    return Restored(Path(describe_url(url)), kept, report.entries)


def rotate(directory: Path, branch: str, keep_daily: int, keep_monthly: int) -> tuple[Path, ...]:
    """Deletes this branch's backups beyond every copy of the newest day (the backups made
    during the day) and the newest of each of the last ``keep_daily`` days and
    ``keep_monthly`` months. A copy it may not delete (another user's, in a shared folder)
    stays and is left for its owner: rotation never fails a backup."""
    found = sorted(
        (m["stamp"], p)
        for p in directory.iterdir()
        if (m := _NAME.fullmatch(p.name)) and m["branch"] == branch
    )
    found.reverse()  # newest first
    newest_of_day: dict[date, Path] = {}
    newest_of_month: dict[tuple[int, int], Path] = {}
    for stamp, path in found:
        day = _stamped(stamp).date()
        newest_of_day.setdefault(day, path)
        newest_of_month.setdefault((day.year, day.month), path)
    kept = set(list(newest_of_day.values())[:keep_daily])
    kept |= set(list(newest_of_month.values())[:keep_monthly])
    if found:
        last_day = found[0][0][:8]
        kept |= {p for stamp, p in found if stamp.startswith(last_day)}
    deleted = []
    for _, path in found:
        if path in kept:
            continue
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            log.warning("backup %s not rotated out: %s", path.name, exc.strerror or exc)
            continue
        deleted.append(path)
    return tuple(deleted)


def _stamped(stamp: str) -> datetime:
    return datetime.strptime(stamp, "%Y%m%d-%H%M%S")


def newest_backup(db: Database, directory: Path | None = None) -> datetime | None:
    """When this branch's newest backup in its folder was made (the branch's local time)."""
    directory = directory or default_directory(db)
    with db.reader() as session:
        code = require_home_branch(session).code
    if not directory.is_dir():
        return None
    stamps = [
        m["stamp"]
        for p in directory.iterdir()
        if (m := _NAME.fullmatch(p.name)) and m["branch"] == code
    ]
    return _stamped(max(stamps)) if stamps else None


def _refuse_foreign(backup: Path, foreign: list[str]) -> None:
    """Refuses a backup holding what Loket did not make (a trigger, a view, a table…)."""
    if foreign:
        raise BackupFailed(
            QT_TRANSLATE_NOOP(
                "LoketError",
                "Cadangan {file} memuat yang tidak dibuat Loket ({objects}); tidak dipulihkan.",
            ),
            file=backup.name,
            objects=", ".join(foreign[:5]) + (" …" if len(foreign) > 5 else ""),
        )


def check_restorable(path: Path) -> int:
    """A backup to restore: a Loket database of a schema this Loket knows, holding nothing
    its migrations did not make (a trigger planted in a copy would run with the next
    change), sound, and whose chain holds (see :func:`check_copy`)."""
    if not path.is_file():
        raise ValidationError(
            QT_TRANSLATE_NOOP("LoketError", "Berkas cadangan {file} tidak ada."),
            field="file",
            file=str(path),
        )
    try:
        foreign = foreign_objects(path)
    except DatabaseOpenError as exc:  # not Loket's, damaged, or newer: said as it is
        raise BackupFailed(exc.message, field=exc.field, **exc.params) from None
    _refuse_foreign(path, foreign)
    return check_copy(path)


def _home_branch(path: Path, *, copy: bool = False) -> str | None:
    """The home branch of a Loket SQLite file, or None when it cannot be read."""
    try:
        con = read_only(path, copy=copy)
        try:
            row = con.execute("SELECT code FROM branch WHERE is_home").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return str(row[0]) if row else None


@dataclass(frozen=True)
class Restored:
    database: Path
    set_aside: Path | None  # the file it replaced, kept
    audit_entries: int


def restore(
    backup_file: Path,
    database: Path,
    *,
    other_branch: bool = False,
    now: datetime | None = None,
) -> Restored:
    """Puts a checked backup in the place of the SQLite ``database``; the file it replaces
    (with its WAL) is kept aside as ``<name>.replaced-YYYYMMDD-HHMMSS.db``. Refused while
    another process has the database open, and for another branch's backup unless
    ``other_branch``. The command line runs it: there is no user to check, whoever holds
    the file holds the data."""
    entries = check_restorable(backup_file)
    theirs = _home_branch(backup_file, copy=True)
    ours = _home_branch(database) if database.exists() else None
    if ours is not None and theirs != ours and not other_branch:
        raise Conflict(
            QT_TRANSLATE_NOOP(
                "LoketError",
                "Cadangan {file} milik cabang {theirs}, bukan cabang database ini ({ours}); "
                "tidak dipulihkan. Bila memang itu maksudnya, ulangi dengan --other-branch.",
            ),
            file=backup_file.name,
            theirs=theirs or "?",
            ours=ours,
        )
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    aside = database.with_name(f"{database.stem}.replaced-{stamp}{database.suffix}")
    incoming = database.with_name(database.name + ".restoring")
    try:
        with presence.alone(database):
            shutil.copyfile(backup_file, incoming)
            kept = None
            if database.exists():
                for suffix in ("", "-wal", "-shm"):  # the WAL belongs with its file
                    part = Path(str(database) + suffix)
                    if part.exists():
                        os.replace(part, Path(str(aside) + suffix))
                kept = aside
            os.replace(incoming, database)
    # in use: held by another process; on Windows, a file open elsewhere cannot be renamed
    except (presence.InUse, PermissionError):
        incoming.unlink(missing_ok=True)
        raise Conflict(
            QT_TRANSLATE_NOOP(
                "LoketError",
                "Database {file} masih dibuka program Loket lain (loket atau loket-admin): "
                "tutup semua dulu, lalu pulihkan lagi.",
            ),
            file=str(database),
        ) from None
    return Restored(database, kept, entries)


def scheduled_backup(db: Database, *, clock: Clock = system_clock) -> Backup | None:
    """The backup Loket makes by itself: at the day's first start when none was made that
    day (at the last closing, by hand or by another counter), and during the day when the
    newest is older than ``backup_every_hours``. None when none was due, or no branch yet."""
    with db.reader() as session:
        home = session.scalar(select(Branch).where(Branch.is_home))
        if home is None:
            return None
        every = int(read_setting(session, "backup_every_hours"))
        now = clock().astimezone(ZoneInfo(home.timezone)).replace(tzinfo=None)
    newest = newest_backup(db)
    due = (
        newest is None
        or newest.date() != now.date()
        or (every > 0 and now - newest >= timedelta(hours=every))
    )
    return backup(db, Actor.scheduled(), clock=clock) if due else None
