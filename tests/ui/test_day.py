"""The branch's day as people live it, through the widgets alone, on the living demo.

A visitor takes a number at the kiosk; the clerk logs in (choosing their own password),
calls the number with F2, registers the worker by NIK, takes three months of dues across
the end of the PP 50/2025 relief and shows the receipt, finishes the ticket; the branch
head reads the waiting JKM claim's dossier and approves it; the clerk pays it and hands it
over with its berita acara; the clerk's drawer is counted short, the supervisor who never
logged in cannot approve with a one-time password, the head approves the difference; the
supervisor closes the day with their password, opens its
report, saves the month's report as a spreadsheet and looks at the dashboard.

Run twice: with the machine on UTC at a quarter past midnight in the branch (WITA), the
date boundary where a UTC date would show yesterday, and with the machine's zone the
branch's. The clock is the one fake (a true edge): ``time_machine`` moves the whole
process's clock, ticking.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import time_machine
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from loket.db.migrate import open_database
from loket.domain.nik import compose_nik
from loket.services.demo_branch import create_living_demo
from loket.ui.cash_count_dialog import CashCountDialog
from loket.ui.kiosk import Kiosk
from loket.ui.local_config import LocalConfig
from loket.ui.main_window import MainWindow
from loket.ui.pages.approvals_page import ApprovalsPage
from loket.ui.pages.claims import ClaimsPage
from loket.ui.pages.closing_page import ClosingPage
from loket.ui.pages.dashboard_page import DashboardPage
from loket.ui.pages.payment_page import MONTHS, PaymentPage
from loket.ui.pages.registration_page import RegistrationPage
from loket.ui.pages.search_page import SearchPage
from loket.ui.session_flow import SessionFlow
from tests.fakes import FakePrinter
from tests.pdf_reading import pdf_text
from tests.ui.modal import Answer, answering, choose, save_as, type_text

LEFT = Qt.MouseButton.LeftButton


class Day:
    def __init__(self, machine_zone: str, now: datetime, business_date: date) -> None:
        self.machine_zone, self.now, self.business_date = machine_zone, now, business_date


DAYS = {
    # 00:15 WITA on Saturday 5 December is 16:15 UTC on Friday 4 December
    "utc-machine-just-after-midnight": Day(
        "UTC", datetime(2026, 12, 4, 16, 15, tzinfo=UTC), date(2026, 12, 5)
    ),
    # a Monday morning on a machine set to the branch's zone
    "branch-zone-machine-monday-morning": Day(
        "Asia/Makassar", datetime(2026, 12, 7, 1, 30, tzinfo=UTC), date(2026, 12, 7)
    ),
}


@pytest.fixture(params=list(DAYS), ids=list(DAYS))
def day(request: pytest.FixtureRequest) -> Iterator[Day]:
    d = DAYS[request.param]
    before = os.environ.get("TZ")
    os.environ["TZ"] = d.machine_zone
    time.tzset()
    try:
        with time_machine.travel(d.now, tick=True):
            yield d
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()


def _spin(qtbot: QtBot, spin: QAbstractSpinBox, value: int) -> None:
    """Types a number into a spin box, as a person does (select, type, Tab)."""
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, str(value))
    assert spin.value() == value  # type: ignore[attr-defined]


def _type_into(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)


def _choose_password(new: str) -> Answer:
    """The one-time password's dialog: the new password twice, then Enter."""

    def answer(qtbot: QtBot, dialog: QWidget) -> None:
        edits = [e for e in dialog.findChildren(QLineEdit) if e.isVisible()]
        assert len(edits) == 2, "only the new password and its repetition are asked"
        assert dialog.focusWidget() is edits[0]
        qtbot.keyClicks(edits[0], new)
        qtbot.keyClick(edits[0], Qt.Key.Key_Tab)
        qtbot.keyClicks(edits[1], new)
        qtbot.keyClick(edits[1], Qt.Key.Key_Return)

    return answer


def _log_in(
    qtbot: QtBot, flow: SessionFlow, username: str, password: str, *, new: str = ""
) -> MainWindow:
    """Types the user's name and password into the login window and presses Enter; a
    one-time password is replaced by ``new`` in the dialog that follows."""
    qtbot.waitUntil(lambda: flow.login_dialog is not None and flow.login_dialog.isVisible())
    login = flow.login_dialog
    assert login is not None
    qtbot.waitUntil(login.database_ready, timeout=20_000)
    _type_into(qtbot, login.username, username)
    _type_into(qtbot, login.password, password)
    if new:
        with answering(qtbot, _choose_password(new)) as asked:
            qtbot.keyClick(login.password, Qt.Key.Key_Return)
        assert asked.title == "Pilih kata sandi Anda"
    else:
        qtbot.keyClick(login.password, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: (
            (flow.main_window is not None and flow.main_window.isVisible())
            or login.error.isVisible()
            or (login.change_dialog is not None and login.change_dialog.error.isVisible())
        ),
        timeout=10_000,
    )
    window = flow.main_window
    if window is None:  # refused: say why
        change = login.change_dialog
        assert change is None or not change.error.isVisible(), change.error.text()
        raise AssertionError(login.error.text())
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def _log_out(qtbot: QtBot, window: MainWindow) -> None:
    button = window.toolbar.widgetForAction(window.logout_action)
    qtbot.mouseClick(button, LEFT)


