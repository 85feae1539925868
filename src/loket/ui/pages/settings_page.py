"""Settings: the interface language (this desk) and the idle lock (the whole branch)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from loket import __version__
from loket.db.engine import Database
from loket.domain.errors import LoketError
from loket.services import settings
from loket.services.actor import Actor
from loket.services.permissions import Permission, can
from loket.ui.form_feedback import clear_error, make_error_label, show_error
from loket.ui.language_combo import LanguageCombo
from loket.ui.local_config import LocalConfig
from loket.ui.pages.page_header import make_page_title
from loket.ui.retranslating import Retranslating


class SettingsPage(Retranslating, QWidget):
    idle_minutes_changed = Signal(int)

    def __init__(
        self, db: Database, actor: Actor, config: LocalConfig, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._db, self._actor = db, actor
        self.title = make_page_title()
        self.language = LanguageCombo(config)
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setObjectName("idleMinutes")
        self.idle_minutes.setRange(1, 120)
        self.idle_minutes.setValue(settings.get_setting(db, "idle_lock_minutes"))
        self.save_idle = QPushButton()
        self.save_idle.setObjectName("saveIdle")
        self.save_idle.clicked.connect(self._save_idle)
        allowed = can(actor, Permission.CHANGE_BRANCH_SETTINGS)
        self.idle_minutes.setEnabled(allowed)
        self.save_idle.setVisible(allowed)
        idle_row = QHBoxLayout()
        idle_row.addWidget(self.idle_minutes)
        idle_row.addWidget(self.save_idle)
        idle_row.addStretch(1)
        self.idle_note = QLabel()
        self.error = make_error_label("settingsError")
        self.saved = QLabel()
        self.saved.setObjectName("settingsSaved")
        self.database = QLabel(db.description)
        # one line: a wrapped label in a form that keeps fields at their size hint is given
        # one line's height and clipped; the path can be selected and copied
        self.database.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.version = QLabel(f"loket {__version__}")

        self._labels = [QLabel() for _ in range(4)]
        self._labels[0].setBuddy(self.language)
        self._labels[1].setBuddy(self.idle_minutes)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self._labels[0], self.language)
        form.addRow(self._labels[1], idle_row)
        form.addRow("", self.idle_note)
        form.addRow(self._labels[2], self.database)
        form.addRow(self._labels[3], self.version)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.saved)
        layout.addStretch(1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Pengaturan"))
        texts = (
            self.tr("&Bahasa tampilan"),
            self.tr("&Kunci layar setelah diam"),
            self.tr("Database"),
            self.tr("Versi"),
        )
        for label, text in zip(self._labels, texts, strict=True):
            label.setText(text)
        self.idle_minutes.setSuffix(self.tr(" menit"))
        self.save_idle.setText(self.tr("Simpan"))
        self.idle_note.setText(
            self.tr("Berlaku untuk semua loket di cabang ini.")
            if self.idle_minutes.isEnabled()
            else self.tr("Hanya kepala bidang atau admin yang dapat mengubahnya.")
        )

    def _save_idle(self) -> None:
        fields: dict[str, QWidget] = {"idle_lock_minutes": self.idle_minutes}
        clear_error(self.error, fields)
        self.saved.clear()
        minutes = self.idle_minutes.value()
        try:
            settings.set_setting(self._db, self._actor, "idle_lock_minutes", minutes)
        except LoketError as exc:
            show_error(self.error, exc, fields)
            return
        self.saved.setText(self.tr("Tersimpan."))
        self.idle_minutes_changed.emit(minutes)
