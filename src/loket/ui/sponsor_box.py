"""*Sertakan* on the registration form: the sponsor who registers several workers at once.

The sponsor is saved with the first worker registered and stays chosen for the next
ones, until the staff end the sitting.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from loket.db.engine import Database
from loket.services.actor import Actor
from loket.services.registration import SPONSOR_FUNDING, SponsorInput, add_sponsor
from loket.ui.retranslating import Retranslating


class SponsorBox(Retranslating, QGroupBox):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sponsorBox")
        self._db, self._actor = db, actor
        self.sponsor_id: int | None = None
        self.setCheckable(True)
        self.setChecked(False)
        self.kind = QComboBox()
        self.kind.addItem("", "organisation")
        self.kind.addItem("", "person")
        self.name = QLineEdit()
        self.name.setObjectName("sponsorName")
        self.contact = QLineEdit()
        self.phone = QLineEdit()
        self.phone.setObjectName("sponsorPhone")
        # PP 50/2025: dues paid from a state or regional budget get no relief
        self.funding = QComboBox()
        self.funding.setObjectName("sponsorFunding")
        for code in SPONSOR_FUNDING:
            self.funding.addItem("", code)
        self.saved = QLabel()
        self.saved.setObjectName("sponsorSaved")
        self.end_button = QPushButton()
        self.end_button.clicked.connect(self.end_sitting)
        self.end_button.hide()
        self._fields = (self.kind, self.name, self.contact, self.phone, self.funding)
        self._labels = [QLabel() for _ in self._fields]
        form = QFormLayout(self)
        for label, field in zip(self._labels, self._fields, strict=True):
            form.addRow(label, field)
        form.addRow(self.saved, self.end_button)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Didaftarkan oleh sponsor (Sertakan)"))
        self.kind.setItemText(0, self.tr("Organisasi/usaha"))
        self.kind.setItemText(1, self.tr("Perorangan"))
        for label, text in zip(
            self._labels,
            (
                self.tr("Jenis"),
                self.tr("Nama sponsor"),
                self.tr("Narahubung"),
                self.tr("Telepon sponsor"),
                self.tr("Sumber dana iuran"),
            ),
            strict=True,
        ):
            label.setText(text)
        for i, text in enumerate(
            (
                self.tr("Swasta/pribadi"),
                self.tr("APBN (anggaran negara)"),
                self.tr("APBD (anggaran daerah)"),
            )
        ):
            self.funding.setItemText(i, text)
        self.end_button.setText(self.tr("Selesai dengan sponsor ini"))
        if self.sponsor_id is not None:
            self.saved.setText(self.tr("Sponsor tersimpan: {name}").format(name=self.name.text()))

    def sponsor_for_registration(self) -> int | None:
        """The sponsor's id, saving the sponsor first if this is the sitting's first worker."""
        if not self.isChecked():
            return None
        if self.sponsor_id is None:
            self.sponsor_id = add_sponsor(
                self._db,
                self._actor,
                SponsorInput(
                    kind=str(self.kind.currentData()),
                    name=self.name.text(),
                    contact_name=self.contact.text(),
                    phone=self.phone.text(),
                    funding=str(self.funding.currentData()),
                ),
            )
            for field in self._fields:
                field.setEnabled(False)
            self.end_button.show()
            self.retranslate_ui()
        return self.sponsor_id

    def end_sitting(self) -> None:
        self.sponsor_id = None
        for field in self._fields:
            field.setEnabled(True)
        for line in (self.name, self.contact, self.phone):
            line.clear()
        self.funding.setCurrentIndex(0)
        self.saved.clear()
        self.end_button.hide()
        self.setChecked(False)
