"""Closing a counter's drawer with a difference a supervisor approves, closing the day, and
the dashboard — driven through the real widgets."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCharts import QBarSeries
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocumentFragment
from pytestqt.qtbot import QtBot

from loket.db.engine import Database
from loket.services import auth, branch
from loket.services.registration import register_participant
from loket.ui.cash_count_dialog import CashCountDialog
from loket.ui.pages.closing_page import ClosingPage
from loket.ui.pages.dashboard_page import DashboardPage
from loket.ui.pages.payment_page import PaymentPage
from tests.conftest import FakeClock
from tests.factories import bpu_worker, passwords_chosen
from tests.fakes import FakePrinter
from tests.pdf_reading import pdf_text
from tests.ui.modal import answering, press_escape, save_as, type_text

DEC_3 = datetime(2026, 12, 3, 2, 0, tzinfo=UTC)  # 10:00 WITA


@pytest.fixture
def counter(qtbot: QtBot, demo: tuple[Database, dict[str, str]]):  # type: ignore[no-untyped-def]
    db, pw = demo
    clock = FakeClock(DEC_3)
    staff = auth.login(db, "petugas", pw["petugas"], branch.list_counters(db)[0].id, clock=clock)
    kpj = register_participant(db, staff, bpu_worker(), clock=clock).kpj
    page = PaymentPage(db, staff, FakePrinter(), clock=clock)
    qtbot.addWidget(page)
    page.show()
    return db, pw, clock, page, kpj


def _count(dialog: CashCountDialog, **pieces: int) -> None:
    for key, n in pieces.items():
        dialog.pieces[key.replace("_", "-")].setValue(n)


def test_a_clerk_closes_the_drawer_short_and_a_supervisor_approves(
    qtbot: QtBot,
    counter,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    db, pw, clock, page, kpj = counter
    passwords_chosen(db, "supervisor")  # a one-time password approves nothing
    bar = page.cash_bar
    assert "belum dibuka" in bar.state.text() and bar.open_button.isVisible()
    bar.open_button.click()
    opening = bar.dialog
    assert opening is not None
    _count(opening, note_50000=2, coin_500=10)
    assert opening.counted.text() == "Rp105.000"
    opening.ok_button.click()
    assert "Petugas Pelayanan (demo) sejak 10:00" in bar.state.text()
    assert "Rp105.000" in bar.state.text() and bar.close_button.isVisible()

    qtbot.keyClicks(page.who, kpj)
    qtbot.keyClick(page.who, Qt.Key.Key_Return)
    qtbot.keyClicks(page.tendered, "100.000")
    qtbot.keyClick(page.tendered, Qt.Key.Key_Return)
    assert page.done.text().startswith("Kuitansi KW/BJM/2026/000001 tersimpan")
    page.preview.close()
    total = page.cash_bar.drawer.balance.cash_received
    assert f"seharusnya di laci Rp{105_000 + total:,}".replace(",", ".") in bar.state.text()

    bar.close_button.click()
    closing = bar.dialog
    assert closing is not None and closing.approval.isVisible()  # nothing counted yet
    # everything but a Rp500 coin
    _count(closing, note_50000=2, coin_500=9)
    closing.pieces["note-1000"].setValue((total) // 1000)
    closing.pieces["coin-100"].setValue((total % 1000) // 100)
    assert closing.difference.text() == "kurang Rp500" and closing.approval.isVisible()
    closing.ok_button.click()
    assert closing.isVisible() and "tuliskan alasannya" in closing.error.text()
    assert closing.focusWidget() is closing.reason
    qtbot.keyClicks(closing.reason, "Kembalian kurang teliti")
    qtbot.keyClicks(closing.approver, "supervisor")
    qtbot.keyClicks(closing.approver_password, "salah-sandi")
    closing.ok_button.click()
    assert closing.isVisible() and closing.error.isVisible()
    closing.approver_password.clear()
    qtbot.keyClicks(closing.approver_password, pw["supervisor"])
    closing.ok_button.click()
    assert not closing.isVisible()
    assert "belum dibuka" in bar.state.text()

    # the supervisor's Rekap harian: the drawer, then the day closed and its report
    sup = auth.login(db, "supervisor", pw["supervisor"], None, clock=clock)
    rekap = ClosingPage(db, sup, clock=clock)
    qtbot.addWidget(rekap)
    rekap.show()
    assert rekap.table.rowCount() == 1
    assert rekap.table.item(0, 6).text() == "-Rp500"
    assert "Kembalian kurang teliti (disetujui supervisor)" in rekap.table.item(0, 7).text()
    assert rekap.close_day_button.isEnabled()
    with answering(qtbot, press_escape):  # changed their mind: nothing happens
        qtbot.mouseClick(rekap.close_day_button, Qt.MouseButton.LeftButton)
    assert not rekap.error.isVisible() and rekap.close_day_button.isEnabled()
    with answering(qtbot, type_text("salah")):
        qtbot.mouseClick(rekap.close_day_button, Qt.MouseButton.LeftButton)
    assert rekap.error.isVisible() and not rekap.show_closing_button.isEnabled()
    assert "Kata sandi" in rekap.error.text() or "sandi" in rekap.error.text()
    with answering(qtbot, type_text(pw["supervisor"])) as asked:
        qtbot.mouseClick(rekap.close_day_button, Qt.MouseButton.LeftButton)
    assert "Tutup hari 03-12-2026?" in asked.text
    assert rekap.preview is not None and rekap.preview.isVisible()
    text = " ".join(pdf_text(rekap.preview.pdf).split())
    assert "REKAP HARIAN" in text and "Kembalian kurang teliti" in text
    assert "sudah ditutup oleh Kepala Bidang Pelayanan (demo)" in rekap.state.text()
    assert not rekap.close_day_button.isEnabled() and rekap.show_closing_button.isEnabled()
    rekap.preview.close()
    # the closed day's backup, made and checked off the GUI thread
    qtbot.waitUntil(lambda: "Cadangan dibuat dan diperiksa" in rekap.backup_state.text(),
                    timeout=20_000)  # fmt: skip
    assert list((Path(str(db.url.database)).parent / "backups").glob("loket-BJM-*.db"))

    # a month's report written off the GUI thread
    rekap.first.setDate(rekap.first.date().addMonths(-1))
    rekap.format.setCurrentIndex(rekap.format.findData("xlsx"))
    with (
        qtbot.waitSignal(rekap._runner.done, timeout=10_000),
        answering(qtbot, save_as(tmp_path / "bulan.xlsx")) as asked,
    ):
        qtbot.mouseClick(rekap.export_button, Qt.MouseButton.LeftButton)
    assert asked.title == "Simpan laporan"
    assert "Tersimpan" in rekap.export_state.text()
    assert (tmp_path / "bulan.xlsx").read_bytes()[:2] == b"PK"
    assert load_workbook(tmp_path / "bulan.xlsx").sheetnames


def test_a_second_clerk_takes_the_drawer_over_with_a_count(
    qtbot: QtBot,
    counter,  # type: ignore[no-untyped-def]
) -> None:
    db, pw, clock, page, _ = counter
    page.cash_bar.open_button.click()
    _count(page.cash_bar.dialog, note_20000=5)
    page.cash_bar.dialog.ok_button.click()
    sup = auth.login(db, "supervisor", pw["supervisor"], branch.list_counters(db)[0].id,
                     clock=clock)  # fmt: skip
    theirs = PaymentPage(db, sup, FakePrinter(), clock=clock)
    qtbot.addWidget(theirs)
    theirs.show()
    bar = theirs.cash_bar
    assert bar.take_over_button.isVisible() and not bar.open_button.isVisible()
    bar.take_over_button.click()
    _count(bar.dialog, note_20000=5)
    assert bar.dialog.difference.text() == "tidak ada — cocok"
    bar.dialog.ok_button.click()
    assert "Kepala Bidang Pelayanan (demo) sejak 10:00" in bar.state.text()
    assert bar.close_button.isVisible()


def test_the_days_first_payment_asks_for_the_float_first(
    qtbot: QtBot,
    counter,  # type: ignore[no-untyped-def]
) -> None:
    *_, page, kpj = counter
    qtbot.keyClicks(page.who, kpj)
    qtbot.keyClick(page.who, Qt.Key.Key_Return)
    qtbot.keyClicks(page.tendered, "100.000")
    qtbot.keyClick(page.tendered, Qt.Key.Key_Return)
    opening = page.cash_bar.dialog
    assert opening is not None and opening.isVisible() and page.done.text() == ""
    assert opening.windowTitle() == "Buka kas loket: hitung modal awal"
    _count(opening, note_10000=5)
    opening.ok_button.click()
    # counted, the drawer opened and the payment went through
    assert page.done.text().startswith("Kuitansi KW/BJM/2026/000001 tersimpan")
    drawer = page.cash_bar.drawer
    assert drawer is not None and (drawer.opening_float, drawer.float_counted) == (50_000, True)
    page.preview.close()


def test_the_dashboard_shows_today_and_the_month(
    qtbot: QtBot,
    counter,  # type: ignore[no-untyped-def]
) -> None:
    db, pw, clock, page, kpj = counter
    page.cash_bar.open_button.click()
    page.cash_bar.dialog.ok_button.click()  # a drawer counted empty
    qtbot.keyClicks(page.who, kpj)
    qtbot.keyClick(page.who, Qt.Key.Key_Return)
    qtbot.keyClicks(page.tendered, "100.000")
    qtbot.keyClick(page.tendered, Qt.Key.Key_Return)
    page.preview.close()
    paid = page.cash_bar.drawer.balance.cash_received
    head = auth.login(db, "kepala", pw["kepala"], None, clock=clock)
    board = DashboardPage(db, head, clock=clock)
    qtbot.addWidget(board)
    board.show()
    qtbot.waitUntil(lambda: board.figures is not None, timeout=10_000)
    rupiah = f"Rp{paid:,}".replace(",", ".")

    def shown(key: str) -> str:
        return QTextDocumentFragment.fromHtml(board.values[key].text()).toPlainText()

    assert shown("day.dues").startswith(f"{rupiah} (1 kuitansi)")
    assert "(1\u00a0kuitansi)" in board.values["day.dues"].text()  # never broken inside
    assert "BPU: 1" in shown("day.registrations")
    assert shown("branch.paid_up").startswith("1 (")
    assert " ".join(shown("branch.drawers").split()) == "Loket 1 (Petugas Pelayanan (demo))"
    # with its figures, the page still fits beside the navigation on a 1366-pixel screen
    assert board.minimumSizeHint().width() <= 1366 - 300
    (series,) = board.collections_chart.series()
    assert isinstance(series, QBarSeries)
    bars = series.barSets()[0]
    # the day's dues under Rp1 juta: in thousands, whole ticks of 1, 2 or 5 × 10ⁿ
    # 30 days between an empty slot at each end (so that the end labels show)
    assert bars.count() == 32 and bars.at(30) == pytest.approx(paid / 1e3)
    assert board.collections_chart.title().endswith("(ribu Rp)")
    days, amounts = board.collections_chart.axes()
    assert days.categories()[-2] == "hari ini" and days.categories()[0] == ""
    step = amounts.max() / (amounts.tickCount() - 1)
    assert step in (1, 2, 5, 10, 20, 50, 100, 200, 500) and amounts.max() >= paid / 1e3
    assert board.figures is not None and board.figures.today == date(2026, 12, 3)
