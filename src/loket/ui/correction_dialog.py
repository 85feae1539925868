"""Correcting a participant's data; identity changes go to a supervisor for approval."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
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
from loket.services.actor import Actor
from loket.services.corrections import CorrectionOutcome, correct_participant
from loket.services.participants import ParticipantDetail
from loket.ui.form_feedback import clear_error, make_error_label, show_error
from loket.ui.occupation_combo import fill_occupations
from loket.ui.retranslating import Retranslating


class CorrectionDialog(Retranslating, QDialog):
    def __init__(
        self, db: Database, actor: Actor, detail: ParticipantDetail, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("correctionDialog")
        self._db, self._actor, self._detail = db, actor, detail
        self.outcome: CorrectionOutcome | None = None
        d = detail
        self.fields: dict[str, QWidget] = {
            "full_name": QLineEdit(d.full_name),
            "nik": QLineEdit(d.nik),
            "birth_date": QDateEdit(QDate(d.birth_date.year, d.birth_date.month, d.birth_date.day)),
            "sex": QComboBox(),
            "birth_place": QLineEdit(d.birth_place),
            "address": QLineEdit(d.address),
            "regency": QLineEdit(d.regency),
            "phone": QLineEdit(d.phone),
            "email": QLineEdit(d.email),
            "occupation": QComboBox(),
            "reason": QLineEdit(),
        }
        for name, widget in self.fields.items():
            widget.setObjectName(name)
        self.reason: QLineEdit = self.fields["reason"]  # type: ignore[assignment]
        self.birth: QDateEdit = self.fields["birth_date"]  # type: ignore[assignment]
        self.birth.setDisplayFormat("dd-MM-yyyy")
        self.sex: QComboBox = self.fields["sex"]  # type: ignore[assignment]
        self.sex.addItems(["L", "P"])
        self.sex.setCurrentIndex(0 if d.sex == "L" else 1)
        self.occupation: QComboBox = self.fields["occupation"]  # type: ignore[assignment]
        fill_occupations(self.occupation)
        self.occupation.setCurrentIndex(max(0, self.occupation.findData(d.occupation)))
        self._labels = {name: QLabel() for name in self.fields}
        form = QFormLayout()
        for name, widget in self.fields.items():
            self._labels[name].setBuddy(widget)
            form.addRow(self._labels[name], widget)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.error = make_error_label("correctionError")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Ubah data peserta — {kpj}").format(kpj=self._detail.kpj))
        self.note.setText(
            self.tr(
                "Perubahan nama, NIK, tanggal lahir atau jenis kelamin baru berlaku "
                "setelah disetujui kepala bidang pelayanan."
            )
        )
        captions = {
            "full_name": self.tr("Nama lengkap"),
            "nik": self.tr("NIK"),
            "birth_date": self.tr("Tanggal lahir"),
            "sex": self.tr("Jenis kelamin (L/P)"),
            "birth_place": self.tr("Tempat lahir"),
            "address": self.tr("Alamat"),
            "regency": self.tr("Kabupaten/kota"),
            "phone": self.tr("Telepon"),
            "email": self.tr("E-mail"),
            "occupation": self.tr("Pekerjaan"),
            "reason": self.tr("Alasan perubahan"),
        }
        for name, text in captions.items():
            self._labels[name].setText(text)

    def _changes(self) -> dict[str, object]:
        d = self._detail
        qd = self.birth.date()
        now: dict[str, object] = {
            name: w.text()
            for name, w in self.fields.items()
            if isinstance(w, QLineEdit) and name != "reason"
        }
        now |= {
            "birth_date": date(qd.year(), qd.month(), qd.day()),
            "sex": self.sex.currentText(),
            "occupation": self.occupation.currentData(),
        }
        return {name: value for name, value in now.items() if value != getattr(d, name)}

    def save(self) -> None:
        clear_error(self.error, self.fields)
        try:
            self.outcome = correct_participant(
                self._db,
                self._actor,
                self._detail.id,
                self._changes(),
                reason=self.reason.text(),
            )
        except LoketError as exc:
            show_error(self.error, exc, self.fields)
            return
        self.accept()
