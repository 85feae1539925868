from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from loket.db.engine import Database
from loket.services import auth, branch, participants
from loket.services.registration import register_participant
from loket.ui.pages.approvals_page import ApprovalsPage
from loket.ui.pages.search_page import SearchPage
from tests.conftest import FakeClock
from tests.factories import bpu_worker
from tests.ui.modal import open_record


def test_staff_ask_and_a_supervisor_approves(
    qtbot: QtBot, demo: tuple[Database, dict[str, str]]
) -> None:
    db, pw = demo
    counter = branch.list_counters(db)[0].id
    staff = auth.login(db, "petugas", pw["petugas"], counter)
    registered = register_participant(db, staff, bpu_worker(full_name="Ahmad Fauzi"))
    pid, kpj = registered.participant_id, registered.kpj

    search = SearchPage(db, staff)
    qtbot.addWidget(search)
    search.show()
    open_record(qtbot, search, kpj)
    qtbot.mouseClick(search.view.correct_button, Qt.MouseButton.LeftButton)
    dialog = search.correction
    assert dialog is not None and dialog.isVisible()
    qtbot.addWidget(dialog)
    name = dialog.fields["full_name"]
    name.clear()  # type: ignore[attr-defined]
    qtbot.keyClicks(name, "Achmad Fauzie")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.error.text() == "Tuliskan alasan perubahan."
    qtbot.keyClicks(dialog.reason, "Salah ketik, sesuai KTP")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: "menunggu persetujuan" in search.view.message.text(), timeout=5000)
    assert search.view.title.text() == "Ahmad Fauzi"  # not yet changed

    supervisor = auth.login(db, "supervisor", pw["supervisor"], counter)
    page = ApprovalsPage(db, supervisor)
    qtbot.addWidget(page)
    page.show()
    assert page.table.rowCount() == 1
    assert page.table.item(0, 2).text() == "Nama: Ahmad Fauzi → Achmad Fauzie"
    with qtbot.waitActive(page):
        page.activateWindow()
    cell = page.table.visualItemRect(page.table.item(0, 1)).center()
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)  # a double-
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)  # click
    assert page.note.hasFocus()  # read the dossier, then decide
    assert "Achmad Fauzie" in page.dossier.text.toPlainText()
    qtbot.keyClicks(page.password, "salah-sandi-123")
    qtbot.mouseClick(page.approve, Qt.MouseButton.LeftButton)
    assert page.error.text() == "Nama pengguna atau kata sandi salah."
    qtbot.keyClicks(page.password, pw["supervisor"])
    qtbot.mouseClick(page.approve, Qt.MouseButton.LeftButton)
    assert page.done.text() == "Disetujui: Ahmad Fauzi"
    assert page.table.rowCount() == 0
    assert participants.get_participant(db, staff, pid).full_name == "Achmad Fauzie"


def test_a_receipt_void_is_asked_for_and_approved(
    qtbot: QtBot, demo: tuple[Database, dict[str, str]]
) -> None:
    from loket.services.payments import PaymentLine, pay

    db, pw = demo
    counter = branch.list_counters(db)[0].id
    staff = auth.login(db, "petugas", pw["petugas"], counter)
    registered = register_participant(db, staff, bpu_worker())
    pid, kpj = registered.participant_id, registered.kpj
    april_2027 = FakeClock(datetime(2027, 4, 5, 2, 0, tzinfo=UTC))  # no dues relief then
    number = pay(db, staff, [PaymentLine(pid, 1)], method="cash", tendered=40_000,
                 clock=april_2027).number  # fmt: skip

    search = SearchPage(db, staff)
    qtbot.addWidget(search)
    search.show()
    open_record(qtbot, search, kpj)
    assert search.view.payments.item(0, 0).text() == number
    qtbot.mouseClick(search.view.void_button, Qt.MouseButton.LeftButton)
    assert search.view.message.text() == "Tuliskan alasan pembatalan."
    qtbot.keyClicks(search.view.void_reason, "Salah peserta")
    qtbot.mouseClick(search.view.void_button, Qt.MouseButton.LeftButton)
    assert search.view.message.text() == "Pembatalan diminta; menunggu persetujuan kepala bidang."

    supervisor = auth.login(db, "supervisor", pw["supervisor"], counter)
    page = ApprovalsPage(db, supervisor)
    qtbot.addWidget(page)
    page.show()
    assert [page.table.item(0, c).text() for c in (0, 2, 3)] == [
        number,
        "Batalkan kuitansi (Rp36.800)",
        "Salah peserta",
    ]
    qtbot.keyClicks(page.password, pw["supervisor"])
    qtbot.mouseClick(page.approve, Qt.MouseButton.LeftButton)
    assert page.done.text() == f"Disetujui: {number}"
    qtbot.keyClick(search.view, Qt.Key.Key_Escape)  # back to the results, and again
    open_record(qtbot, search, kpj)
    qtbot.waitUntil(lambda: "(BATAL)" in (search.view.payments.item(0, 0).text()), timeout=5000)
