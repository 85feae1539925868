"""The queue's screens (issue 18), driven through their widgets: the kiosk (a ticket, a
printer out of paper, a full quota, a booking, the lock), the waiting-room display
following the calls, the counter's queue bar in the main window, the rating pad."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from loket.db.engine import Database
from loket.domain.local_time import BranchTime
from loket.services import auth, branch, queue
from loket.services.actor import Actor
from loket.ui import queue_display
from loket.ui.kiosk import Kiosk, KioskExit
from loket.ui.local_config import LocalConfig
from loket.ui.main_window import MainWindow
from loket.ui.queue_display import QueueDisplay, spoken
from loket.ui.rating_pad import RatingPad
from tests.conftest import FakeClock
from tests.factories import passwords_chosen
from tests.fakes import FakePrinter
from tests.pdf_reading import pdf_text
from tests.ui.modal import answering, type_text

MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier

ADMIN = Actor.command_line()


def clerk(db: Database, pw: dict[str, str], number: int = 1) -> Actor:
    while len(branch.list_counters(db)) < number:
        branch.add_counter(db, ADMIN)
    return auth.login(db, "petugas", pw["petugas"], branch.list_counters(db)[number - 1].id)


def test_the_kiosk_prints_a_ticket_and_keeps_the_number_when_the_paper_is_out(
    qtbot: QtBot, demo: tuple[Database, dict[str, str]]
) -> None:
    db, _ = demo
    printer = FakePrinter()
    kiosk = Kiosk(db, printer, ask_exit=lambda _k: False)
    qtbot.addWidget(kiosk)
    kiosk.show()
    assert list(kiosk.buttons) == ["A", "B", "C", "D"]
    assert kiosk.minimumSizeHint().width() <= 1366
    assert "0 orang menunggu" in kiosk.buttons["A"].text()

    with qtbot.waitSignal(kiosk._runner.done, timeout=10_000):
        qtbot.mouseClick(kiosk.buttons["A"], Qt.MouseButton.LeftButton)
    assert kiosk.number.text() == "A001" and "tunggu panggilan" in kiosk.result.text()
    ticket = " ".join(pdf_text(printer.printed[0]).split())
    assert "A001" in ticket and "Pendaftaran & iuran" in ticket and "0 orang menunggu" in ticket
    assert "1 orang menunggu" in kiosk.buttons["A"].text()

    printer.out_of_paper = True
    kiosk.priority.setChecked(True)  # an elderly woman
    with qtbot.waitSignal(kiosk._runner.failed, timeout=10_000):
        qtbot.mouseClick(kiosk.buttons["C"], Qt.MouseButton.LeftButton)
    assert kiosk.number.text() == "C001"  # large, above the explanation
    assert kiosk.result.text() == (
        "Nomor Anda. Tiket tidak dapat dicetak (Gagal mencetak: kertas habis). Ingat nomor "
        "ini (atau foto layar ini) dan tunggu panggilan; sampaikan ke petugas."
    )
    assert kiosk.number.font().pixelSize() > 3 * kiosk.result.font().pixelSize()
    waiting = {s.prefix: s.waiting for s in queue.list_services(db)}
    assert waiting["C"] == 1  # the number is kept though the ticket did not print
    assert not kiosk.priority.isChecked()

    queue.configure_service(db, ADMIN, "B", daily_quota=1)
    queue.issue_ticket(db, "B")
    kiosk.refresh()
    assert (
        not kiosk.buttons["B"].isEnabled() and "Kuota hari ini habis" in kiosk.buttons["B"].text()
    )

    kiosk.booking.setText("BK-0000")
    qtbot.mouseClick(kiosk.booking_button, Qt.MouseButton.LeftButton)
    assert "Kode booking BK-0000 tidak ditemukan" in kiosk.result.text()

    kiosk.close()  # a window manager's close, Alt+F4: the kiosk stays
    assert kiosk.isVisible()
    kiosk.request_exit()  # the admin did not confirm
    assert kiosk.isVisible()


def test_only_an_admin_s_password_ends_the_kiosk(
    qtbot: QtBot, demo: tuple[Database, dict[str, str]]
) -> None:
    db, pw = demo
    passwords_chosen(db, "petugas", "admin")  # a one-time password ends nothing
    kiosk = Kiosk(db, FakePrinter())
    qtbot.addWidget(kiosk)
    with qtbot.waitActive(kiosk):
        kiosk.show()
    said: list[str] = []

    def try_three_times(qtbot: QtBot, dialog: QWidget) -> None:
        assert isinstance(dialog, KioskExit)
        for user, password in (("petugas", pw["petugas"]), ("admin", "salah"),
                               ("admin", pw["admin"])):  # fmt: skip
            dialog.username.clear()
            qtbot.keyClicks(dialog.username, user)
            qtbot.keyClicks(dialog.password, password)
            qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
            said.append(dialog.error.text())

    with answering(qtbot, try_three_times) as asked:
        qtbot.keyClick(kiosk, Qt.Key.Key_Q, MODIFIERS)
    assert asked.title == "Tutup kiosk"
    assert said[0].startswith("Hanya admin") and said[1]  # a clerk, a wrong password
    assert not kiosk.isVisible()  # the admin's password ends it


def test_the_display_shows_each_call_as_it_happens(
    qtbot: QtBot, demo: tuple[Database, dict[str, str]], chimes: list[str]
) -> None:
    db, pw = demo
    one, two = clerk(db, pw, 1), clerk(db, pw, 2)
    for prefix in "AAC":
        queue.issue_ticket(db, prefix)
    when = BranchTime("Asia/Makassar", FakeClock(datetime(2026, 12, 4, 16, 15, tzinfo=UTC)))
    display = QueueDisplay(db, when=when)
    qtbot.addWidget(display)
    display.show()
    try:
        assert display.number.text() == "—"
        assert display.branch_name.text() == branch.get_home_branch(db).name  # type: ignore[union-attr]
        assert display.clock.text() == "Sabtu, 5 Desember 2026   00:15 WITA"  # the branch's
        queue.call_next(db, one)
        qtbot.waitUntil(lambda: display.number.text() == "A001", timeout=5_000)
        assert display.counter.text() == "Loket 1"
        queue.call_next(db, two)
        qtbot.waitUntil(lambda: display.number.text() == "A002", timeout=5_000)
        queue.recall(db, one)  # A001 again, on top
        qtbot.waitUntil(lambda: display.number.text() == "A001", timeout=5_000)
        assert [display.recent.item(i).text() for i in range(2)] == [
            "A001  →  Loket 1",
            "A002  →  Loket 2",
        ]
        items = display.waiting.text().split("   ")  # a line may break only between them
        assert "C\u00a0Klaim\u00a0JKM/\u2060JKK\u00a0&\u00a0beasiswa:\u00a01\u00a0menunggu" in items
        assert all(" " not in item for item in items)
        assert len(chimes) == 3  # each call, the recall too
        assert display.minimumSizeHint().width() <= 1366  # an HD TV
    finally:
        display.close()
    assert spoken("A012", "Loket 3") == "Nomor antrean A, nol satu dua, silakan ke Loket 3"


def test_the_counter_s_queue_bar_calls_skips_transfers_pauses_and_finishes(
    qtbot: QtBot, tmp_path: Path, demo: tuple[Database, dict[str, str]]
) -> None:
    db, pw = demo
    staff = clerk(db, pw)
    for prefix in "AAA":
        queue.issue_ticket(db, prefix)
    window = MainWindow(db, staff, LocalConfig(tmp_path / "desk.ini"))
    qtbot.addWidget(window)
    window.show()
    bar = window.queue_bar
    assert bar is not None and bar.current.text() == "Tidak ada nomor"
    assert window.minimumSizeHint().width() <= 1366  # the bar does not widen the window
    assert "3 menunggu (A, B, C, D)" in bar.state.text() and not bar.done_button.isEnabled()

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_F2)
    assert bar.current.text() == "Melayani A001" and bar.done_button.isEnabled()
    qtbot.mouseClick(bar.skip_button, Qt.MouseButton.LeftButton)  # did not come
    assert bar.current.text() == "Tidak ada nomor"
    qtbot.mouseClick(bar.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(bar.transfer_button, Qt.MouseButton.LeftButton)
    menu = bar.transfer_menu
    qtbot.waitExposed(menu)
    offered = [a.text().split(" · ")[0] for a in menu.actions()]
    assert offered == ["B", "C", "D"]  # not the ticket's own service
    to_b = menu.actions()[0]
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(to_b).center())
    assert bar.current.text() == "Tidak ada nomor"  # needs a JHT claim: waits there
    with answering(qtbot, type_text("A003")) as asked:
        qtbot.mouseClick(bar.priority_button, Qt.MouseButton.LeftButton)
    assert asked.title == "Jalur prioritas"
    qtbot.mouseClick(bar.next_button, Qt.MouseButton.LeftButton)
    assert bar.current.text() == "Melayani A003"  # the priority lane first
    qtbot.mouseClick(bar.done_button, Qt.MouseButton.LeftButton)

    pad = RatingPad(db, 1)
    qtbot.addWidget(pad)
    qtbot.mouseClick(pad.faces[4], Qt.MouseButton.LeftButton)
    assert pad.answer.text() == "Terima kasih! (nomor A003)"
    qtbot.mouseClick(pad.faces[0], Qt.MouseButton.LeftButton)  # once
    assert "Tidak ada layanan yang baru selesai" in pad.answer.text()

    qtbot.mouseClick(bar.pause_button, Qt.MouseButton.LeftButton)  # a break
    assert "JEDA" in bar.state.text() and not bar.next_button.isEnabled()
    qtbot.mouseClick(bar.pause_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(bar.next_button, Qt.MouseButton.LeftButton)
    assert bar.current.text() == "Melayani A002"  # transferred to B, served here too
    qtbot.mouseClick(bar.done_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(bar.next_button, Qt.MouseButton.LeftButton)
    assert bar.message.text() == "Tidak ada yang menunggu."


def test_a_supervisor_without_a_counter_has_no_queue_bar(
    qtbot: QtBot, tmp_path: Path, demo: tuple[Database, dict[str, str]]
) -> None:
    db, pw = demo
    head = auth.login(db, "kepala", pw["kepala"], None)
    window = MainWindow(db, head, LocalConfig(tmp_path / "desk.ini"))
    qtbot.addWidget(window)
    assert window.queue_bar is None


@pytest.fixture(autouse=True)
def chimes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sound card is a true edge: the chimes are counted instead of played."""
    heard: list[str] = []
    monkeypatch.setattr(queue_display, "play_chime", lambda: heard.append("ding-dong"))
    return heard


