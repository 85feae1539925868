"""A death claim through the real widgets: intake with the checklist, approval by another
user, payout, handover, and the printed berita acara."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QCheckBox, QDialogButtonBox
from pytestqt.qtbot import QtBot

from loket.services import participants
from loket.ui.pages.approvals_page import ApprovalsPage
from loket.ui.pages.claims import ClaimsPage, HandoverDialog, PayoutDialog
from tests.claims_office import Branch
from tests.pdf_reading import pdf_text


def ok(dialog: PayoutDialog | HandoverDialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    box.button(QDialogButtonBox.StandardButton.Ok).click()


def test_intake_approval_payout_handover(qtbot: QtBot, office: Branch) -> None:
    o = office
    kpj = participants.get_participant(o.db, o.staff, o.participant_id).kpj
    page = ClaimsPage(o.db, o.staff)
    qtbot.addWidget(page)
    page.show()
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    form = page.form
    qtbot.keyClicks(form.who, kpj)
    qtbot.keyClick(form.who, Qt.Key.Key_Return)
    assert form.who_name.text() == f"Ahmad Fauzi · {kpj}"
    assert form.claimant.currentText() == "Siti Aminah (Suami/istri)"
    form.event_date.setDate(QDate(2026, 11, 2))
    qtbot.keyClicks(form.cause, "Sakit")
    for row in range(form.children_table.rowCount()):  # JKM only: no scholarship this time
        include = form.children_table.cellWidget(row, 0)
        assert isinstance(include, QCheckBox)
        include.setChecked(False)
    qtbot.keyClicks(form.bank_name, "Bank Kalsel")
    qtbot.keyClicks(form.bank_account, "0123456789")
    qtbot.keyClicks(form.account_holder, "Siti Aminah")
    assert form.documents.count() == 6  # the JKM checklist

    qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
    assert form.error.text().startswith("Dokumen belum diperiksa: Kartu peserta (KPJ)")
    form.tick_all()
    qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
    assert page.stack.currentWidget() is page.view
    assert "Menunggu persetujuan" in page.view.heading.text()
    assert "Rp42.000.000" in page.view.heading.text()

    approvals = ApprovalsPage(o.db, o.supervisor)
    qtbot.addWidget(approvals)
    approvals.show()
    assert approvals.table.item(0, 0).text() == "KL/BJM/2026/000001"
    # before signing, the approver reads the dossier of the selected claim
    qtbot.mouseClick(
        approvals.table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=approvals.table.visualItemRect(approvals.table.item(0, 1)).center(),
    )
    dossier = " ".join(approvals.dossier.text.toPlainText().split())
    for expected in (
        "KL/BJM/2026/000001",
        "Santunan sekaligus Rp20.000.000",  # a component, with its legal basis beside it
        "PP 44/2015",
        "Siti Aminah (Suami/istri)",  # who receives, and to which account
        "Bank Kalsel 0123456789",
        "☑ Kartu peserta (KPJ)",  # the documents as ticked
        "bulan kejadian tertanggung iuran",  # the facts behind eligibility
        "bulan iuran dibayar",
    ):
        assert expected in dossier, expected
    assert approvals.table.item(0, 3).text() == ""  # no claimant's name under "Alasan"
    qtbot.keyClicks(approvals.password, o.passwords["supervisor"])
    qtbot.mouseClick(approvals.approve, Qt.MouseButton.LeftButton)
    assert approvals.done.text() == "Disetujui: KL/BJM/2026/000001"

    detail = page.view.detail
    assert detail is not None
    page.open_claim(detail.id)
    assert page.view.pay_button.isVisibleTo(page) and "Disetujui" in page.view.heading.text()
    payout = PayoutDialog(o.db, o.staff, page.view.detail, page)  # type: ignore[arg-type]
    qtbot.addWidget(payout)
    ok(payout)
    assert payout.error.text() == "Isi nomor referensi transfer."
    qtbot.keyClicks(payout.reference, "TRF-20261124-7")
    ok(payout)
    assert payout.result() == PayoutDialog.DialogCode.Accepted

    page.open_claim(detail.id)
    handover = HandoverDialog(o.db, o.staff, page.view.detail, "KC Banjarmasin", page)  # type: ignore[arg-type]
    qtbot.addWidget(handover)
    ok(handover)
    assert handover.error.text() == "Isi paling sedikit satu saksi."
    qtbot.keyClicks(handover.witness_1, "Hj. Masitah")
    ok(handover)
    assert handover.number == "BA/BJM/2026/000001"

    page.open_claim(detail.id)
    assert "Diserahterimakan" in page.view.heading.text()
    history = [page.view.history.item(i).text().split(" · ", 1)[1] for i in range(6)]
    assert history == [
        "Petugas Pelayanan (demo) · dibuat",
        "Petugas Pelayanan (demo) · diubah",  # the documents ticked on the second try
        "Petugas Pelayanan (demo) · diajukan",
        "Kepala Bidang Pelayanan (demo) · disetujui",
        "Petugas Pelayanan (demo) · dibayar",
        "Petugas Pelayanan (demo) · diserahterimakan",
    ]
    qtbot.mouseClick(page.view.handover_doc, Qt.MouseButton.LeftButton)
    assert page.preview is not None
    qtbot.addWidget(page.preview)
    text = pdf_text(page.preview.pdf)
    assert "BERITA ACARA SERAH TERIMA SANTUNAN" in text and "Rp42.000.000" in text


def test_a_supervisor_cannot_approve_their_own_claim_on_the_page(
    qtbot: QtBot, office: Branch
) -> None:
    from loket.services.claims import create_claim, submit_claim
    from tests.claims_office import JKM_DOCUMENTS, NOW, jkm_claim

    o = office
    claim = jkm_claim(o, children=(), documents=JKM_DOCUMENTS)
    claim_id = create_claim(o.db, o.supervisor, claim, clock=NOW)
    submit_claim(o.db, o.supervisor, claim_id, clock=NOW)
    approvals = ApprovalsPage(o.db, o.supervisor)
    qtbot.addWidget(approvals)
    approvals.show()
    qtbot.keyClicks(approvals.password, o.passwords["supervisor"])
    qtbot.mouseClick(approvals.approve, Qt.MouseButton.LeftButton)
    assert approvals.error.text() == (
        "Klaim yang Anda buat atau ubah sendiri harus diputuskan orang lain."
    )
    assert approvals.table.rowCount() == 1  # still waiting, for someone else


def test_the_approvals_entry_counts_what_waits(
    qtbot: QtBot, office: Branch, tmp_path: object
) -> None:
    from pathlib import Path

    from loket.services.claims import create_claim, submit_claim
    from loket.ui.local_config import LocalConfig
    from loket.ui.main_window import MainWindow
    from tests.claims_office import JKM_DOCUMENTS, NOW, jkm_claim

    o = office
    window = MainWindow(o.db, o.supervisor, LocalConfig(Path(str(tmp_path)) / "desk.ini"))
    qtbot.addWidget(window)
    entry = window.navigation.item(window.navigation_keys().index("approvals"))
    assert entry.text() == "Persetujuan"
    claim_id = create_claim(
        o.db, o.staff, jkm_claim(o, children=(), documents=JKM_DOCUMENTS), clock=NOW
    )
    submit_claim(o.db, o.staff, claim_id, clock=NOW)
    window.badge_timer.timeout.emit()  # what the minute's timer does
    assert entry.text() == "Persetujuan (1)"


def test_a_left_handed_workers_arm_through_the_claim_form(qtbot: QtBot, office: Branch) -> None:
    """Issue 27, correction 5: the clerk ticks the injury and 'kidal' from the doctor's
    statement; the claim is computed with the other side's percentage and keeps the mark."""
    from loket.services.claims import get_claim

    o = office
    kpj = participants.get_participant(o.db, o.staff, o.participant_id).kpj
    page = ClaimsPage(o.db, o.staff)
    qtbot.addWidget(page)
    page.show()
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    form = page.form
    qtbot.keyClicks(form.who, kpj)
    qtbot.keyClick(form.who, Qt.Key.Key_Return)
    form.benefit.setCurrentIndex(form.benefit.findData("JKK_PARTIAL"))
    assert form.left_handed.isVisibleTo(form) and not form.left_handed.isChecked()
    form.event_date.setDate(QDate(2026, 10, 1))
    qtbot.keyClicks(form.cause, "Tertimpa beban di gudang")
    for i in range(form.injuries.count()):
        item = form.injuries.item(i)
        if item.data(Qt.ItemDataRole.UserRole) == "lengan_kanan_bahu":
            item.setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(form.left_handed, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(form.bank_name, "BRI")
    qtbot.keyClicks(form.bank_account, "1234567890")
    qtbot.keyClicks(form.account_holder, "Ahmad Fauzi")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.error.text() == ""
    assert "Rp28.000.000" in page.view.heading.text()  # 35 % (the left arm's) × 80 × Rp1 juta
    assert page.view.detail is not None
    claim = get_claim(o.db, o.staff, page.view.detail.id)
    assert claim.input is not None and claim.input.left_handed
