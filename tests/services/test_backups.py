"""Backups while the counters work, checked after writing, rotated; restore refused while
Loket has the database open; what comes back is gapless and its audit chain holds."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from loket.db.engine import Database
from loket.db.migrate import open_database
from loket.db.models import Receipt
from loket.services import audit, auth, backups, branch, settings
from loket.services.actor import Actor
from loket.services.errors import Conflict, ValidationError
from loket.services.registration import register_participant
from tests.conftest import FakeClock
from tests.factories import bpu_worker

PAYER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from loket.db.migrate import open_database
    from loket.services import auth, branch
    from loket.services.payments import PaymentLine, pay
    url, password, who, times = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    gates = Path(sys.argv[6])  # the test opens each phase's gate, then backs up at once
    db = open_database(url)
    staff = auth.login(db, "petugas", password, branch.list_counters(db)[0].id)
    ids = [int(i) for i in sys.argv[5].split(",")]
    for n in range(times):
        if n % (times // 3) == 0:
            while not (gates / f"go-{n // (times // 3)}").exists():
                time.sleep(0.01)
        pay(db, staff, [PaymentLine(ids[n % len(ids)], 1)], method="qris",
            reference=f"QR-{who}-{n:04d}")
    db.close()
    """
)


def _numbers(db: Database) -> list[int]:
    with db.reader() as s:
        return list(s.scalars(select(Receipt.seq).order_by(Receipt.seq)))


def test_backups_while_four_counters_pay_restore_gapless_with_the_chain_whole(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'loket.db'}"
    db = open_database(url)
    pw = branch.create_demo(db)
    staff = auth.login(db, "petugas", pw["petugas"], branch.list_counters(db)[0].id)
    workers = [bpu_worker(i, full_name=f"Pekerja {i}") for i in range(1, 4)]
    ids = ",".join(
        str(register_participant(db, staff, w, acknowledge_similar=True).participant_id)
        for w in workers
    )
    gates = tmp_path / "gates"
    gates.mkdir()
    payers = [
        subprocess.Popen(
            [sys.executable, "-c", PAYER, url, pw["petugas"], str(k), "60", ids, str(gates)]
        )
        for k in range(4)
    ]
    restored_copies = []
    try:
        for phase in range(3):  # each backup taken while the four counters pay 20 each
            (gates / f"go-{phase}").touch()
            made = backups.backup(db, Actor.command_line(), tmp_path / "cadangan")
            assert made.path.name.startswith("loket-BJM-")
            copy = tmp_path / f"pulih-{phase}.db"
            done = backups.restore(made.path, copy)  # before the day's rotation keeps one
            assert done.set_aside is None and done.audit_entries == made.audit_entries
            restored_copies.append(copy)
            while len(_numbers(db)) < 80 * (phase + 1) and any(p.poll() is None for p in payers):
                time.sleep(0.02)  # the phase's payments are in: the next gate
    finally:
        for phase in range(3):  # a failure above never leaves a payer waiting
            (gates / f"go-{phase}").touch()
        assert [p.wait(120) for p in payers] == [0, 0, 0, 0]
    assert len(_numbers(db)) == 240
    db.close()
    assert len(restored_copies) == 3
    for copy in restored_copies:
        restored = open_database(f"sqlite:///{copy}")
        try:
            seqs = _numbers(restored)
            assert seqs == list(range(1, len(seqs) + 1))  # gapless, whatever moment it caught
            assert audit.verify_chain(restored).ok
        finally:
            restored.close()


