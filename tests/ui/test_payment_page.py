"""Paying by keyboard, the receipt preview, and a printer that fails."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from loket.db.engine import Database
from loket.db.models import AuditEntry
from loket.services import auth, branch, cash_sessions
from loket.services.registration import register_participant
from loket.ui.pages.payment_page import PaymentPage
from tests.conftest import FakeClock
from tests.factories import bpu_worker, passwords_chosen
from tests.fakes import FakePrinter
from tests.pdf_reading import pdf_text
from tests.ui.modal import Answer, answering, open_record

# 3 December 2026, 10:00 WITA: PP 50/2025's relief covers December 2026 for a trader
DEC_3 = datetime(2026, 12, 3, 2, 0, tzinfo=UTC)


@pytest.fixture
def page(
    qtbot: QtBot, demo: tuple[Database, dict[str, str]]
) -> tuple[PaymentPage, FakePrinter, str]:
    db, pw = demo
    staff = auth.login(db, "petugas", pw["petugas"], branch.list_counters(db)[0].id)
    trader = bpu_worker(declared_income=2_500_000, occupation="pedagang")
    kpj = register_participant(db, staff, trader).kpj
    printer = FakePrinter()
    cash_sessions.open_session(db, staff, {"note-50000": 2}, clock=FakeClock(DEC_3))
    p = PaymentPage(db, staff, printer, clock=FakeClock(DEC_3))
    qtbot.addWidget(p)
    p.show()
    return p, printer, kpj


def test_pay_three_months_by_keyboard_and_print(
    qtbot: QtBot, page: tuple[PaymentPage, FakePrinter, str]
) -> None:
    p, printer, kpj = page
    qtbot.keyClicks(p.who, kpj)
    qtbot.keyClick(p.who, Qt.Key.Key_Return)
    # Rp2.500.000 with JHT in December 2026: 12.500 + 3.400 + 50.000 under the relief
    assert p.table.rowCount() == 1
    assert p.total.text() == "Total: Rp65.900  (iuran normal Rp81.800, keringanan −Rp15.900)"
    p.set_months(0, 3)
    assert [p.table.item(0, col).text() for col in (3, 4, 5, 6)] == [
        "12/2026–02/2027",
        "Rp65.900 · Rp81.800",
        "−Rp15.900",
        "Rp229.500",
    ]
    assert p.breakdown.text().splitlines()[1:] == [
        "12/2026: JKK Rp12.500 (normal Rp25.000, keringanan −Rp12.500) · JKM Rp3.400 "
        "(normal Rp6.800, keringanan −Rp3.400) · JHT Rp50.000 per bulan — "
        "Keringanan iuran PP 50/2025",
        "01/2027–02/2027: JKK Rp25.000 · JKM Rp6.800 · JHT Rp50.000 per bulan",
    ]
    qtbot.keyClicks(p.tendered, "250.000")
    assert p.change.text() == "Rp20.500"
    qtbot.keyClick(p.tendered, Qt.Key.Key_Return)
    assert p.done.text().startswith("Kuitansi KW/BJM/") and p.done.text().endswith("Rp20.500")
    assert p.preview is not None and p.preview.isVisible()
    qtbot.addWidget(p.preview)
    assert p.unprinted.count() == 1  # committed before it is printed
    with qtbot.waitSignal(p.preview.print_finished):
        qtbot.mouseClick(p.preview.print_button, Qt.MouseButton.LeftButton)
    assert len(printer.printed) == 1 and "Rp229.500" in pdf_text(printer.printed[0])
    assert p.unprinted.count() == 0
    assert p.table.rowCount() == 0  # ready for the next visitor


def test_a_failed_print_leaves_the_receipt_to_reprint(
    qtbot: QtBot, page: tuple[PaymentPage, FakePrinter, str], caplog: pytest.LogCaptureFixture
) -> None:
    p, printer, kpj = page
    caplog.set_level(logging.INFO, logger="loket.printing")
    printer.out_of_paper = True
    qtbot.keyClicks(p.who, kpj)
    qtbot.keyClick(p.who, Qt.Key.Key_Return)
    p.method.setCurrentIndex(p.method.findData("qris"))
    qtbot.keyClicks(p.reference, "QR-20261124-01")
    qtbot.keyClick(p.reference, Qt.Key.Key_Return)
    assert p.preview is not None
    qtbot.addWidget(p.preview)
    with qtbot.waitSignal(p.preview.print_finished):
        qtbot.mouseClick(p.preview.print_button, Qt.MouseButton.LeftButton)
    assert p.preview.message.text() == "Gagal mencetak: kertas habis"
    assert p.unprinted.count() == 1 and p.unprinted.item(0).text().startswith("KW/BJM/")
    printer.out_of_paper = False
    p.preview.close()
    qtbot.mouseClick(p.reprint_button, Qt.MouseButton.LeftButton)
    qtbot.addWidget(p.preview)
    with qtbot.waitSignal(p.preview.print_finished):
        qtbot.mouseClick(p.preview.print_button, Qt.MouseButton.LeftButton)
    assert len(printer.printed) == 1 and p.unprinted.count() == 0
    assert "SALINAN" not in pdf_text(printer.printed[0])  # the first print is the original
    # the log says which document failed on which printer and why, then that it printed
    failed, printed = (r.getMessage() for r in caplog.records if r.name == "loket.printing")
    assert (
        "KW/BJM/" in failed and "Epson TM-T82 (uji) failed: Gagal mencetak: kertas habis" in failed
    )
    assert printed.startswith("printed 'Kuitansi KW/BJM/") or "KW/BJM/" in printed


def test_mistakes_are_shown_and_escape_clears(
    qtbot: QtBot, page: tuple[PaymentPage, FakePrinter, str]
) -> None:
    p, _, kpj = page
    qtbot.keyClicks(p.who, "siti")
    qtbot.keyClick(p.who, Qt.Key.Key_Return)
    assert p.error.text() == "Masukkan KPJ atau NIK lengkap dari satu peserta."
    p.who.clear()
    qtbot.keyClicks(p.who, kpj)
    qtbot.keyClick(p.who, Qt.Key.Key_Return)
    qtbot.keyClicks(p.tendered, "50.000")
    assert p.change.text() == "kurang Rp15.900"
    qtbot.keyClick(p.tendered, Qt.Key.Key_Return)
    assert p.error.text() == "Uang yang diterima kurang dari Rp65.900."
    assert p.focusWidget() is p.tendered
    qtbot.keyClick(p, Qt.Key.Key_Escape)
    assert p.table.rowCount() == 0 and p.total.text() == "Total: Rp0"


def test_pay_from_the_participant_record(
    qtbot: QtBot, demo: tuple[Database, dict[str, str]], tmp_path: object
) -> None:
    from pathlib import Path

    from loket.ui.local_config import LocalConfig
    from loket.ui.main_window import MainWindow
    from loket.ui.pages.search_page import SearchPage

    db, pw = demo
    staff = auth.login(db, "petugas", pw["petugas"], branch.list_counters(db)[0].id)
    kpj = register_participant(db, staff, bpu_worker()).kpj
    window = MainWindow(
        db, staff, LocalConfig(Path(str(tmp_path)) / "desk.ini"), clock=FakeClock(DEC_3)
    )
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    search = window.page("search")
    assert isinstance(search, SearchPage)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    open_record(qtbot, search, kpj)
    qtbot.mouseClick(search.view.pay_button, Qt.MouseButton.LeftButton)
    payments_page = window.page("payments")
    assert isinstance(payments_page, PaymentPage)
    assert window.pages.currentWidget() is payments_page
    assert payments_page.table.rowCount() == 1
    assert payments_page.total.text() == (
        "Total: Rp28.400  (iuran normal Rp36.800, keringanan −Rp8.400)"
    )


def test_find_a_receipt_and_reprint_a_copy(
    qtbot: QtBot, page: tuple[PaymentPage, FakePrinter, str]
) -> None:
    p, printer, kpj = page
    qtbot.keyClicks(p.who, kpj)
    qtbot.keyClick(p.who, Qt.Key.Key_Return)
    qtbot.keyClicks(p.tendered, "100.000")
    qtbot.keyClick(p.tendered, Qt.Key.Key_Return)
    assert p.preview is not None
    qtbot.addWidget(p.preview)
    with qtbot.waitSignal(p.preview.print_finished):
        qtbot.mouseClick(p.preview.print_button, Qt.MouseButton.LeftButton)  # the original
    p.preview.close()
    qtbot.keyClicks(p.receipt_search, "ahmad")
    qtbot.keyClick(p.receipt_search, Qt.Key.Key_Return)
    assert p.unprinted_title.text() == "Kuitansi yang ditemukan: 1"
    qtbot.mouseClick(p.reprint_button, Qt.MouseButton.LeftButton)
    qtbot.addWidget(p.preview)
    with qtbot.waitSignal(p.preview.print_finished):
        qtbot.mouseClick(p.preview.print_button, Qt.MouseButton.LeftButton)
    assert len(printer.printed) == 2 and "SALINAN ke-1" in pdf_text(printer.printed[1])
    p.receipt_search.clear()
    assert p.unprinted_title.text() == "Kuitansi belum dicetak" and p.unprinted.count() == 0


def test_an_a5_counter_prints_a5_receipts(
    qtbot: QtBot, demo: tuple[Database, dict[str, str]]
) -> None:
    import io

    from pypdf import PdfReader

    db, pw = demo
    staff = auth.login(db, "petugas", pw["petugas"], branch.list_counters(db)[0].id)
    kpj = register_participant(db, staff, bpu_worker()).kpj
    printer = FakePrinter()
    cash_sessions.open_session(db, staff, {})  # a drawer counted empty
    p = PaymentPage(db, staff, printer, receipt_layout="a5")
    qtbot.addWidget(p)
    qtbot.keyClicks(p.who, kpj)
    qtbot.keyClick(p.who, Qt.Key.Key_Return)
    qtbot.keyClicks(p.tendered, "36800")
    qtbot.keyClick(p.tendered, Qt.Key.Key_Return)
    assert p.preview is not None
    qtbot.addWidget(p.preview)
    with qtbot.waitSignal(p.preview.print_finished):
        qtbot.mouseClick(p.preview.print_button, Qt.MouseButton.LeftButton)
    width = float(PdfReader(io.BytesIO(printer.printed[0])).pages[0].mediabox.width)
    assert round(width / 72 * 25.4) == 148  # A5


def test_a_slow_printer_does_not_hold_the_window(
    qtbot: QtBot, page: tuple[PaymentPage, FakePrinter, str]
) -> None:
    import threading

    p, printer, kpj = page
    release = threading.Event()
    real_print = printer.print_pdf

    def slow_print(pdf: bytes, title: str) -> None:
        release.wait(10)  # a driver still spooling, a network printer slow to answer
        real_print(pdf, title)

    printer.print_pdf = slow_print  # type: ignore[method-assign]
    qtbot.keyClicks(p.who, kpj)
    qtbot.keyClick(p.who, Qt.Key.Key_Return)
    qtbot.keyClicks(p.tendered, "100.000")
    qtbot.keyClick(p.tendered, Qt.Key.Key_Return)
    assert p.preview is not None
    qtbot.addWidget(p.preview)
    qtbot.mouseClick(p.preview.print_button, Qt.MouseButton.LeftButton)
    assert p.preview.message.text() == "Mencetak ke Epson TM-T82 (uji)…"
    assert not p.preview.print_button.isEnabled()  # no second job while the first runs
    qtbot.keyClicks(p.receipt_search, "ahmad")  # the window still answers
    assert p.receipt_search.text() == "ahmad"
    with qtbot.waitSignal(p.preview.print_finished):
        release.set()
    assert p.preview.message.text() == "Dikirim ke printer Epson TM-T82 (uji)."
    assert len(printer.printed) == 1 and p.preview.print_button.isEnabled()


def test_a_sertakan_sponsor_pays_for_all_its_workers(
    qtbot: QtBot, demo: tuple[Database, dict[str, str]]
) -> None:
    from loket.services.registration import SponsorInput, add_sponsor

    db, pw = demo
    staff = auth.login(db, "petugas", pw["petugas"], branch.list_counters(db)[0].id)
    # paid from a regional budget: PP 50/2025's relief does not apply (full rate)
    sponsor = add_sponsor(
        db, staff, SponsorInput("organisation", "Pemkab Barito Kuala", funding="APBD")
    )
    kpjs = [
        register_participant(
            db,
            staff,
            bpu_worker(serial=i, full_name=name, sponsor_id=sponsor),
            acknowledge_similar=True,
        ).kpj
        for i, name in enumerate(("Rusdi", "Anang", "Iyus"), start=1)
    ]
    cash_sessions.open_session(db, staff, {}, clock=FakeClock(DEC_3))
    p = PaymentPage(db, staff, FakePrinter(), clock=FakeClock(DEC_3))
    qtbot.addWidget(p)
    p.show()
    assert p.payer.count() == 1 and not p.all_workers_button.isVisible()
    qtbot.keyClicks(p.who, kpjs[0])
    qtbot.keyClick(p.who, Qt.Key.Key_Return)
    assert p.total.text().startswith("Total: Rp28.400")  # paid by the worker: relieved
    assert [p.payer.itemText(i) for i in range(p.payer.count())] == [
        "Peserta sendiri",
        "Sponsor: Pemkab Barito Kuala",
    ]
    p.payer.setCurrentIndex(1)
    assert p.total.text() == "Total: Rp36.800"
    assert p.all_workers_button.text() == "Tambah semua pekerja sponsor ini (3)"
    qtbot.mouseClick(p.all_workers_button, Qt.MouseButton.LeftButton)
    assert p.table.rowCount() == 3 and p.total.text() == "Total: Rp110.400"
    qtbot.keyClicks(p.tendered, "110.400")
    qtbot.keyClick(p.tendered, Qt.Key.Key_Return)
    assert p.preview is not None
    qtbot.addWidget(p.preview)
    assert "Diterima dari: Pemkab Barito Kuala" in pdf_text(p.preview.pdf)
    assert p.payer.count() == 1 and p.payer.currentIndex() == 0  # ready for the next visitor


def _paper(number: str, supervisor: str, password: str) -> Answer:
    """Types the printed number (after the prefix the dialog offers) and the supervisor's
    consent, and presses the dialog's *Masukkan lagi*."""

    def answer(qtbot: QtBot, dialog: QWidget) -> None:
        field = dialog.findChild(QLineEdit, "paperNumber")
        assert field is not None and field.text() == "KW/BJM/2026/"  # the year under way
        qtbot.keyClicks(field, number)
        qtbot.keyClicks(dialog.findChild(QLineEdit, "overrideUsername"), supervisor)
        password_field = dialog.findChild(QLineEdit, "overridePassword")
        qtbot.keyClicks(password_field, password)
        qtbot.keyClick(password_field, Qt.Key.Key_Return)

    return answer


