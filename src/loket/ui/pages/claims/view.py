"""One claim: its amounts, status, what the supervisor must check, history, next steps."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from loket.domain.claim_status import ClaimAction, ClaimStatus, allows
from loket.domain.local_time import BranchTime
from loket.domain.money import format_rupiah
from loket.i18n import current_language, translate
from loket.services import claims
from loket.ui.form_feedback import make_error_label
from loket.ui.pages.claims.names import ACTION_NAMES, CONTEXT, benefit_name, status_name
from loket.ui.retranslating import Retranslating
from loket.ui.tables import fit_columns


class ClaimView(Retranslating, QWidget):
    """One claim: its amounts, status, history, and the next step. A claim waiting for the
    arrears at its event says which months and what waits, with the way to pay them."""

    arrears_payment_requested = Signal(int, int, int)  # participant, months, claim

    def __init__(self, parent: QWidget | None = None, *, when: BranchTime | None = None) -> None:
        super().__init__(parent)
        self._when = when or BranchTime()
        self.detail: claims.ClaimDetail | None = None
        self.heading = QLabel()
        self.heading.setObjectName("claimHeading")
        self.heading.setWordWrap(True)
        self.components = QTableWidget(0, 3)
        self.components.setObjectName("components")
        self.components.verticalHeader().hide()
        self.components.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        fit_columns(self.components, 0)
        self.rejection = make_error_label("rejectionReason")
        self.flags = QLabel()  # what the supervisor must check before approving
        self.flags.setObjectName("claimFlags")
        self.flags.setWordWrap(True)
        self.arrears = QLabel()
        self.arrears.setObjectName("claimArrears")
        self.arrears.setWordWrap(True)
        self.arrears.setStyleSheet("color: #8a4b00;")
        self.pay_arrears_button = QPushButton()
        self.pay_arrears_button.setObjectName("payArrears")
        self.pay_arrears_button.clicked.connect(self._pay_arrears)
        self.rest_button = QPushButton()  # the rest held, in a claim that continues this one
        self.rest_button.setObjectName("continueRest")
        arrears_row = QHBoxLayout()
        arrears_row.addWidget(self.arrears, 1)
        arrears_row.addWidget(self.pay_arrears_button)
        arrears_row.addWidget(self.rest_button)
        self.history = QListWidget()
        self.history.setObjectName("history")
        self.history.setMaximumHeight(120)
        self.edit_button = QPushButton()
        self.submit_button = QPushButton()
        self.submit_button.setObjectName("submitFromView")
        self.pay_button = QPushButton()
        self.pay_button.setObjectName("payClaim")
        self.handover_button = QPushButton()
        self.handover_button.setObjectName("handover")
        self.intake_doc = QPushButton()
        self.handover_doc = QPushButton()
        self.handover_doc.setObjectName("handoverDocument")
        self.scholarship_doc = QPushButton()
        self.back_button = QPushButton()
        buttons = QHBoxLayout()
        for b in (
            self.edit_button,
            self.submit_button,
            self.pay_button,
            self.handover_button,
            self.intake_doc,
            self.handover_doc,
            self.scholarship_doc,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        self._history_label = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.rejection)
        layout.addWidget(self.flags)
        layout.addLayout(arrears_row)
        layout.addWidget(self.components, 1)
        layout.addWidget(self._history_label)
        layout.addWidget(self.history)
        layout.addLayout(buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.components.setHorizontalHeaderLabels(
            [self.tr("Komponen"), self.tr("Hak"), self.tr("Dibayar sekarang")]
        )
        self._history_label.setText(self.tr("Riwayat"))
        self.edit_button.setText(self.tr("Ubah"))
        self.submit_button.setText(self.tr("Ajukan"))
        self.pay_button.setText(self.tr("Catat pembayaran…"))
        self.handover_button.setText(self.tr("Serah terima…"))
        self.intake_doc.setText(self.tr("Tanda terima berkas"))
        self.handover_doc.setText(self.tr("Berita acara"))
        self.scholarship_doc.setText(self.tr("Jadwal beasiswa"))
        self.back_button.setText(self.tr("Kembali ke daftar"))
        self.pay_arrears_button.setText(self.tr("Bayar tunggakan…"))
        self.rest_button.setText(self.tr("Ajukan sisa manfaat"))
        if self.detail is not None:
            self.show_claim(self.detail)

    def show_claim(self, d: claims.ClaimDetail) -> None:
        self.detail = d
        status = status_name(d.status)
        self.heading.setText(
            self.tr(
                "<b>{number}</b> · {benefit} · <b>{status}</b><br>{participant} (KPJ {kpj}) · "
                "pengaju {claimant} · total {total}, dibayar sekarang {now}"
            ).format(
                number=d.number,
                benefit=benefit_name(d.benefit),
                status=status,
                participant=d.participant_name,
                kpj=d.kpj,
                claimant=d.claimant_name,
                total=format_rupiah(d.total),
                now=format_rupiah(d.payable_now),
            )
        )
        self.rejection.setVisible(bool(d.rejection_reason) and d.status == ClaimStatus.REJECTED)
        self.rejection.setText(self.tr("Ditolak: {reason}").format(reason=d.rejection_reason))
        self.components.setRowCount(len(d.components))
        for row, c in enumerate(d.components):
            for col, text in enumerate(
                (
                    c.label_in(current_language()),
                    format_rupiah(c.amount),
                    format_rupiah(c.payable_now),
                )
            ):
                self.components.setItem(row, col, QTableWidgetItem(text))
        self.history.clear()
        for h in d.history:
            note = f" — {h.note}" if h.note else ""
            self.history.addItem(
                f"{self._when.stamp(h.at)} · {h.full_name} · "
                f"{translate(CONTEXT, ACTION_NAMES.get(h.action, h.action))}{note}"
            )
        self.flags.setVisible(bool(d.flags))
        self.flags.setText("\n".join("⚠ " + translate("LoketError", f) for f in d.flags))
        for button, action in (
            (self.edit_button, ClaimAction.EDIT),
            (self.submit_button, ClaimAction.SUBMIT),
            (self.pay_button, ClaimAction.PAY),
            (self.handover_button, ClaimAction.HAND_OVER),
            (self.handover_doc, ClaimAction.PRINT_HANDOVER),
        ):
            button.setVisible(allows(d.status, action))
        self.scholarship_doc.setVisible(bool(d.schedule))
        self._show_arrears(d)

    def _show_arrears(self, d: claims.ClaimDetail) -> None:
        held = d.held and not d.continued_by
        self.arrears.setVisible(bool(held or d.continues or d.continued_by))
        self.pay_arrears_button.setVisible(bool(d.arrears) and not d.continued_by)
        self.rest_button.setVisible(bool(held) and d.status == ClaimStatus.HANDED_OVER)
        months = ", ".join(m.strftime("%m/%Y") for m in d.arrears)
        if d.continues:
            text = self.tr("Sisa manfaat klaim {number}, setelah tunggakan iuran dilunasi.")
            self.arrears.setText(text.format(number=d.continues))
        elif d.continued_by:
            text = self.tr("Sisa manfaat dibayar dalam klaim {number}.")
            self.arrears.setText(text.format(number=d.continued_by))
        elif held and d.arrears:
            text = self.tr(
                "Iuran {months} tertunggak saat kejadian: {held} dibayar setelah tunggakan "
                "dilunasi (PP 44/2015 ps. 42)."
            )
            self.arrears.setText(text.format(months=months, held=format_rupiah(d.held)))
        elif held:
            text = self.tr("Tunggakan sudah dibayar: ajukan sisa {held} untuk persetujuan.")
            self.arrears.setText(text.format(held=format_rupiah(d.held)))

    def _pay_arrears(self) -> None:
        d = self.detail
        if d is not None and d.arrears:
            self.arrears_payment_requested.emit(d.participant_id, len(d.arrears), d.id)
