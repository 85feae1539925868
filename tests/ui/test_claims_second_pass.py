"""Issue 27's second part as counter staff live it: a death in arrears, whose months the
heirs pay from the claim at the payment page; a loss of function typed from the doctor's
statement; a JKK claim past its two years, let through by a supervisor's written leave."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QCheckBox, QLineEdit, QListWidget, QSpinBox, QWidget
from pytestqt.qtbot import QtBot

from loket.services import cash_sessions, participants
from loket.services.claims import decide_claim, get_claim
from loket.ui.local_config import LocalConfig
from loket.ui.main_window import MainWindow
from loket.ui.pages.claims import ClaimsPage
from loket.ui.pages.claims.form import ClaimForm
from loket.ui.pages.payment_page import MONTHS, PaymentPage
from loket.ui.supervisor_override import SupervisorOverrideDialog
from tests.claims_office import Branch, paid_through_august
from tests.factories import passwords_chosen
from tests.ui.modal import answering, click_button


def _start(qtbot: QtBot, page: ClaimsPage, kpj: str, benefit: str, event: date) -> ClaimForm:
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    form = page.form
    qtbot.keyClicks(form.who, kpj)
    qtbot.keyClick(form.who, Qt.Key.Key_Return)
    form.benefit.setCurrentIndex(form.benefit.findData(benefit))
    form.event_date.setDate(QDate(event))
    qtbot.keyClicks(form.cause, "Keterangan dari berkas")
    qtbot.keyClicks(form.bank_name, "BRI")
    qtbot.keyClicks(form.bank_account, "1234567890")
    qtbot.keyClicks(form.account_holder, "Penerima")
    return form


def _click_row(qtbot: QtBot, listing: QListWidget, code: str) -> None:
    """Ticks the row and makes it the current one, as a click on its box and its text do."""
    for i in range(listing.count()):
        item = listing.item(i)
        if item.data(Qt.ItemDataRole.UserRole) == code:
            listing.scrollToItem(item)
            rect = listing.visualItemRect(item)
            qtbot.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            item.setCheckState(Qt.CheckState.Checked)
            return
    raise AssertionError(code)


def test_the_heirs_pay_the_arrears_from_the_claim_and_it_goes_on(
    qtbot: QtBot, office: Branch, tmp_path: Path
) -> None:
    o = office
    pid = paid_through_august(o, 41)
    kpj = participants.get_participant(o.db, o.staff, pid).kpj
    cash_sessions.open_session(o.db, o.staff, {})  # the drawer counted this morning
    window = MainWindow(o.db, o.staff, LocalConfig(tmp_path / "desk.ini"))
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    window.show_page("claims")
    page = window.page("claims")
    assert isinstance(page, ClaimsPage)
    form = _start(qtbot, page, kpj, "JKM", date(2026, 11, 2))
    for row in range(form.children_table.rowCount()):
        include = form.children_table.cellWidget(row, 0)
        assert isinstance(include, QCheckBox)
        include.setChecked(False)
    form.tick_all()
    qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
    view = page.view
    assert page.stack.currentWidget() is view and view.detail is not None
    assert view.arrears.isVisibleTo(view)
    assert view.arrears.text() == (
        "Iuran 09/2026, 10/2026, 11/2026 tertunggak saat kejadian: Rp32.000.000 dibayar "
        "setelah tunggakan dilunasi (PP 44/2015 ps. 42)."
    )
    assert "dibayar sekarang Rp10.000.000" in view.heading.text()
    claim_id = view.detail.id

    qtbot.mouseClick(view.pay_arrears_button, Qt.MouseButton.LeftButton)
    payments = window.page("payments")
    assert isinstance(payments, PaymentPage) and window.pages.currentWidget() is payments
    months = payments.table.cellWidget(0, MONTHS)
    assert isinstance(months, QSpinBox)
    assert (months.value(), months.isEnabled()) == (3, False)  # the claim's months, fixed
    assert payments.error.text() == ""
    qtbot.keyClicks(payments.tendered, "200.000")
    qtbot.keyClick(payments.tendered, Qt.Key.Key_Return)
    assert payments.error.text() == ""
    assert payments.preview is not None
    qtbot.addWidget(payments.preview)
    payments.preview.close()

    decide_claim(o.db, o.head, claim_id, approve=True, password=o.passwords["kepala"])
    window.open_claim(claim_id)
    assert "dibayar sekarang Rp42.000.000" in view.heading.text()
    assert not view.arrears.isVisibleTo(view) and not view.pay_arrears_button.isVisibleTo(view)
    history = [view.history.item(i).text() for i in range(view.history.count())]
    assert "tunggakan iuran dibayar, kuitansi — KW/BJM/" in history[-2]  # before the approval
    assert get_claim(o.db, o.staff, claim_id).arrears == ()


def test_a_loss_of_function_from_the_doctors_statement(qtbot: QtBot, office: Branch) -> None:
    o = office
    kpj = participants.get_participant(o.db, o.staff, o.participant_id).kpj
    page = ClaimsPage(o.db, o.staff)
    qtbot.addWidget(page)
    page.show()
    form = _start(qtbot, page, kpj, "JKK_PARTIAL", date(2026, 10, 1))
    assert not form.measure.isEnabled()
    _click_row(qtbot, form.injuries, "lengan_kanan_bahu")
    assert form.measure.isEnabled()
    assert form.measure_label.text().startswith("Fungsi yang hilang, %")
    form.measure.selectAll()
    qtbot.keyClicks(form.measure, "50")
    assert form.injuries.currentItem().text().endswith("· fungsi hilang 50%")
    _click_row(qtbot, form.injuries, "dengar_db_satu")
    assert form.measure_label.text() == "Penurunan pendengaran, dB (audiogram):"
    assert form.measure.value() == 0  # each row keeps its own measure
    form.measure.selectAll()
    qtbot.keyClicks(form.measure, "30")
    form.tick_all()
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.error.text() == ""
    # 50 % × 40 % × 80 × Rp1.000.000 + 3 × 3 % × 80 × Rp1.000.000
    assert "total Rp23.200.000" in page.view.heading.text()
    page.preview.close()  # type: ignore[union-attr]  # the documents receipt of a draft
    qtbot.mouseClick(page.view.edit_button, Qt.MouseButton.LeftButton)
    texts = [form.injuries.item(i).text() for i in range(form.injuries.count())]
    assert sum("fungsi hilang 50%" in t or "· 30 dB" in t for t in texts) == 2  # kept


def test_a_lapsed_jkk_claim_with_a_supervisors_leave(qtbot: QtBot, office: Branch) -> None:
    o = office
    passwords_chosen(o.db, "supervisor")
    kpj = participants.get_participant(o.db, o.staff, o.participant_id).kpj
    page = ClaimsPage(o.db, o.staff)
    qtbot.addWidget(page)
    page.show()
    form = _start(qtbot, page, kpj, "JKK_PARTIAL", date(2023, 10, 2))  # more than two years
    _click_row(qtbot, form.injuries, "penciuman")
    form.tick_all()
    reason = "Dilaporkan ke pengawas ketenagakerjaan Oktober 2023"

    def leave(bot: QtBot, dialog: QWidget) -> None:
        assert isinstance(dialog, SupervisorOverrideDialog)
        said = dialog.reason.text()
        assert "gugur 2 tahun setelah kecelakaan (02-10-2023; batas 02-10-2025)" in said
        bot.keyClicks(dialog.findChild(QLineEdit, "overrideReason"), reason)
        bot.keyClicks(dialog.findChild(QLineEdit, "overrideUsername"), "supervisor")
        bot.keyClicks(dialog.findChild(QLineEdit, "overridePassword"), o.passwords["supervisor"])
        click_button("Setujui")(bot, dialog)

    with answering(qtbot, leave):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert page.stack.currentWidget() is page.view
    assert "total Rp8.000.000" in page.view.heading.text()
    history = [page.view.history.item(i).text() for i in range(page.view.history.count())]
    assert history[-1].endswith(f"diizinkan lewat 2 tahun oleh supervisor — {reason}")
    page.preview.close()  # type: ignore[union-attr]