def test_the_admin_sets_up_services_and_counters_on_the_branch_page(
    qtbot: QtBot, demo: tuple[Database, dict[str, str]]
) -> None:
    from loket.ui.pages.branch_page import BranchPage

    db, pw = demo
    admin = auth.login(db, "admin", pw["admin"], None)
    page = BranchPage(db, admin)
    qtbot.addWidget(page)
    page.tabs.setCurrentIndex(3)
    setup = page.queue_setup
    assert setup.table.rowCount() == 4 and setup.table.item(0, 1).text() == "Pendaftaran & iuran"
    setup.table.selectRow(1)  # B, Klaim JHT: capped on JHT days
    assert setup.prefix.text() == "B" and setup.active.isChecked()
    setup.quota.setValue(80)
    qtbot.mouseClick(setup.save_service, Qt.MouseButton.LeftButton)
    assert setup.message.text() == "Layanan B tersimpan." and setup.table.item(1, 2).text() == "80"
    setup.prefix.setText("E")
    setup.name.setText("")
    qtbot.mouseClick(setup.save_service, Qt.MouseButton.LeftButton)
    assert "Nama layanan 2 sampai 80 huruf" in setup.error.text()
    assert setup.name.property("invalid")
    setup.name.setText("Layanan perusahaan")
    qtbot.mouseClick(setup.save_service, Qt.MouseButton.LeftButton)
    assert setup.table.rowCount() == 5

    setup.counter_services.setText("C, A")
    qtbot.mouseClick(setup.save_counter, Qt.MouseButton.LeftButton)
    assert setup.message.text() == "Loket 1 melayani: C, A."
    assert queue.counter_services(db) == {1: ("C", "A")}
    setup.counter_services.setText("C,Q")
    qtbot.mouseClick(setup.save_counter, Qt.MouseButton.LeftButton)
    assert "Layanan antrean Q tidak ada" in setup.error.text()
    assert setup.counter_services.property("invalid")