def test_a_paper_receipt_is_entered_again_with_its_number_and_a_supervisors_consent(
    qtbot: QtBot, page: tuple[PaymentPage, FakePrinter, str], demo: tuple[Database, dict[str, str]]
) -> None:
    p, _, kpj = page
    db, pw = demo
    passwords_chosen(db, "supervisor")
    qtbot.keyClicks(p.who, kpj)
    qtbot.keyClick(p.who, Qt.Key.Key_Return)
    qtbot.keyClicks(p.tendered, "100.000")
    with answering(qtbot, _paper("000007", "supervisor", "salah-sandi")):
        qtbot.mouseClick(p.paper_button, Qt.MouseButton.LeftButton)
    assert p.error.isVisible() and "salah" in p.error.text().lower()
    assert p.table.rowCount() == 1  # nothing lost: the lines wait for a second try
    with answering(qtbot, _paper("000007", "supervisor", pw["supervisor"])):
        qtbot.mouseClick(p.paper_button, Qt.MouseButton.LeftButton)
    assert p.done.text().startswith("Kuitansi KW/BJM/2026/000007 tersimpan"), p.error.text()
    assert p.preview is not None
    qtbot.addWidget(p.preview)
    with db.reader() as session:
        kept = session.scalars(select(AuditEntry.action).order_by(AuditEntry.seq.desc())).first()
    assert kept == "receipt.reentered"
