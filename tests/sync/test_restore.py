"""A branch restored from a backup takes back from the central server what its copy lacks
(issue 17): the receipts, registrations and numbers issued after the backup, and an audit
chain the server is told restarted."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from loket.cli import main
from loket.db.engine import Database
from loket.db.migrate import open_database
from loket.db.models import AuditEntry, OutboxEvent, Participant, Receipt
from loket.domain.nik import compose_nik
from loket.keys import store_token
from loket.services import audit, backups, recovery, settings, sync
from loket.services.actor import Actor
from loket.services.errors import AuthenticationFailed, Conflict, ValidationError
from loket.services.four_eyes import Override
from loket.services.payments import Paid, PaperReceipt, PaymentLine, pay
from loket.services.registration import RegisteredElsewhere, register_participant
from loket.sync.client import SequenceHeld, SyncClient
from loket.sync.engine import export_events
from loket.ui.pages.sync_page import SyncPage
from loket.ui.sync_controller import SyncController
from tests.central import CentralServer, MemoryKeyring, Office
from tests.conftest import FakeClock
from tests.factories import bpu_worker, passwords_chosen
from tests.sync.test_sync import sync_with, work_offline

pytestmark = pytest.mark.postgres


def receipt_numbers(db: Database) -> list[str]:
    with db.reader() as session:
        return list(session.scalars(select(Receipt.number).order_by(Receipt.number)))


def disk_dies_after_a_backup(
    bjm: Office, central: CentralServer, tmp_path: Path
) -> tuple[Path, str, list[str], list[str]]:
    """Work, a backup, more work the server receives, then the database is gone. Returns
    the backup, the database URL, and the KPJs and receipt numbers only the server has."""
    settings.set_setting(bjm.db, Actor.command_line(), "sync_server_url", central.base_url)
    store_token("BJM", bjm.token)
    work_offline(bjm, 1, count=2)
    sync_with(bjm, central)
    made = backups.backup(bjm.db, Actor.command_line(), tmp_path / "backups")
    before = set(receipt_numbers(bjm.db))
    lost_kpjs = work_offline(bjm, 3, count=2)
    sync_with(bjm, central)
    lost_receipts = sorted(set(receipt_numbers(bjm.db)) - before)
    url = bjm.db.url.render_as_string(hide_password=False)
    bjm.db.close()
    return made.path, url, lost_kpjs, lost_receipts


def test_a_restore_with_the_server_reachable_takes_back_what_the_backup_lacks(
    central: CentralServer,
    linked: dict[str, Office],
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    central.start()
    backup, url, lost_kpjs, lost_receipts = disk_dies_after_a_backup(
        linked["BJM"], central, tmp_path
    )
    assert main(["restore", str(backup), "--db", url]) == 0
    out = capsys.readouterr().out
    assert "kejadian sesudah cadangan ditarik kembali" in out
    for number in lost_receipts:
        assert f"  {number}" in out  # to re-enter from the paper copies
    db = open_database(url)
    try:
        bjm = replace(linked["BJM"], db=db)
        found = recovery.last_recovery(db)
        assert found is not None and recovery.waiting(db) is None
        assert found.receipts == lost_receipts and found.registrations == sorted(lost_kpjs)
        assert found.issued_twice == []
        # the next worker and receipt get numbers after the ones the server holds
        [kpj] = work_offline(bjm, 5, count=1)
        assert kpj not in lost_kpjs and int(kpj[3:10]) == 5
        new_receipt = max(receipt_numbers(db))
        assert new_receipt > lost_receipts[-1]
        # a worker registered after the backup is not registered a second time
        with pytest.raises(RegisteredElsewhere) as refused:
            nik = compose_nik("637101", date(1990, 8, 5), "L", 3)  # as work_offline made it
            register_participant(db, bjm.staff, bpu_worker(3, nik=nik))
        assert refused.value.params["kpj"] == lost_kpjs[0]
        sync_with(bjm, central)
        assert sync.status(db).pending == 0 and sync.status(db).refused == 0
        assert (
            central.scalar("SELECT count(*) FROM receipt WHERE branch_code = 'BJM'")
            == len(lost_receipts) + 2 + 1
        )
        # the chain: the server kept the restart, and the chain verifies against it
        assert (
            central.scalar("SELECT restored_from FROM audit_anchor WHERE restored_from IS NOT NULL")
            == found.chain_end
        )
        # the central office sees that BJM restored a backup
        with central.signed_in() as web:
            page = web.get("/").text
        assert "Restored from a backup" in page and "UTC</td></tr>" in page
        assert main(["audit", "verify", "--against-server", "--db", url]) == 0
        out = capsys.readouterr().out
        assert f"rantai kembali ke entri {found.chain_end}" in out
        assert "terbukti sama" in out
    finally:
        db.close()


def test_work_done_before_the_server_is_back_moves_behind_its_events_and_reused_numbers_are_named(
    qtbot: QtBot,
    central: CentralServer,
    linked: dict[str, Office],
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    central.start()
    backup, url, lost_kpjs, lost_receipts = disk_dies_after_a_backup(
        linked["BJM"], central, tmp_path
    )
    central.stop()  # the WAN is down on the day the disk is replaced
    assert main(["restore", str(backup), "--db", url]) == 0
    assert "Server pusat belum bisa dihubungi" in capsys.readouterr().out
    db = open_database(url)
    try:
        bjm = replace(linked["BJM"], db=db)
        assert recovery.waiting(db) is not None
        with pytest.raises(Conflict):  # no bundle with numbers over the server's
            export_events(db, bjm.token, tmp_path / "events.bundle")
        # the counter goes on: this worker gets the KPJ and receipt number the server has
        [kpj] = work_offline(bjm, 7, count=1)
        assert kpj == lost_kpjs[0]
        reused = max(receipt_numbers(db))
        assert reused == lost_receipts[0]
        controller = SyncController(
            db, client_factory=lambda: SyncClient(central.base_url, bjm.token, timeout=5)
        )
        page = SyncPage(db, Actor.command_line(), controller, "Asia/Makassar")
        qtbot.addWidget(page)
        page.show()
        assert "Database dipulihkan dari cadangan loket-BJM-" in page.recovered.text()
        central.start()
        controller.start()  # the app's sync: recovers first, then pushes
        try:
            qtbot.waitUntil(lambda: "PERHATIAN" in page.recovered.text(), timeout=15_000)
        finally:
            controller.stop()
        assert f"kuitansi: {', '.join(lost_receipts)}" in page.recovered.text()
        found = recovery.last_recovery(db)
        assert found is not None and found.moved >= 2
        assert found.issued_twice == [reused, kpj]
        # the server refused just the events that reused its numbers; the rest arrived
        refused = {e.type for e in sync.refused_events(db)}
        assert refused <= {"participant.registered", "receipt.issued"} and refused
        assert sync.status(db).pending == 0
        with db.reader() as session:
            seqs = sorted(
                session.scalars(select(OutboxEvent.seq))  # gapless again, past the server's
            )
        assert seqs == list(range(1, len(seqs) + 1))
        with SyncClient(central.base_url, bjm.token) as client:
            held = client.anchors("BJM")
        assert [a["restored_from"] is not None for a in held].count(True) == 1
        report = audit.verify_against(db, [audit.Anchor.held(a) for a in held])
        assert report.ok, report.problem
    finally:
        db.close()


def test_a_database_gone_back_is_never_numbered_twice_on_the_server_and_recovers(
    central: CentralServer,
    linked: dict[str, Office],
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Issue 26, blocker 2: a backup copied back by hand (no recovery) makes events under
    numbers the server holds. The server refuses the batch whole and stores nothing of it,
    the branch says why in one line; the proper restore then recovers, even past a second
    event an older server kept under a held number."""
    central.start()
    backup, url, _, _ = disk_dies_after_a_backup(linked["BJM"], central, tmp_path)
    path = Path(url.removeprefix("sqlite:///"))
    path.write_bytes(backup.read_bytes())  # copied back by hand: nothing marks the restore
    held = central.scalar("SELECT count(*) FROM event")
    db = open_database(url)
    try:
        bjm = replace(linked["BJM"], db=db)
        work_offline(bjm, 9, count=1)
        with pytest.raises(SequenceHeld):
            sync_with(bjm, central)
        assert "nomor urut" in sync.status(db).last_error
        assert sync.status(db).pending > 0  # nothing set aside: sent again once recovered
    finally:
        db.close()
    assert central.scalar("SELECT count(*) FROM event") == held  # nothing stored
    assert (
        central.scalar(
            "SELECT count(*) FROM (SELECT seq FROM event "
            "GROUP BY branch_code, seq HAVING count(*) > 1) d"
        )
        == 0
    )
    # what an older server did: a second, refused event kept under a number it held
    with central.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO event (uuid, branch_code, seq, type, created_at, received_at, via, "
            "payload, status, reason) SELECT gen_random_uuid()::text, branch_code, seq, type, "
            "created_at, received_at, via, '{}', 'refused', 'payload.kpj: already held' "
            "FROM event WHERE seq = (SELECT max(seq) FROM event)"
        )
    assert main(["restore", str(backup), "--db", url]) == 0
    capsys.readouterr()
    db = open_database(url)
    try:
        bjm = replace(linked["BJM"], db=db)
        work_offline(bjm, 11, count=1)
        sync_with(bjm, central)  # recovered, and syncing again
        assert sync.status(db).pending == 0 and sync.status(db).last_error == ""
    finally:
        db.close()


