"""The steps after approval that take a form of their own: the payout and the handover."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from loket.db.engine import Database
from loket.domain.errors import LoketError
from loket.domain.local_time import BranchTime
from loket.domain.money import InvalidAmount, format_rupiah, parse_rupiah
from loket.domain.states import PaymentMethod
from loket.services import claims
from loket.services.actor import Actor
from loket.ui.form_feedback import clear_error, make_error_label, show_error
from loket.ui.pages.claims.names import date_edit, py_date


def _lay_out(
    dialog: QDialog, error_name: str, rows: list[tuple[str, QWidget]], on_ok: Callable[[], None]
) -> QLabel:
    """A step's dialog: its form, the error line, OK (``on_ok``) and Cancel; returns the
    error label."""
    form = QFormLayout()
    for label, widget in rows:
        form.addRow(label, widget)
    error = make_error_label(error_name)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(on_ok)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(error)
    layout.addWidget(buttons)
    # wide enough for its title (the claim's number) and a 16-digit NIK in full
    dialog.setMinimumWidth(520)
    return error


class PayoutDialog(QDialog):
    def __init__(
        self, db: Database, actor: Actor, detail: claims.ClaimDetail, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self._db, self._actor, self._detail = db, actor, detail
        self.setWindowTitle(self.tr("Pembayaran klaim {number}").format(number=detail.number))
        self.method = QComboBox()
        self.method.setObjectName("payoutMethod")
        self.method.addItem(self.tr("Transfer bank"), PaymentMethod.TRANSFER.value)
        self.method.addItem(self.tr("Tunai"), PaymentMethod.CASH.value)
        self.amount = QLineEdit(format_rupiah(detail.payable_now).removeprefix("Rp"))
        self.amount.setObjectName("payoutAmount")
        self.bank = QLineEdit(detail.bank_name)
        self.account = QLineEdit(detail.bank_account)
        self.reference = QLineEdit()
        self.reference.setObjectName("payoutReference")
        self.error = _lay_out(
            self,
            "payoutError",
            [
                (self.tr("Cara bayar"), self.method),
                (self.tr("Jumlah"), self.amount),
                (self.tr("Bank tujuan"), self.bank),
                (self.tr("Rekening tujuan"), self.account),
                (self.tr("No. referensi transfer"), self.reference),
            ],
            self.pay,
        )
        self.fields: dict[str, QWidget] = {
            "payout_method": self.method,
            "payout_amount": self.amount,
            "payout_bank": self.bank,
            "payout_reference": self.reference,
        }

    def pay(self) -> None:
        clear_error(self.error, self.fields)
        try:
            amount = parse_rupiah(self.amount.text())
            claims.pay_claim(
                self._db,
                self._actor,
                self._detail.id,
                claims.PayoutInput(
                    str(self.method.currentData()),
                    amount,
                    self.bank.text(),
                    self.account.text(),
                    self.reference.text(),
                ),
            )
        except InvalidAmount as exc:
            exc.field = "payout_amount"
            show_error(self.error, exc, self.fields)
            return
        except LoketError as exc:
            show_error(self.error, exc, self.fields)
            return
        self.accept()


class HandoverDialog(QDialog):
    def __init__(
        self,
        db: Database,
        actor: Actor,
        detail: claims.ClaimDetail,
        place: str,
        parent: QWidget | None,
        *,
        when: BranchTime | None = None,
    ) -> None:
        super().__init__(parent)
        self._db, self._actor, self._detail = db, actor, detail
        self.number = ""
        self.setWindowTitle(self.tr("Serah terima klaim {number}").format(number=detail.number))
        self.handed_on = date_edit("handedOn", (when or BranchTime()).today())
        self.place = QLineEdit(place)
        self.place.setObjectName("handoverPlace")
        self.recipient = QLineEdit(detail.claimant_name)
        self.recipient_nik = QLineEdit(detail.claimant_nik)
        self.witness_1 = QLineEdit()
        self.witness_1.setObjectName("witness1")
        self.witness_2 = QLineEdit()
        self.error = _lay_out(
            self,
            "handoverError",
            [
                (self.tr("Tanggal"), self.handed_on),
                (self.tr("Tempat"), self.place),
                (self.tr("Penerima"), self.recipient),
                (self.tr("NIK penerima (KTP)"), self.recipient_nik),
                (self.tr("Saksi 1"), self.witness_1),
                (self.tr("Saksi 2"), self.witness_2),
            ],
            self.record,
        )
        self.fields: dict[str, QWidget] = {
            "handed_on": self.handed_on,
            "place": self.place,
            "recipient_name": self.recipient,
            "nik": self.recipient_nik,
            "witnesses": self.witness_1,
        }

    def record(self) -> None:
        clear_error(self.error, self.fields)
        try:
            self.number = claims.record_handover(
                self._db,
                self._actor,
                self._detail.id,
                claims.HandoverInput(
                    py_date(self.handed_on.date()),
                    self.place.text(),
                    self.recipient.text(),
                    self.recipient_nik.text(),
                    (self.witness_1.text(), self.witness_2.text()),
                ),
            )
        except LoketError as exc:
            show_error(self.error, exc, self.fields)
            return
        self.accept()
