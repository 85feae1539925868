"""A multi-counter branch on PostgreSQL loses its database (issue 26, blocker 1): the
README's one command, ``loket-admin restore FILE.dump``, checks the dump, restores it with
pg_restore and recovers from the central server — nothing numbered twice there, no event
refused, sync working after."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from loket.cli import main
from loket.db.engine import Database
from loket.db.migrate import open_database
from loket.keys import store_token
from loket.services import auth, backups, branch, recovery, settings, sync
from loket.services.actor import Actor
from tests.central import CentralServer, MemoryKeyring, Office, open_office
from tests.pg_cluster import Cluster
from tests.sync.test_restore import receipt_numbers
from tests.sync.test_sync import sync_with, work_offline

pytestmark = pytest.mark.postgres


def _restore(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["restore", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_postgresql_branch_is_restored_and_recovered_by_one_command(
    central: CentralServer,
    pg_cluster: Cluster,
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = pg_cluster.create_database()
    counter = pg_cluster.counter_url(url)  # what the counters connect as
    bjm = open_office(url, "BJM")
    bjm.token = central.add_branch("BJM", "KC Banjarmasin")
    central.start()
    settings.set_setting(bjm.db, Actor.command_line(), "sync_server_url", central.base_url)
    store_token("BJM", bjm.token)
    work_offline(bjm, 1, count=2)
    sync_with(bjm, central)
    dump = backups.backup(bjm.db, Actor.command_line(), tmp_path / "backups").path
    before = set(receipt_numbers(bjm.db))
    lost_kpjs = work_offline(bjm, 3, count=2)  # after the backup, and synced
    sync_with(bjm, central)
    lost_receipts = sorted(set(receipt_numbers(bjm.db)) - before)
    # a dump with code planted in it (a trigger that makes the clerk an admin)
    with bjm.db.engine.begin() as conn:
        conn.execute(
            text(
                "CREATE FUNCTION promote() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                "UPDATE user_account SET role = 'admin'; RETURN NEW; END $$"
            )
        )
        conn.execute(
            text(
                "CREATE TRIGGER promote AFTER INSERT ON audit_entry "
                "FOR EACH ROW EXECUTE FUNCTION promote()"
            )
        )
    planted = backups.backup(bjm.db, Actor.command_line(), tmp_path / "planted").path
    with bjm.db.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER promote ON audit_entry; DROP FUNCTION promote()"))
    work_offline(bjm, 5, count=1)  # after the last sync: lost with the disk  # fmt: skip

    # a counter still connected: refused, nothing replaced
    code, _, err = _restore(capsys, str(dump), "--db", url)
    assert code == 1 and "masih dibuka" in err, err
    bjm.db.close()
    code, _, err = _restore(capsys, str(planted), "--db", url)
    assert code == 1 and "TRIGGER" in err and "tidak dipulihkan" in err, err
    other = tmp_path / "not-a-dump.dump"
    other.write_text("bukan cadangan")
    code, _, err = _restore(capsys, str(other), "--db", url)
    assert code == 1 and "bukan database Loket" in err and "Traceback" not in err

    # the disk dies: the database is gone
    dying = Database(url)
    with dying.engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    dying.close()
    code, out, err = _restore(capsys, str(dump), "--db", url)
    assert code == 0, err
    assert "kejadian sesudah cadangan ditarik kembali" in out
    for number in lost_receipts:
        assert f"  {number}" in out  # to re-enter from the paper copies
    # the work after the last sync went with the disk: its paper copies start at the next
    # numbers, said by the restore
    last = lost_receipts[-1]
    assert f"Nomor berikutnya: {last[:-6]}{int(last[-6:]) + 1:06d}, " in out

    db = open_database(counter, create=False)  # a counter, with the restored grants
    try:
        found = recovery.last_recovery(db)
        assert found is not None and found.registrations == sorted(lost_kpjs)
        counter = branch.list_counters(db)[0].id
        again = Office(
            "BJM", db,
            auth.login(db, "petugas", bjm.passwords["petugas"], counter),
            auth.login(db, "supervisor", bjm.passwords["supervisor"], counter),
            bjm.passwords, bjm.token,
        )  # fmt: skip
        [kpj] = work_offline(again, 7, count=1)  # the counters open again
        assert kpj not in lost_kpjs and max(receipt_numbers(db)) > lost_receipts[-1]
        sync_with(again, central)
        assert (sync.status(db).pending, sync.status(db).refused) == (0, 0)
    finally:
        db.close()
    assert central.scalar("SELECT count(*) FROM event WHERE status = 'refused'") == 0
    assert (
        central.scalar(
            "SELECT count(*) FROM (SELECT seq FROM event GROUP BY branch_code, seq "
            "HAVING count(*) > 1) d"
        )
        == 0
    )
    assert list((tmp_path / "backups").glob("*.replaced-*")) == []  # nothing was left
    # restored again over a living database: what it replaces is kept as a dump first
    code, _, err = _restore(capsys, str(dump), "--db", url)
    assert code == 0, err
    assert len(list((tmp_path / "backups").glob("loket-BJM.replaced-*.dump"))) == 1