def test_the_attention_list_is_said_where_sync_runs_and_stays_until_a_supervisor_saw_to_it(
    qtbot: QtBot,
    central: CentralServer,
    linked: dict[str, Office],
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Issue 26, major 10: a restore done while the link was down, then `sync now` — the
    list of receipts to re-enter and numbers given twice is printed there (not only in the
    log), `sync status` and every counter's window keep showing it, and it goes only when
    a supervisor marks it seen to (audited)."""
    from PySide6.QtCore import Qt

    from loket.ui.recovery_banner import RecoveryBanner
    from tests.ui.modal import answering, click_button

    central.start()
    backup, url, _, lost_receipts = disk_dies_after_a_backup(linked["BJM"], central, tmp_path)
    central.stop()
    assert main(["restore", str(backup), "--db", url]) == 0
    capsys.readouterr()
    db = open_database(url)
    try:
        bjm = replace(linked["BJM"], db=db)
        work_offline(bjm, 7, count=1)  # a receipt under a number the server holds
        central.start()
        assert main(["sync", "now", "--db", url]) == 0
        out = capsys.readouterr().out
        assert "PERHATIAN, nomor yang terpakai dua kali sejak pemulihan:" in out
        assert "Kuitansi yang tidak ada di salinan ini" in out
        assert all(f"  {number}" in out for number in lost_receipts)
        assert main(["sync", "status", "--db", url]) == 0
        out = capsys.readouterr().out
        assert "PERHATIAN" in out and "sampai seorang supervisor menandainya" in out

        at_the_counter = RecoveryBanner(db, bjm.staff)
        qtbot.addWidget(at_the_counter)
        assert not at_the_counter.isHidden()
        assert lost_receipts[0] in at_the_counter.text.text()
        assert not at_the_counter.done.isVisibleTo(at_the_counter)  # not a clerk's to close
        banner = RecoveryBanner(db, bjm.supervisor)
        qtbot.addWidget(banner)
        banner.show()
        with answering(qtbot, click_button("Belum")):  # the safe answer changes nothing
            qtbot.mouseClick(banner.done, Qt.MouseButton.LeftButton)
        assert banner.isVisible() and recovery.unacknowledged(db) is not None
        with (
            qtbot.waitSignal(banner.acknowledged),
            answering(qtbot, click_button("Ya, sudah ditangani")),
        ):
            qtbot.mouseClick(banner.done, Qt.MouseButton.LeftButton)
        assert not banner.isVisible() and recovery.unacknowledged(db) is None
        at_the_counter.refresh()
        assert at_the_counter.isHidden()
        with db.reader() as session:
            seen = session.scalars(
                select(AuditEntry.username).where(
                    AuditEntry.action == "database.recovery_acknowledged"
                )
            ).all()
        assert seen == ["supervisor"]
        assert main(["sync", "status", "--db", url]) == 0
        assert "PERHATIAN" not in capsys.readouterr().out
    finally:
        db.close()


def test_a_paper_receipt_is_entered_again_under_its_number_with_a_supervisors_consent(
    central: CentralServer,
    linked: dict[str, Office],
    memory_keyring: MemoryKeyring,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Issue 26, major 11: the disk dies after a receipt reached the server and another was
    only handed over on paper. The restore names both; each is entered again under its
    printed number and time, with a supervisor's consent — and the server ends holding
    every receipt once, the one it had kept as it was."""
    bjm = linked["BJM"]
    central.start()
    settings.set_setting(bjm.db, Actor.command_line(), "sync_server_url", central.base_url)
    store_token("BJM", bjm.token)
    kpjs = work_offline(bjm, 1, count=2)
    sync_with(bjm, central)
    backup = backups.backup(bjm.db, Actor.command_line(), tmp_path / "backups").path
    with bjm.db.reader() as session:
        people = [session.scalars(select(Participant.id).where(Participant.kpj == k)).one()
                  for k in kpjs]  # fmt: skip
    clock = FakeClock(datetime(2027, 4, 5, 3, 0, tzinfo=UTC))  # 11:00 WITA
    synced_at = clock()

    def pay_one(db: Database, who: int, reference: str, **paper: PaperReceipt) -> Paid:
        return pay(db, bjm.staff, [PaymentLine(people[who], 1)], method="transfer",
                   reference=reference, clock=clock, **paper)  # fmt: skip

    synced = pay_one(bjm.db, 0, "TRF-0001")
    sync_with(bjm, central)
    clock.advance(minutes=30)
    paper_at = clock()
    on_paper = pay_one(bjm.db, 1, "TRF-0002")  # the disk dies before the next sync
    url = bjm.db.url.render_as_string(hide_password=False)
    bjm.db.close()

    assert main(["restore", str(backup), "--db", url]) == 0
    out = capsys.readouterr().out
    assert f"  {synced.number}" in out  # the server has it: to re-enter from paper
    assert f"Nomor berikutnya: {on_paper.number}, " in out  # none has it: paper from here
    clock.advance(hours=1)
    db = open_database(url)
    try:
        passwords_chosen(db, "supervisor")  # a one-time password consents to nothing
        consent = Override("supervisor", bjm.passwords["supervisor"])
        with pytest.raises(AuthenticationFailed):
            pay_one(db, 1, "TRF-0002", paper=PaperReceipt(
                on_paper.number, paper_at, Override("supervisor", "salah-sandi")))  # fmt: skip
        with pytest.raises(ValidationError, match="seperti KW/BJM/2026/000123"):
            pay_one(db, 1, "TRF-0002", paper=PaperReceipt("KW/PLK/2027/000009", paper_at, consent))
        with pytest.raises(ValidationError, match="belum terjadi"):
            pay_one(db, 1, "TRF-0002", paper=PaperReceipt(
                on_paper.number, clock() + timedelta(hours=1), consent))  # fmt: skip
        again = pay_one(db, 0, "TRF-0001", paper=PaperReceipt(synced.number, synced_at, consent))
        back = pay_one(db, 1, "TRF-0002", paper=PaperReceipt(on_paper.number, paper_at, consent))
        assert (again.number, back.number) == (synced.number, on_paper.number)
        with pytest.raises(Conflict, match="sudah ada di database ini"):
            pay_one(db, 1, "TRF-0003", paper=PaperReceipt(on_paper.number, paper_at, consent))
        after = pay_one(db, 0, "TRF-0004")  # the next walk-in: after the paper ones
        assert after.number > on_paper.number
        with db.reader() as session:
            entries = session.scalars(
                select(AuditEntry.payload).where(AuditEntry.action == "receipt.reentered")
            ).all()
        assert len(entries) == 2 and all('"approved_by":"supervisor"' in e for e in entries)
        sync_with(replace(bjm, db=db), central)
        assert (sync.status(db).pending, sync.status(db).refused) == (0, 0)
        mine = receipt_numbers(db)
    finally:
        db.close()
    held = central.rows("SELECT number, issued_at FROM receipt WHERE branch_code = 'BJM'")
    assert sorted(n for n, _ in held) == mine  # each once, none missing
    assert dict(held)[on_paper.number] == paper_at  # at the time printed on the paper
