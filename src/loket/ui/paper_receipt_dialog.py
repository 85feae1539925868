"""Entering again a receipt handed over on paper whose record went with a dying disk: its
printed number and time, and a supervisor's consent (the service checks all three)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, QTime, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from loket.services.four_eyes import Override
from loket.services.payments import PaperReceipt
from loket.ui.supervisor_override import supervisor_fields


class PaperReceiptDialog(QDialog):
    def __init__(
        self, branch_code: str, timezone: str, now: datetime, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("paperReceipt")
        self.setWindowTitle(self.tr("Kuitansi kertas"))
        self._zone = ZoneInfo(timezone)
        local = now.astimezone(self._zone)
        explain = QLabel(
            self.tr(
                "Untuk kuitansi yang sudah diserahkan di atas kertas tetapi catatannya hilang "
                "bersama disk (lihat daftar PERHATIAN sesudah pemulihan). Isi peserta, bulan "
                "dan cara bayar di halaman ini seperti di kuitansi; di sini nomor dan waktunya "
                "persis seperti tercetak. Seorang supervisor menyetujui."
            )
        )
        explain.setWordWrap(True)
        self.number = QLineEdit(f"KW/{branch_code}/{local.year}/")
        self.number.setObjectName("paperNumber")
        self.number.setPlaceholderText(f"KW/{branch_code}/{local.year}/000123")
        self.when = QDateTimeEdit(
            QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
        )
        self.when.setObjectName("paperTime")
        self.when.setDisplayFormat("dd-MM-yyyy HH:mm")
        self.when.setCalendarPopup(True)
        form = QFormLayout()
        form.addRow(self.tr("Nomor di kuitansi"), self.number)
        form.addRow(self.tr("Tanggal dan jam di kuitansi"), self.when)
        self.username, self.password = supervisor_fields(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Masukkan lagi"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        self.number.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # the cursor after the offered "KW/BJM/2026/", not the whole of it selected: the
        # clerk types the six digits
        QTimer.singleShot(0, lambda: self.number.end(False))

    def paper(self) -> PaperReceipt:
        when = self.when.dateTime().toPython()
        assert isinstance(when, datetime)
        return PaperReceipt(
            self.number.text(),
            when.replace(second=0, microsecond=0, tzinfo=self._zone),
            Override(self.username.text(), self.password.text()),
        )
