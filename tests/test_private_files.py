"""Personal data is private on disk: Loket's own folders 0700, every file it writes 0600
(the database and its WAL, backups, logs, reports, event bundles, the support bundle)."""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

import pytest

from loket.db.migrate import open_database
from loket.services import backups, branch, closing
from loket.services.actor import Actor

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_database_backups_and_reports_are_readable_by_this_user_only(
    tmp_path: Path,
) -> None:
    before = os.umask(0o022)  # a machine's usual umask: Loket must not rely on a strict one
    data = tmp_path / "data" / "loket"
    db = open_database(f"sqlite:///{data / 'loket.db'}")
    try:
        branch.create_demo(db)
        assert mode(data) == 0o700
        assert mode(data / "loket.db") == 0o600
        assert mode(data / "loket.db-wal") == 0o600  # SQLite copies the database's mode
        admin = Actor.command_line()
        done = backups.backup(db, admin, tmp_path / "cadangan")
        assert mode(tmp_path / "cadangan") == 0o700 and mode(done.path) == 0o600
        chosen = tmp_path / "Documents"
        chosen.mkdir(mode=0o755)
        chosen.chmod(0o755)
        out = chosen / "laporan.xlsx"
        closing.save_report(db, admin, date(2026, 12, 1), date(2026, 12, 31), "xlsx", out)
        assert mode(out) == 0o600 and mode(chosen) == 0o755  # the user's folder is theirs
    finally:
        db.close()
        os.umask(before)