def _back_to(qtbot: QtBot, window: QWidget) -> None:
    """The main window is the active one again once a dialog or preview is closed."""
    assert QApplication.activeModalWidget() is None  # every dialog was answered
    if QApplication.activeWindow() is not window:
        # a closed preview stays the offscreen platform's active window; a window
        # manager gives the focus back to the main window
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def _go(qtbot: QtBot, window: MainWindow, key: str) -> QWidget:
    """Ctrl+<the page's number>, as the navigation shows it."""
    number = window.page_number(key)
    assert number is not None
    _back_to(qtbot, window)
    qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
    page = window.page(key)
    assert window.pages.currentWidget() is page
    return page


def _rupiah(text: str) -> int:
    """The amount a label shows ("seharusnya Rp1.234.500" → 1234500)."""
    return int(text.split("Rp", 1)[1].split()[0].replace(".", ""))


def _click_row(qtbot: QtBot, table, row: int) -> None:  # type: ignore[no-untyped-def]
    rect = table.visualItemRect(table.item(row, 0))
    qtbot.mouseClick(table.viewport(), LEFT, pos=rect.center())


def test_the_branch_day(qtbot: QtBot, day: Day, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'loket.db'}"
    db = open_database(url)
    pw, made = create_living_demo(db)
    db.close()
    today = day.business_date.strftime("%d-%m-%Y")

    # -- the kiosk: a visitor takes a number -------------------------------------------
    kiosk_db = open_database(url)
    kiosk = Kiosk(kiosk_db, FakePrinter(), ask_exit=lambda _k: True)
    qtbot.addWidget(kiosk)
    kiosk.resize(1024, 700)
    kiosk.show()
    qtbot.mouseClick(kiosk.buttons["A"], LEFT)
    qtbot.waitUntil(lambda: "Silakan ambil tiket" in kiosk.result.text())
    ticket = kiosk.number.text()
    assert ticket.startswith("A")

    # -- the clerk's first login: their own password ------------------------------------
    config = LocalConfig(tmp_path / "desk.ini")
    flow = SessionFlow(url, config)
    flow.start()
    try:
        _the_day(qtbot, flow, day, pw, made, ticket, today, tmp_path)
    finally:
        if flow.main_window is not None:
            flow.main_window.close()
        flow.close()
        kiosk.request_exit()
        kiosk_db.close()