def test_a_damaged_copy_is_caught_and_a_database_in_use_is_not_replaced(
    demo: tuple[Database, dict[str, str]], tmp_path: Path
) -> None:
    db, _ = demo
    good = backups.backup(db, Actor.command_line(), tmp_path / "cadangan")
    damaged = tmp_path / "rusak.db"
    data = bytearray(good.path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for start in range(page * 2, len(data), page * 3):  # pages the disk garbled
        data[start : start + 64] = b"\xa5" * 64
    damaged.write_bytes(bytes(data))
    with pytest.raises(backups.BackupFailed, match="rusak"):
        backups.check_copy(damaged)
    with pytest.raises(backups.BackupFailed):
        backups.restore(damaged, tmp_path / "x.db")
    assert not (tmp_path / "x.db").exists()

    # the database the fixture has open (as a counter would) is not replaced
    live = Path(str(db.url.database))
    before = live.read_bytes()
    with pytest.raises(Conflict, match="masih dibuka program Loket lain"):
        backups.restore(good.path, live)
    assert live.read_bytes() == before
    entries = audit.verify_chain(db).entries
    db.close()
    done = backups.restore(good.path, live)  # closed: it goes ahead, the old file kept
    assert done.set_aside is not None and backups.check_copy(done.set_aside) == entries


def test_rotation_keeps_the_last_days_copies_and_the_newest_of_each_day_and_month(
    tmp_path: Path,
) -> None:
    names = [
        "loket-BJM-20261203-170000.db", "loket-BJM-20261203-090000.db",
        "loket-BJM-20261202-170000.db", "loket-BJM-20261202-110000.db",
        "loket-BJM-20261201-170000.db",
        "loket-BJM-20261130-170000.db", "loket-BJM-20261015-170000.db",
        "loket-BJM-20260910-170000.db", "loket-PLK-20250101-170000.db", "catatan.txt",
    ]  # fmt: skip
    for name in names:
        (tmp_path / name).write_text("x")
    # one it cannot delete (in a shared folder: another user's): left, and rotation goes on
    (tmp_path / "loket-BJM-20260801-170000.db").mkdir()
    deleted = backups.rotate(tmp_path, "BJM", keep_daily=2, keep_monthly=3)
    assert sorted(p.name for p in deleted) == [
        "loket-BJM-20260910-170000.db",
        "loket-BJM-20261201-170000.db",
        "loket-BJM-20261202-110000.db",
    ]  # fmt: skip  (the last day's copies made during the day all stay)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        set(names) - {p.name for p in deleted} | {"loket-BJM-20260801-170000.db"}
    )


def test_backups_are_made_during_the_day_into_the_branchs_folder(
    demo: tuple[Database, dict[str, str]], tmp_path: Path
) -> None:
    """Issue 26, majors 11 and 12: one folder for the branch (a setting), a backup at the
    day's first start and then whenever the newest is older than backup_every_hours."""
    db, _ = demo
    folder = tmp_path / "disk-kedua" / "cadangan"
    with pytest.raises(ValidationError, match="Folder cadangan"):
        settings.set_setting(db, Actor.command_line(), "backup_directory", "cadangan")
    settings.set_setting(db, Actor.command_line(), "backup_directory", str(folder))
    clock = FakeClock(datetime(2026, 12, 3, 0, 30, tzinfo=UTC))  # 08:30 WITA
    first = backups.scheduled_backup(db, clock=clock)
    assert first is not None and first.path.parent == folder
    clock.advance(hours=1)
    assert backups.scheduled_backup(db, clock=clock) is None  # the newest is an hour old
    clock.advance(hours=1)
    second = backups.scheduled_backup(db, clock=clock)  # two hours: the default
    assert second is not None and second.path.name == "loket-BJM-20261203-103000.db"
    settings.set_setting(db, Actor.command_line(), "backup_every_hours", 0)
    clock.advance(hours=5)
    assert backups.scheduled_backup(db, clock=clock) is None  # only the day's first
    clock.advance(hours=12)  # 03:30 the next morning, WITA
    third = backups.scheduled_backup(db, clock=clock)
    assert third is not None and third.path.name == "loket-BJM-20261204-033000.db"
    # a day gone by keeps its newest copy; the day under way, all of them
    assert sorted(p.name for p in folder.iterdir()) == [
        "loket-BJM-20261203-103000.db",
        "loket-BJM-20261204-033000.db",
    ]


@pytest.mark.postgres
def test_a_postgresql_branch_is_dumped_and_checked(
    any_demo: tuple[Database, dict[str, str]], tmp_path: Path
) -> None:
    db, _ = any_demo
    made = backups.backup(db, Actor.command_line(), tmp_path)
    expected = "db" if db.dialect == "sqlite" else "dump"
    assert made.path.suffix == f".{expected}" and made.size > 0 and made.audit_entries > 0
    assert made.path.stat().st_mode & 0o777 == 0o600  # personal data: its user's alone