def _the_day(  # type: ignore[no-untyped-def]
    qtbot: QtBot,
    flow: SessionFlow,
    day: Day,
    pw,
    made,
    ticket: str,
    today: str,
    tmp_path: Path,
) -> None:
    clerk_password = "Kembang-Goyang-71"
    window = _log_in(qtbot, flow, "petugas", pw["petugas"], new=clerk_password)
    assert window.actor.username == "petugas"

    # F2 calls the next number until the visitor's (the demo's queue is ahead of them)
    bar = window.queue_bar
    assert bar is not None
    for _ in range(30):
        qtbot.keyClick(window, Qt.Key.Key_F2)
        if ticket in bar.current.text():
            break
        qtbot.mouseClick(bar.done_button, LEFT)
    assert ticket in bar.current.text()

    # Ctrl+2 puts the cursor in the search box: typed text is not lost
    search = _go(qtbot, window, "search")
    assert isinstance(search, SearchPage)
    assert QApplication.focusWidget() is search.box

    # -- registration by NIK -----------------------------------------------------------
    registration = _go(qtbot, window, "registration")
    assert isinstance(registration, RegistrationPage)
    assert QApplication.focusWidget() is registration.nik
    nik = compose_nik("637101", date(1991, 3, 17), "L", 4242)
    qtbot.keyClicks(registration.nik, nik)
    assert registration.birth_date.date().toString("dd-MM-yyyy") == "17-03-1991"
    assert registration.sex.currentText() == "Laki-laki"
    choose(qtbot, registration.occupation, "Nelayan")
    _type_into(qtbot, registration.income, "1.000.000")
    for field, text in (
        ("full_name", "Rusdiansyah"),
        ("birth_place", "Banjarmasin"),
        ("address", "Jl. Sungai Baru No. 3"),
        ("phone", "0812 5000 4242"),
    ):
        _type_into(qtbot, registration.fields[field], text)
    qtbot.mouseClick(registration.submit, LEFT)
    assert registration.result.text().startswith("Terdaftar: Rusdiansyah, KPJ")
    qtbot.mouseClick(registration.pay_now_button, LEFT)

    # -- three months across the relief's end, the receipt shown ------------------------
    payments = window.page("payments")
    assert isinstance(payments, PaymentPage)
    assert window.pages.currentWidget() is payments
    months = payments.table.cellWidget(0, MONTHS)
    assert isinstance(months, QAbstractSpinBox)
    _spin(qtbot, months, 3)
    _type_into(qtbot, payments.tendered, "150.000")
    qtbot.keyClick(payments.tendered, Qt.Key.Key_Return)
    assert "tersimpan" in payments.done.text(), payments.error.text()
    receipt_number = payments.done.text().split()[1]  # "Kuitansi KW/BJM/2026/… tersimpan"
    preview = payments.preview
    assert preview is not None and preview.isVisible()
    receipt = " ".join(pdf_text(preview.pdf).split())
    assert "Rusdiansyah" in receipt and today in receipt
    for line in (  # December at the relief's price, 2027 at the full price
        "JKK 12/2026 (1 bln) Rp5.000 normal Rp10.000, keringanan −Rp5.000",
        "JKM 12/2026 (1 bln) Rp3.400 normal Rp6.800, keringanan −Rp3.400",
        "JKK 01/2027–02/2027 (2 bln) Rp20.000",
        "Keringanan iuran PP 50/2025 −Rp8.400 TOTAL Rp102.000",
    ):
        assert line in receipt, receipt
    qtbot.keyClick(preview, Qt.Key.Key_Escape)
    assert not preview.isVisible()
    qtbot.mouseClick(bar.done_button, LEFT)
    assert ticket not in bar.current.text()
    _log_out(qtbot, window)

    # -- the branch head approves the waiting JKM claim, having read its dossier ----------
    window = _log_in(qtbot, flow, "kepala", pw["kepala"], new="Bekantan-Sungai-42")
    approvals = _go(qtbot, window, "approvals")
    assert isinstance(approvals, ApprovalsPage)
    row = next(
        r for r in range(approvals.table.rowCount())
        if approvals.table.item(r, 0).text() == made.awaiting_approval
    )  # fmt: skip
    _click_row(qtbot, approvals.table, row)
    dossier = " ".join(approvals.dossier.text.toPlainText().split())
    for fact in (  # the components, who receives, the documents, the eligibility
        "Peserta: Rahmadi Anshari",
        "Jumlah Rp180.000.000 Rp48.000.000",
        "Penerima Noorhayati (Suami/istri)",
        "☑ Akta/surat keterangan kematian",
        "✓ bulan kejadian tertanggung iuran",
    ):
        assert fact in dossier, dossier
    qtbot.keyClicks(approvals.password, "Bekantan-Sungai-42")
    qtbot.mouseClick(approvals.approve, LEFT)
    assert approvals.done.text() == f"Disetujui: {made.awaiting_approval}"
    _log_out(qtbot, window)

    # -- the clerk pays it and hands it over with the berita acara ---------------------
    window = _log_in(qtbot, flow, "petugas", clerk_password)
    claims_page = _go(qtbot, window, "claims")
    assert isinstance(claims_page, ClaimsPage)
    row = next(
        r for r in range(claims_page.list.rowCount())
        if claims_page.list.item(r, 0).text() == made.awaiting_approval
    )  # fmt: skip
    _click_row(qtbot, claims_page.list, row)
    qtbot.mouseClick(claims_page.open_button, LEFT)
    view = claims_page.view

    def payout(qtbot: QtBot, dialog: QWidget) -> None:
        reference = dialog.findChild(QLineEdit, "payoutReference")
        qtbot.keyClicks(reference, "TRF-JKM-0001")
        qtbot.keyClick(reference, Qt.Key.Key_Return)

    with answering(qtbot, payout):
        qtbot.mouseClick(view.pay_button, LEFT)
    assert "Dibayar" in view.heading.text()

    def handover(qtbot: QtBot, dialog: QWidget) -> None:
        handed_on = dialog.findChild(QWidget, "handedOn")
        assert handed_on.date().toString("dd-MM-yyyy") == today  # the branch's date
        witness = dialog.findChild(QLineEdit, "witness1")
        qtbot.keyClicks(witness, "Hj. Masitah")
        qtbot.keyClick(witness, Qt.Key.Key_Return)

    with answering(qtbot, handover):
        qtbot.mouseClick(view.handover_button, LEFT)
    assert "Diserahterimakan" in view.heading.text()
    steps = [view.history.item(i).text() for i in range(view.history.count())]
    assert [step.split(" · ")[0][:10] for step in steps[-3:]] == [today] * 3, steps  # WITA
    berita = claims_page.preview
    assert berita is not None and berita.isVisible()
    text = " ".join(pdf_text(berita.pdf).split())
    assert "BERITA ACARA SERAH TERIMA" in text and "Rp48.000.000" in text
    assert day.business_date.strftime("%Y") in text
    assert "Kepala Kantor Cabang (demo)" in text  # who approved it signs
    qtbot.keyClick(berita, Qt.Key.Key_Escape)

    # the participant's record lists the claim; Enter on it opens the claim
    search = _go(qtbot, window, "search")
    assert isinstance(search, SearchPage)
    qtbot.keyClicks(QApplication.focusWidget(), "Rahmadi Anshari")
    qtbot.waitUntil(lambda: search.model.rowCount() == 1)
    qtbot.keyClick(search.box, Qt.Key.Key_Return)
    record = search.view
    qtbot.waitUntil(lambda: search.stack.currentWidget() is record)
    assert record.claims.item(0, 0).text() == made.awaiting_approval
    assert record.claims.item(0, 2).text() == "Diserahterimakan"
    record.claims.setFocus()
    qtbot.keyClick(record.claims, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is claims_page
    assert made.awaiting_approval in view.heading.text()

    # -- the drawer counted short: the supervisor's one-time password confirms nothing;
    #    the head, who chose hers this morning, approves ---------------------------------
    payments = _go(qtbot, window, "payments")
    assert isinstance(payments, PaymentPage)
    cash = payments.cash_bar

    def count_short(qtbot: QtBot, dialog: QWidget) -> None:
        assert isinstance(dialog, CashCountDialog)
        short = _rupiah(dialog.expected.text()) - 500
        _spin(qtbot, dialog.pieces["note-100000"], short // 100_000)
        rest = short % 100_000
        _spin(qtbot, dialog.pieces["note-1000"], rest // 1000)
        _spin(qtbot, dialog.pieces["coin-100"], (rest % 1000) // 100)
        assert dialog.difference.text() == "kurang Rp500"
        _type_into(qtbot, dialog.reason, "Kembalian kurang teliti")
        _type_into(qtbot, dialog.approver, "supervisor")
        _type_into(qtbot, dialog.approver_password, pw["supervisor"])
        qtbot.mouseClick(dialog.ok_button, LEFT)
        assert "masih sekali pakai" in dialog.error.text() and dialog.isVisible()
        dialog.approver.clear()
        _type_into(qtbot, dialog.approver, "kepala")
        dialog.approver_password.clear()
        _type_into(qtbot, dialog.approver_password, "Bekantan-Sungai-42")
        qtbot.mouseClick(dialog.ok_button, LEFT)

    with answering(qtbot, count_short):
        qtbot.mouseClick(cash.close_button, LEFT)
    assert "belum dibuka" in cash.state.text()
    _log_out(qtbot, window)

    # -- the supervisor closes the day -------------------------------------------------
    window = _log_in(qtbot, flow, "supervisor", pw["supervisor"], new="Pasar-Terapung-93")
    closing = _go(qtbot, window, "closing")
    assert isinstance(closing, ClosingPage)
    assert closing.day.date().toString("dd-MM-yyyy") == today
    with answering(qtbot, type_text("Pasar-Terapung-93")) as asked:
        qtbot.mouseClick(closing.close_day_button, LEFT)
    assert f"Tutup hari {today}?" in asked.text
    report = closing.preview
    assert report is not None and report.isVisible()
    text = " ".join(pdf_text(report.pdf).split())
    assert "REKAP HARIAN" in text and "Kembalian kurang teliti" in text and today in text
    qtbot.keyClick(report, Qt.Key.Key_Escape)
    _back_to(qtbot, window)

    # the month's report, saved as a spreadsheet through the file dialog
    choose(qtbot, closing.format, "XLSX")
    with (
        qtbot.waitSignal(closing._runner.done, timeout=20_000),
        answering(qtbot, save_as(tmp_path / "bulan.xlsx")),
    ):
        qtbot.mouseClick(closing.export_button, LEFT)
    book = load_workbook(tmp_path / "bulan.xlsx")
    rows = [row for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)]
    cells = {str(c) for row in rows for c in row}
    assert receipt_number in cells  # today's receipt, in the month's report

    # the dashboard loads its figures
    dashboard = _go(qtbot, window, "dashboard")
    assert isinstance(dashboard, DashboardPage)
    qtbot.waitUntil(lambda: dashboard.figures is not None, timeout=20_000)
